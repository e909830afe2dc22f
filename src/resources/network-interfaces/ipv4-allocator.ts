/**
 * Private IPv4 addresses and /28 prefixes of ENIs: taking them (picked at random or asked for), moving them
 * between ENIs and giving them back, with subnets.ip_used and the chunk counts kept exact in the same transaction.
 * Validation of what the caller asked for (inside the subnet, not reserved, aligned) happens before; the
 * UNIQUE (subnet_id, address) constraint is the last word on double assignment.
 */
import { insufficientFreeAddresses, prefixInUse, subnetWithoutIpv4 } from '../../errors/network-interfaces.js';
import { formatIpv4, formatIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import {
  blockBaseOf,
  chunkSizeOf,
  IPV4_PREFIX_LENGTH,
  PREFIX_BLOCK,
  pickFreeAddress,
  pickFreeBlock,
} from '../../net/ipv4-subnet-space.js';
import { secureRandom } from '../../net/random.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { countTaken, heldBetween, pickChunk, recordReleased } from './ipv4-chunks.js';
import { adjustSubnetUsage, freeIpv4Count, type SubnetSpace } from './subnet-space.js';

export interface Ipv4Holder {
  address: number;
  eni_id: string;
  is_primary: number;
  in_prefix: number;
}

/** The subnet's IPv4 block and id; a subnet without IPv4 refuses every IPv4 request. */
function ipv4Of(space: SubnetSpace): { cidr: Ipv4Cidr; subnetId: string } {
  if (!space.ipv4) throw subnetWithoutIpv4(space.row.id);
  return { cidr: space.ipv4, subnetId: space.row.id };
}

/** The held addresses of the /28 that starts at `block`. */
const heldInBlock = (ctx: RequestContext, subnetId: string, block: number) =>
  heldBetween(ctx, subnetId, block, block + PREFIX_BLOCK - 1);

/** Holds one address for `eniId` and counts it (`blockWasEmpty`: its /28 held nothing before). */
async function takeAddress(
  ctx: RequestContext,
  cidr: Ipv4Cidr,
  subnetId: string,
  eniId: string,
  taken: { address: number; primary: boolean; blockWasEmpty: boolean },
): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO eni_private_ipv4 (account, region, subnet_id, address, ip, eni_id, is_primary, in_prefix)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    [ctx.account, ctx.region.name, subnetId, taken.address, formatIpv4(taken.address), eniId, taken.primary ? 1 : 0],
  );
  await countTaken(ctx, subnetId, cidr, taken.address, taken.blockWasEmpty);
}

/** Who holds each of `addresses` in the subnet (prefix rows included). */
export async function ipv4Holders(ctx: RequestContext, subnetId: string, addresses: number[]): Promise<Map<number, Ipv4Holder>> {
  if (addresses.length === 0) return new Map();
  const rows = await ctx.tx.all<Ipv4Holder>(
    `SELECT address, eni_id, is_primary, in_prefix FROM eni_private_ipv4
     WHERE subnet_id = ? AND address IN (${placeholders(addresses)})`,
    [subnetId, ...addresses],
  );
  return new Map(rows.map((r) => [Number(r.address), r]));
}

/**
 * Takes `count` random free addresses for `eniId`; the first is the primary when `firstIsPrimary`.
 * Each pick is one chunk seek, one bounded read of that chunk's held addresses, one insert and one count update.
 */
