/**
 * UnassignIpv6Addresses (network-interfaces.md §4.11): IPv6 addresses and /80 prefixes of the ENI go back to the
 * subnet; anything not on the ENI fails the whole call, and so does the primary IPv6 address, which stays while the
 * ENI lives.
 */
import { addressNotAssigned, nothingToAssign, primaryAddressNotUnassignable } from '../../errors/network-interfaces.js';
import { formatIpv6, formatIpv6Cidr } from '../../net/ipv6.js';
import type { Handler } from '../context.js';
import { placeholders } from '../common/describe.js';
import { parseIpv6Address, parseIpv6Prefix, requireDistinct } from './address-requests.js';
import { requireEni } from './eni-records.js';
import { releaseIpv6, releaseIpv6Prefixes } from './ipv6-allocator.js';
import { findSubnetSpace } from './subnet-space.js';

export const unassignIpv6Addresses: Handler<'UnassignIpv6Addresses'> = async (ctx, input) => {
  const addresses = (input.Ipv6Addresses ?? []).map((text) => formatIpv6(parseIpv6Address('ipv6Addresses', text)));
  const prefixes = (input.Ipv6Prefixes ?? []).map((text) => formatIpv6Cidr(parseIpv6Prefix('ipv6Prefix', text)));
  if (addresses.length === 0 && prefixes.length === 0) throw nothingToAssign('Ipv6Addresses or Ipv6Prefix');
  requireDistinct(addresses, (a) => a);
  requireDistinct(prefixes, (p) => p);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);

  const owned = addresses.length
    ? await ctx.tx.all<{ address: string; is_primary: number }>(
        `SELECT address, is_primary FROM eni_ipv6 WHERE eni_id = ? AND address IN (${placeholders(addresses)})`,
        [eni.id, ...addresses],
      )
    : [];
  const ownedPrefixes = prefixes.length
    ? await ctx.tx.all<{ prefix: string; position: number }>(
        `SELECT prefix, position FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv6' AND prefix IN (${placeholders(prefixes)})`,
        [eni.id, ...prefixes],
      )
    : [];
  const ownedSet = new Set([...owned.map((r) => r.address), ...ownedPrefixes.map((r) => r.prefix)]);
  const missing = [...addresses, ...prefixes].filter((a) => !ownedSet.has(a));
  if (missing.length > 0) throw addressNotAssigned(eni.id, missing);
  const primary = owned.find((r) => r.is_primary === 1);
  if (primary) throw primaryAddressNotUnassignable(primary.address);

  const space = (await findSubnetSpace(ctx, eni.subnet_id))!;
  await releaseIpv6(ctx, space, eni.id, addresses);
  await releaseIpv6Prefixes(ctx, space, eni.id, ownedPrefixes.map((p) => Number(p.position)));
  return {
    NetworkInterfaceId: eni.id,
    UnassignedIpv6Addresses: addresses.length ? addresses : undefined,
    UnassignedIpv6Prefixes: prefixes.length ? prefixes : undefined,
  };
};
