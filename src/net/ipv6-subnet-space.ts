/**
 * The IPv6 address space of a subnet's /64, as the allocator sees it (addressing.md §4). Pure maths, no store.
 *
 * - Reserved: the first four addresses and the last one of the /64 are never handed out.
 * - Blocks: the /64 is 65,536 aligned /80 blocks (a delegated IPv6 prefix is one block). Block 0 holds the first
 *   four reserved addresses and block 0xffff the last one, so they are never delegated as prefixes, but their
 *   other addresses may be given out singly.
 * A /64 is too large to index chunk by chunk; a uniformly random host collides with a held one with negligible
 * probability, so random picks with a uniqueness check run in expected constant time.
 */
import type { Ipv6Cidr } from './ipv6.js';
import type { RandomSource } from './random.js';

export const SUBNET_IPV6_PREFIX_LENGTH = 64;
export const IPV6_PREFIX_LENGTH = 80;
/** Host bits inside one /80 block. */
const BLOCK_SHIFT = 48n;
const HOST_MASK = (1n << 64n) - 1n;
export const IPV6_RESERVED_AT_START = 4n;
export const FIRST_PREFIX_BLOCK = 1;
export const LAST_PREFIX_BLOCK = 0xfffe;
export const BLOCKS_PER_SUBNET = 0x10000;

export function ipv6InSubnet(subnet: Ipv6Cidr, address: bigint): boolean {
  return address >> 64n === subnet.base >> 64n;
}

export function isReservedIpv6(subnet: Ipv6Cidr, address: bigint): boolean {
  if (!ipv6InSubnet(subnet, address)) return false;
  const host = address & HOST_MASK;
  return host < IPV6_RESERVED_AT_START || host === HOST_MASK;
}

export function isUsableIpv6(subnet: Ipv6Cidr, address: bigint): boolean {
  return ipv6InSubnet(subnet, address) && !isReservedIpv6(subnet, address);
}

/** The index (0…0xffff) of the /80 block of the subnet that holds `address`. */
export function ipv6BlockOf(address: bigint): number {
  return Number((address & HOST_MASK) >> BLOCK_SHIFT);
}

/** The /80 prefix that is block `block` of the subnet. */
export function ipv6PrefixOfBlock(subnet: Ipv6Cidr, block: number): Ipv6Cidr {
  return { base: subnet.base | (BigInt(block) << BLOCK_SHIFT), prefix: IPV6_PREFIX_LENGTH };
}

export function isEligibleIpv6Block(block: number): boolean {
  return block >= FIRST_PREFIX_BLOCK && block <= LAST_PREFIX_BLOCK;
}

/** A uniformly random usable address of the subnet. */
export function randomIpv6Address(subnet: Ipv6Cidr, random: RandomSource): bigint {
  for (;;) {
    const address = subnet.base | random.bigint64();
    if (!isReservedIpv6(subnet, address)) return address;
  }
}

/**
 * A random usable address inside one of the edge blocks (0 or 0xffff), which can never be delegated as
 * prefixes: the fallback when random picks keep landing in delegated blocks.
 */
export function randomEdgeIpv6Address(subnet: Ipv6Cidr, random: RandomSource): bigint {
  const block = random.int(2) === 0 ? 0 : BLOCKS_PER_SUBNET - 1;
  for (;;) {
    const host = (BigInt(block) << BLOCK_SHIFT) | (random.bigint64() & ((1n << BLOCK_SHIFT) - 1n));
    const address = subnet.base | host;
    if (!isReservedIpv6(subnet, address)) return address;
  }
}

/** A random block index eligible for a /80 prefix. */
export function randomEligibleIpv6Block(random: RandomSource): number {
  return FIRST_PREFIX_BLOCK + random.int(LAST_PREFIX_BLOCK - FIRST_PREFIX_BLOCK + 1);
}

/** The block index of an aligned /80 prefix of the subnet, or undefined when it is not one. */
export function blockOfIpv6Prefix(subnet: Ipv6Cidr, prefix: Ipv6Cidr): number | undefined {
  if (prefix.prefix !== IPV6_PREFIX_LENGTH || !ipv6InSubnet(subnet, prefix.base)) return undefined;
  return ipv6BlockOf(prefix.base);
}