export async function allocateIpv4(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  count: number,
  firstIsPrimary = false,
): Promise<number[]> {
  if (count === 0) return [];
  const { cidr, subnetId } = ipv4Of(space);
  if ((await freeIpv4Count(ctx, subnetId)) < count) throw insufficientFreeAddresses(subnetId);
  const taken: number[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = await pickChunk(ctx, subnetId, cidr, 'address');
    if (!chunk) throw insufficientFreeAddresses(subnetId);
    const held = await heldBetween(ctx, subnetId, chunk.first_usable, chunk.last_usable);
    const address = pickFreeAddress({ firstUsable: chunk.first_usable, lastUsable: chunk.last_usable }, held, secureRandom);
    if (address === undefined) throw insufficientFreeAddresses(subnetId);
    const block = blockBaseOf(address);
    let blockWasEmpty = true;
    for (let a = block; a < block + PREFIX_BLOCK; a++) if (held.has(a)) blockWasEmpty = false;
    await takeAddress(ctx, cidr, subnetId, eniId, { address, primary: firstIsPrimary && i === 0, blockWasEmpty });
    taken.push(address);
  }
  await adjustSubnetUsage(ctx, subnetId, count);
  return taken;
}

/**
 * Takes addresses the caller asked for and checked (usable, free): one bounded read of each one's /28 to keep the
 * block count exact, one insert, one count update.
 */
export async function claimIpv4(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  addresses: { address: number; primary: boolean }[],
): Promise<void> {
  if (addresses.length === 0) return;
  const { cidr, subnetId } = ipv4Of(space);
  if ((await freeIpv4Count(ctx, subnetId)) < addresses.length) throw insufficientFreeAddresses(subnetId);
  for (const { address, primary } of addresses) {
    const blockWasEmpty = (await heldInBlock(ctx, subnetId, blockBaseOf(address))).size === 0;
    await takeAddress(ctx, cidr, subnetId, eniId, { address, primary, blockWasEmpty });
  }
  await adjustSubnetUsage(ctx, subnetId, addresses.length);
}

/** Moves secondary addresses to `eniId` (AllowReassignment): nothing is freed or taken, so no count changes. */
export async function moveIpv4(ctx: RequestContext, subnetId: string, eniId: string, addresses: number[]): Promise<void> {
  for (const address of addresses) {
    await ctx.tx.run('UPDATE eni_private_ipv4 SET eni_id = ? WHERE subnet_id = ? AND address = ?', [eniId, subnetId, address]);
  }
}

/** Holds the /28 at `blockBase` for `eniId` and counts its 16 addresses. */
async function takePrefix(
  ctx: RequestContext,
  cidr: Ipv4Cidr,
  subnetId: string,
  eniId: string,
  blockBase: number,
): Promise<void> {
  const rows: (string | number)[] = [];
  for (let a = blockBase; a < blockBase + PREFIX_BLOCK; a++) {
    rows.push(ctx.account, ctx.region.name, subnetId, a, formatIpv4(a), eniId);
  }
  // The 16 addresses of the prefix are held like any others, so UNIQUE (subnet_id, address) refuses any overlap.
  await ctx.tx.run(
    `INSERT INTO eni_private_ipv4 (account, region, subnet_id, address, ip, eni_id, is_primary, in_prefix)
     VALUES ${Array.from({ length: PREFIX_BLOCK }, () => '(?, ?, ?, ?, ?, ?, 0, 1)').join(', ')}`,
    rows,
  );
  await ctx.tx.run(
    `INSERT INTO eni_prefixes (account, region, subnet_id, eni_id, family, prefix, position) VALUES (?, ?, ?, ?, 'ipv4', ?, ?)`,
    [ctx.account, ctx.region.name, subnetId, eniId, formatIpv4Cidr({ base: blockBase, prefix: IPV4_PREFIX_LENGTH }), blockBase],
  );
  await countTaken(ctx, subnetId, cidr, blockBase, true, PREFIX_BLOCK);
}

