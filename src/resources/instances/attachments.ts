/**
 * Attaching and detaching ENI rows (network-interfaces.md §2.1, §3): the primitives RunInstances,
 * AttachNetworkInterface, DetachNetworkInterface and TerminateInstances share. Attachments settle at once: an
 * attached ENI is `in-use` with attachment `attached`, a detached one is `available` with no attachment element,
 * so clients' waiters (Terraform's, the SDKs') finish on their first poll.
 *
 * The invariants hold in the store: an ENI gains an attachment only if it has none (conditional UPDATE), one ENI
 * per (instance, card, device index) is a partial UNIQUE index, and the instance's ENI count moves by conditional
 * UPDATE against the type's limit.
 */
import { attachmentLimitExceeded, deviceIndexInUse, interfaceInUse } from '../../errors/instances.js';
import { UniqueViolation } from '../../store/store.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { forgetDetachments } from '../network-interfaces/eni-detachments.js';

export interface NewAttachment {
  eniId: string;
  instanceId: string;
  deviceIndex: number;
  networkCardIndex: number;
  deleteOnTermination: boolean;
}

/** Writes the attachment onto an unattached ENI; returns the new `eni-attach-…` id. */
export async function attachEni(ctx: RequestContext, attachment: NewAttachment): Promise<string> {
  const attachmentId = newId('eni-attach');
  let changes: number;
  try {
    ({ changes } = await ctx.tx.run(
      `UPDATE network_interfaces SET attachment_id = ?, instance_id = ?, instance_owner_id = ?, device_index = ?,
         network_card_index = ?, attachment_status = 'attached', status = 'in-use', delete_on_termination = ?,
         attach_time = ?
       WHERE id = ? AND attachment_id = ''`,
      [
        attachmentId, attachment.instanceId, ctx.account, attachment.deviceIndex, attachment.networkCardIndex,
        attachment.deleteOnTermination ? 1 : 0, ctx.now.toISOString(), attachment.eniId,
      ],
    ));
  } catch (error) {
    // Another ENI took the device index since it was checked: the same answer as when it was already there.
    if (error instanceof UniqueViolation) throw deviceIndexInUse(attachment.instanceId, attachment.deviceIndex);
    throw error;
  }
  if (changes === 0) throw interfaceInUse(attachment.eniId);
  await forgetDetachments(ctx, attachment.eniId);
  return attachmentId;
}

/** Clears the attachment of an ENI: it is `available` again, with everything it holds. */
export async function detachEni(ctx: RequestContext, eniId: string): Promise<void> {
  await ctx.tx.run(
    `UPDATE network_interfaces SET attachment_id = '', instance_id = '', instance_owner_id = '', device_index = -1,
       network_card_index = -1, attachment_status = '', status = 'available', delete_on_termination = 0,
       attach_time = '', ena_queue_count = 0, ena_srd_enabled = 0, ena_srd_udp_enabled = 0
     WHERE id = ?`,
    [eniId],
  );
}

/** Counts one more ENI on the instance, refusing the one past `limit` (AttachmentLimitExceeded). */
export async function countAttachment(
  ctx: RequestContext,
  instance: { id: string; instance_type: string; eni_count: number },
  limit: number,
): Promise<void> {
  const { changes } = await ctx.tx.run('UPDATE instances SET eni_count = eni_count + 1 WHERE id = ? AND eni_count < ?', [
    instance.id, limit,
  ]);
  if (changes === 0) throw attachmentLimitExceeded(Number(instance.eni_count) + 1, instance.instance_type);
}

export async function uncountAttachment(ctx: RequestContext, instanceId: string): Promise<void> {
  await ctx.tx.run('UPDATE instances SET eni_count = eni_count - 1 WHERE id = ? AND eni_count > 0', [instanceId]);
}
