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
  referencedGroupId?: string;
  fromPort: number;
  toPort: number;
}

/**
 * The rules of one protocol in one group and direction, cut by port, in a single Uint32Array: a lookup reads one
 * contiguous block (a few cache lines) rather than a dozen objects and arrays, which is what a check costs when
 * 100 groups take turns. With S segments:
 *
 *   [0]              S
 *   [1 … S]          each segment's first port, ascending
 *   [S+1 … 2S+1]     where each segment's candidates begin in this array (the last value: where the last one ends)
 *   then             the candidates, CANDIDATE numbers each (see below), in rule order within each segment
 */
export type RuleTable = Uint32Array;

/**
 * A candidate is its rule's IPv4 block as two bounds (1 > 0 when it has none, so no IPv4 address matches) and its
 * rule's index times two, plus one when an IPv4 peer outside the bounds still needs the rule itself: a
 * referenced-group rule. An IPv4 packet thus decides most candidates from the table alone.
 */
const CANDIDATE = 3;
const NO_BLOCK_FIRST = 1;
const NO_BLOCK_LAST = 0;

export interface DirectionIndex {
  rules: CompiledSgRule[];
  tcp?: RuleTable;
  udp?: RuleTable;
  /** Rules of every protocol, matched by any packet: one segment covering every port. */
  allProtocols?: RuleTable;
  /** ICMP, ICMPv6 and other protocols: a short list of rule indexes each, checked on the rules themselves. */
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
  /** The groups' indexes per direction, in the ENI's order: a check walks one of these. */
  ingress: readonly DirectionIndex[];
  egress: readonly DirectionIndex[];
  /** True when none of the groups has any rule at all (SG_HAS_NO_RULES). */
  empty: boolean;
}

const PROTOCOL_NUMBERS: Record<string, number> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6, '-1': -1 };

export function sgProtocolNumber(protocol: string): number {
  return PROTOCOL_NUMBERS[protocol] ?? Number(protocol);
}

function compileRule(data: SecurityGroupRuleData): CompiledSgRule {
  const cidr = data.cidrIpv4 || data.cidrIpv6;
  return {
    data,
    range: cidr ? parseRange(cidr) : undefined,
    referencedGroupId: data.referencedGroupId || undefined,
    fromPort: data.fromPort,
    toPort: data.toPort,
  };
}

/** The segments' first ports: 0 and every bound of the rules' port ranges (-1 = all ports). */
function segmentStarts(rules: readonly CompiledSgRule[], ids: readonly number[]): number[] {
  const bounds = new Set<number>([0]);
  for (const id of ids) {
    const rule = rules[id]!;
    bounds.add(rule.fromPort < 0 ? 0 : rule.fromPort);
    const end = rule.toPort < 0 ? 65536 : rule.toPort + 1;
    if (end <= 65535) bounds.add(end);
  }
  return [...bounds].sort((a, b) => a - b);
}

function pushCandidate(out: number[], rule: CompiledSgRule, id: number): void {
  const v4 = rule.range !== undefined && typeof rule.range.first === 'number';
  out.push(v4 ? (rule.range!.first as number) : NO_BLOCK_FIRST, v4 ? (rule.range!.last as number) : NO_BLOCK_LAST);
  out.push(id * 2 + (rule.referencedGroupId !== undefined ? 1 : 0));
}

/** The table of rules `ids`; `byPort` false for rules that match every port (one segment). */
function buildRuleTable(rules: readonly CompiledSgRule[], ids: readonly number[], byPort: boolean): RuleTable {
  const starts = byPort ? segmentStarts(rules, ids) : [0];
  const segments = starts.length;
  const candidates: number[] = [];
  const offsets: number[] = [];
  const base = 1 + segments + segments + 1;
  for (const start of starts) {
    offsets.push(base + candidates.length);
    for (const id of ids) {
      const rule = rules[id]!;
      const covers = !byPort || ((rule.fromPort < 0 || rule.fromPort <= start) && (rule.toPort < 0 || start <= rule.toPort));
      if (covers) pushCandidate(candidates, rule, id);
    }
  }
  offsets.push(base + candidates.length);
  return Uint32Array.from([segments, ...starts, ...offsets, ...candidates]);
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
    tcp: grouped.has(TCP) ? buildRuleTable(rules, grouped.get(TCP)!, true) : undefined,
    udp: grouped.has(UDP) ? buildRuleTable(rules, grouped.get(UDP)!, true) : undefined,
    allProtocols: allProtocols.length > 0 ? buildRuleTable(rules, allProtocols, false) : undefined,
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
    ingress: groups.map((g) => g.ingress),
    egress: groups.map((g) => g.egress),
    empty: groups.every((g) => g.ingress.ruleCount === 0 && g.egress.ruleCount === 0),
  };
}