/** Takes `count` random free aligned /28s for `eniId`; returns their base addresses. */
export async function allocateIpv4Prefixes(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const { cidr, subnetId } = ipv4Of(space);
  if ((await freeIpv4Count(ctx, subnetId)) < count * PREFIX_BLOCK) throw insufficientFreeAddresses(subnetId);
  const taken: number[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = await pickChunk(ctx, subnetId, cidr, 'block');
    if (!chunk) throw insufficientFreeAddresses(subnetId);
    const held = await heldBetween(ctx, subnetId, chunk.chunk_base, chunk.chunk_base + chunkSizeOf(cidr) - 1);
    const block = pickFreeBlock(cidr, chunk.chunk_base, held, secureRandom);
    if (block === undefined) throw insufficientFreeAddresses(subnetId);
    await takePrefix(ctx, cidr, subnetId, eniId, block);
    taken.push(block);
  }
  await adjustSubnetUsage(ctx, subnetId, count * PREFIX_BLOCK);
  return taken;
}

/** Takes /28s the caller asked for (aligned and eligible, checked before); any held address inside refuses it. */
export async function claimIpv4Prefixes(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  blockBases: number[],
): Promise<void> {
  if (blockBases.length === 0) return;
  const { cidr, subnetId } = ipv4Of(space);
  for (const block of blockBases) {
    if ((await heldInBlock(ctx, subnetId, block)).size > 0) {
      throw prefixInUse(formatIpv4Cidr({ base: block, prefix: IPV4_PREFIX_LENGTH }));
    }
    await takePrefix(ctx, cidr, subnetId, eniId, block);
  }
  await adjustSubnetUsage(ctx, subnetId, blockBases.length * PREFIX_BLOCK);
}

/** Gives back single addresses of `eniId` (not prefixes). */
export async function releaseIpv4(ctx: RequestContext, space: SubnetSpace, eniId: string, addresses: number[]): Promise<void> {
  if (addresses.length === 0) return;
  const { cidr, subnetId } = ipv4Of(space);
  await ctx.tx.run(
    `DELETE FROM eni_private_ipv4 WHERE subnet_id = ? AND eni_id = ? AND in_prefix = 0
       AND address IN (${placeholders(addresses)})`,
    [subnetId, eniId, ...addresses],
  );
  await recordReleased(ctx, subnetId, cidr, addresses);
  await adjustSubnetUsage(ctx, subnetId, -addresses.length);
}

/** Gives back /28 prefixes of `eniId`, given by base address. */
export async function releaseIpv4Prefixes(
  ctx: RequestContext,
  space: SubnetSpace,
  eniId: string,
  blockBases: number[],
): Promise<void> {
  if (blockBases.length === 0) return;
  const { cidr, subnetId } = ipv4Of(space);
  const released: number[] = [];
  for (const block of blockBases) {
    await ctx.tx.run(
      `DELETE FROM eni_private_ipv4 WHERE subnet_id = ? AND eni_id = ? AND in_prefix = 1 AND address BETWEEN ? AND ?`,
      [subnetId, eniId, block, block + PREFIX_BLOCK - 1],
    );
    await ctx.tx.run(
      `DELETE FROM eni_prefixes WHERE subnet_id = ? AND eni_id = ? AND family = 'ipv4' AND position = ?`,
      [subnetId, eniId, block],
    );
    for (let a = block; a < block + PREFIX_BLOCK; a++) released.push(a);
  }
  await recordReleased(ctx, subnetId, cidr, released);
  await adjustSubnetUsage(ctx, subnetId, -released.length);
}

/** Gives back every IPv4 address and prefix of `eniId` (DeleteNetworkInterface, instance termination). */
export async function releaseAllIpv4(ctx: RequestContext, space: SubnetSpace, eniId: string): Promise<void> {
  if (!space.ipv4) return;
  const rows = await ctx.tx.all<{ address: number }>('SELECT address FROM eni_private_ipv4 WHERE eni_id = ?', [eniId]);
  if (rows.length === 0) return;
  const addresses = rows.map((r) => Number(r.address));
  await ctx.tx.run('DELETE FROM eni_private_ipv4 WHERE eni_id = ?', [eniId]);
  await ctx.tx.run(`DELETE FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv4'`, [eniId]);
  await recordReleased(ctx, space.row.id, space.ipv4, addresses);
  await adjustSubnetUsage(ctx, space.row.id, -addresses.length);
}
