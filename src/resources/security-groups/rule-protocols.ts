/**
 * The protocol and port part of a security group rule (security.md §1.1), as pure functions. EC2 stores the
 * protocols it knows by name (numbers 6/17/1/58 become tcp/udp/icmp/icmpv6), `-1` for all, and any other IP
 * protocol as its number; ports only mean something for tcp/udp (a range) and icmp/icmpv6 (type and code), and are
 * kept as -1/-1 for everything else whatever the caller sent.
 */
import {
  icmpCodeWithoutType,
  icmpValueOutOfRange,
  portOutOfRange,
  portRangeReversed,
  portsRequired,
  protocolMissing,
  unknownProtocol,
} from '../../errors/security-groups.js';

export const ALL_PROTOCOLS = '-1';
const NAMES_BY_NUMBER: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
const NAMES = new Set(Object.values(NAMES_BY_NUMBER));

/** The stored form of a protocol, or undefined when EC2 would not accept it. */
export function canonicalProtocol(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === ALL_PROTOCOLS || NAMES.has(lower)) return lower;
  if (!/^\d{1,3}$/.test(lower)) return undefined;
  const number = String(Number(lower));
  if (Number(number) > 255) return undefined;
  return NAMES_BY_NUMBER[number] ?? number;
}

export function normalizeProtocol(text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw protocolMissing();
  const protocol = canonicalProtocol(text);
  if (protocol === undefined) throw unknownProtocol(text);
  return protocol;
}

/** True when the protocol's rules carry ports (a range, or an ICMP type and code). */
export const hasPorts = (protocol: string): boolean => NAMES.has(protocol);

export interface PortRange {
  fromPort: number;
  toPort: number;
}

const ANY: PortRange = { fromPort: -1, toPort: -1 };

function tcpUdpPorts(from: number | undefined, to: number | undefined): PortRange {
  if (from === undefined && to === undefined) throw portsRequired('TCP/UDP');
  // A port left out counts as -1, which is out of range (observed: `TCP/UDP port (-1) out of range`).
  const fromPort = from ?? -1;
  const toPort = to ?? -1;
  for (const port of [fromPort, toPort]) if (port < 0 || port > 65535) throw portOutOfRange(port);
  if (fromPort > toPort) throw portRangeReversed(fromPort, toPort);
  return { fromPort, toPort };
}

function icmpTypeCode(from: number | undefined, to: number | undefined, required: boolean): PortRange {
  if (from === undefined && to === undefined) {
    if (required) throw portsRequired('ICMP');
    return ANY;
  }
  const type = from ?? -1;
  const code = to ?? -1;
  if (type < -1 || type > 255) throw icmpValueOutOfRange('type', type);
  if (code < -1 || code > 255) throw icmpValueOutOfRange('code', code);
  if (type === -1 && code !== -1) throw icmpCodeWithoutType(code);
  return { fromPort: type, toPort: code };
}

/** Validates and normalises the ports of a rule whose protocol is already canonical. */
export function normalizePorts(protocol: string, from: number | undefined, to: number | undefined): PortRange {
  switch (protocol) {
    case 'tcp':
    case 'udp':
      return tcpUdpPorts(from, to);
    case 'icmp':
      return icmpTypeCode(from, to, true);
    case 'icmpv6':
      // For icmpv6 the range is optional: leaving it out allows every type and code (IpPermission docs).
      return icmpTypeCode(from, to, false);
    default:
      return ANY;
  }
}
