/**
 * How EC2 names a rule in `InvalidPermission.Duplicate` (security.md §1.3, confirmed forms):
 *   "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW"   "peer: sg-…, UDP, from port: 0, to port: 65535, ALLOW"
 *   "peer: 0.0.0.0/0, ALL, ALLOW"                               "peer: 0.0.0.0/0, protocol: 50, ALLOW"
 * and, observed for ICMP, "peer: 10.0.0.0/24, ICMP, type: ALL, code: ALL, ALLOW" (-1 reads ALL).
 */
import type { RuleDraft } from './rule-records.js';

const peerOf = (r: RuleDraft): string => r.cidrIpv4 || r.cidrIpv6 || r.prefixListId || r.referencedGroupId;
const icmpValue = (n: number): string => (n === -1 ? 'ALL' : String(n));

function protocolPart(r: RuleDraft): string {
  switch (r.ipProtocol) {
    case 'tcp':
    case 'udp':
      return `${r.ipProtocol.toUpperCase()}, from port: ${r.fromPort}, to port: ${r.toPort}`;
    case 'icmp':
    case 'icmpv6':
      return `${r.ipProtocol.toUpperCase()}, type: ${icmpValue(r.fromPort)}, code: ${icmpValue(r.toPort)}`;
    case '-1':
      return 'ALL';
    default:
      return `protocol: ${r.ipProtocol}`;
  }
}

/** The rule in double quotes, as the error message embeds it. */
export const ruleText = (r: RuleDraft): string => `"peer: ${peerOf(r)}, ${protocolPart(r)}, ALLOW"`;
