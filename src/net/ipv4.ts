/**
 * IPv4 addresses and CIDR blocks as unsigned 32-bit integers. Pure functions; strict parsing (no leading zeros,
 * no shorthand forms), because EC2 refuses what these refuse.
 */
export interface Ipv4Cidr {
  /** Network address (host bits zeroed). */
  base: number;
  prefix: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Parses `a.b.c.d/n`, zeroing host bits (EC2 canonicalises `10.0.0.18/18` to `10.0.0.0/18`). */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(0|[1-9]\d?)$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  const size = blockSize(prefix);
  return { base: address - (address % size), prefix };
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function lastAddress(cidr: Ipv4Cidr): number {
  return cidr.base + blockSize(cidr.prefix) - 1;
}

export function cidrContainsAddress(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.base && address <= lastAddress(cidr);
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && lastAddress(inner) <= lastAddress(outer);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}
