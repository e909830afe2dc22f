/**
 * Network ACL entries compiled for the evaluator (security.md §2): per direction and family, the entries that can
 * apply to each protocol (its own plus the all-protocol ones), already in ascending rule number, so the first
 * entry whose ports and block match decides - allow or deny - and the `*` rule (32767 / 32768) denies the rest.
 * Families never cross-match: an IPv4 packet only meets entries with an IPv4 block.
 */
import { parseRange, type Address, type Range } from './addresses.js';
import type { AclEntryData, NetworkAclData } from './topology.js';
import { ICMP, ICMPV6, TCP, UDP } from './verdict.js';

/**
 * An entry with what a match reads as its own plain fields (block bounds, ports), so checking an entry reads
 * one object rather than three: ACLs are crossed up to four times per verdict.
 */
export interface CompiledAclEntry {
  data: AclEntryData;
  range: Range;
  /** The block's bounds (numbers in an IPv4 list, bigints in an IPv6 one). */
  first: Address;
  last: Address;
  protocol: number;
  allow: boolean;
  /** TCP/UDP: true when the entry names no ports (it matches them all); else portFrom-portTo. */
  allPorts: boolean;
  portFrom: number;
  portTo: number;
}

interface FamilyIndex {
  /** TCP's and UDP's entries, read on every check. */
  tcp?: CompiledAclEntry[];
  udp?: CompiledAclEntry[];
  /** Entries for one protocol number, rule-number order; the all-protocol entries are merged into each list. */
  byProtocol: Map<number, CompiledAclEntry[]>;
  /** The all-protocol entries alone: what a protocol with no entry of its own meets. */
  allProtocols: CompiledAclEntry[];
}

export interface CompiledAcl {
  id: string;
  ingress: { ipv4: FamilyIndex; ipv6: FamilyIndex };
  egress: { ipv4: FamilyIndex; ipv6: FamilyIndex };
}

function buildFamily(entries: CompiledAclEntry[]): FamilyIndex {
  const sorted = [...entries].sort((a, b) => a.data.ruleNumber - b.data.ruleNumber);
  const allProtocols = sorted.filter((e) => e.protocol === -1);
  const byProtocol = new Map<number, CompiledAclEntry[]>();
  for (const protocol of new Set(sorted.map((e) => e.protocol))) {
    if (protocol === -1) continue;
    byProtocol.set(protocol, sorted.filter((e) => e.protocol === protocol || e.protocol === -1));
  }
  return { tcp: byProtocol.get(TCP), udp: byProtocol.get(UDP), byProtocol, allProtocols };
}

function compileEntry(data: AclEntryData, range: Range): CompiledAclEntry {
  return {
    data,
    range,
    first: range.first,
    last: range.last,
    protocol: Number(data.protocol),
    allow: data.ruleAction === 'allow',
    allPorts: data.portFrom === undefined,
    portFrom: data.portFrom ?? 0,
    portTo: data.portTo ?? data.portFrom ?? 0,
  };
}

export function compileAcl(acl: NetworkAclData): CompiledAcl {
  const compiled = { ingress: { ipv4: [] as CompiledAclEntry[], ipv6: [] as CompiledAclEntry[] }, egress: { ipv4: [] as CompiledAclEntry[], ipv6: [] as CompiledAclEntry[] } };
  for (const data of acl.entries) {
    const cidr = data.cidrBlock || data.ipv6CidrBlock;
    const range = cidr ? parseRange(cidr) : undefined;
    if (!range) continue;
    const entry = compileEntry(data, range);
    const side = data.egress ? compiled.egress : compiled.ingress;
    (typeof range.first === 'number' ? side.ipv4 : side.ipv6).push(entry);
  }
  return {
    id: acl.id,
    ingress: { ipv4: buildFamily(compiled.ingress.ipv4), ipv6: buildFamily(compiled.ingress.ipv6) },
    egress: { ipv4: buildFamily(compiled.egress.ipv4), ipv6: buildFamily(compiled.egress.ipv6) },
  };
}

function portsMatch(entry: CompiledAclEntry, protocol: number, port: number, code: number): boolean {
  if (entry.protocol === -1) return true;
  if (protocol === TCP || protocol === UDP) return entry.allPorts || (port >= entry.portFrom && port <= entry.portTo);
  // ICMP, and ICMPv6 on an IPv6 block, carry a type and code (-1 = all); other protocols match whatever the port.
  const data = entry.data;
  if (protocol === ICMP || (protocol === ICMPV6 && data.ipv6CidrBlock)) {
    const type = data.icmpType ?? -1;
    const icmpCode = data.icmpCode ?? -1;
    return (type === -1 || type === port) && (icmpCode === -1 || icmpCode === code);
  }
  return true;
}

/**
 * The entry that decides a packet crossing the ACL in `direction`, whose peer (the source inbound, the
 * destination outbound) is `peer`; undefined only for an ACL without its `*` rule (never stored so).
 */
export function matchAclEntry(
  acl: CompiledAcl,
  direction: 'ingress' | 'egress',
  protocol: number,
  port: number,
  code: number,
  peer: Address,
): CompiledAclEntry | undefined {
  const side = direction === 'egress' ? acl.egress : acl.ingress;
  // The family's lists hold its own entries only, so an entry's bounds compare with `peer` directly.
  const entries = entriesFor(typeof peer === 'number' ? side.ipv4 : side.ipv6, protocol);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (peer >= entry.first && peer <= entry.last && portsMatch(entry, protocol, port, code)) return entry;
  }
  return undefined;
}

function entriesFor(family: FamilyIndex, protocol: number): CompiledAclEntry[] {
  const own = protocol === TCP ? family.tcp : protocol === UDP ? family.udp : protocol === -1 ? undefined : family.byProtocol.get(protocol);
  return own ?? family.allProtocols;
}
