/**
 * A subnet as the address allocator needs it: its row (subnets/subnet-records.ts), its IPv4 block (none for
 * IPv6-only subnets) and its associated IPv6 /64 (if any), read in one query.
 */
import { subnetIdMalformed, subnetNotFound } from '../../errors/subnets.js';
import { parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { parseIpv6Cidr, type Ipv6Cidr } from '../../net/ipv6.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';
import type { SubnetRow } from '../subnets/subnet-records.js';

export interface SubnetSpace {
  row: SubnetRow;
  ipv4?: Ipv4Cidr;
  ipv6?: Ipv6Cidr;
}

export async function findSubnetSpace(ctx: RequestContext, subnetId: string): Promise<SubnetSpace | undefined> {
  const row = await ctx.tx.get<SubnetRow & { ipv6_cidr: string | null }>(
    `SELECT s.*, (SELECT b.cidr FROM subnet_ipv6_cidr_blocks b WHERE b.subnet_id = s.id AND b.state = 'associated'
         ORDER BY b.seq LIMIT 1) AS ipv6_cidr
     FROM subnets s WHERE s.id = ? AND s.account = ? AND s.region = ?`,
    [subnetId, ctx.account, ctx.region.name],
  );
  if (!row) return undefined;
  return {
    row,
    ipv4: row.cidr_block ? parseIpv4Cidr(row.cidr_block) : undefined,
    ipv6: row.ipv6_cidr ? parseIpv6Cidr(row.ipv6_cidr) : undefined,
  };
}

/** The caller's subnet `subnetId`: InvalidSubnetID.Malformed / .NotFound otherwise. */
export async function requireSubnetSpace(ctx: RequestContext, subnetId: string): Promise<SubnetSpace> {
  if (!isWellFormedId('subnet', subnetId)) throw subnetIdMalformed(subnetId);
  const space = await findSubnetSpace(ctx, subnetId);
  if (!space) throw subnetNotFound([subnetId]);
  return space;
}

/** Addresses still free in the subnet right now (AvailableIpAddressCount), read fresh inside the transaction. */
export async function freeIpv4Count(ctx: RequestContext, subnetId: string): Promise<number> {
  const row = await ctx.tx.get<{ free: number }>('SELECT ip_capacity - ip_used AS free FROM subnets WHERE id = ?', [subnetId]);
  return Number(row?.free ?? 0);
}

/** Keeps subnets.ip_used exact: every IPv4 address held or released in the subnet goes through here. */
export async function adjustSubnetUsage(ctx: RequestContext, subnetId: string, delta: number): Promise<void> {
  if (delta !== 0) await ctx.tx.run('UPDATE subnets SET ip_used = ip_used + ? WHERE id = ?', [delta, subnetId]);
}
