/**
 * Addresses as the evaluator handles them: an IPv4 address is a number (unsigned 32-bit), an IPv6 address a
 * bigint, so the family is `typeof` and both are Map keys by value. Blocks become [first, last] ranges, so a
 * match is two comparisons.
 */
import { formatIpv4, parseIpv4, parseIpv4Cidr } from '../net/ipv4.js';
import { formatIpv6, parseIpv6, parseIpv6Cidr } from '../net/ipv6.js';

export type Address = number | bigint;

export interface Range {
  first: Address;
  last: Address;
  prefix: number;
}

/**
 * Strict dotted-quad IPv4 (no leading zeros, four octets 0-255), by character codes: the traffic endpoint and the
 * evaluator's benchmark parse an address per packet, and this is several times faster than split-and-regex.
 */
export function parseIpv4Fast(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined; // a leading zero
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

export function parseAddress(text: string): Address | undefined {
  // IPv4 first: it stops at an IPv6 address's first ':', and spares an IPv4 address the scan for one.
  const ipv4 = parseIpv4Fast(text);
  if (ipv4 !== undefined || !text.includes(':')) return ipv4;
  return parseIpv6(text);
}

export function formatAddress(address: Address): string {
  return typeof address === 'number' ? formatIpv4(address) : formatIpv6(address);
}

const IPV6_ALL = (1n << 128n) - 1n;

export function parseRange(cidr: string): Range | undefined {
  if (cidr.includes(':')) {
    const block = parseIpv6Cidr(cidr);
    if (!block) return undefined;
    const size = block.prefix === 0 ? IPV6_ALL + 1n : 1n << BigInt(128 - block.prefix);
    return { first: block.base, last: block.base + size - 1n, prefix: block.prefix };
  }
  const block = parseIpv4Cidr(cidr);
  if (!block) return undefined;
  return { first: block.base, last: block.base + 2 ** (32 - block.prefix) - 1, prefix: block.prefix };
}

/** True when `address` is in `range` (never across families). */
export function inRange(range: Range, address: Address): boolean {
  return typeof address === typeof range.first && address >= range.first && address <= range.last;
}

const v4 = (cidr: string): Range => parseRange(cidr)!;
const RFC1918 = [v4('10.0.0.0/8'), v4('172.16.0.0/12'), v4('192.168.0.0/16')];
const RFC6598 = v4('100.64.0.0/10');

export const isRfc1918 = (address: Address): boolean => RFC1918.some((range) => inRange(range, address));
export const isRfc6598 = (address: Address): boolean => inRange(RFC6598, address);

/**
 * Link-local services SGs and NACLs never filter (security.md §1.4): the Amazon DNS server's second address,
 * instance metadata and time sync. The VPC resolver at the primary block's base + 2 is per VPC (compile-topology).
 */
export const LINK_LOCAL_SERVICES: ReadonlyMap<Address, string> = new Map<Address, string>([
  [parseIpv4('169.254.169.253')!, 'amazon-dns'],
  [parseIpv4('169.254.169.254')!, 'instance-metadata'],
  [parseIpv4('169.254.169.123')!, 'time-sync'],
  // Their IPv6 twins on Nitro instances.
  [parseIpv6('fd00:ec2::253')!, 'amazon-dns'],
  [parseIpv6('fd00:ec2::254')!, 'instance-metadata'],
  [parseIpv6('fd00:ec2::123')!, 'time-sync'],
]);

const LINK_LOCAL_IPV4 = v4('169.254.0.0/16');

/** The link-local service at `address`, if any: an IPv4 address outside 169.254.0.0/16 (nearly every packet) needs no lookup. */
export function linkLocalService(address: Address): string | undefined {
  if (typeof address === 'number' && !inRange(LINK_LOCAL_IPV4, address)) return undefined;
  return LINK_LOCAL_SERVICES.get(address);
}
