/**
 * The caller's ENIs attached to an instance, primary (device index 0) first. The instance's seqs come from the
 * device-slot index; naming them keeps SQLite from walking every ENI of the account instead.
 */
import type { RequestContext } from '../context.js';

export async function interfacesOfInstance(ctx: RequestContext, instanceId: string, limit: number): Promise<string[]> {
  const rows = await ctx.tx.all<{ id: string }>(
    `SELECT id FROM network_interfaces
     WHERE seq IN (SELECT s.seq FROM network_interfaces s WHERE s.instance_id = ? AND s.instance_id <> '')
       AND account = ? AND region = ?
     ORDER BY network_card_index, device_index LIMIT ?`,
    [instanceId, ctx.account, ctx.region.name, limit],
  );
  return rows.map((r) => r.id);
}