/** The segment of `table` holding `port` (binary search over the segments' first ports). */
function segmentOf(table: RuleTable, port: number): number {
  let low = 0;
  let high = table[0]! - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (table[1 + mid]! <= port) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Looks up the groups of the ENI holding private address `peer`, only when a referenced-group rule needs them. */
export interface PeerGroups {
  groupsOf(peer: Address): ReadonlySet<string> | undefined;
}

/** Whether `rule`'s peer (a block or a referenced group) admits `peer`, read from the rule itself. */
function peerMatches(rule: CompiledSgRule, peer: Address, peerGroups: PeerGroups): boolean {
  if (rule.referencedGroupId !== undefined) {
    // A referenced group admits the private addresses of its members only (security.md §1.1).
    const groups = peerGroups.groupsOf(peer);
    return groups !== undefined && groups.has(rule.referencedGroupId);
  }
  // An IPv4 or IPv6 block; prefix lists are not modelled by vpclite, so such a rule admits nothing.
  return rule.range !== undefined && inRange(rule.range, peer);
}

/** The first rule of `table`'s segment for `port` whose peer admits `peer`. */
function firstInTable(table: RuleTable, rules: readonly CompiledSgRule[], port: number, peer: Address, peerGroups: PeerGroups): CompiledSgRule | undefined {
  const segments = table[0]!;
  const segment = segmentOf(table, port);
  const end = table[2 + segments + segment]!;
  for (let at = table[1 + segments + segment]!; at < end; at += CANDIDATE) {
    const tag = table[at + 2]!;
    if (typeof peer === 'number') {
      if (peer >= table[at]! && peer <= table[at + 1]!) return rules[tag >>> 1];
      if ((tag & 1) === 0) continue;
    }
    const rule = rules[tag >>> 1]!;
    if (peerMatches(rule, peer, peerGroups)) return rule;
  }
  return undefined;
}

const icmpMatches = (rule: CompiledSgRule, type: number, code: number): boolean =>
  (rule.fromPort < 0 || rule.fromPort === type) && (rule.toPort < 0 || rule.toPort === code);

/** ICMP, ICMPv6 and protocols without ports: their short lists, checked on the rules themselves. */
function firstOfProtocol(index: DirectionIndex, protocol: number, port: number, code: number, peer: Address, peerGroups: PeerGroups): CompiledSgRule | undefined {
  const ids = index.byProtocol.get(protocol);
  if (ids === undefined) return undefined;
  const isIcmp = protocol === ICMP || protocol === ICMPV6;
  for (let i = 0; i < ids.length; i++) {
    const rule = index.rules[ids[i]!]!;
    if (isIcmp && !icmpMatches(rule, port, code)) continue;
    if (peerMatches(rule, peer, peerGroups)) return rule;
  }
  return undefined;
}

function matchInGroup(
  index: DirectionIndex,
  protocol: number,
  port: number,
  code: number,
  peer: Address,
  peerGroups: PeerGroups,
): CompiledSgRule | undefined {
  let hit: CompiledSgRule | undefined;
  if (protocol === TCP || protocol === UDP) {
    const table = protocol === TCP ? index.tcp : index.udp;
    if (table !== undefined) hit = firstInTable(table, index.rules, port, peer, peerGroups);
  } else if (protocol !== -1) {
    hit = firstOfProtocol(index, protocol, port, code, peer, peerGroups);
  }
  if (hit !== undefined || index.allProtocols === undefined) return hit;
  return firstInTable(index.allProtocols, index.rules, 0, peer, peerGroups);
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
  const indexes = direction === 'egress' ? set.egress : set.ingress;
  for (let i = 0; i < indexes.length; i++) {
    const rule = matchInGroup(indexes[i]!, protocol, port, code, peer, peerGroups);
    if (rule !== undefined) return rule;
  }
  return undefined;
}
