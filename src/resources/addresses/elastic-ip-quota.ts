/**
 * The Elastic IP quota: 5 per account and region (addressing.md §5, AddressLimitExceeded). Kept as an exact
 * counter moved by a conditional upsert, so two concurrent allocations can never both take the last place.
 */
import { addressLimitExceeded } from '../../errors/addresses.js';
import type { RequestContext } from '../context.js';

export const ELASTIC_IPS_PER_REGION = 5;

/** Counts one more Elastic IP for the caller, refusing the one past the quota. */
export async function countNewElasticIp(ctx: RequestContext): Promise<void> {
  const { changes } = await ctx.tx.run(
    `INSERT INTO elastic_ip_counts (account, region, n) VALUES (?, ?, 1)
     ON CONFLICT (account, region) DO UPDATE SET n = elastic_ip_counts.n + 1 WHERE elastic_ip_counts.n < ?`,
    [ctx.account, ctx.region.name, ELASTIC_IPS_PER_REGION],
  );
  if (changes === 0) throw addressLimitExceeded();
}

/** Forgets one Elastic IP of the caller's count. */
export async function uncountElasticIp(ctx: RequestContext): Promise<void> {
  await ctx.tx.run('UPDATE elastic_ip_counts SET n = n - 1 WHERE account = ? AND region = ?', [ctx.account, ctx.region.name]);
}
