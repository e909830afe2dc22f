/**
 * Making an ENI with its addresses, groups and counters in one go. CreateNetworkInterface comes through here, and
 * so should RunInstances when it creates an instance's ENIs (it then fills the attachment columns itself).
 * Callers have checked the request's form and its addresses against the subnet; this enforces what depends on
 * the store: the per-region quota, addresses already held, exhaustion, and unique MAC addresses.
 */
import { randomBytes } from 'node:crypto';
import { addressInUse, networkInterfaceLimitExceeded } from '../../errors/network-interfaces.js';
import { formatIpv4 } from '../../net/ipv4.js';
import { macAddressFrom } from '../../net/mac-address.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import type { TrackingTimeouts } from './connection-tracking.js';
import { privateDnsName } from './dns-names.js';
import { setGroups } from './eni-groups.js';
import { allocateIpv4, allocateIpv4Prefixes, claimIpv4, claimIpv4Prefixes, ipv4Holders } from './ipv4-allocator.js';
import { allocateIpv6, allocateIpv6Prefixes, claimIpv6, claimIpv6Prefixes } from './ipv6-allocator.js';
import type { SubnetSpace } from './subnet-space.js';

/** ENIs per account and region (network-interfaces.md §3 rule 15). */
export const NETWORK_INTERFACES_PER_REGION = 5000;

/** What an ENI is asked to be, as CreateNetworkInterface (and RunInstances, per interface) reads it. */
export interface EniChoices {
  interfaceType: string;
  description: string;
  /** Explicit primary IPv4; picked at random when absent (and IPv4 is wanted). */
  primaryIpv4?: number;
  secondaryIpv4: number[];
  secondaryIpv4Count: number;
  ipv4Prefixes: number[];
  ipv4PrefixCount: number;
  ipv6: { address: bigint; primary: boolean }[];
  ipv6PrefixCount: number;
  tracking?: TrackingTimeouts;
  operatorPrincipal?: string;
}

/** An ENI ready to be made: the choices placed in their subnet. */
export interface NewNetworkInterface extends EniChoices {
  space: SubnetSpace;
  groupIds: string[];
  /** No IPv4 at all (efa-only ENIs, IPv6-only subnets). */
  withoutIpv4: boolean;
  ipv6Count: number;
  /** Make the first picked IPv6 address the primary one (EnablePrimaryIpv6 without an explicit primary). */
  primaryIpv6FromCount: boolean;
  ipv6PrefixBlocks: number[];
  requesterManaged?: boolean;
  requesterId?: string;
}

/** Counts one more ENI for the caller, refusing the one past the quota. */
async function countNewInterface(ctx: RequestContext): Promise<void> {
  const { changes } = await ctx.tx.run(
    `INSERT INTO network_interface_counts (account, region, n) VALUES (?, ?, 1)
     ON CONFLICT (account, region) DO UPDATE SET n = network_interface_counts.n + 1
     WHERE network_interface_counts.n < ?`,
    [ctx.account, ctx.region.name, NETWORK_INTERFACES_PER_REGION],
  );
  if (changes === 0) throw networkInterfaceLimitExceeded();
}

/** Forgets one ENI of the caller's count. */
export async function uncountInterface(ctx: RequestContext): Promise<void> {
  await ctx.tx.run('UPDATE network_interface_counts SET n = n - 1 WHERE account = ? AND region = ?', [
    ctx.account, ctx.region.name,
  ]);
}

/** A MAC address no other ENI has (46 random bits; a collision just draws again). */
async function uniqueMacAddress(ctx: RequestContext): Promise<string> {
  for (;;) {
    const mac = macAddressFrom(randomBytes(6));
    const taken = await ctx.tx.get('SELECT 1 AS x FROM network_interfaces WHERE mac_address = ?', [mac]);
    if (!taken) return mac;
  }
}

/** Inserts the ENI and everything it holds; returns its id. */
export async function insertNetworkInterface(ctx: RequestContext, spec: NewNetworkInterface): Promise<string> {
  await countNewInterface(ctx);
  const { space } = spec;
  const eniId = newId('eni');

  // Explicit addresses first: someone else holding one is InvalidIPAddress.InUse (CreateNetworkInterface has no
  // AllowReassignment), before any random pick could take an address the request names.
  const explicit = [...(spec.primaryIpv4 !== undefined ? [spec.primaryIpv4] : []), ...spec.secondaryIpv4];
  if ((await ipv4Holders(ctx, space.row.id, explicit)).size > 0) throw addressInUse();
  let primary = spec.primaryIpv4;
  if (!spec.withoutIpv4) {
    await claimIpv4(ctx, space, eniId, explicit.map((address) => ({ address, primary: address === primary })));
    await claimIpv4Prefixes(ctx, space, eniId, spec.ipv4Prefixes);
    if (primary === undefined) primary = (await allocateIpv4(ctx, space, eniId, 1, true))[0];
    await allocateIpv4(ctx, space, eniId, spec.secondaryIpv4Count);
    await allocateIpv4Prefixes(ctx, space, eniId, spec.ipv4PrefixCount);
  }
  await claimIpv6(ctx, space, eniId, spec.ipv6);
  await claimIpv6Prefixes(ctx, space, eniId, spec.ipv6PrefixBlocks);
  await allocateIpv6(ctx, space, eniId, spec.ipv6Count, spec.primaryIpv6FromCount);
  await allocateIpv6Prefixes(ctx, space, eniId, spec.ipv6PrefixCount);

  const row = space.row;
  await ctx.tx.run(
    `INSERT INTO network_interfaces (id, account, region, subnet_id, vpc_id, availability_zone, availability_zone_id,
       description, interface_type, mac_address, status, source_dest_check, requester_managed, requester_id,
       private_dns_name, associate_public_ip, ipv6_native, operator_principal, tcp_established_timeout,
       udp_stream_timeout, udp_timeout, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'available', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      eniId, ctx.account, ctx.region.name, row.id, row.vpc_id, row.availability_zone, row.availability_zone_id,
      spec.description, spec.interfaceType, await uniqueMacAddress(ctx), spec.requesterManaged ? 1 : 0,
      spec.requesterId ?? '', primary === undefined ? '' : privateDnsName(formatIpv4(primary), ctx.region.name),
      // The subnet's auto-assign public IPv4 setting is snapshotted now (network-interfaces.md §4.1).
      row.map_public_ip_on_launch, row.ipv6_native, spec.operatorPrincipal ?? '', spec.tracking?.tcpEstablished ?? 0,
      spec.tracking?.udpStream ?? 0, spec.tracking?.udp ?? 0, ctx.now.toISOString(),
    ],
  );
  await setGroups(ctx, eniId, spec.groupIds);
  return eniId;
}
