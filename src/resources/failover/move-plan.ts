/**
 * Whether a primary's secondary ENIs can all move to a standby, at the same (card, device) slots: a pure check of
 * everything AttachNetworkInterface would refuse (network-interfaces.md §3), made before anything moves so a
 * failover is all or nothing. Answers the reason in words when it cannot.
 */
import type { InstanceTypeRecord } from '../instance-types/instance-type-record.js';

export interface MovableEni {
  id: string;
  deviceIndex: number;
  networkCardIndex: number;
  availabilityZone: string;
  interfaceType: string;
  ipv4Used: number;
  ipv6Used: number;
}

export interface StandbyView {
  id: string;
  state: string;
  availabilityZone: string;
  type: InstanceTypeRecord;
  eniCount: number;
  /** `card:device` of every ENI attached to the standby now. */
  takenSlots: Set<string>;
  /** ENIs per card on the standby now. */
  perCard: Map<number, number>;
}

export const slotKey = (card: number, device: number): string => `${card}:${device}`;

export function refusal(enis: readonly MovableEni[], standby: StandbyView): string | undefined {
  if (standby.state !== 'running' && standby.state !== 'stopped') {
    return `the standby ${standby.id} is ${standby.state}; an ENI attaches only to a running or stopped instance`;
  }
  const network = standby.type.network;
  if (standby.eniCount + enis.length > network.maxInterfaces) {
    return `the standby ${standby.id} (${standby.type.type}) has ${standby.eniCount} of ${network.maxInterfaces} ENIs; ${enis.length} more do not fit`;
  }
  const perCard = new Map(standby.perCard);
  for (const eni of enis) {
    if (eni.availabilityZone !== standby.availabilityZone) {
      return `${eni.id} is in ${eni.availabilityZone} and the standby in ${standby.availabilityZone}`;
    }
    if (standby.takenSlots.has(slotKey(eni.networkCardIndex, eni.deviceIndex))) {
      return `device index ${eni.deviceIndex} (card ${eni.networkCardIndex}) of the standby ${standby.id} is taken, so ${eni.id} cannot keep its index`;
    }
    const card = network.cards.find((c) => c.index === eni.networkCardIndex);
    if (!card) return `${standby.type.type} has no network card ${eni.networkCardIndex} for ${eni.id}`;
    const onCard = (perCard.get(card.index) ?? 0) + 1;
    if (network.cards.length > 1 && onCard > card.maxInterfaces) {
      return `card ${card.index} of the standby ${standby.id} holds at most ${card.maxInterfaces} ENIs`;
    }
    perCard.set(card.index, onCard);
    if ((eni.interfaceType === 'efa' || eni.interfaceType === 'efa-only') && !network.efaSupported) {
      return `${eni.id} is an EFA interface and ${standby.type.type} does not support EFA`;
    }
    if (eni.ipv4Used > network.ipv4PerInterface || eni.ipv6Used > network.ipv6PerInterface) {
      return `${eni.id} holds more addresses than ${standby.type.type} allows per interface`;
    }
  }
  return undefined;
}
