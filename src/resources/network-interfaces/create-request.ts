/**
 * What a CreateNetworkInterface request asks for, read and checked in AWS's order (network-interfaces.md §4.1):
 * first the parameters on their own (readCreateRequest: values, then combinations), then against the subnet
 * (placeInSubnet: IPv4/IPv6 space present, addresses inside and not reserved, prefixes aligned and eligible).
 */
import {
  addressCombination,
  descriptionTooLong,
  efaOnlyWithAddresses,
  invalidInterfaceType,
  subnetWithoutIpv4,
} from '../../errors/network-interfaces.js';
import { formatIpv4 } from '../../net/ipv4.js';
import { formatIpv6, type Ipv6Cidr } from '../../net/ipv6.js';
import type { CreateNetworkInterfaceRequest } from '../../protocol/generated/ec2-shapes.js';
import {
  checkEligibleIpv4Prefix,
  checkUsableIpv4,
  checkUsableIpv6,
  countOf,
  eligibleIpv6Block,
  parseAddress,
  parseIpv4Prefix,
  parseIpv6Address,
  parseIpv6Prefix,
  requireDistinct,
  requireSubnetIpv4,
  requireSubnetIpv6,
} from './address-requests.js';
import { readTracking } from './connection-tracking.js';
import type { EniChoices, NewNetworkInterface } from './insert-network-interface.js';
import type { SubnetSpace } from './subnet-space.js';

export const INTERFACE_TYPES = ['interface', 'efa', 'efa-only', 'trunk'];
export const MAX_DESCRIPTION_LENGTH = 255;

export interface CreateRequest extends EniChoices {
  /** undefined when Ipv6AddressCount was not given (the subnet's auto-assign setting then decides). */
  ipv6Count?: number;
  ipv6Prefixes: Ipv6Cidr[];
  enablePrimaryIpv6: boolean;
}

/** Reads the request on its own, before any lookup. */
export function readCreateRequest(input: CreateNetworkInterfaceRequest): CreateRequest {
  const interfaceType = input.InterfaceType ?? 'interface';
  if (!INTERFACE_TYPES.includes(interfaceType)) throw invalidInterfaceType(interfaceType);
  const description = input.Description ?? '';
  if (description.length > MAX_DESCRIPTION_LENGTH) throw descriptionTooLong();

  const explicitPrimary = input.PrivateIpAddress !== undefined ? parseAddress('privateIpAddress', input.PrivateIpAddress) : undefined;
  const listed = (input.PrivateIpAddresses ?? []).map((entry) => ({
    address: parseAddress('privateIpAddresses.privateIpAddress', entry.PrivateIpAddress ?? ''),
    primary: entry.Primary === true,
  }));
  const secondaryIpv4Count = countOf('secondaryPrivateIpAddressCount', input.SecondaryPrivateIpAddressCount);
  const ipv4Prefixes = (input.Ipv4Prefixes ?? []).map((p) => parseIpv4Prefix('ipv4Prefix', p.Ipv4Prefix ?? ''));
  const ipv4PrefixCount = countOf('ipv4PrefixCount', input.Ipv4PrefixCount);
  const ipv6 = (input.Ipv6Addresses ?? []).map((a) => ({
    address: parseIpv6Address('ipv6Addresses.ipv6Address', a.Ipv6Address ?? ''),
    primary: a.IsPrimaryIpv6 === true,
  }));
  const ipv6Count = input.Ipv6AddressCount === undefined ? undefined : countOf('ipv6AddressCount', input.Ipv6AddressCount);
  const ipv6Prefixes = (input.Ipv6Prefixes ?? []).map((p) => parseIpv6Prefix('ipv6Prefix', p.Ipv6Prefix ?? ''));
  const ipv6PrefixCount = countOf('ipv6PrefixCount', input.Ipv6PrefixCount);
  const tracking = readTracking(input.ConnectionTrackingSpecification);

  // The primary IPv4: PrivateIpAddress, or the one entry marked Primary, or else the first entry listed.
  const markedPrimary = listed.filter((e) => e.primary);
  if (markedPrimary.length > 1) throw addressCombination('Only one private IP address can be designated as primary.');
  if (explicitPrimary !== undefined && markedPrimary.length === 1 && markedPrimary[0]!.address !== explicitPrimary) {
    throw addressCombination(
      'The primary private IP address cannot be given both by PrivateIpAddress and by a PrivateIpAddresses entry marked Primary.',
    );
  }
  requireDistinct(listed.map((e) => e.address), formatIpv4);
  const primaryIpv4 = explicitPrimary ?? markedPrimary[0]?.address ?? listed[0]?.address;
  const secondaryIpv4 = listed.map((e) => e.address).filter((a) => a !== primaryIpv4);

  if (secondaryIpv4Count > 0 && listed.length > 1) {
    throw addressCombination('SecondaryPrivateIpAddressCount cannot be combined with more than one PrivateIpAddresses entry.');
  }
  if (ipv4Prefixes.length > 0 && ipv4PrefixCount > 0) {
    throw addressCombination('Ipv4Prefixes and Ipv4PrefixCount cannot be specified together.');
  }
  if ((secondaryIpv4.length > 0 || secondaryIpv4Count > 0) && (ipv4Prefixes.length > 0 || ipv4PrefixCount > 0)) {
    throw addressCombination('Secondary private IPv4 addresses and IPv4 prefixes cannot be specified together.');
  }
  if (ipv6.length > 0 && ipv6Count !== undefined && ipv6Count > 0) {
    throw addressCombination('Ipv6Addresses and Ipv6AddressCount cannot be specified together.');
  }
  if (ipv6Prefixes.length > 0 && ipv6PrefixCount > 0) {
    throw addressCombination('Ipv6Prefixes and Ipv6PrefixCount cannot be specified together.');
  }
  if ((ipv6.length > 0 || (ipv6Count ?? 0) > 0) && (ipv6Prefixes.length > 0 || ipv6PrefixCount > 0)) {
    throw addressCombination('IPv6 addresses and IPv6 prefixes cannot be specified together.');
  }
  if (ipv6.filter((a) => a.primary).length > 1) throw addressCombination('Only one IPv6 address can be designated as primary.');
  requireDistinct(ipv6.map((a) => a.address), formatIpv6);

  const asksForAddresses =
    primaryIpv4 !== undefined || secondaryIpv4Count > 0 || ipv4Prefixes.length > 0 || ipv4PrefixCount > 0 ||
    ipv6.length > 0 || (ipv6Count ?? 0) > 0 || ipv6Prefixes.length > 0 || ipv6PrefixCount > 0;
  if (interfaceType === 'efa-only' && asksForAddresses) throw efaOnlyWithAddresses();

  return {
    interfaceType, description, primaryIpv4, secondaryIpv4, secondaryIpv4Count, ipv4Prefixes, ipv4PrefixCount, ipv6,
    ipv6Count, ipv6Prefixes, ipv6PrefixCount, enablePrimaryIpv6: input.EnablePrimaryIpv6 === true, tracking,
    operatorPrincipal: input.Operator?.Principal,
  };
}

