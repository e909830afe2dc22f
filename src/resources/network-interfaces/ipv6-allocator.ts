/**
 * IPv6 addresses and /80 prefixes of ENIs, from the subnet's /64 (addressing.md §4). Random picks in a 2^64 space
 * almost never collide, so each pick is a few indexed point reads. Every /80 block in use is claimed in
 * ipam_ipv6_blocks - by addresses (with a count) or by one prefix - and the claim's primary key refuses an
 * address inside a delegated prefix, or a prefix over an address, whatever runs concurrently.
 */
import { addressInUse, insufficientFreeAddresses, prefixInUse, subnetWithoutIpv6 } from '../../errors/network-interfaces.js';
import { formatIpv6, formatIpv6Cidr, type Ipv6Cidr } from '../../net/ipv6.js';
import {
  BLOCKS_PER_SUBNET,
  FIRST_PREFIX_BLOCK,
  ipv6BlockOf,
  ipv6PrefixOfBlock,
  LAST_PREFIX_BLOCK,
  randomEdgeIpv6Address,
  randomEligibleIpv6Block,
  randomIpv6Address,
} from '../../net/ipv6-subnet-space.js';
import { secureRandom } from '../../net/random.js';
import type { RequestContext } from '../context.js';
import type { SubnetSpace } from './subnet-space.js';

/** Random tries before a pick falls back to a method that cannot miss. */
const RANDOM_TRIES = 32;

function requireIpv6(space: SubnetSpace): Ipv6Cidr {
  if (!space.ipv6) throw subnetWithoutIpv6(space.row.id);
  return space.ipv6;
}

/** Counts one more address in its /80, unless the /80 is a delegated prefix (then false). */
async function claimAddressBlock(ctx: RequestContext, subnetId: string, block: number): Promise<boolean> {
  const { changes } = await ctx.tx.run(
    `INSERT INTO ipam_ipv6_blocks (subnet_id, block, mode, held) VALUES (?, ?, 'addresses', 1)
     ON CONFLICT (subnet_id, block) DO UPDATE SET held = ipam_ipv6_blocks.held + 1
     WHERE ipam_ipv6_blocks.mode = 'addresses'`,
    [subnetId, block],
  );
  return changes > 0;
}

async function isHeld(ctx: RequestContext, subnetId: string, text: string): Promise<boolean> {
  return (await ctx.tx.get('SELECT 1 AS x FROM eni_ipv6 WHERE subnet_id = ? AND address = ?', [subnetId, text])) !== undefined;
}

