/**
 * The representative packets of a path. An analysis is about configuration, not packets: a path is reachable when
 * some packet within its constraints (protocol, addresses, port ranges) gets there and its reply gets back. Every
 * rule decision is constant between consecutive rule boundaries, so it is enough to try one port per interval
 * between the boundaries of the slice's rules (each range's start, each end + 1), and for an unnamed internet end
 * one internet address per CIDR the rules name. Candidates come in ascending order from the range's own start, so
 * the first packet tried is the plainest one the path allows.
 */
import { cidrContainsAddress, parseIpv4Cidr, type Ipv4Cidr } from '../../../net/ipv4.js';
import type { TopologyData } from '../../../traffic/index.js';

export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** Port candidates within `range`: its start and every rule boundary inside it. */
export function portCandidates(range: PortRange, boundaries: number[]): number[] {
  const inside = boundaries.filter((p) => p > range.from && p <= range.to).sort((a, b) => a - b);
  return [...new Set([range.from, ...inside])];
}

/** Every place a destination-port decision can change: security group and ACL port ranges of the slice. */
export function destinationPortBoundaries(data: TopologyData): number[] {
  const result: number[] = [];
  for (const group of data.securityGroups) {
    for (const rule of group.rules) if (rule.protocol === 'tcp' || rule.protocol === 'udp') result.push(rule.fromPort, rule.toPort + 1);
  }
  return [...result, ...aclPortBoundaries(data)];
}

/** The reply's destination port (the request's source port) meets ACL entries only. */
export function aclPortBoundaries(data: TopologyData): number[] {
  const result: number[] = [];
  for (const acl of data.networkAcls) {
    for (const entry of acl.entries) if (entry.portFrom !== undefined && entry.portTo !== undefined) result.push(entry.portFrom, entry.portTo + 1);
  }
  return result;
}

const block = (text: string): Ipv4Cidr => parseIpv4Cidr(text)!;
/** Never on the internet: this network, RFC 1918, RFC 6598, loopback, link-local, multicast and above. */
const RESERVED = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(block);

export const isInternetAddress = (address: number): boolean => !RESERVED.some((c) => cidrContainsAddress(c, address));

/** The first internet address of `cidr`, stepping over the reserved blocks it starts in; undefined if none. */
export function firstInternetAddress(cidr: Ipv4Cidr): number | undefined {
  const last = cidr.base + 2 ** (32 - cidr.prefix) - 1;
  let address = cidr.base;
  for (let guard = 0; guard <= RESERVED.length && address <= last; guard++) {
    const reserved = RESERVED.find((c) => cidrContainsAddress(c, address));
    if (!reserved) return address;
    address = reserved.base + 2 ** (32 - reserved.prefix);
  }
  return undefined;
}

/** Internet addresses worth trying for an unnamed internet end: one per IPv4 CIDR the slice's rules name. */
export function internetAddressCandidates(data: TopologyData): number[] {
  const cidrs = new Set<string>(['0.0.0.0/0']);
  for (const group of data.securityGroups) for (const rule of group.rules) if (rule.cidrIpv4) cidrs.add(rule.cidrIpv4);
  for (const acl of data.networkAcls) for (const entry of acl.entries) if (entry.cidrBlock) cidrs.add(entry.cidrBlock);
  const result = new Set<number>();
  for (const text of cidrs) {
    const cidr = parseIpv4Cidr(text);
    const address = cidr ? firstInternetAddress(cidr) : undefined;
    if (address !== undefined) result.add(address);
  }
  return [...result].sort((a, b) => a - b);
}
