/**
 * The IPv4 address space of a subnet, as the allocator sees it (addressing.md §2-§3). Pure maths, no store.
 *
 * - Reserved: the first four addresses (network, router, DNS, future use) and the last (broadcast) are never
 *   handed out, so the usable range is [base + 4, last - 1].
 * - Chunks: the subnet is cut into aligned chunks of CHUNK_SIZE addresses (a subnet smaller than that is one
 *   chunk). The allocator keeps an exact used count per chunk, picks a random chunk that still has room and then a
 *   random free address inside it, so one allocation reads at most CHUNK_SIZE held addresses whatever the size and
 *   fill of the subnet.
 * - Blocks: delegated IPv4 prefixes are aligned /28s (PREFIX_BLOCK addresses). A chunk holds whole blocks; a block
 *   is eligible for a prefix when none of its addresses is reserved.
 */
import { blockSize, lastAddress, type Ipv4Cidr } from './ipv4.js';
import type { RandomSource } from './random.js';

export const RESERVED_AT_START = 4;
export const RESERVED_AT_END = 1;
export const CHUNK_SIZE = 256;
export const PREFIX_BLOCK = 16;
export const IPV4_PREFIX_LENGTH = 28;

export interface UsableRange {
  first: number;
  last: number;
}

export interface ChunkLayout {
  /** First address of the chunk (aligned to the chunk size). */
  base: number;
  firstUsable: number;
  lastUsable: number;
  /** Usable (non-reserved) addresses in the chunk. */
  capacity: number;
  /** Prefix-eligible /28 blocks in the chunk (all of them free in an empty subnet). */
  freeBlocks: number;
}

export function usableRange(cidr: Ipv4Cidr): UsableRange {
  return { first: cidr.base + RESERVED_AT_START, last: lastAddress(cidr) - RESERVED_AT_END };
}

/** Usable addresses of the whole subnet: 2^(32-len) - 5. */
export function usableCount(cidr: Ipv4Cidr): number {
  return blockSize(cidr.prefix) - RESERVED_AT_START - RESERVED_AT_END;
}

/** True for an address inside the subnet that AWS keeps for itself. */
export function isReservedIpv4(cidr: Ipv4Cidr, address: number): boolean {
  const range = usableRange(cidr);
  return address >= cidr.base && address <= lastAddress(cidr) && (address < range.first || address > range.last);
}

/** True when `address` may be given to an ENI in the subnet: inside it and not reserved. */
export function isUsableIpv4(cidr: Ipv4Cidr, address: number): boolean {
  const range = usableRange(cidr);
  return address >= range.first && address <= range.last;
}

export function chunkSizeOf(cidr: Ipv4Cidr): number {
  return Math.min(CHUNK_SIZE, blockSize(cidr.prefix));
}

/** The base of the chunk that holds `address`. */
export function chunkBaseOf(cidr: Ipv4Cidr, address: number): number {
  const size = chunkSizeOf(cidr);
  return cidr.base + Math.floor((address - cidr.base) / size) * size;
}

/** The base of the /28 block that holds `address`. */
export function blockBaseOf(address: number): number {
  return address - (address % PREFIX_BLOCK);
}

/** True when the /28 at `blockBase` lies wholly in the usable range (no reserved address in it). */
export function isEligibleBlock(cidr: Ipv4Cidr, blockBase: number): boolean {
  const range = usableRange(cidr);
  return blockBase % PREFIX_BLOCK === 0 && blockBase >= range.first && blockBase + PREFIX_BLOCK - 1 <= range.last;
}

/** Every chunk of the subnet with its capacity; the capacities add up to usableCount(cidr). */
export function chunkLayout(cidr: Ipv4Cidr): ChunkLayout[] {
  const size = chunkSizeOf(cidr);
  const range = usableRange(cidr);
  const chunks: ChunkLayout[] = [];
  for (let base = cidr.base; base <= lastAddress(cidr); base += size) {
    const firstUsable = Math.max(base, range.first);
    const lastUsable = Math.min(base + size - 1, range.last);
    let freeBlocks = 0;
    for (let block = base; block < base + size; block += PREFIX_BLOCK) if (isEligibleBlock(cidr, block)) freeBlocks++;
    chunks.push({ base, firstUsable, lastUsable, capacity: lastUsable - firstUsable + 1, freeBlocks });
  }
  return chunks;
}

/** A uniformly random usable address of the chunk that is not in `held`, or undefined when the chunk is full. */
export function pickFreeAddress(
  chunk: Pick<ChunkLayout, 'firstUsable' | 'lastUsable'>,
  held: ReadonlySet<number>,
  random: RandomSource,
): number | undefined {
  const size = chunk.lastUsable - chunk.firstUsable + 1;
  const free = size - countInRange(held, chunk.firstUsable, chunk.lastUsable);
  if (free <= 0) return undefined;
  let skip = random.int(free);
  for (let a = chunk.firstUsable; a <= chunk.lastUsable; a++) {
    if (held.has(a)) continue;
    if (skip === 0) return a;
    skip--;
  }
  return undefined;
}

/** The eligible /28 blocks of the chunk that hold no address of `held`. */
export function emptyEligibleBlocks(cidr: Ipv4Cidr, chunkBase: number, held: ReadonlySet<number>): number[] {
  const blocks: number[] = [];
  const end = chunkBase + chunkSizeOf(cidr);
  for (let block = chunkBase; block < end; block += PREFIX_BLOCK) {
    if (isEligibleBlock(cidr, block) && countInRange(held, block, block + PREFIX_BLOCK - 1) === 0) blocks.push(block);
  }
  return blocks;
}

/** A uniformly random empty eligible /28 of the chunk, or undefined when there is none. */
export function pickFreeBlock(
  cidr: Ipv4Cidr,
  chunkBase: number,
  held: ReadonlySet<number>,
  random: RandomSource,
): number | undefined {
  const blocks = emptyEligibleBlocks(cidr, chunkBase, held);
  return blocks.length === 0 ? undefined : blocks[random.int(blocks.length)];
}

function countInRange(held: ReadonlySet<number>, first: number, last: number): number {
  let n = 0;
  for (const a of held) if (a >= first && a <= last) n++;
  return n;
}
