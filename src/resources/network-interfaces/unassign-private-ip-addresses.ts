/**
 * UnassignPrivateIpAddresses (network-interfaces.md §4.10): secondary addresses and /28 prefixes of the ENI go back
 * to the subnet; the primary address cannot go; anything not on the ENI fails the whole call. A public association
 * of an unassigned address disappears with it.
 */
import {
  addressNotAssigned,
  nothingToAssign,
  primaryAddressNotUnassignable,
} from '../../errors/network-interfaces.js';
import { formatIpv4, formatIpv4Cidr } from '../../net/ipv4.js';
import { IPV4_PREFIX_LENGTH } from '../../net/ipv4-subnet-space.js';
import type { Handler } from '../context.js';
import { placeholders } from '../common/describe.js';
import { parseAddress, parseIpv4Prefix, requireDistinct } from './address-requests.js';
import { requireEni } from './eni-records.js';
import { releaseIpv4, releaseIpv4Prefixes } from './ipv4-allocator.js';
import { findSubnetSpace } from './subnet-space.js';

export const unassignPrivateIpAddresses: Handler<'UnassignPrivateIpAddresses'> = async (ctx, input) => {
  const addresses = (input.PrivateIpAddresses ?? []).map((text) => parseAddress('privateIpAddress', text));
  const prefixes = (input.Ipv4Prefixes ?? []).map((text) => parseIpv4Prefix('ipv4Prefix', text));
  if (addresses.length === 0 && prefixes.length === 0) throw nothingToAssign('PrivateIpAddress or Ipv4Prefix');
  requireDistinct(addresses, formatIpv4);
  requireDistinct(prefixes, formatIpv4);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);

  const owned = addresses.length
    ? await ctx.tx.all<{ address: number; is_primary: number }>(
        `SELECT address, is_primary FROM eni_private_ipv4 WHERE eni_id = ? AND in_prefix = 0 AND address IN (${placeholders(addresses)})`,
        [eni.id, ...addresses],
      )
    : [];
  const ownedAddresses = new Map(owned.map((r) => [Number(r.address), r]));
  const missing = addresses.filter((a) => !ownedAddresses.has(a)).map(formatIpv4);
  const ownedPrefixes = prefixes.length
    ? new Set(
        (
          await ctx.tx.all<{ position: number }>(
            `SELECT position FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv4' AND position IN (${placeholders(prefixes)})`,
            [eni.id, ...prefixes],
          )
        ).map((r) => Number(r.position)),
      )
    : new Set<number>();
  missing.push(
    ...prefixes.filter((p) => !ownedPrefixes.has(p)).map((base) => formatIpv4Cidr({ base, prefix: IPV4_PREFIX_LENGTH })),
  );
  if (missing.length > 0) throw addressNotAssigned(eni.id, missing);
  const primary = owned.find((r) => r.is_primary === 1);
  if (primary) throw primaryAddressNotUnassignable(formatIpv4(Number(primary.address)));

  const space = (await findSubnetSpace(ctx, eni.subnet_id))!;
  await releaseIpv4(ctx, space, eni.id, addresses);
  await releaseIpv4Prefixes(ctx, space, eni.id, prefixes);
};
