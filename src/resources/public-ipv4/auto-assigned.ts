/**
 * Auto-assigned public IPv4 addresses (addressing.md §6): drawn from the pool for the primary private address of an
 * instance's eth0, shown with `ipOwnerId` `amazon`, and given back at stop and terminate. They sit in the same
 * columns of eni_private_ipv4 as Elastic IP associations (migration 002) and are told apart by having no
 * allocation id. Elastic IPs use these too: associating an EIP with that address releases the automatic one
 * first, and disassociating it may give a new one (addressing.md §5.2, §5.3).
 */
import { insufficientAddressCapacity } from '../../errors/instances.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { allocatePublicIpv4, releasePublicIpv4 } from './pool.js';

/** What AWS shows as the owner of an address from its own pool. */
export const AUTO_ASSIGNED_OWNER = 'amazon';

/** Gives the ENI's primary private IPv4 a public address, unless it has one (or has no IPv4); returns it. */
export async function assignAutoPublicIp(ctx: RequestContext, eniId: string): Promise<string | undefined> {
  const primary = await ctx.tx.get<{ seq: number; public_ip: string }>(
    'SELECT seq, public_ip FROM eni_private_ipv4 WHERE eni_id = ? AND is_primary = 1 AND in_prefix = 0',
    [eniId],
  );
  if (!primary || primary.public_ip !== '') return undefined;
  const ip = await allocatePublicIpv4(ctx, 'auto');
  if (ip === undefined) throw insufficientAddressCapacity();
  await ctx.tx.run('UPDATE eni_private_ipv4 SET public_ip = ?, public_ip_owner = ? WHERE seq = ?', [
    ip, AUTO_ASSIGNED_OWNER, primary.seq,
  ]);
  return ip;
}

/**
 * Gives an instance's eth0 a new auto-assigned address when the instance is entitled to one (addressing.md §5.3,
 * §6): eth0 asks for one (the launch's choice, kept on the ENI), it is the instance's only interface, and none of
 * its addresses holds an Elastic IP. A start asks this, and so does an Elastic IP leaving a running instance.
 * `attached` is every ENI attached to the instance, whoever owns it.
 */
export async function restoreAutoPublicIp(
  ctx: RequestContext,
  attached: readonly { id: string; associate_public_ip: number }[],
): Promise<void> {
  if (attached.length !== 1 || attached[0]!.associate_public_ip !== 1) return;
  const eth0 = attached[0]!.id;
  const elastic = await ctx.tx.get(`SELECT 1 AS x FROM eni_private_ipv4 WHERE eni_id = ? AND allocation_id <> ''`, [eth0]);
  if (!elastic) await assignAutoPublicIp(ctx, eth0);
}

/** Gives back the auto-assigned addresses the ENIs hold; their Elastic IP associations stay. */
export async function releaseAutoPublicIps(ctx: RequestContext, eniIds: string[]): Promise<void> {
  if (eniIds.length === 0) return;
  const rows = await ctx.tx.all<{ seq: number; public_ip: string }>(
    `SELECT seq, public_ip FROM eni_private_ipv4
     WHERE eni_id IN (${placeholders(eniIds)}) AND public_ip <> '' AND allocation_id = '' AND public_ip_owner = ?`,
    [...eniIds, AUTO_ASSIGNED_OWNER],
  );
  for (const row of rows) {
    await releasePublicIpv4(ctx, row.public_ip);
    await ctx.tx.run(`UPDATE eni_private_ipv4 SET public_ip = '', public_ip_owner = '' WHERE seq = ?`, [row.seq]);
  }
}
