/**
 * Which security group rule, network ACL entry or route applies to a packet (security.md §1-2,
 * routing-and-traffic.md §1, §3). Pure functions over the Topology's records.
 */
import { cidrContainsAddress } from '../../../net/ipv4.js';
import type { AclEntryInfo, EniInfo, GroupInfo, RouteInfo, RouteTableInfo, SgRuleInfo } from './topology.js';
import { PROTOCOL_NUMBERS, type Packet } from './packet.js';

export type Direction = 'ingress' | 'egress';

/**
 * True when `rule` admits `packet`. The far end is the destination (egress) or the source (ingress); a rule naming
 * a group matches only a private address of an ENI in that group (`peer`), never a public one.
 */
export function sgRuleMatches(rule: SgRuleInfo, direction: Direction, packet: Packet, peer: EniInfo | undefined): boolean {
  if (rule.protocol !== '-1' && rule.protocol !== packet.protocol) return false;
  if (rule.protocol !== '-1' && (packet.destinationPort < rule.fromPort || packet.destinationPort > rule.toPort)) return false;
  const far = direction === 'egress' ? packet.destination : packet.source;
  if (rule.cidr) return cidrContainsAddress(rule.cidr, far);
  if (rule.referencedGroupId) return peer !== undefined && peer.groupIds.includes(rule.referencedGroupId);
  // Prefix lists are not modelled: their contents are unknown, so they admit nothing here.
  return false;
}

/** The first rule of the first of `groups` that admits the packet (EC2 ORs every rule of every group). */
export function findSgRule(groups: GroupInfo[], direction: Direction, packet: Packet, peer: EniInfo | undefined): SgRuleInfo | undefined {
  for (const group of groups) {
    for (const rule of direction === 'egress' ? group.egress : group.ingress) {
      if (sgRuleMatches(rule, direction, packet, peer)) return rule;
    }
  }
  return undefined;
}

/** The entry that decides the packet: the lowest-numbered entry that matches (the default deny always does). */
export function findAclEntry(entries: AclEntryInfo[], packet: Packet): AclEntryInfo | undefined {
  const address = entries[0]?.egress ? packet.destination : packet.source;
  const protocol = PROTOCOL_NUMBERS[packet.protocol];
  for (const entry of entries) {
    if (entry.protocol !== '-1' && entry.protocol !== protocol) continue;
    if (!cidrContainsAddress(entry.cidr, address)) continue;
    if (entry.protocol !== '-1' && entry.fromPort !== undefined && entry.toPort !== undefined) {
      if (packet.destinationPort < entry.fromPort || packet.destinationPort > entry.toPort) continue;
    }
    return entry;
  }
  return undefined;
}

/** Longest-prefix match (routing-and-traffic.md §1); undefined when no route covers the address. */
export function findRoute(table: RouteTableInfo, address: number): RouteInfo | undefined {
  let best: RouteInfo | undefined;
  for (const route of table.routes) {
    if (!cidrContainsAddress(route.destination, address)) continue;
    if (!best || route.destination.prefix > best.destination.prefix) best = route;
  }
  return best;
}
