/**
 * Turns a TopologyData snapshot into the indexed, immutable form evaluate() reads: ENIs by id, by private
 * address within their VPC (private addresses may repeat across VPCs) and by public address (unique), each
 * subnet with its compiled route table and network ACL, and each ENI with the compiled union of its security
 * groups - compiled once per distinct set of groups, however many ENIs share it.
 */
import { parseAddress, parseRange, type Address, type Range } from './addresses.js';
import { compileAcl, type CompiledAcl } from './network-acl-index.js';
import { compileRouteTable, type CompiledRouteTable } from './route-index.js';
import { compileGroup, compileGroupSet, type CompiledGroup, type CompiledGroupSet } from './security-group-index.js';
import type { NetworkInterfaceData, SubnetData, TopologyData, VpcData } from './topology.js';

export interface CompiledVpc {
  data: VpcData;
  ipv4Ranges: Range[];
  ipv6Ranges: Range[];
  /** The Amazon DNS server at the primary IPv4 block's base + 2. */
  resolver?: number;
  /** Private IPv4 and IPv6 addresses of the VPC's ENIs in the snapshot. */
  byPrivate: Map<Address, CompiledEni>;
  /** ENIs with delegated IPv6 prefixes, for addresses inside them. */
  ipv6PrefixOwners: CompiledEni[];
}

export interface CompiledSubnet {
  data: SubnetData;
  vpc: CompiledVpc;
  /** Its IPv4 block and IPv6 blocks. */
  ranges: Range[];
  routeTable?: CompiledRouteTable;
  acl?: CompiledAcl;
}

export interface CompiledEni {
  data: NetworkInterfaceData;
  vpc: CompiledVpc;
  subnet: CompiledSubnet;
  groups: CompiledGroupSet;
  groupIds: ReadonlySet<string>;
  /** Its private IPv4 (primary, secondary, prefix addresses) and IPv6 addresses. */
  own: ReadonlySet<Address>;
  ipv6Prefixes: Range[];
  primaryIpv4: number;
  /** Copied from `data`: read at both ends of every leg, and `data` is one more object to fetch. */
  sourceDestCheck: boolean;
  /** Attached to an instance that is not running: it neither sends nor receives (checked at both ends of every leg). */
  halted: boolean;
  /** Private IPv4 → the public address the internet gateway maps it to. */
  publicByPrivate: ReadonlyMap<number, number>;
  /** The ENI as a path node and as a leg endpoint, made once. */
  node: { kind: 'eni'; eni: CompiledEni };
  endpoint: { kind: 'eni'; eni: NetworkInterfaceData };
}

export interface PublicMapping {
  eni: CompiledEni;
  privateAddress: number;
}

export interface Topology {
  data: TopologyData;
  vpcs: ReadonlyMap<string, CompiledVpc>;
  subnets: ReadonlyMap<string, CompiledSubnet>;
  networkInterfaces: ReadonlyMap<string, CompiledEni>;
  byPublicIpv4: ReadonlyMap<number, PublicMapping>;
}

function compileVpc(data: VpcData): CompiledVpc {
  const ipv4Ranges = data.ipv4Cidrs.map((c) => parseRange(c)).filter((r): r is Range => r !== undefined);
  const ipv6Ranges = data.ipv6Cidrs.map((c) => parseRange(c)).filter((r): r is Range => r !== undefined);
  const primary = ipv4Ranges[0];
  return {
    data,
    ipv4Ranges,
    ipv6Ranges,
    resolver: primary ? (primary.first as number) + 2 : undefined,
    byPrivate: new Map(),
    ipv6PrefixOwners: [],
  };
}

export function compileTopology(data: TopologyData): Topology {
  const vpcs = new Map(data.vpcs.map((vpc) => [vpc.id, compileVpc(vpc)]));
  const tables = new Map(data.routeTables.map((table) => [table.id, compileRouteTable(table)]));
  const acls = new Map(data.networkAcls.map((acl) => [acl.id, compileAcl(acl)]));
  const groups = new Map<string, CompiledGroup>(data.securityGroups.map((group) => [group.id, compileGroup(group)]));
  const subnets = new Map<string, CompiledSubnet>();
  for (const subnet of data.subnets) {
    const vpc = vpcs.get(subnet.vpcId);
    if (!vpc) continue;
    const ranges = [subnet.cidrBlock, ...subnet.ipv6CidrBlocks].map((c) => parseRange(c)).filter((r): r is Range => r !== undefined);
    subnets.set(subnet.id, { data: subnet, vpc, ranges, routeTable: tables.get(subnet.routeTableId), acl: acls.get(subnet.networkAclId) });
  }
  const groupSets = new Map<string, CompiledGroupSet>();
  const networkInterfaces = new Map<string, CompiledEni>();
  const byPublicIpv4 = new Map<number, PublicMapping>();
  for (const eniData of data.networkInterfaces) {
    const subnet = subnets.get(eniData.subnetId);
    if (!subnet) continue;
    const key = eniData.groupIds.join(',');
    let groupSet = groupSets.get(key);
    if (!groupSet) {
      groupSet = compileGroupSet(eniData.groupIds.map((id) => groups.get(id)).filter((g): g is CompiledGroup => !!g));
      groupSets.set(key, groupSet);
    }
    const own = new Set<Address>();
    const publicByPrivate = new Map<number, number>();
    let primaryIpv4 = -1;
    for (const ip of eniData.privateIpv4) {
      const address = parseAddress(ip.address) as number | undefined;
      if (address === undefined) continue;
      own.add(address);
      if (ip.primary || primaryIpv4 < 0) primaryIpv4 = address;
      const publicAddress = ip.publicIp ? (parseAddress(ip.publicIp) as number | undefined) : undefined;
      if (publicAddress !== undefined) publicByPrivate.set(address, publicAddress);
    }
    for (const text of eniData.ipv6Addresses) {
      const address = parseAddress(text);
      if (address !== undefined) own.add(address);
    }
    const eni: CompiledEni = {
      data: eniData,
      vpc: subnet.vpc,
      subnet,
      groups: groupSet,
      groupIds: new Set(eniData.groupIds),
      own,
      ipv6Prefixes: eniData.ipv6Prefixes.map((p) => parseRange(p)).filter((r): r is Range => r !== undefined),
      primaryIpv4,
      sourceDestCheck: eniData.sourceDestCheck,
      halted: !!eniData.instanceId && eniData.instanceState !== undefined && eniData.instanceState !== 'running',
      publicByPrivate,
      node: undefined as unknown as CompiledEni['node'],
      endpoint: { kind: 'eni', eni: eniData },
    };
    eni.node = { kind: 'eni', eni };
    networkInterfaces.set(eniData.id, eni);
    for (const address of own) subnet.vpc.byPrivate.set(address, eni);
    if (eni.ipv6Prefixes.length > 0) subnet.vpc.ipv6PrefixOwners.push(eni);
    for (const [privateAddress, publicAddress] of publicByPrivate) byPublicIpv4.set(publicAddress, { eni, privateAddress });
  }
  return { data, vpcs, subnets, networkInterfaces, byPublicIpv4 };
}
