/**
 * Amazon-provided IPv6 blocks: vpclite hands out /56s from 2600:1f00::/24, a range of the kind AWS uses
 * (addressing.md §4; U). Picks are random; the store's unique index on the block keeps them unique.
 */
import { randomBytes } from 'node:crypto';
import { formatIpv6Cidr } from './ipv6.js';

const POOL_BASE = 0x2600_1f00n << 96n; // 2600:1f00::/24

/** A random /56 inside the pool. */
export function randomVpcIpv6Block(): string {
  const n = BigInt(`0x${randomBytes(4).toString('hex')}`); // the 32 bits between /24 and /56
  return formatIpv6Cidr({ base: POOL_BASE | (n << 72n), prefix: 56 });
}
