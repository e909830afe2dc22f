/**
 * The representative packets of a path. An analysis is about configuration, not packets: a path is reachable when
 * some packet within its constraints (protocol, addresses, port ranges) gets there and its reply gets back. Every
 * rule decision on the way is constant between consecutive rule boundaries, so it is enough to try one port per
 * interval between boundaries of the rules in the slice (each range's start, each end + 1), and for an internet
 * end one internet address per rule CIDR. Candidates come in ascending order, starting with the range's own start,
 * so the first packet tried is the plainest one the path allows.
 */
import { parseIpv4Cidr } from '../../../net/ipv4.js';
import { firstInternetAddress } from './packet.js';
import type { Topology } from './topology.js';

export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** Port candidates within `range`: its start and every rule boundary inside it. */
export function portCandidates(range: PortRange, boundaries: number[]): number[] {
  const inside = boundaries.filter((p) => p > range.from && p <= range.to);
  return [...new Set([range.from, ...inside.sort((a, b) => a - b)])];
}

/** Every place a port decision can change: security group and ACL ranges of the slice. */
export function destinationPortBoundaries(topology: Topology): number[] {
  const result: number[] = [];
  for (const group of topology.groups.values()) {
    for (const rule of [...group.ingress, ...group.egress]) {
      if (rule.protocol === 'tcp' || rule.protocol === 'udp') result.push(rule.fromPort, rule.toPort + 1);
    }
  }
  return [...result, ...aclPortBoundaries(topology)];
}

/** The reply's destination port (the request's source port) meets ACL entries only. */
export function aclPortBoundaries(topology: Topology): number[] {
  const result: number[] = [];
  for (const acl of topology.acls.values()) {
    for (const entry of [...acl.inbound, ...acl.outbound]) {
      if (entry.fromPort !== undefined && entry.toPort !== undefined) result.push(entry.fromPort, entry.toPort + 1);
    }
  }
  return result;
}

/** Internet addresses worth trying for an unspecified internet end: one per CIDR the slice's rules name. */
export function internetAddressCandidates(topology: Topology): number[] {
  const cidrs = new Set<string>(['0.0.0.0/0']);
  for (const group of topology.groups.values()) {
    for (const rule of [...group.ingress, ...group.egress]) if (rule.cidr) cidrs.add(rule.cidrText);
  }
  for (const acl of topology.acls.values()) for (const entry of [...acl.inbound, ...acl.outbound]) cidrs.add(entry.cidrText);
  const result = new Set<number>();
  for (const text of cidrs) {
    const cidr = parseIpv4Cidr(text);
    const address = cidr ? firstInternetAddress(cidr) : undefined;
    if (address !== undefined) result.add(address);
  }
  return [...result].sort((a, b) => a - b);
}
