/**
 * The `detached` moment of an attachment (network-interfaces.md §2.1: `detaching` → `detached`, then the attachment
 * element disappears). vpclite detaches at once - the ENI is `available` and every read of it shows no attachment -
 * but a client that waits on the attachment itself polls DescribeNetworkInterfaces with the
 * `attachment.attachment-id` filter until it reads `detached`. Terraform's detach waiter accepts nothing else but 20
 * empty answers with back-off, about 2.5 minutes per detach (shared/acceptance/terraform/ACTIONS.md). So for a
 * minute after DetachNetworkInterface, and only through that filter, the ENI is found with that attachment in state
 * `detached`; reads by id and by any other filter never show it, so a detached attachment never lands in a client's
 * view of the ENI itself. A new attachment of the ENI ends it at once; DetachNetworkInterface of that id is
 * InvalidAttachmentID.NotFound throughout.
 */
import type { NetworkInterface, NetworkInterfaceAttachment } from '../../protocol/generated/ec2-shapes.js';
import type { SqlValue } from '../../store/store.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import type { EniRow } from './eni-records.js';

/** How long a detached attachment can still be found by its id. */
export const DETACHED_VISIBLE_MS = 60 * 1000;

const cutoff = (now: Date) => new Date(now.getTime() - DETACHED_VISIBLE_MS).toISOString();

interface DetachmentRow {
  attachment_id: string;
  eni_id: string;
  instance_id: string;
  instance_owner_id: string;
  device_index: number;
  network_card_index: number;
  attach_time: string;
  delete_on_termination: number;
}

/** Remembers the attachment `eni` had, as DetachNetworkInterface ends it; forgets expired ones of the caller. */
export async function recordDetachment(ctx: RequestContext, eni: EniRow): Promise<void> {
  await ctx.tx.run('DELETE FROM eni_detachments WHERE account = ? AND region = ? AND detached_at <= ?', [
    ctx.account, ctx.region.name, cutoff(ctx.now),
  ]);
  await ctx.tx.run('DELETE FROM eni_detachments WHERE eni_id = ?', [eni.id]);
  await ctx.tx.run(
    `INSERT INTO eni_detachments (attachment_id, eni_id, account, region, instance_id, instance_owner_id, device_index,
       network_card_index, attach_time, delete_on_termination, detached_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      eni.attachment_id, eni.id, ctx.account, ctx.region.name, eni.instance_id, eni.instance_owner_id, eni.device_index,
      eni.network_card_index, eni.attach_time, eni.delete_on_termination, ctx.now.toISOString(),
    ],
  );
}

/** A new attachment of the ENI supersedes its last detachment. */
export async function forgetDetachments(ctx: RequestContext, eniId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM eni_detachments WHERE eni_id = ?', [eniId]);
}

/** SQL (outer ENI alias `n`) for the unattached ENIs whose recent detachment had one of `attachmentIds`. */
export function recentlyDetachedSql(now: Date, attachmentIds: string[]): { sql: string; params: SqlValue[] } {
  return {
    sql: `(n.attachment_id = '' AND n.id IN (SELECT d.eni_id FROM eni_detachments d
            WHERE d.attachment_id IN (${placeholders(attachmentIds)}) AND d.detached_at > ?))`,
    params: [...attachmentIds, cutoff(now)],
  };
}

/** Shows the recent detachment named by the request on each unattached ENI of the answer that has one. */
export async function showRecentDetachments(
  ctx: RequestContext,
  enis: NetworkInterface[],
  attachmentIds: string[],
): Promise<void> {
  const bare = enis.filter((e) => e.Attachment === undefined);
  if (bare.length === 0 || attachmentIds.length === 0) return;
  const rows = await ctx.tx.all<DetachmentRow>(
    `SELECT * FROM eni_detachments WHERE attachment_id IN (${placeholders(attachmentIds)}) AND detached_at > ?
       AND account = ? AND region = ?`,
    [...attachmentIds, cutoff(ctx.now), ctx.account, ctx.region.name],
  );
  const byEni = new Map(rows.map((r) => [r.eni_id, r]));
  for (const eni of bare) {
    const row = byEni.get(eni.NetworkInterfaceId!);
    if (!row) continue;
    const attachment: NetworkInterfaceAttachment = {
      AttachmentId: row.attachment_id,
      InstanceId: row.instance_id,
      InstanceOwnerId: row.instance_owner_id,
      DeviceIndex: Number(row.device_index),
      NetworkCardIndex: Number(row.network_card_index),
      Status: 'detached',
      AttachTime: new Date(row.attach_time),
      DeleteOnTermination: row.delete_on_termination === 1,
    };
    eni.Attachment = attachment;
  }
}
