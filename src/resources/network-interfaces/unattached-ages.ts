/**
 * The caller's unattached ENIs with their creation time, for `vpclite audit` (EC2's DescribeNetworkInterfaces does
 * not show when an ENI was made). Read through the (account, region, status) index.
 */
import type { RequestContext } from '../context.js';

export interface UnattachedEniAge {
  id: string;
  createdAt: string;
}

export async function unattachedEniAges(ctx: RequestContext): Promise<UnattachedEniAge[]> {
  const rows = await ctx.tx.all<{ id: string; created_at: string }>(
    `SELECT id, created_at FROM network_interfaces WHERE account = ? AND region = ? AND status = 'available' ORDER BY seq`,
    [ctx.account, ctx.region.name],
  );
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
}
