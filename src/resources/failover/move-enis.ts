/**
 * Moves every secondary ENI of a primary instance to a standby at the same (card, device) slots, inside the
 * caller's transaction: each ENI is detached (as a forced DetachNetworkInterface would) and attached to the standby
 * with every private address, IPv6 address, prefix, security group and Elastic IP it holds, since all of those
 * belong to the ENI, not to the instance. Checked first (move-plan.ts), so either every ENI moves or none does.
 */
import type { RequestContext } from '../context.js';
import { findInstanceType } from '../instance-types/catalog.js';
import { attachEni, countAttachment, detachEni, uncountAttachment } from '../instances/attachments.js';
import { attachedEnis } from '../instances/instance-interfaces.js';
import { findInstanceRows, type InstanceRow } from '../instances/instance-records.js';
import { addressUsage } from '../network-interfaces/address-limits.js';
import { recordDetachment } from '../network-interfaces/eni-detachments.js';
import type { EniRow } from '../network-interfaces/eni-records.js';
import { refusal, slotKey, type MovableEni, type StandbyView } from './move-plan.js';

export interface MovedEni {
  networkInterfaceId: string;
  deviceIndex: number;
  networkCardIndex: number;
  attachmentId: string;
  privateIpAddresses: string[];
  publicIps: string[];
}

export type MoveOutcome =
  | { outcome: 'moved'; moved: MovedEni[] }
  | { outcome: 'failed'; message: string; moved: [] };

const isSecondary = (eni: EniRow) =>
  !(Number(eni.device_index) === 0 && Number(eni.network_card_index) === 0) && eni.requester_managed !== 1;

async function standbyView(ctx: RequestContext, standby: InstanceRow): Promise<StandbyView | undefined> {
  const type = findInstanceType(standby.instance_type);
  if (!type) return undefined;
  const enis = await attachedEnis(ctx, standby.id);
  const perCard = new Map<number, number>();
  for (const e of enis) perCard.set(Number(e.network_card_index), (perCard.get(Number(e.network_card_index)) ?? 0) + 1);
  return {
    id: standby.id,
    state: standby.state,
    availabilityZone: standby.availability_zone,
    type,
    eniCount: Number(standby.eni_count),
    takenSlots: new Set(enis.map((e) => slotKey(Number(e.network_card_index), Number(e.device_index)))),
    perCard,
  };
}

async function movable(ctx: RequestContext, eni: EniRow): Promise<MovableEni> {
  const used = await addressUsage(ctx, eni.id);
  return {
    id: eni.id,
    deviceIndex: Number(eni.device_index),
    networkCardIndex: Number(eni.network_card_index),
    availabilityZone: eni.availability_zone,
    interfaceType: eni.interface_type,
    ipv4Used: used.ipv4,
    ipv6Used: used.ipv6,
  };
}

async function addressesOf(ctx: RequestContext, eniId: string): Promise<{ privateIps: string[]; publicIps: string[] }> {
  const rows = await ctx.tx.all<{ ip: string; public_ip: string }>(
    'SELECT ip, public_ip FROM eni_private_ipv4 WHERE eni_id = ? ORDER BY is_primary DESC, seq',
    [eniId],
  );
  return { privateIps: rows.map((r) => r.ip), publicIps: rows.map((r) => r.public_ip).filter((p) => p !== '') };
}

export async function moveSecondaryEnis(ctx: RequestContext, primary: InstanceRow, standbyId: string): Promise<MoveOutcome> {
  const secondaries = (await attachedEnis(ctx, primary.id)).filter(isSecondary);
  const [standby] = await findInstanceRows(ctx, [standbyId]);
  if (!standby) return { outcome: 'failed', message: `the standby ${standbyId} no longer exists`, moved: [] };
  const view = await standbyView(ctx, standby);
  if (!view) return { outcome: 'failed', message: `the standby's type ${standby.instance_type} is unknown`, moved: [] };
  const candidates = await Promise.all(secondaries.map((eni) => movable(ctx, eni)));
  const reason = refusal(candidates, view);
  if (reason) return { outcome: 'failed', message: reason, moved: [] };

  const moved: MovedEni[] = [];
  for (const eni of secondaries) {
    await recordDetachment(ctx, eni);
    await detachEni(ctx, eni.id);
    await uncountAttachment(ctx, primary.id);
    await countAttachment(ctx, { id: standby.id, instance_type: standby.instance_type, eni_count: view.eniCount + moved.length }, view.type.network.maxInterfaces);
    const attachmentId = await attachEni(ctx, {
      eniId: eni.id,
      instanceId: standby.id,
      deviceIndex: Number(eni.device_index),
      networkCardIndex: Number(eni.network_card_index),
      deleteOnTermination: false,
    });
    const addresses = await addressesOf(ctx, eni.id);
    moved.push({
      networkInterfaceId: eni.id,
      deviceIndex: Number(eni.device_index),
      networkCardIndex: Number(eni.network_card_index),
      attachmentId,
      privateIpAddresses: addresses.privateIps,
      publicIps: addresses.publicIps,
    });
  }
  return { outcome: 'moved', moved };
}
