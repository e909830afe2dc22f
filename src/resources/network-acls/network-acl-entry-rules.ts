/**
 * What a network ACL entry may say (security.md §2.1), as a pure function from the Create/ReplaceNetworkAclEntry
 * input to the entry stored:
 * - rule numbers 1-32766 (32767 and 32768 are the `*` rules, and the range above is reserved);
 * - the protocol as a number, `-1` for all (the API refuses names; the AWS CLI turns `tcp` into `6` itself);
 * - exactly one block, IPv4 or IPv6, canonicalised (`10.0.0.18/18` → `10.0.0.0/18`);
 * - a port range for TCP (6) and UDP (17), required; an ICMP type and code for ICMP (1), and for ICMPv6 (58) on an
 *   IPv6 block, required; anything else matches every port, type and code, so supplied ones are not kept - ICMPv6
 *   on an IPv4 block included.
 */
import {
  invalidIcmpTypeCode,
  invalidPortRange,
  invalidRuleAction,
  invalidRuleNumber,
  missingAclEntryCidr,
  missingIcmpTypeCode,
  missingPortRange,
  severalAclEntryCidrs,
  unknownAclProtocol,
} from '../../errors/network-acls.js';
import { invalidCidrBlock } from '../../errors/vpcs.js';
import { formatIpv4Cidr, parseIpv4Cidr } from '../../net/ipv4.js';
import { formatIpv6Cidr, parseIpv6Cidr } from '../../net/ipv6.js';
import type { CreateNetworkAclEntryRequest } from '../../protocol/generated/ec2-shapes.js';
import type { AclEntry } from './default-acl.js';

export const FIRST_USER_RULE = 1;
export const LAST_USER_RULE = 32766;
const TCP = '6';
const UDP = '17';
const ICMP = '1';
const ICMPV6 = '58';
const ALL_PROTOCOLS = '-1';

export function checkRuleNumber(ruleNumber: number): void {
  if (!Number.isInteger(ruleNumber) || ruleNumber < FIRST_USER_RULE || ruleNumber > LAST_USER_RULE) {
    throw invalidRuleNumber(ruleNumber);
  }
}

/** `-1` or an IP protocol number 0-255, in canonical form (`06` → `6`). */
export function parseAclProtocol(protocol: string): string {
  if (!/^-?\d{1,3}$/.test(protocol)) throw unknownAclProtocol(protocol);
  const n = Number(protocol);
  if (n === -1) return ALL_PROTOCOLS;
  if (n < 0 || n > 255) throw unknownAclProtocol(protocol);
  return String(n);
}

function parseAction(action: string): 'allow' | 'deny' {
  const lower = String(action).toLowerCase();
  if (lower !== 'allow' && lower !== 'deny') throw invalidRuleAction(action);
  return lower;
}

function parseBlock(input: CreateNetworkAclEntryRequest): { cidrBlock?: string; ipv6CidrBlock?: string } {
  if (input.CidrBlock !== undefined && input.Ipv6CidrBlock !== undefined) throw severalAclEntryCidrs();
  if (input.CidrBlock !== undefined) {
    const cidr = parseIpv4Cidr(input.CidrBlock);
    if (!cidr) throw invalidCidrBlock(input.CidrBlock, 'cidrBlock');
    return { cidrBlock: formatIpv4Cidr(cidr) };
  }
  if (input.Ipv6CidrBlock !== undefined) {
    const cidr = parseIpv6Cidr(input.Ipv6CidrBlock);
    if (!cidr) throw invalidCidrBlock(input.Ipv6CidrBlock, 'ipv6CidrBlock');
    return { ipv6CidrBlock: formatIpv6Cidr(cidr) };
  }
  throw missingAclEntryCidr();
}

function parsePorts(input: CreateNetworkAclEntryRequest): { portFrom: number; portTo: number } {
  const from = input.PortRange?.From;
  const to = input.PortRange?.To;
  if (from === undefined || to === undefined) throw missingPortRange();
  if (from < 0 || to > 65535 || from > to) throw invalidPortRange(from, to);
  return { portFrom: from, portTo: to };
}

function parseIcmp(input: CreateNetworkAclEntryRequest): { icmpType: number; icmpCode: number } {
  const type = input.IcmpTypeCode?.Type;
  const code = input.IcmpTypeCode?.Code;
  if (type === undefined || code === undefined) throw missingIcmpTypeCode();
  if (type < -1 || type > 255 || code < -1 || code > 255) throw invalidIcmpTypeCode(type, code);
  return { icmpType: type, icmpCode: code };
}

export function parseAclEntry(input: CreateNetworkAclEntryRequest): AclEntry {
  checkRuleNumber(input.RuleNumber);
  const protocol = parseAclProtocol(input.Protocol);
  const ruleAction = parseAction(input.RuleAction);
  const block = parseBlock(input);
  const entry: AclEntry = { ruleNumber: input.RuleNumber, egress: input.Egress, protocol, ruleAction, ...block };
  if (protocol === TCP || protocol === UDP) return { ...entry, ...parsePorts(input) };
  if (protocol === ICMP || (protocol === ICMPV6 && block.ipv6CidrBlock !== undefined)) return { ...entry, ...parseIcmp(input) };
  return entry;
}

export const familyOf = (entry: AclEntry): 'ipv4' | 'ipv6' => (entry.cidrBlock !== undefined ? 'ipv4' : 'ipv6');
