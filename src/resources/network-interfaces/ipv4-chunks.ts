/**
 * The allocator's index over a subnet's IPv4 space (the store half of src/net/ipv4-subnet-space.ts).
 *
 * Design: a subnet is cut into aligned chunks of at most 256 addresses; each chunk has a row in ipam_ipv4_chunks
 * with its usable capacity, an exact count of held addresses (`used`), an exact count of empty prefix-eligible /28
 * blocks (`free_blocks`) and a random `pick_key`. Two partial indexes hold only the chunks that still have a free
 * address (used < capacity) or a free /28 (free_blocks > 0). To pick, we seek the first such chunk at or after a
 * random key (wrapping around): one index seek, whatever the fill. The chosen chunk gets a new random key when its
 * counts change, so successive picks wander over the subnet instead of filling it in order. The held addresses of
 * that one chunk (at most 256 rows, one range query on the UNIQUE (subnet_id, address) index) tell which
 * addresses and blocks are free; one is drawn uniformly. Counts are updated in the same transaction as the
 * address rows, so they are exact whenever anything commits.
 *
 * Chunk rows are made lazily, on a subnet's first allocation (at most 256 rows for a /16), so subnets need not
 * know about the allocator; releaseSubnetChunks removes them with the subnet.
 */
import { chunkBaseOf, chunkLayout, isEligibleBlock, PREFIX_BLOCK, type ChunkLayout } from '../../net/ipv4-subnet-space.js';
import type { Ipv4Cidr } from '../../net/ipv4.js';
import { secureRandom } from '../../net/random.js';
import type { RequestContext } from '../context.js';

const PICK_KEY_RANGE = 2 ** 31;

export interface ChunkRow {
  chunk_base: number;
  first_usable: number;
  last_usable: number;
  capacity: number;
  used: number;
  free_blocks: number;
}

const newPickKey = () => secureRandom.int(PICK_KEY_RANGE);

async function hasChunks(ctx: RequestContext, subnetId: string): Promise<boolean> {
  return (await ctx.tx.get('SELECT 1 AS x FROM ipam_ipv4_chunks WHERE subnet_id = ? LIMIT 1', [subnetId])) !== undefined;
}

/** Creates the chunk rows of a subnet that has none yet (a no-op when another transaction made them first). */
async function createChunks(ctx: RequestContext, subnetId: string, cidr: Ipv4Cidr): Promise<void> {
  const layout: ChunkLayout[] = chunkLayout(cidr);
  const PER_STATEMENT = 64;
  for (let i = 0; i < layout.length; i += PER_STATEMENT) {
    const slice = layout.slice(i, i + PER_STATEMENT);
    await ctx.tx.run(
      `INSERT INTO ipam_ipv4_chunks (subnet_id, chunk_base, first_usable, last_usable, capacity, used, free_blocks, pick_key)
       VALUES ${slice.map(() => '(?, ?, ?, ?, ?, 0, ?, ?)').join(', ')}
       ON CONFLICT (subnet_id, chunk_base) DO NOTHING`,
      slice.flatMap((c) => [subnetId, c.base, c.firstUsable, c.lastUsable, c.capacity, c.freeBlocks, newPickKey()]),
    );
  }
}

async function ensureChunks(ctx: RequestContext, subnetId: string, cidr: Ipv4Cidr): Promise<void> {
  if (!(await hasChunks(ctx, subnetId))) await createChunks(ctx, subnetId, cidr);
}

const PICK_CONDITION = { address: 'used < capacity', block: 'free_blocks > 0' } as const;

/**
 * A random chunk that can still give an address (`address`) or a whole free /28 (`block`), or undefined when the
 * subnet has none.
 */
