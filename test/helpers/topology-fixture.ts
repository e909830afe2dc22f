/**
 * A hand-made topology snapshot for the pure evaluator's unit tests (no server): one VPC 10.0.0.0/16 with an IPv6
 * block and an internet gateway, a public subnet (10.0.1.0/24, routes 0.0.0.0/0 and ::/0 to the gateway) and a
 * private one (10.0.2.0/24, routes 0.0.0.0/0 to the NAT instance's ENI), both on the default-style ACL
 * `acl-open` unless a test swaps it. Tests change what they need with the `with*` helpers.
 */
import type {
  AclEntryData,
  NetworkAclData,
  NetworkInterfaceData,
  RouteData,
  SecurityGroupData,
  SecurityGroupRuleData,
  TopologyData,
} from '../../src/traffic/topology.js';

export const route = (destination: string, target: string, state: 'active' | 'blackhole' = 'active'): RouteData => ({
  destination,
  family: destination.includes(':') ? 'ipv6' : 'ipv4',
  gatewayId: target === 'local' || target.startsWith('igw-') ? target : '',
  networkInterfaceId: target.startsWith('eni-') ? target : '',
  instanceId: '',
  state,
  origin: target === 'local' ? 'CreateRouteTable' : 'CreateRoute',
});

let ruleSeq = 0;
export function sgRule(groupId: string, egress: boolean, protocol: string, from: number, to: number, peer: string): SecurityGroupRuleData {
  ruleSeq += 1;
  const id = `sgr-${String(ruleSeq).padStart(17, '0')}`;
  const base = { id, groupId, egress, protocol, fromPort: from, toPort: to };
  if (peer.startsWith('sg-')) return { ...base, referencedGroupId: peer };
  if (peer.includes(':')) return { ...base, cidrIpv6: peer };
  return { ...base, cidrIpv4: peer };
}

export const aclEntry = (
  ruleNumber: number,
  egress: boolean,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  ports?: [number, number],
): AclEntryData => ({
  ruleNumber,
  egress,
  ruleAction: action,
  protocol,
  ...(cidr.includes(':') ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr }),
  ...(ports ? { portFrom: ports[0], portTo: ports[1] } : {}),
  ...(protocol === '1' ? { icmpType: -1, icmpCode: -1 } : {}),
});

export const openAcl = (id: string): NetworkAclData => ({
  id,
  vpcId: 'vpc-1',
  entries: [
    aclEntry(100, false, 'allow', '-1', '0.0.0.0/0'),
    aclEntry(100, true, 'allow', '-1', '0.0.0.0/0'),
    aclEntry(101, false, 'allow', '-1', '::/0'),
    aclEntry(101, true, 'allow', '-1', '::/0'),
    aclEntry(32767, false, 'deny', '-1', '0.0.0.0/0'),
    aclEntry(32767, true, 'deny', '-1', '0.0.0.0/0'),
    aclEntry(32768, false, 'deny', '-1', '::/0'),
    aclEntry(32768, true, 'deny', '-1', '::/0'),
  ],
});

export function eni(id: string, subnetId: string, address: string, extra: Partial<NetworkInterfaceData> = {}): NetworkInterfaceData {
  return {
    id,
    account: '123456789012',
    vpcId: 'vpc-1',
    subnetId,
    availabilityZoneId: 'use1-az1',
    interfaceType: 'interface',
    sourceDestCheck: true,
    groupIds: ['sg-open'],
    privateIpv4: [{ address, primary: true }],
    ipv6Addresses: [],
    ipv6Prefixes: [],
    attachmentStatus: '',
    ...extra,
  };
}

const openGroup: SecurityGroupData = {
  id: 'sg-open',
  vpcId: 'vpc-1',
  rules: [
    sgRule('sg-open', false, '-1', -1, -1, '0.0.0.0/0'),
    sgRule('sg-open', true, '-1', -1, -1, '0.0.0.0/0'),
    sgRule('sg-open', false, '-1', -1, -1, '::/0'),
    sgRule('sg-open', true, '-1', -1, -1, '::/0'),
  ],
};

export function baseTopology(): TopologyData {
  return {
    account: '123456789012',
    region: 'us-east-1',
    vpcs: [{ id: 'vpc-1', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: ['2600:1f18:1:100::/56'], internetGatewayId: 'igw-1' }],
    subnets: [
      { id: 'subnet-pub', vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', ipv6CidrBlocks: ['2600:1f18:1:101::/64'], availabilityZoneId: 'use1-az1', routeTableId: 'rtb-pub', mainRouteTable: false, networkAclId: 'acl-open' },
      { id: 'subnet-priv', vpcId: 'vpc-1', cidrBlock: '10.0.2.0/24', ipv6CidrBlocks: [], availabilityZoneId: 'use1-az1', routeTableId: 'rtb-priv', mainRouteTable: true, networkAclId: 'acl-open' },
    ],
    routeTables: [
      { id: 'rtb-pub', vpcId: 'vpc-1', routes: [route('10.0.0.0/16', 'local'), route('2600:1f18:1:100::/56', 'local'), route('0.0.0.0/0', 'igw-1'), route('::/0', 'igw-1')] },
      { id: 'rtb-priv', vpcId: 'vpc-1', routes: [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'eni-nat')] },
    ],
    networkAcls: [openAcl('acl-open')],
    securityGroups: [openGroup],
    networkInterfaces: [
      eni('eni-web', 'subnet-pub', '10.0.1.10', {
        privateIpv4: [{ address: '10.0.1.10', primary: true, publicIp: '198.18.0.10', allocationId: 'eipalloc-1' }],
        ipv6Addresses: ['2600:1f18:1:101::10'],
      }),
      eni('eni-web2', 'subnet-pub', '10.0.1.11'),
      eni('eni-app', 'subnet-priv', '10.0.2.20'),
      eni('eni-nat', 'subnet-pub', '10.0.1.30', {
        sourceDestCheck: false,
        privateIpv4: [{ address: '10.0.1.30', primary: true, publicIp: '198.19.0.30' }],
      }),
    ],
  };
}

/** `topology` with ENI `id` changed by `change`. */
export function withEni(topology: TopologyData, id: string, change: Partial<NetworkInterfaceData>): TopologyData {
  return { ...topology, networkInterfaces: topology.networkInterfaces.map((e) => (e.id === id ? { ...e, ...change } : e)) };
}

export function withGroups(topology: TopologyData, groups: SecurityGroupData[]): TopologyData {
  return { ...topology, securityGroups: [...topology.securityGroups, ...groups] };
}

export function withAcl(topology: TopologyData, subnetId: string, acl: NetworkAclData): TopologyData {
  return {
    ...topology,
    networkAcls: [...topology.networkAcls, acl],
    subnets: topology.subnets.map((s) => (s.id === subnetId ? { ...s, networkAclId: acl.id } : s)),
  };
}

export function withRoutes(topology: TopologyData, tableId: string, routes: RouteData[]): TopologyData {
  return { ...topology, routeTables: topology.routeTables.map((t) => (t.id === tableId ? { ...t, routes } : t)) };
}
