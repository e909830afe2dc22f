/**
 * AssignIpv6Addresses (network-interfaces.md §4.11): explicit addresses or a count, or /80 prefixes (explicit or a
 * count), from the subnet's /64. An address held by another ENI is refused: IPv6 addresses are never reassigned,
 * they must be unassigned first. Per-ENI limits apply when attached.
 */
import { addressCombination, efaOnlyWithAddresses, nothingToAssign } from '../../errors/network-interfaces.js';
import { formatIpv6, formatIpv6Cidr } from '../../net/ipv6.js';
import { ipv6PrefixOfBlock } from '../../net/ipv6-subnet-space.js';
import type { Handler } from '../context.js';
import {
  checkUsableIpv6,
  countOf,
  eligibleIpv6Block,
  parseIpv6Address,
  parseIpv6Prefix,
  requireDistinct,
  requireSubnetIpv6,
} from './address-requests.js';
import { checkAddressLimits } from './address-limits.js';
import { requireEni } from './eni-records.js';
import { allocateIpv6, allocateIpv6Prefixes, claimIpv6, claimIpv6Prefixes } from './ipv6-allocator.js';
import { findSubnetSpace } from './subnet-space.js';

export const assignIpv6Addresses: Handler<'AssignIpv6Addresses'> = async (ctx, input) => {
  const explicit = (input.Ipv6Addresses ?? []).map((text) => parseIpv6Address('ipv6Addresses', text));
  const count = countOf('ipv6AddressCount', input.Ipv6AddressCount);
  const prefixes = (input.Ipv6Prefixes ?? []).map((text) => parseIpv6Prefix('ipv6Prefix', text));
  const prefixCount = countOf('ipv6PrefixCount', input.Ipv6PrefixCount);
  const asksAddresses = explicit.length > 0 || count > 0;
  const asksPrefixes = prefixes.length > 0 || prefixCount > 0;
  if (explicit.length > 0 && count > 0) {
    throw addressCombination('Ipv6Addresses and Ipv6AddressCount cannot be specified together.');
  }
  if (prefixes.length > 0 && prefixCount > 0) {
    throw addressCombination('Ipv6Prefix and Ipv6PrefixCount cannot be specified together.');
  }
  if (asksAddresses && asksPrefixes) {
    throw addressCombination('IPv6 addresses and IPv6 prefixes cannot be assigned in the same request.');
  }
  if (!asksAddresses && !asksPrefixes) {
    throw nothingToAssign('Ipv6Addresses, Ipv6AddressCount, Ipv6Prefix or Ipv6PrefixCount');
  }
  requireDistinct(explicit, formatIpv6);
  requireDistinct(prefixes.map((p) => p.base), formatIpv6);

  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (eni.interface_type === 'efa-only') throw efaOnlyWithAddresses();
  const space = (await findSubnetSpace(ctx, eni.subnet_id))!;
  const subnet = requireSubnetIpv6(space);
  for (const address of explicit) checkUsableIpv6(space, address);
  const blocks = prefixes.map((p) => eligibleIpv6Block(space, p));
  await checkAddressLimits(ctx, eni, { ipv4: 0, ipv6: explicit.length + count + blocks.length + prefixCount });

  await claimIpv6(ctx, space, eni.id, explicit.map((address) => ({ address, primary: false })));
  const picked = await allocateIpv6(ctx, space, eni.id, count);
  await claimIpv6Prefixes(ctx, space, eni.id, blocks);
  const pickedPrefixes = await allocateIpv6Prefixes(ctx, space, eni.id, prefixCount);
  return {
    NetworkInterfaceId: eni.id,
    AssignedIpv6Addresses: asksAddresses ? [...explicit.map(formatIpv6), ...picked] : undefined,
    AssignedIpv6Prefixes: asksPrefixes
      ? [...blocks.map((b) => formatIpv6Cidr(ipv6PrefixOfBlock(subnet, b))), ...pickedPrefixes]
      : undefined,
  };
};
