/**
 * Claiming a public address from the configured pool for a new Elastic IP. The claim IS the insert of the
 * elastic_ips row: public_ip and address are UNIQUE across every account and region, so two requests (on one node
 * or several) can never hold the same address, and `ON CONFLICT DO NOTHING` tells a taken address apart without
 * aborting the transaction on any engine.
 *
 * Addresses are drawn at random, as AWS's are; while the pool is mostly free a draw succeeds at once. After a few
 * misses (a small or crowded pool) the first free address after a random point is found by walking the address
 * index in batches, wrapping around once, so an almost full pool still finds its last addresses and a full one is
 * refused.
 */
import { randomInt } from 'node:crypto';
import { addressNotFound, addressPoolExhausted } from '../../errors/addresses.js';
import { formatIpv4 } from '../../net/ipv4.js';
import type { RequestContext } from '../context.js';
import { elasticIpPool } from './address-settings.js';

const RANDOM_DRAWS = 8;
const SCAN_BATCH = 512;

export interface NewElasticIp {
  allocationId: string;
  domain: string;
  publicIpv4Pool: string;
  networkBorderGroup: string;
}

async function tryInsert(ctx: RequestContext, spec: NewElasticIp, address: number): Promise<boolean> {
  // An instance's auto-assigned address is never also an Elastic IP, should the two pools be set to overlap.
  if (await ctx.tx.get('SELECT 1 AS x FROM public_ipv4_addresses WHERE address = ?', [address])) return false;
  const { changes } = await ctx.tx.run(
    `INSERT INTO elastic_ips (id, account, region, public_ip, address, domain, public_ipv4_pool, network_border_group,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [
      spec.allocationId, ctx.account, ctx.region.name, formatIpv4(address), address, spec.domain, spec.publicIpv4Pool,
      spec.networkBorderGroup, ctx.now.toISOString(),
    ],
  );
  return changes === 1;
}

/** The first address in [from, to] that no Elastic IP holds, or undefined. */
async function firstFree(ctx: RequestContext, from: number, to: number): Promise<number | undefined> {
  let candidate = from;
  while (candidate <= to) {
    const held = await ctx.tx.all<{ address: number }>(
      'SELECT address FROM elastic_ips WHERE address >= ? AND address <= ? ORDER BY address LIMIT ?',
      [candidate, to, SCAN_BATCH],
    );
    for (const row of held) {
      if (Number(row.address) > candidate) return candidate;
      candidate = Number(row.address) + 1;
    }
    if (held.length < SCAN_BATCH) return candidate <= to ? candidate : undefined;
  }
  return undefined;
}

/** Inserts the Elastic IP with a free address of the pool; returns the address. */
export async function insertWithPooledAddress(ctx: RequestContext, spec: NewElasticIp): Promise<number> {
  const { first, last } = elasticIpPool();
  for (let draw = 0; draw < RANDOM_DRAWS; draw++) {
    const address = first + randomInt(last - first + 1);
    if (await tryInsert(ctx, spec, address)) return address;
  }
  const start = first + randomInt(last - first + 1);
  for (const [from, to] of [[start, last], [first, start - 1]] as const) {
    const address = await firstFree(ctx, from, to);
    if (address !== undefined && (await tryInsert(ctx, spec, address))) return address;
  }
  throw addressPoolExhausted();
}

/**
 * Inserts the Elastic IP with the address the caller asked to recover (AllocateAddress `Address`). It must lie in
 * the pool and be free; anything else is an address the caller cannot have.
 */
export async function insertWithRequestedAddress(ctx: RequestContext, spec: NewElasticIp, address: number): Promise<void> {
  const { first, last } = elasticIpPool();
  if (address < first || address > last || !(await tryInsert(ctx, spec, address))) {
    throw addressNotFound(formatIpv4(address));
  }
}