/** Checks the request against its subnet and turns it into what insertNetworkInterface makes. */
export function placeInSubnet(request: CreateRequest, space: SubnetSpace): Omit<NewNetworkInterface, 'groupIds'> {
  const efaOnly = request.interfaceType === 'efa-only';
  const withoutIpv4 = efaOnly || !space.ipv4;
  const asksIpv4 =
    request.primaryIpv4 !== undefined || request.secondaryIpv4Count > 0 || request.ipv4Prefixes.length > 0 ||
    request.ipv4PrefixCount > 0;
  if (!space.ipv4 && asksIpv4) throw subnetWithoutIpv4(space.row.id);
  for (const address of [...(request.primaryIpv4 !== undefined ? [request.primaryIpv4] : []), ...request.secondaryIpv4]) {
    checkUsableIpv4(space, address, formatIpv4(address));
  }
  for (const base of request.ipv4Prefixes) checkEligibleIpv4Prefix(space, base);
  if (asksIpv4) requireSubnetIpv4(space);

  const explicitIpv6 = request.ipv6.length > 0 || request.ipv6Prefixes.length > 0 || request.ipv6PrefixCount > 0;
  if (explicitIpv6 || (request.ipv6Count ?? 0) > 0 || request.enablePrimaryIpv6) requireSubnetIpv6(space);
  for (const { address } of request.ipv6) checkUsableIpv6(space, address);
  const ipv6PrefixBlocks = request.ipv6Prefixes.map((p) => eligibleIpv6Block(space, p));

  // Without an explicit IPv6 choice, the subnet decides: one address when it auto-assigns IPv6 (always for an
  // IPv6-only subnet), none otherwise; a primary IPv6 asked for needs at least one address.
  let ipv6Count = request.ipv6Count;
  if (ipv6Count === undefined && !explicitIpv6 && !efaOnly) {
    const auto = space.ipv6 !== undefined && (space.row.assign_ipv6_address_on_creation === 1 || space.row.ipv6_native === 1);
    ipv6Count = auto || request.enablePrimaryIpv6 ? 1 : 0;
  }
  ipv6Count ??= 0;
  const hasExplicitPrimaryIpv6 = request.ipv6.some((a) => a.primary);
  const ipv6 = request.ipv6.map((a, i) => ({
    address: a.address,
    primary: a.primary || (request.enablePrimaryIpv6 && !hasExplicitPrimaryIpv6 && i === 0),
  }));
  return {
    space,
    description: request.description,
    interfaceType: request.interfaceType,
    withoutIpv4,
    primaryIpv4: request.primaryIpv4,
    secondaryIpv4: request.secondaryIpv4,
    secondaryIpv4Count: request.secondaryIpv4Count,
    ipv4Prefixes: request.ipv4Prefixes,
    ipv4PrefixCount: request.ipv4PrefixCount,
    ipv6,
    ipv6Count,
    primaryIpv6FromCount: request.enablePrimaryIpv6 && !hasExplicitPrimaryIpv6 && ipv6.length === 0,
    ipv6PrefixBlocks,
    ipv6PrefixCount: request.ipv6PrefixCount,
    tracking: request.tracking,
    operatorPrincipal: request.operatorPrincipal,
  };
}
