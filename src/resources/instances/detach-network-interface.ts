/**
 * DetachNetworkInterface (network-interfaces.md §4.8): `eni-attach-…` ids only (other services' attachments, such
 * as `ela-attach-…`, are not the caller's to manage; anything else is malformed); the attachment must be one of
 * the caller's; the primary ENI (device 0, card 0) and service-managed ENIs never detach. The ENI is `available` at
 * once with every address, group, Elastic IP, MAC and tag it had (rule 7), and its attachment element is gone, so
 * the SDKs' waiters finish on their first poll; for a minute the attachment id still finds it, `detached`, which ends
 * Terraform's detach waiter at once (network-interfaces/eni-detachments.ts). Force detaches the same way.
 */
import {
  attachmentIdMalformed,
  primaryNotDetachable,
  requesterManagedAttachment,
  serviceAttachment,
} from '../../errors/instances.js';
import { attachmentNotFound } from '../../errors/network-interfaces.js';
import type { Handler } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { recordDetachment } from '../network-interfaces/eni-detachments.js';
import type { EniRow } from '../network-interfaces/eni-records.js';
import { detachEni, uncountAttachment } from './attachments.js';

/** `ela-attach-0123…` → `ela-attach`: an attachment id of another service. */
function serviceAttachmentPrefix(id: string): string | undefined {
  const match = /^([a-z]+-attach)-[0-9a-f]+$/.exec(id);
  return match && match[1] !== 'eni-attach' ? match[1] : undefined;
}

export const detachNetworkInterface: Handler<'DetachNetworkInterface'> = async (ctx, input) => {
  const id = input.AttachmentId;
  const servicePrefix = serviceAttachmentPrefix(id);
  if (servicePrefix) throw serviceAttachment(servicePrefix);
  if (!isWellFormedId('eni-attach', id)) throw attachmentIdMalformed(id);
  const eni = await ctx.tx.get<EniRow>(
    `SELECT * FROM network_interfaces WHERE attachment_id = ? AND attachment_id <> '' AND account = ? AND region = ?`,
    [id, ctx.account, ctx.region.name],
  );
  if (!eni) throw attachmentNotFound(id);
  if (Number(eni.device_index) === 0 && Number(eni.network_card_index) === 0) throw primaryNotDetachable();
  if (eni.requester_managed === 1) throw requesterManagedAttachment(eni.id);
  await recordDetachment(ctx, eni);
  await detachEni(ctx, eni.id);
  await uncountAttachment(ctx, eni.instance_id);
};
