/**
 * ReleaseAddress (addressing.md §5.4): gives the address back to the pool. An address still associated is
 * InvalidIPAddress.InUse, except in the default VPC, where release disassociates it first (API reference). The
 * EIP's tags, its remembered association ids and its place in the quota go with it; releasing it again is
 * InvalidAllocationID.NotFound. A NetworkBorderGroup other than the address's is InvalidAddress.NotFound.
 */
import { addressInUse, addressNotFound } from '../../errors/addresses.js';
import type { Handler, RequestContext } from '../context.js';
import { releasePublicIpv4 } from '../public-ipv4/pool.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { unmapElasticIp } from './address-mappings.js';
import { mappingOf, resolveElasticIp, type MappedAddressRow } from './address-records.js';
import { uncountElasticIp } from './elastic-ip-quota.js';

async function inDefaultVpc(ctx: RequestContext, mapping: MappedAddressRow): Promise<boolean> {
  const row = await ctx.tx.get(
    `SELECT 1 AS x FROM network_interfaces n JOIN vpcs v ON v.id = n.vpc_id
     WHERE n.id = ? AND n.account = ? AND n.region = ? AND v.is_default = 1`,
    [mapping.eni_id, ctx.account, ctx.region.name],
  );
  return row !== undefined;
}

export const releaseAddress: Handler<'ReleaseAddress'> = async (ctx, input) => {
  const eip = await resolveElasticIp(ctx, input.AllocationId, input.PublicIp);
  if (input.NetworkBorderGroup !== undefined && input.NetworkBorderGroup !== eip.network_border_group) {
    throw addressNotFound(eip.public_ip);
  }
  const mapping = await mappingOf(ctx, eip.id);
  if (mapping) {
    if (!(await inDefaultVpc(ctx, mapping))) throw addressInUse(eip.id);
    await unmapElasticIp(ctx, mapping);
  }
  await ctx.tx.run('DELETE FROM elastic_ip_association_ids WHERE allocation_id = ?', [eip.id]);
  await deleteAllTags(ctx, eip.id);
  await ctx.tx.run('DELETE FROM elastic_ips WHERE id = ?', [eip.id]);
  await releasePublicIpv4(ctx, eip.public_ip);
  await uncountElasticIp(ctx);
};
