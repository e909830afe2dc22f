/**
 * AssignPrivateIpAddresses (network-interfaces.md §4.9): explicit addresses or a count, or /28 prefixes (explicit
 * or a count), all or nothing. With AllowReassignment a secondary address of another ENI in the subnet moves here
 * (its public association moves with its row); a primary address never moves. Per-ENI limits apply when attached.
 */
import {
  addressCombination,
  addressInUse,
  efaOnlyWithAddresses,
  nothingToAssign,
  primaryAddressNotReassignable,
} from '../../errors/network-interfaces.js';
import { formatIpv4, formatIpv4Cidr } from '../../net/ipv4.js';
import { IPV4_PREFIX_LENGTH } from '../../net/ipv4-subnet-space.js';
import type { Handler } from '../context.js';
import {
  checkEligibleIpv4Prefix,
  checkUsableIpv4,
  countOf,
  parseAddress,
  parseIpv4Prefix,
  requireDistinct,
  requireSubnetIpv4,
} from './address-requests.js';
import { checkAddressLimits } from './address-limits.js';
import { requireEni } from './eni-records.js';
import {
  allocateIpv4,
  allocateIpv4Prefixes,
  claimIpv4,
  claimIpv4Prefixes,
  ipv4Holders,
  moveIpv4,
} from './ipv4-allocator.js';
import { findSubnetSpace } from './subnet-space.js';

export const assignPrivateIpAddresses: Handler<'AssignPrivateIpAddresses'> = async (ctx, input) => {
  const explicit = (input.PrivateIpAddresses ?? []).map((text) => parseAddress('privateIpAddress', text));
  const count = countOf('secondaryPrivateIpAddressCount', input.SecondaryPrivateIpAddressCount);
  const prefixes = (input.Ipv4Prefixes ?? []).map((text) => parseIpv4Prefix('ipv4Prefix', text));
  const prefixCount = countOf('ipv4PrefixCount', input.Ipv4PrefixCount);
  const asksAddresses = explicit.length > 0 || count > 0;
  const asksPrefixes = prefixes.length > 0 || prefixCount > 0;
  if (explicit.length > 0 && count > 0) {
    throw addressCombination('PrivateIpAddress and SecondaryPrivateIpAddressCount cannot be specified together.');
  }
  if (prefixes.length > 0 && prefixCount > 0) {
    throw addressCombination('Ipv4Prefix and Ipv4PrefixCount cannot be specified together.');
  }
  if (asksAddresses && asksPrefixes) {
    throw addressCombination('Private IP addresses and IPv4 prefixes cannot be assigned in the same request.');
  }
  if (!asksAddresses && !asksPrefixes) {
    throw nothingToAssign('PrivateIpAddress, SecondaryPrivateIpAddressCount, Ipv4Prefix or Ipv4PrefixCount');
  }
  requireDistinct(explicit, formatIpv4);
  requireDistinct(prefixes, formatIpv4);

  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (eni.interface_type === 'efa-only') throw efaOnlyWithAddresses();
  const space = (await findSubnetSpace(ctx, eni.subnet_id))!;
  requireSubnetIpv4(space);
  for (const address of explicit) checkUsableIpv4(space, address, formatIpv4(address));
  for (const base of prefixes) checkEligibleIpv4Prefix(space, base);

  // Sort the explicit addresses: free ones are taken, ours already stay, secondaries of others may move.
  const holders = await ipv4Holders(ctx, space.row.id, explicit);
  const free: number[] = [];
  const moving: number[] = [];
  let alreadyOurs = 0;
  for (const address of explicit) {
    const holder = holders.get(address);
    if (!holder) free.push(address);
    else if (holder.eni_id === eni.id && holder.in_prefix === 0) alreadyOurs++;
    else if (input.AllowReassignment !== true || holder.in_prefix === 1) throw addressInUse();
    else if (holder.is_primary === 1) throw primaryAddressNotReassignable(formatIpv4(address));
    else moving.push(address);
  }
  await checkAddressLimits(ctx, eni, { ipv4: explicit.length - alreadyOurs + count + prefixes.length + prefixCount, ipv6: 0 });

  await claimIpv4(ctx, space, eni.id, free.map((address) => ({ address, primary: false })));
  await moveIpv4(ctx, space.row.id, eni.id, moving);
  const picked = await allocateIpv4(ctx, space, eni.id, count);
  await claimIpv4Prefixes(ctx, space, eni.id, prefixes);
  const pickedPrefixes = await allocateIpv4Prefixes(ctx, space, eni.id, prefixCount);
  const assignedPrefixes = [...prefixes, ...pickedPrefixes];
  return {
    NetworkInterfaceId: eni.id,
    AssignedPrivateIpAddresses: asksAddresses ? [...explicit, ...picked].map((a) => ({ PrivateIpAddress: formatIpv4(a) })) : undefined,
    AssignedIpv4Prefixes: asksPrefixes
      ? assignedPrefixes.map((base) => ({ Ipv4Prefix: formatIpv4Cidr({ base, prefix: IPV4_PREFIX_LENGTH }) }))
      : undefined,
  };
};