export async function pickChunk(
  ctx: RequestContext,
  subnetId: string,
  cidr: Ipv4Cidr,
  want: keyof typeof PICK_CONDITION,
): Promise<ChunkRow | undefined> {
  const columns = 'chunk_base, first_usable, last_usable, capacity, used, free_blocks';
  const condition = PICK_CONDITION[want];
  for (let attempt = 0; attempt < 2; attempt++) {
    const row =
      (await ctx.tx.get<ChunkRow>(
        `SELECT ${columns} FROM ipam_ipv4_chunks WHERE subnet_id = ? AND ${condition} AND pick_key >= ?
         ORDER BY pick_key LIMIT 1`,
        [subnetId, newPickKey()],
      )) ??
      (await ctx.tx.get<ChunkRow>(
        `SELECT ${columns} FROM ipam_ipv4_chunks WHERE subnet_id = ? AND ${condition} ORDER BY pick_key LIMIT 1`,
        [subnetId],
      ));
    if (row) return row;
    // Nothing found: either the subnet is full, or no allocation ever happened in it and it has no chunks yet.
    if (await hasChunks(ctx, subnetId)) return undefined;
    await createChunks(ctx, subnetId, cidr);
  }
  return undefined;
}

/** The held addresses (prefix rows included) between `first` and `last`: one bounded range query. */
export async function heldBetween(ctx: RequestContext, subnetId: string, first: number, last: number): Promise<Set<number>> {
  const rows = await ctx.tx.all<{ address: number }>(
    'SELECT address FROM eni_private_ipv4 WHERE subnet_id = ? AND address BETWEEN ? AND ?',
    [subnetId, first, last],
  );
  return new Set(rows.map((r) => Number(r.address)));
}

/** Applies exact changes to one chunk's counts and gives it a fresh random key. */
export async function adjustChunk(
  ctx: RequestContext,
  subnetId: string,
  cidr: Ipv4Cidr,
  chunkBase: number,
  usedDelta: number,
  freeBlocksDelta: number,
): Promise<void> {
  const sql = `UPDATE ipam_ipv4_chunks SET used = used + ?, free_blocks = free_blocks + ?, pick_key = ?
               WHERE subnet_id = ? AND chunk_base = ?`;
  const params = [usedDelta, freeBlocksDelta, newPickKey(), subnetId, chunkBase];
  const { changes } = await ctx.tx.run(sql, params);
  if (changes === 0) {
    // An explicit address in a subnet that never allocated before: make its chunks, then count.
    await ensureChunks(ctx, subnetId, cidr);
    await ctx.tx.run(sql, params);
  }
}

/**
 * Counts one newly held address (or, with `size` 16, one whole /28) in its chunk. `blockWasEmpty` says whether its
 * /28 held nothing before, which the caller knows from the held addresses it read to choose or check it.
 */
export async function countTaken(
  ctx: RequestContext,
  subnetId: string,
  cidr: Ipv4Cidr,
  address: number,
  blockWasEmpty: boolean,
  size = 1,
): Promise<void> {
  const emptied = blockWasEmpty && isEligibleBlock(cidr, address - (address % PREFIX_BLOCK)) ? 1 : 0;
  await adjustChunk(ctx, subnetId, cidr, chunkBaseOf(cidr, address), size, -emptied);
}

/** Counts the effect of releasing `addresses` (their rows already deleted) on their chunks. */
export async function recordReleased(ctx: RequestContext, subnetId: string, cidr: Ipv4Cidr, addresses: number[]): Promise<void> {
  const perChunk = new Map<number, { used: number; blocks: Set<number> }>();
  for (const address of addresses) {
    const chunk = chunkBaseOf(cidr, address);
    const entry = perChunk.get(chunk) ?? { used: 0, blocks: new Set<number>() };
    entry.used++;
    const block = address - (address % PREFIX_BLOCK);
    if (isEligibleBlock(cidr, block)) entry.blocks.add(block);
    perChunk.set(chunk, entry);
  }
  for (const [chunk, entry] of perChunk) {
    let freed = 0;
    for (const block of entry.blocks) {
      if ((await heldBetween(ctx, subnetId, block, block + PREFIX_BLOCK - 1)).size === 0) freed++;
    }
    await adjustChunk(ctx, subnetId, cidr, chunk, -entry.used, freed);
  }
}

/** Forgets a subnet's chunk rows; DeleteSubnet calls it (a subnet with ENIs is never deleted). */
export async function releaseSubnetChunks(ctx: RequestContext, subnetId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM ipam_ipv4_chunks WHERE subnet_id = ?', [subnetId]);
  await ctx.tx.run('DELETE FROM ipam_ipv6_blocks WHERE subnet_id = ?', [subnetId]);
}
