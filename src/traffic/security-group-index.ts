/**
 * Security group rules compiled for the evaluator. An ENI's groups are one allow-list per direction (security.md
 * §1: any rule of any group admits); the union is compiled once per distinct set of groups into an index by
 * protocol, and, for TCP and UDP, by port: the port space is cut at every rule's bounds into segments, each
 * holding the rules that cover it, so a packet looks at the rules of its protocol and port only, then at their
 * peers (a block, or membership of a referenced group). Rules keep the ENI's group order, then the groups' rule
 * order, so the trace names the same rule every time.
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

interface PortIndex {
  /** Segment i covers ports [starts[i], starts[i+1]). */
  starts: Int32Array;
  rules: CompiledSgRule[][];
}

export interface DirectionIndex {
  /** Rules of every protocol, matched by any packet. */
  allProtocols: CompiledSgRule[];
  ports: Map<number, PortIndex>;
  /** ICMP, ICMPv6 and other protocols: a short list each. */
  byProtocol: Map<number, CompiledSgRule[]>;
  ruleCount: number;
}

export interface CompiledGroupSet {
  groupIds: readonly string[];
  ingress: DirectionIndex;
  egress: DirectionIndex;
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

function buildPortIndex(rules: CompiledSgRule[]): PortIndex {
  const bounds = new Set<number>([0]);
  for (const rule of rules) {
    bounds.add(rule.fromPort < 0 ? 0 : rule.fromPort);
    const end = rule.toPort < 0 ? 65536 : rule.toPort + 1;
    if (end <= 65535) bounds.add(end);
  }
  const starts = Int32Array.from([...bounds].sort((a, b) => a - b));
  const segments = Array.from(starts, (start) =>
    rules.filter((rule) => (rule.fromPort < 0 || rule.fromPort <= start) && (rule.toPort < 0 || start <= rule.toPort)),
  );
  return { starts, rules: segments };
}

function buildDirection(rules: CompiledSgRule[]): DirectionIndex {
  const allProtocols: CompiledSgRule[] = [];
  const grouped = new Map<number, CompiledSgRule[]>();
  for (const rule of rules) {
    const protocol = sgProtocolNumber(rule.data.protocol);
    if (protocol === -1) {
      allProtocols.push(rule);
      continue;
    }
    let list = grouped.get(protocol);
    if (!list) grouped.set(protocol, (list = []));
    list.push(rule);
  }
  const ports = new Map<number, PortIndex>();
  const byProtocol = new Map<number, CompiledSgRule[]>();
  for (const [protocol, list] of grouped) {
    if (protocol === TCP || protocol === UDP) ports.set(protocol, buildPortIndex(list));
    else byProtocol.set(protocol, list);
  }
  return { allProtocols, ports, byProtocol, ruleCount: rules.length };
}

/** Compiles the union of `groups` (in the ENI's order). */
export function compileGroupSet(groups: readonly SecurityGroupData[]): CompiledGroupSet {
  const ingress: CompiledSgRule[] = [];
  const egress: CompiledSgRule[] = [];
  for (const group of groups) {
    for (const rule of group.rules) (rule.egress ? egress : ingress).push(compileRule(rule));
  }
  return {
    groupIds: groups.map((g) => g.id),
    ingress: buildDirection(ingress),
    egress: buildDirection(egress),
    empty: ingress.length === 0 && egress.length === 0,
  };
}

/** The segment of `index` holding `port` (binary search). */
function segmentOf(index: PortIndex, port: number): CompiledSgRule[] {
  const starts = index.starts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= port) low = mid;
    else high = mid - 1;
  }
  return index.rules[low]!;
}

function peerMatches(rule: CompiledSgRule, peer: Address, peerGroups: ReadonlySet<string> | undefined): boolean {
  if (rule.range !== undefined) return inRange(rule.range, peer);
  // A referenced group admits the private addresses of its members only (security.md §1.1): peerGroups is given
  // only when the peer address is a member ENI's private address as seen in the packet.
  if (rule.referencedGroupId !== undefined) return peerGroups !== undefined && peerGroups.has(rule.referencedGroupId);
  // Prefix lists are not modelled by vpclite: such a rule admits nothing.
  return false;
}

function firstMatch(
  rules: readonly CompiledSgRule[],
  peer: Address,
  peerGroups: ReadonlySet<string> | undefined,
): CompiledSgRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (peerMatches(rule, peer, peerGroups)) return rule;
  }
  return undefined;
}

const icmpMatches = (rule: CompiledSgRule, type: number, code: number): boolean =>
  (rule.fromPort < 0 || rule.fromPort === type) && (rule.toPort < 0 || rule.toPort === code);

/**
 * The rule that admits a packet with `protocol`/`port` (ICMP: `port` = type, `code`) from or to `peer`, or
 * undefined. `peerGroups`: the groups of the ENI whose private address `peer` is, for referenced-group rules.
 */
export function matchSgRule(
  index: DirectionIndex,
  protocol: number,
  port: number,
  code: number,
  peer: Address,
  peerGroups: ReadonlySet<string> | undefined,
): CompiledSgRule | undefined {
  if (protocol !== -1) {
    const ports = index.ports.get(protocol);
    if (ports !== undefined) {
      const hit = firstMatch(segmentOf(ports, port), peer, peerGroups);
      if (hit !== undefined) return hit;
    } else {
      const list = index.byProtocol.get(protocol);
      if (list !== undefined) {
        const isIcmp = protocol === ICMP || protocol === ICMPV6;
        for (const rule of list) {
          if (isIcmp && !icmpMatches(rule, port, code)) continue;
          if (peerMatches(rule, peer, peerGroups)) return rule;
        }
      }
    }
  }
  return firstMatch(index.allProtocols, peer, peerGroups);
}
