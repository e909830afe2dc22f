/**
 * The evaluator benchmark's topology, built in memory (no server): one VPC 10.0.0.0/16 with an internet
 * gateway, 10 subnets of 100 ENIs each (1,000 ENIs), 100 security groups of 50 rules (25 in, 25 out: single
 * ports and ranges from /16-/28 blocks, about one in five referencing another group), every ENI in 1-3 groups,
 * and 10 network ACLs of 20 entries per direction (allows and denies on ports and blocks, then the `*` rule).
 * A seeded generator makes every run evaluate the same topology and the same packets.
 */
import type {
  AclEntryData,
  NetworkAclData,
  NetworkInterfaceData,
  SecurityGroupData,
  SecurityGroupRuleData,
  SubnetData,
  TopologyData,
} from '../src/traffic/topology.js';
import type { Packet } from '../src/traffic/verdict.js';

export const ENIS = 1000;
export const GROUPS = 100;
export const RULES_PER_GROUP = 50;
export const ACL_ENTRIES = 20;
const SUBNETS = 10;

/** mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width = 17) => n.toString(16).padStart(width, '0');
/** The ports rules, entries and packets use (shared with the Reachability benchmark's API-built population). */
export const PORTS = [22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9000, 27017];

export function benchTopology(): TopologyData {
  const random = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const groupIds = Array.from({ length: GROUPS }, (_, i) => `sg-${hex(i)}`);
  let ruleSeq = 0;
  const block = () => {
    const prefix = pick([16, 20, 24, 28]);
    const third = Math.floor(random() * 256);
    const fourth = prefix === 28 ? Math.floor(random() * 16) * 16 : 0;
    return prefix === 16 ? '10.0.0.0/16' : prefix === 20 ? `10.0.${third & 0xf0}.0/20` : `10.0.${third}.${fourth}/${prefix}`;
  };
  const securityGroups: SecurityGroupData[] = groupIds.map((id) => {
    const rules: SecurityGroupRuleData[] = [];
    for (let r = 0; r < RULES_PER_GROUP; r++) {
      const egress = r >= RULES_PER_GROUP / 2;
      const port = pick(PORTS);
      const ranged = random() < 0.2;
      const peer = random() < 0.2 ? { referencedGroupId: pick(groupIds) } : { cidrIpv4: block() };
      rules.push({
        id: `sgr-${hex(++ruleSeq)}`,
        groupId: id,
        egress,
        protocol: random() < 0.9 ? 'tcp' : 'udp',
        fromPort: port,
        toPort: ranged ? port + 100 : port,
        ...peer,
      });
    }
    return { id, vpcId: 'vpc-bench', rules };
  });

  const networkAcls: NetworkAclData[] = Array.from({ length: SUBNETS }, (_, i) => {
    const entries: AclEntryData[] = [];
    for (const egress of [false, true]) {
      for (let e = 0; e < ACL_ENTRIES - 1; e++) {
        const deny = e % 4 === 0;
        const port = pick(PORTS);
        entries.push({ ruleNumber: (e + 1) * 10, egress, protocol: '6', ruleAction: deny ? 'deny' : 'allow', cidrBlock: deny ? block() : '10.0.0.0/16', portFrom: deny ? port : 1, portTo: deny ? port : 65535 });
      }
      entries.push({ ruleNumber: 32767, egress, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' });
    }
    return { id: `acl-${hex(i)}`, vpcId: 'vpc-bench', entries };
  });

  const subnets: SubnetData[] = Array.from({ length: SUBNETS }, (_, i) => ({
    id: `subnet-${hex(i)}`,
    vpcId: 'vpc-bench',
    cidrBlock: `10.0.${i * 16}.0/20`,
    ipv6CidrBlocks: [],
    availabilityZoneId: 'use1-az1',
    routeTableId: 'rtb-bench',
    mainRouteTable: true,
    networkAclId: `acl-${hex(i)}`,
  }));

  const networkInterfaces: NetworkInterfaceData[] = Array.from({ length: ENIS }, (_, i) => {
    const subnet = Math.floor(i / (ENIS / SUBNETS));
    const host = (i % (ENIS / SUBNETS)) + 10;
    const count = 1 + Math.floor(random() * 3);
    const groups = [...new Set(Array.from({ length: count }, () => pick(groupIds)))];
    return {
      id: `eni-${hex(i)}`,
      account: '123456789012',
      vpcId: 'vpc-bench',
      subnetId: subnets[subnet]!.id,
      availabilityZoneId: 'use1-az1',
      interfaceType: 'interface',
      sourceDestCheck: true,
      groupIds: groups,
      privateIpv4: [{ address: `10.0.${subnet * 16}.${host}`, primary: true, publicIp: i % 10 === 0 ? `198.18.${Math.floor(i / 256)}.${i % 256}` : undefined }],
      ipv6Addresses: [],
      ipv6Prefixes: [],
      attachmentStatus: '',
    };
  });

  return {
    account: '123456789012',
    region: 'us-east-1',
    vpcs: [{ id: 'vpc-bench', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [], internetGatewayId: 'igw-bench' }],
    subnets,
    routeTables: [
      {
        id: 'rtb-bench',
        vpcId: 'vpc-bench',
        routes: [
          { destination: '10.0.0.0/16', family: 'ipv4', gatewayId: 'local', networkInterfaceId: '', instanceId: '', state: 'active', origin: 'CreateRouteTable' },
          { destination: '0.0.0.0/0', family: 'ipv4', gatewayId: 'igw-bench', networkInterfaceId: '', instanceId: '', state: 'active', origin: 'CreateRoute' },
        ],
      },
    ],
    networkAcls,
    securityGroups,
    networkInterfaces,
  };
}

/** `count` packets between two random ENIs of the topology (a tenth to the internet), TCP to the rules' ports. */
export function benchPackets(topology: TopologyData, count: number): Packet[] {
  const random = seeded(7);
  const enis = topology.networkInterfaces;
  return Array.from({ length: count }, () => {
    const fromIndex = Math.floor(random() * enis.length);
    // Never an ENI to itself: that packet never leaves the instance.
    const toIndex = (fromIndex + 1 + Math.floor(random() * (enis.length - 1))) % enis.length;
    const from = enis[fromIndex]!;
    const to = enis[toIndex]!;
    const internet = random() < 0.1;
    return {
      source: from.id,
      destination: internet ? '8.8.8.8' : to.privateIpv4[0]!.address,
      protocol: 6,
      port: PORTS[Math.floor(random() * PORTS.length)]!,
      sourcePort: 32768 + Math.floor(random() * 28000),
    };
  });
}
