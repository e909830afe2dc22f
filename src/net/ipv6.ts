/**
 * IPv6 addresses and CIDR blocks as BigInts. Parsing is delegated to ipaddr.js (RFC 4291 forms, including
 * embedded IPv4); formatting is RFC 5952 (lower case, longest zero run compressed), as AWS prints addresses.
 */
import ipaddr from 'ipaddr.js';

export interface Ipv6Cidr {
  base: bigint;
  prefix: number;
}

const ALL_ONES = (1n << 128n) - 1n;

export function parseIpv6(text: string): bigint | undefined {
  if (!ipaddr.IPv6.isValid(text) || text.includes('%')) return undefined;
  const parts = ipaddr.IPv6.parse(text).parts;
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
}

export function formatIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIpv6(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 128) return undefined;
  const hostMask = prefix === 128 ? 0n : ALL_ONES >> BigInt(prefix);
  return { base: address & ~hostMask & ALL_ONES, prefix };
}

export function formatIpv6Cidr(cidr: Ipv6Cidr): string {
  return `${formatIpv6(cidr.base)}/${cidr.prefix}`;
}

export function lastIpv6(cidr: Ipv6Cidr): bigint {
  return cidr.base | (cidr.prefix === 128 ? 0n : ALL_ONES >> BigInt(cidr.prefix));
}

export function ipv6CidrContains(outer: Ipv6Cidr, inner: Ipv6Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && lastIpv6(inner) <= lastIpv6(outer);
}

export function ipv6CidrsOverlap(a: Ipv6Cidr, b: Ipv6Cidr): boolean {
  return a.base <= lastIpv6(b) && b.base <= lastIpv6(a);
}
