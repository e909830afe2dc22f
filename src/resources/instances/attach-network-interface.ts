/**
 * AttachNetworkInterface (network-interfaces.md §4.7, §3 rules 2-8): the ENI and the instance must both be the
 * caller's; the instance running or stopped (hot or warm attach); the ENI not attached already and not managed by
 * a service; both in one zone (a secondary ENI may come from another VPC of the account); the card valid for the
 * type; the device index free on that card; one more ENI within the type's limits; and the ENI holding no more
 * addresses than the type allows per interface. The attachment is `attached` at once, DeleteOnTermination false.
 */
import {
  attachmentLimitExceeded,
  deviceIndexInUse,
  efaNotSupported,
  instanceNotUsable,
  interfaceAddressLimitExceeded,
  interfaceInUse,
  invalidDeviceIndex,
  invalidNetworkCard,
  invalidNetworkCardIndex,
  requesterManagedAttachment,
  zoneMismatch,
} from '../../errors/instances.js';
import type { Handler } from '../context.js';
import { findInstanceType } from '../instance-types/catalog.js';
import { addressUsage } from '../network-interfaces/address-limits.js';
import { checkEniIdForm, requireEni } from '../network-interfaces/eni-records.js';
import { attachEni, countAttachment } from './attachments.js';
import { checkInstanceIdForm, requireInstance } from './instance-records.js';

export const attachNetworkInterface: Handler<'AttachNetworkInterface'> = async (ctx, input) => {
  const deviceIndex = input.DeviceIndex;
  const cardIndex = input.NetworkCardIndex ?? 0;
  if (deviceIndex < 0) throw invalidDeviceIndex(deviceIndex);
  if (cardIndex < 0) throw invalidNetworkCard(cardIndex);
  checkEniIdForm(input.NetworkInterfaceId);
  checkInstanceIdForm(input.InstanceId);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  const instance = await requireInstance(ctx, input.InstanceId);

  if (instance.state !== 'running' && instance.state !== 'stopped') throw instanceNotUsable(instance.id);
  if (eni.requester_managed === 1) throw requesterManagedAttachment(eni.id);
  if (eni.attachment_id !== '' || eni.status !== 'available') throw interfaceInUse(eni.id);
  if (eni.availability_zone !== instance.availability_zone) throw zoneMismatch();

  const type = findInstanceType(instance.instance_type)!;
  const network = type.network;
  const card = network.cards.find((c) => c.index === cardIndex);
  if (!card) throw invalidNetworkCardIndex(cardIndex, type.type);
  const taken = await ctx.tx.get(
    'SELECT 1 AS x FROM network_interfaces WHERE instance_id = ? AND network_card_index = ? AND device_index = ?',
    [instance.id, cardIndex, deviceIndex],
  );
  if (taken) throw deviceIndexInUse(instance.id, deviceIndex);
  if ((eni.interface_type === 'efa' || eni.interface_type === 'efa-only') && !network.efaSupported) {
    throw efaNotSupported(type.type);
  }
  const used = await addressUsage(ctx, eni.id);
  if (used.ipv4 > network.ipv4PerInterface || used.ipv6 > network.ipv6PerInterface) {
    throw interfaceAddressLimitExceeded(type.type);
  }
  if (network.cards.length > 1) {
    const onCard = await ctx.tx.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM network_interfaces WHERE instance_id = ? AND network_card_index = ?',
      [instance.id, cardIndex],
    );
    if (Number(onCard?.n ?? 0) >= card.maxInterfaces) throw attachmentLimitExceeded(Number(instance.eni_count) + 1, type.type);
  }
  await countAttachment(ctx, instance, network.maxInterfaces);
  const attachmentId = await attachEni(ctx, {
    eniId: eni.id,
    instanceId: instance.id,
    deviceIndex,
    networkCardIndex: cardIndex,
    deleteOnTermination: false,
  });
  return { AttachmentId: attachmentId, NetworkCardIndex: cardIndex };
};
