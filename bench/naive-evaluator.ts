/**
 * The baseline the evaluator benchmark compares with: the same §3 pipeline (security group egress, check, longest
 * prefix route, ACL out, gateway, ACL in, check, security group ingress, then the reply with tracked groups and
 * ACLs judged again), written the obvious way - every lookup a linear scan of the raw snapshot (ENIs by id and by
 * address, every rule of every group, every route, every ACL entry sorted per packet), every block parsed when
 * it is compared - and no trace. It decides what src/traffic/evaluate.ts decides for the benchmark's packets
 * (TCP between ENIs of one VPC and to the internet); the workload checks that both accept the same packets.
 */
import { inRange, parseAddress, parseRange, type Address } from '../src/traffic/addresses.js';
import type { AclEntryData, NetworkInterfaceData, SecurityGroupRuleData, SubnetData, TopologyData } from '../src/traffic/topology.js';
import type { Packet } from '../src/traffic/verdict.js';

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58, '-1': -1 };

function eniById(topology: TopologyData, id: string): NetworkInterfaceData | undefined {
  for (const eni of topology.networkInterfaces) if (eni.id === id) return eni;
  return undefined;
}

function eniByAddress(topology: TopologyData, address: string): NetworkInterfaceData | undefined {
  for (const eni of topology.networkInterfaces) for (const ip of eni.privateIpv4) if (ip.address === address) return eni;
  return undefined;
}

function subnetOf(topology: TopologyData, eni: NetworkInterfaceData): SubnetData {
  for (const subnet of topology.subnets) if (subnet.id === eni.subnetId) return subnet;
  throw new Error(`no subnet ${eni.subnetId}`);
}

function ruleAdmits(topology: TopologyData, rule: SecurityGroupRuleData, port: number, peer: string): boolean {
  const protocol = PROTOCOLS[rule.protocol] ?? Number(rule.protocol);
  if (protocol !== -1 && protocol !== 6) return false;
  if (protocol === 6 && (port < rule.fromPort || port > rule.toPort)) return false;
  if (rule.cidrIpv4) return inRange(parseRange(rule.cidrIpv4)!, parseAddress(peer)!);
  if (rule.referencedGroupId) {
    const member = eniByAddress(topology, peer);
    return member !== undefined && member.groupIds.includes(rule.referencedGroupId);
  }
  return false;
}

function groupsAdmit(topology: TopologyData, eni: NetworkInterfaceData, egress: boolean, port: number, peer: string): boolean {
  for (const group of topology.securityGroups) {
    if (!eni.groupIds.includes(group.id)) continue;
    for (const rule of group.rules) if (rule.egress === egress && ruleAdmits(topology, rule, port, peer)) return true;
  }
  return false;
}

function aclAdmits(topology: TopologyData, subnet: SubnetData, egress: boolean, port: number, peer: string): boolean {
  const acl = topology.networkAcls.find((a) => a.id === subnet.networkAclId)!;
  const entries = acl.entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const address = parseAddress(peer)!;
  for (const entry of entries) if (aclEntryMatches(entry, port, address)) return entry.ruleAction === 'allow';
  return false;
}

function aclEntryMatches(entry: AclEntryData, port: number, address: Address): boolean {
  if (!entry.cidrBlock || !inRange(parseRange(entry.cidrBlock)!, address)) return false;
  if (entry.protocol === '-1') return true;
  if (entry.protocol !== '6') return false;
  return entry.portFrom === undefined || (port >= entry.portFrom && port <= entry.portTo!);
}

/** The route for `destination`: the longest matching prefix, by scanning every route of the table. */
function route(topology: TopologyData, subnet: SubnetData, destination: string) {
  const table = topology.routeTables.find((t) => t.id === subnet.routeTableId)!;
  const address = parseAddress(destination)!;
  let best: (typeof table.routes)[number] | undefined;
  let bestPrefix = -1;
  for (const r of table.routes) {
    const range = parseRange(r.destination);
    if (range && inRange(range, address) && range.prefix > bestPrefix) {
      best = r;
      bestPrefix = range.prefix;
    }
  }
  return best;
}

function publicOf(eni: NetworkInterfaceData, address: string): string | undefined {
  return eni.privateIpv4.find((ip) => ip.address === address)?.publicIp;
}

/** One direction between two ENIs, or from an ENI to the internet; `tracked`: the groups pass it as a reply. */
function leg(topology: TopologyData, from: NetworkInterfaceData, src: string, dst: string, dport: number, tracked: boolean): boolean {
  if (!tracked && !groupsAdmit(topology, from, true, dport, dst)) return false;
  if (from.sourceDestCheck && !from.privateIpv4.some((ip) => ip.address === src)) return false;
  const fromSubnet = subnetOf(topology, from);
  const r = route(topology, fromSubnet, dst);
  if (!r || r.state === 'blackhole') return false;
  if (r.gatewayId.startsWith('igw-')) {
    return aclAdmits(topology, fromSubnet, true, dport, dst) && publicOf(from, src) !== undefined;
  }
  const to = eniByAddress(topology, dst);
  if (!to) return false;
  const toSubnet = subnetOf(topology, to);
  if (toSubnet.id !== fromSubnet.id) {
    if (!aclAdmits(topology, fromSubnet, true, dport, dst)) return false;
    if (!aclAdmits(topology, toSubnet, false, dport, src)) return false;
  }
  if (to.sourceDestCheck && !to.privateIpv4.some((ip) => ip.address === dst)) return false;
  return tracked || groupsAdmit(topology, to, false, dport, src);
}

/** The request and its reply: true when both get through. */
export function naiveVerdict(topology: TopologyData, packet: Packet): { accepted: boolean; replied: boolean } {
  const from = eniById(topology, packet.source)!;
  const src = from.privateIpv4[0]!.address;
  const sport = packet.sourcePort ?? 49152;
  if (!leg(topology, from, src, packet.destination, packet.port, false)) return { accepted: false, replied: false };
  const to = eniByAddress(topology, packet.destination);
  if (!to) {
    // The internet answers: back through the gateway to the public address, then the ACL and the tracked group.
    const subnet = subnetOf(topology, from);
    return { accepted: true, replied: aclAdmits(topology, subnet, false, sport, packet.destination) };
  }
  return { accepted: true, replied: leg(topology, to, packet.destination, src, sport, true) };
}
