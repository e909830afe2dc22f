/**
 * Security group rules compiled for the evaluator. An ENI's groups are one allow-list per direction (security.md
 * §1: any rule of any group admits). Each group is compiled once, however many ENIs use it, into an index by
 * protocol, and, for TCP and UDP, by port: the port space is cut at every rule's bounds into segments, each
 * holding the rules that cover it, so a packet looks at the rules of its protocol and port only, then at their
 * peers (an IPv4 or IPv6 block as number/bigint bounds, or membership of a referenced group). An ENI's set asks
 * its groups in the ENI's order, each in its rule order, so the trace names the same rule every time. Compiling
 * per group rather than per set of groups keeps the indexes few and small: they stay in the CPU's caches.
 */
import { inRange, parseRange, type Address, type Range } from './addresses.js';
import type { SecurityGroupData, SecurityGroupRuleData } from './topology.js';
import { ICMP, ICMPV6, TCP, UDP } from './verdict.js';

export interface CompiledSgRule {
  data: SecurityGroupRuleData;
  /** The peer block; undefined for referenced-group and prefix-list rules. */
  range?: Range;
  /** An IPv4 block's bounds as plain numbers (first > last when the rule has no IPv4 block): the hot path. */
  v4First: number;
  v4Last: number;
  referencedGroupId?: string;
  fromPort: number;
  toPort: number;
}

interface PortIndex {
  /** Segment i covers ports [starts[i], starts[i+1]); its rules are ids[offsets[i]] … ids[offsets[i+1] - 1]. */
  starts: Int32Array;
  offsets: Int32Array;
  ids: Int32Array;
}

/**
 * One direction of one group. The hot loop reads only typed arrays (each rule's IPv4 bounds, whether it references
 * a group) and touches a rule object only when it matches: few cache lines per packet however many rules there are.
 */
export interface DirectionIndex {
  rules: CompiledSgRule[];
  v4First: Float64Array;
  v4Last: Float64Array;
  /** 1 for a referenced-group rule. */
  isReference: Uint8Array;
  /** Rules of every protocol, matched by any packet. */
  allProtocols: Int32Array;
  tcp?: PortIndex;
  udp?: PortIndex;
  /** ICMP, ICMPv6 and other protocols: a short list each. */
  byProtocol: Map<number, Int32Array>;
  ruleCount: number;
}

export interface CompiledGroup {
  id: string;
  ingress: DirectionIndex;
  egress: DirectionIndex;
}

export interface CompiledGroupSet {
  groupIds: readonly string[];
  groups: readonly CompiledGroup[];
  /** True when none of the groups has any rule at all (SG_HAS_NO_RULES). */
  empty: boolean;
}

const PROTOCOL_NUMBERS: Record<string, number> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6, '-1': -1 };

export function sgProtocolNumber(protocol: string): number {
  return PROTOCOL_NUMBERS[protocol] ?? Number(protocol);
}

function compileRule(data: SecurityGroupRuleData): CompiledSgRule {
  const cidr = data.cidrIpv4 || data.cidrIpv6;
  const range = cidr ? parseRange(cidr) : undefined;
  const v4 = range !== undefined && typeof range.first === 'number';
  return {
    data,
    range,
    v4First: v4 ? (range.first as number) : 1,
    v4Last: v4 ? (range.last as number) : 0,
    referencedGroupId: data.referencedGroupId || undefined,
    fromPort: data.fromPort,
    toPort: data.toPort,
  };
}

function buildPortIndex(rules: readonly CompiledSgRule[], ids: readonly number[]): PortIndex {
  const bounds = new Set<number>([0]);
  for (const id of ids) {
    const rule = rules[id]!;
    bounds.add(rule.fromPort < 0 ? 0 : rule.fromPort);
    const end = rule.toPort < 0 ? 65536 : rule.toPort + 1;
    if (end <= 65535) bounds.add(end);
  }
  const starts = Int32Array.from([...bounds].sort((a, b) => a - b));
  const offsets = new Int32Array(starts.length + 1);
  const flat: number[] = [];
  starts.forEach((start, i) => {
    offsets[i] = flat.length;
    for (const id of ids) {
      const rule = rules[id]!;
      if ((rule.fromPort < 0 || rule.fromPort <= start) && (rule.toPort < 0 || start <= rule.toPort)) flat.push(id);
    }
  });
  offsets[starts.length] = flat.length;
  return { starts, offsets, ids: Int32Array.from(flat) };
}