/** Tries to take `address`; false when it is held or inside a delegated prefix. */
async function tryTake(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  address: bigint,
  primary: boolean,
): Promise<boolean> {
  const text = formatIpv6(address);
  const subnetId = space.row.id;
  if (await isHeld(ctx, subnetId, text)) return false;
  const block = ipv6BlockOf(address);
  if (!(await claimAddressBlock(ctx, subnetId, block))) return false;
  await ctx.tx.run(
    `INSERT INTO eni_ipv6 (account, region, subnet_id, address, block, eni_id, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [ctx.account, ctx.region.name, subnetId, text, block, eniId, primary ? 1 : 0],
  );
  return true;
}

/** Takes `count` random free addresses; the first is the primary IPv6 when `firstIsPrimary`. */
export async function allocateIpv6(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  count: number,
  firstIsPrimary = false,
): Promise<string[]> {
  if (count === 0) return [];
  const subnet = requireIpv6(space);
  const taken: string[] = [];
  for (let i = 0; i < count; i++) {
    const primary = firstIsPrimary && i === 0;
    let address: bigint | undefined;
    for (let attempt = 0; attempt < RANDOM_TRIES * 2 && address === undefined; attempt++) {
      // After RANDOM_TRIES misses (a subnet whose /80s are nearly all delegated), draw from the two edge blocks,
      // which are never delegated and hold 2^49 addresses.
      const candidate = attempt < RANDOM_TRIES ? randomIpv6Address(subnet, secureRandom) : randomEdgeIpv6Address(subnet, secureRandom);
      if (await tryTake(ctx, space, eniId, candidate, primary)) address = candidate;
    }
    if (address === undefined) throw insufficientFreeAddresses(space.row.id);
    taken.push(formatIpv6(address));
  }
  return taken;
}

/** Takes addresses the caller asked for (inside the /64, not reserved, checked before). */
export async function claimIpv6(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  addresses: { address: bigint; primary: boolean }[],
): Promise<void> {
  if (addresses.length === 0) return;
  requireIpv6(space);
  for (const { address, primary } of addresses) {
    if (!(await tryTake(ctx, space, eniId, address, primary))) throw addressInUse();
  }
}

async function insertPrefix(ctx: RequestContext, space: SubnetSpace, eniId: string, block: number): Promise<boolean> {
  const { changes } = await ctx.tx.run(
    `INSERT INTO ipam_ipv6_blocks (subnet_id, block, mode, held) VALUES (?, ?, 'prefix', 1)
     ON CONFLICT (subnet_id, block) DO NOTHING`,
    [space.row.id, block],
  );
  if (changes === 0) return false;
  await ctx.tx.run(
    `INSERT INTO eni_prefixes (account, region, subnet_id, eni_id, family, prefix, position) VALUES (?, ?, ?, ?, 'ipv6', ?, ?)`,
    [ctx.account, ctx.region.name, space.row.id, eniId, formatIpv6Cidr(ipv6PrefixOfBlock(space.ipv6!, block)), block],
  );
  return true;
}

/** The lowest eligible /80 that nobody claims: one ordered walk over the (at most 65,536) claims. */
async function firstUnclaimedBlock(ctx: RequestContext, subnetId: string): Promise<number | undefined> {
  const rows = await ctx.tx.all<{ block: number }>(
    'SELECT block FROM ipam_ipv6_blocks WHERE subnet_id = ? AND block BETWEEN ? AND ? ORDER BY block',
    [subnetId, FIRST_PREFIX_BLOCK, LAST_PREFIX_BLOCK],
  );
  let expected = FIRST_PREFIX_BLOCK;
  for (const { block } of rows) {
    if (Number(block) !== expected) break;
    expected++;
  }
  return expected <= LAST_PREFIX_BLOCK && expected < BLOCKS_PER_SUBNET ? expected : undefined;
}

/** Takes `count` random free /80 prefixes; returns them as CIDR text. */
export async function allocateIpv6Prefixes(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const subnet = requireIpv6(space);
  const taken: string[] = [];
  for (let i = 0; i < count; i++) {
    let block: number | undefined;
    for (let attempt = 0; attempt < RANDOM_TRIES && block === undefined; attempt++) {
      const candidate = randomEligibleIpv6Block(secureRandom);
      if (await insertPrefix(ctx, space, eniId, candidate)) block = candidate;
    }
    if (block === undefined) {
      const candidate = await firstUnclaimedBlock(ctx, space.row.id);
      if (candidate === undefined || !(await insertPrefix(ctx, space, eniId, candidate))) {
        throw insufficientFreeAddresses(space.row.id);
      }
      block = candidate;
    }
    taken.push(formatIpv6Cidr(ipv6PrefixOfBlock(subnet, block)));
  }
  return taken;
}

/** Takes /80 prefixes the caller asked for, given by block index (eligible, checked before). */
export async function claimIpv6Prefixes(ctx: RequestContext, space: SubnetSpace, eniId: string, blocks: number[]): Promise<void> {
  if (blocks.length === 0) return;
  const subnet = requireIpv6(space);
  for (const block of blocks) {
    if (!(await insertPrefix(ctx, space, eniId, block))) throw prefixInUse(formatIpv6Cidr(ipv6PrefixOfBlock(subnet, block)));
  }
}

async function releaseBlockCounts(ctx: RequestContext, subnetId: string, blocks: number[]): Promise<void> {
  for (const block of blocks) {
    await ctx.tx.run(
      `UPDATE ipam_ipv6_blocks SET held = held - 1 WHERE subnet_id = ? AND block = ? AND mode = 'addresses'`,
      [subnetId, block],
    );
  }
  for (const block of new Set(blocks)) {
    await ctx.tx.run(
      `DELETE FROM ipam_ipv6_blocks WHERE subnet_id = ? AND block = ? AND mode = 'addresses' AND held <= 0`,
      [subnetId, block],
    );
  }
}

/** Gives back addresses of `eniId`, given as canonical text. */
export async function releaseIpv6(ctx: RequestContext, space: SubnetSpace, eniId: string, addresses: string[]): Promise<void> {
  if (addresses.length === 0) return;
  const rows = await ctx.tx.all<{ block: number }>(
    `SELECT block FROM eni_ipv6 WHERE subnet_id = ? AND eni_id = ? AND address IN (${addresses.map(() => '?').join(', ')})`,
    [space.row.id, eniId, ...addresses],
  );
  await ctx.tx.run(
    `DELETE FROM eni_ipv6 WHERE subnet_id = ? AND eni_id = ? AND address IN (${addresses.map(() => '?').join(', ')})`,
    [space.row.id, eniId, ...addresses],
  );
  await releaseBlockCounts(ctx, space.row.id, rows.map((r) => Number(r.block)));
}

/** Gives back /80 prefixes of `eniId`, given by block index. */
export async function releaseIpv6Prefixes(ctx: RequestContext, space: SubnetSpace, eniId: string, blocks: number[]): Promise<void> {
  for (const block of blocks) {
    await ctx.tx.run(`DELETE FROM eni_prefixes WHERE subnet_id = ? AND eni_id = ? AND family = 'ipv6' AND position = ?`, [
      space.row.id, eniId, block,
    ]);
    await ctx.tx.run(`DELETE FROM ipam_ipv6_blocks WHERE subnet_id = ? AND block = ? AND mode = 'prefix'`, [space.row.id, block]);
  }
}

/** Gives back every IPv6 address and prefix of `eniId`. */
export async function releaseAllIpv6(ctx: RequestContext, space: SubnetSpace, eniId: string): Promise<void> {
  const addresses = await ctx.tx.all<{ block: number }>('SELECT block FROM eni_ipv6 WHERE eni_id = ?', [eniId]);
  if (addresses.length > 0) {
    await ctx.tx.run('DELETE FROM eni_ipv6 WHERE eni_id = ?', [eniId]);
    await releaseBlockCounts(ctx, space.row.id, addresses.map((r) => Number(r.block)));
  }
  const prefixes = await ctx.tx.all<{ position: number }>(
    `SELECT position FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv6'`,
    [eniId],
  );
  await releaseIpv6Prefixes(ctx, space, eniId, prefixes.map((p) => Number(p.position)));
}
