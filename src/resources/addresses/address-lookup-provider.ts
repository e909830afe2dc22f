/**
 * Fills the DescribeAddressesAttribute seam (terraform-reads/address-lookup.ts) with the caller's Elastic IPs.
 * No PTR records exist here (ModifyAddressAttribute is not served), so every address answers without one.
 */
import type { AddressLookup } from '../terraform-reads/address-lookup.js';
import { placeholders } from '../common/describe.js';

export const elasticIpLookup: AddressLookup = async (ctx, allocationIds) => {
  if (allocationIds !== undefined && allocationIds.length === 0) return [];
  const byId = allocationIds === undefined ? '' : ` AND id IN (${placeholders(allocationIds)})`;
  const rows = await ctx.tx.all<{ id: string; public_ip: string }>(
    `SELECT id, public_ip FROM elastic_ips WHERE account = ? AND region = ?${byId}`,
    [ctx.account, ctx.region.name, ...(allocationIds ?? [])],
  );
  return rows.map((r) => ({ allocationId: r.id, publicIp: r.public_ip }));
};