function buildDirection(rules: CompiledSgRule[]): DirectionIndex {
  const allProtocols: number[] = [];
  const grouped = new Map<number, number[]>();
  rules.forEach((rule, id) => {
    const protocol = sgProtocolNumber(rule.data.protocol);
    if (protocol === -1) {
      allProtocols.push(id);
      return;
    }
    let list = grouped.get(protocol);
    if (!list) grouped.set(protocol, (list = []));
    list.push(id);
  });
  const byProtocol = new Map<number, Int32Array>();
  for (const [protocol, ids] of grouped) if (protocol !== TCP && protocol !== UDP) byProtocol.set(protocol, Int32Array.from(ids));
  return {
    rules,
    v4First: Float64Array.from(rules, (r) => r.v4First),
    v4Last: Float64Array.from(rules, (r) => r.v4Last),
    isReference: Uint8Array.from(rules, (r) => (r.referencedGroupId !== undefined ? 1 : 0)),
    allProtocols: Int32Array.from(allProtocols),
    tcp: grouped.has(TCP) ? buildPortIndex(rules, grouped.get(TCP)!) : undefined,
    udp: grouped.has(UDP) ? buildPortIndex(rules, grouped.get(UDP)!) : undefined,
    byProtocol,
    ruleCount: rules.length,
  };
}

export function compileGroup(group: SecurityGroupData): CompiledGroup {
  const ingress: CompiledSgRule[] = [];
  const egress: CompiledSgRule[] = [];
  for (const rule of group.rules) (rule.egress ? egress : ingress).push(compileRule(rule));
  return { id: group.id, ingress: buildDirection(ingress), egress: buildDirection(egress) };
}

/** An ENI's groups (in the ENI's order), each already compiled. */
export function compileGroupSet(groups: readonly CompiledGroup[]): CompiledGroupSet {
  return {
    groupIds: groups.map((g) => g.id),
    groups,
    empty: groups.every((g) => g.ingress.ruleCount === 0 && g.egress.ruleCount === 0),
  };
}

/** The segment of `index` holding `port` (binary search). */
function segmentOf(index: PortIndex, port: number): number {
  const starts = index.starts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= port) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Looks up the groups of the ENI holding private address `peer`, only when a referenced-group rule needs them. */
export type PeerGroups = (peer: Address) => ReadonlySet<string> | undefined;

function ruleMatches(index: DirectionIndex, id: number, peer: Address, peerGroups: PeerGroups): boolean {
  if (typeof peer === 'number') {
    if (peer >= index.v4First[id]! && peer <= index.v4Last[id]!) return true;
    if (index.isReference[id] === 0) return false;
  }
  const rule = index.rules[id]!;
  if (rule.referencedGroupId !== undefined) {
    // A referenced group admits the private addresses of its members only (security.md §1.1).
    const groups = peerGroups(peer);
    return groups !== undefined && groups.has(rule.referencedGroupId);
  }
  // IPv6 blocks; prefix lists are not modelled by vpclite, so such a rule admits nothing.
  return rule.range !== undefined && typeof peer === 'bigint' && inRange(rule.range, peer);
}

function firstOf(index: DirectionIndex, ids: Int32Array, from: number, to: number, peer: Address, peerGroups: PeerGroups): CompiledSgRule | undefined {
  for (let i = from; i < to; i++) {
    const id = ids[i]!;
    if (ruleMatches(index, id, peer, peerGroups)) return index.rules[id];
  }
  return undefined;
}

const icmpMatches = (rule: CompiledSgRule, type: number, code: number): boolean =>
  (rule.fromPort < 0 || rule.fromPort === type) && (rule.toPort < 0 || rule.toPort === code);

function matchInGroup(
  index: DirectionIndex,
  protocol: number,
  port: number,
  code: number,
  peer: Address,
  peerGroups: PeerGroups,
): CompiledSgRule | undefined {
  if (protocol === TCP || protocol === UDP) {
    const ports = protocol === TCP ? index.tcp : index.udp;
    if (ports !== undefined) {
      const segment = segmentOf(ports, port);
      const hit = firstOf(index, ports.ids, ports.offsets[segment]!, ports.offsets[segment + 1]!, peer, peerGroups);
      if (hit !== undefined) return hit;
    }
  } else if (protocol !== -1) {
    const ids = index.byProtocol.get(protocol);
    if (ids !== undefined) {
      const isIcmp = protocol === ICMP || protocol === ICMPV6;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (isIcmp && !icmpMatches(index.rules[id]!, port, code)) continue;
        if (ruleMatches(index, id, peer, peerGroups)) return index.rules[id];
      }
    }
  }
  const all = index.allProtocols;
  return all.length === 0 ? undefined : firstOf(index, all, 0, all.length, peer, peerGroups);
}

/**
 * The rule of `set` that admits a packet with `protocol`/`port` (ICMP: `port` = type, `code`) from or to `peer`
 * in `direction`, or undefined; groups are asked in the ENI's order.
 */
export function matchSgRule(
  set: CompiledGroupSet,
  direction: 'ingress' | 'egress',
  protocol: number,
  port: number,
  code: number,
  peer: Address,
  peerGroups: PeerGroups,
): CompiledSgRule | undefined {
  const groups = set.groups;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const rule = matchInGroup(direction === 'egress' ? group.egress : group.ingress, protocol, port, code, peer, peerGroups);
    if (rule !== undefined) return rule;
  }
  return undefined;
}
