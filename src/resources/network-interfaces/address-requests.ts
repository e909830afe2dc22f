/**
 * Reading the addresses and prefixes a request names, and checking them against the subnet they must come from
 * (addressing.md §2-§4). Pure: parsing errors are InvalidParameterValue, and an address outside the subnet or one
 * of the five reserved ones is refused before anything is written.
 */
import {
  addressOutsideSubnet,
  duplicateAddress,
  invalidAddress,
  invalidCount,
  invalidPrefix,
  prefixOutsideSubnet,
  reservedAddress,
  subnetWithoutIpv4,
  subnetWithoutIpv6,
} from '../../errors/network-interfaces.js';
import { cidrContainsAddress, formatIpv4Cidr, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { IPV4_PREFIX_LENGTH, isEligibleBlock, isReservedIpv4 } from '../../net/ipv4-subnet-space.js';
import { formatIpv6, formatIpv6Cidr, parseIpv6, parseIpv6Cidr, type Ipv6Cidr } from '../../net/ipv6.js';
import {
  blockOfIpv6Prefix,
  IPV6_PREFIX_LENGTH,
  ipv6InSubnet,
  isEligibleIpv6Block,
  isReservedIpv6,
} from '../../net/ipv6-subnet-space.js';
import type { SubnetSpace } from './subnet-space.js';

export function parseAddress(parameter: string, text: string): number {
  const address = parseIpv4(text.trim());
  if (address === undefined) throw invalidAddress(parameter, text);
  return address;
}

/** An aligned /28 (host bits must be zero), as its base address. */
export function parseIpv4Prefix(parameter: string, text: string): number {
  const slash = text.indexOf('/');
  const cidr = parseIpv4Cidr(text.trim());
  if (!cidr || cidr.prefix !== IPV4_PREFIX_LENGTH || parseIpv4(text.slice(0, slash).trim()) !== cidr.base) {
    throw invalidPrefix(parameter, text, IPV4_PREFIX_LENGTH);
  }
  return cidr.base;
}

export function parseIpv6Address(parameter: string, text: string): bigint {
  const address = parseIpv6(text.trim());
  if (address === undefined) throw invalidAddress(parameter, text);
  return address;
}

/** An aligned /80 (host bits must be zero). */
export function parseIpv6Prefix(parameter: string, text: string): Ipv6Cidr {
  const slash = text.indexOf('/');
  const cidr = parseIpv6Cidr(text.trim());
  if (!cidr || cidr.prefix !== IPV6_PREFIX_LENGTH || parseIpv6(text.slice(0, slash).trim()) !== cidr.base) {
    throw invalidPrefix(parameter, text, IPV6_PREFIX_LENGTH);
  }
  return cidr;
}

/** A count parameter: absent → 0; negative → InvalidParameterValue. */
export function countOf(parameter: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw invalidCount(parameter, value);
  return value;
}

/** Refuses the same value named twice in one request. */
export function requireDistinct<T>(values: T[], show: (v: T) => string): void {
  const seen = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) throw duplicateAddress(show(v));
    seen.add(v);
  }
}

function subnetIpv4(space: SubnetSpace): Ipv4Cidr {
  if (!space.ipv4) throw subnetWithoutIpv4(space.row.id);
  return space.ipv4;
}

function subnetIpv6(space: SubnetSpace): Ipv6Cidr {
  if (!space.ipv6) throw subnetWithoutIpv6(space.row.id);
  return space.ipv6;
}

/** The address must lie in the subnet and not be one of its five reserved addresses. */
export function checkUsableIpv4(space: SubnetSpace, address: number, text: string): void {
  const cidr = subnetIpv4(space);
  if (!cidrContainsAddress(cidr, address)) throw addressOutsideSubnet(text, formatIpv4Cidr(cidr));
  if (isReservedIpv4(cidr, address)) throw reservedAddress(text);
}

/** The /28 must lie in the subnet's usable range (so it holds no reserved address). */
export function checkEligibleIpv4Prefix(space: SubnetSpace, base: number): void {
  const cidr = subnetIpv4(space);
  if (!isEligibleBlock(cidr, base)) {
    throw prefixOutsideSubnet(formatIpv4Cidr({ base, prefix: IPV4_PREFIX_LENGTH }), formatIpv4Cidr(cidr));
  }
}

export function checkUsableIpv6(space: SubnetSpace, address: bigint): void {
  const subnet = subnetIpv6(space);
  if (!ipv6InSubnet(subnet, address)) throw addressOutsideSubnet(formatIpv6(address), formatIpv6Cidr(subnet));
  if (isReservedIpv6(subnet, address)) throw reservedAddress(formatIpv6(address));
}

/** The block index of an eligible /80 of the subnet. */
export function eligibleIpv6Block(space: SubnetSpace, prefix: Ipv6Cidr): number {
  const subnet = subnetIpv6(space);
  const block = blockOfIpv6Prefix(subnet, prefix);
  if (block === undefined || !isEligibleIpv6Block(block)) {
    throw prefixOutsideSubnet(formatIpv6Cidr(prefix), formatIpv6Cidr(subnet));
  }
  return block;
}

/** Requires the subnet to have IPv4 / IPv6 space before anything is counted from it. */
export const requireSubnetIpv4 = subnetIpv4;
export const requireSubnetIpv6 = subnetIpv6;
