/**
 * The instance types vpclite serves (every type of addressing.md §7, generated from real AWS data) and the
 * per-type network limits the ENI and instance code enforce: ENIs per instance and per network card, private
 * IPv4 and IPv6 addresses per ENI, EFA. Lookups are by exact name in a map built once.
 */
import { INSTANCE_TYPE_RECORDS } from './generated/instance-type-data.js';
import type { InstanceTypeRecord } from './instance-type-record.js';

const byName = new Map(INSTANCE_TYPE_RECORDS.map((r) => [r.type, r]));

/** Every served type, in catalogue order (families together, sizes ascending): DescribeInstanceTypes' order. */
export const ALL_INSTANCE_TYPES: readonly InstanceTypeRecord[] = INSTANCE_TYPE_RECORDS;

export function findInstanceType(type: string): InstanceTypeRecord | undefined {
  return byName.get(type);
}

export interface NetworkCardLimits {
  networkCardIndex: number;
  maxNetworkInterfaces: number;
}

/** What an instance of a type may hold, as the ENI and instance actions check it. */
export interface InstanceTypeLimits {
  instanceType: string;
  /** ENIs per instance over all cards (`MaximumNetworkInterfaces`), the primary ENI included. */
  maxNetworkInterfaces: number;
  /** Private IPv4 addresses per ENI, the primary included; each IPv4 /28 prefix counts as one. */
  ipv4AddressesPerInterface: number;
  /** IPv6 addresses per ENI; 0 when the type has no IPv6. */
  ipv6AddressesPerInterface: number;
  ipv6Supported: boolean;
  maxNetworkCards: number;
  /** The card that holds the primary ENI (device index 0). */
  defaultNetworkCardIndex: number;
  /** Each card's own ENI quota: attachments on a card never exceed it. */
  networkCards: NetworkCardLimits[];
  efaSupported: boolean;
  /** EFA interfaces per instance (at most one per card); 0 when EFA is not supported. */
  maxEfaInterfaces: number;
  enaSupport: 'unsupported' | 'supported' | 'required';
}

/** The network limits of `type`, or undefined when vpclite does not serve that type. */
export function instanceTypeLimits(type: string): InstanceTypeLimits | undefined {
  const record = byName.get(type);
  if (!record) return undefined;
  const n = record.network;
  return {
    instanceType: record.type,
    maxNetworkInterfaces: n.maxInterfaces,
    ipv4AddressesPerInterface: n.ipv4PerInterface,
    ipv6AddressesPerInterface: n.ipv6Supported ? n.ipv6PerInterface : 0,
    ipv6Supported: n.ipv6Supported,
    maxNetworkCards: n.maxCards,
    defaultNetworkCardIndex: n.defaultCardIndex,
    networkCards: n.cards.map((c) => ({ networkCardIndex: c.index, maxNetworkInterfaces: c.maxInterfaces })),
    efaSupported: n.efaSupported,
    maxEfaInterfaces: n.maxEfaInterfaces ?? 0,
    enaSupport: n.ena,
  };
}

/**
 * The CPU credit option an instance of `type` gets when its launch names none: `standard` for T2, `unlimited`
 * for T3, T3a and T4g (EC2 User Guide, burstable performance instances). Non-burstable types report `standard`.
 */
export function defaultCpuCredits(type: string): 'standard' | 'unlimited' {
  const record = byName.get(type);
  if (!record?.burstable) return 'standard';
  return type.startsWith('t2.') ? 'standard' : 'unlimited';
}
