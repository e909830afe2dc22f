/**
 * DisassociateAddress (addressing.md §5.3): takes an Elastic IP off its private address; the EIP stays allocated.
 * Idempotent: an association id that existed (and whose EIP is still allocated) succeeds again, whatever ended it
 * (this call, a reassociation, an unassigned address, a deleted ENI); one that never existed is
 * InvalidAssociationID.NotFound. The legacy form names the address by PublicIp instead.
 */
import { addressNotFound, associationNotFound, missingAssociationId } from '../../errors/addresses.js';
import type { Handler, RequestContext } from '../context.js';
import { unmapElasticIp } from './address-mappings.js';
import { mappingOf, type MappedAddressRow } from './address-records.js';

async function mappingByAssociation(ctx: RequestContext, associationId: string): Promise<MappedAddressRow | undefined> {
  return ctx.tx.get<MappedAddressRow>(
    `SELECT account, region, subnet_id, address, ip, eni_id, is_primary, public_ip, public_ip_owner, allocation_id,
       association_id FROM eni_private_ipv4 WHERE association_id = ? AND association_id <> '' AND account = ? AND region = ?`,
    [associationId, ctx.account, ctx.region.name],
  );
}

async function everExisted(ctx: RequestContext, associationId: string): Promise<boolean> {
  const row = await ctx.tx.get(
    'SELECT 1 AS x FROM elastic_ip_association_ids WHERE association_id = ? AND account = ? AND region = ?',
    [associationId, ctx.account, ctx.region.name],
  );
  return row !== undefined;
}

export const disassociateAddress: Handler<'DisassociateAddress'> = async (ctx, input) => {
  if (input.AssociationId === undefined) {
    if (input.PublicIp === undefined) throw missingAssociationId();
    const eip = await ctx.tx.get<{ id: string }>(
      'SELECT id FROM elastic_ips WHERE public_ip = ? AND account = ? AND region = ?',
      [input.PublicIp, ctx.account, ctx.region.name],
    );
    if (!eip) throw addressNotFound(input.PublicIp);
    const mapping = await mappingOf(ctx, eip.id);
    if (mapping) await unmapElasticIp(ctx, mapping);
    return;
  }
  const mapping = await mappingByAssociation(ctx, input.AssociationId);
  if (mapping) {
    await unmapElasticIp(ctx, mapping);
    return;
  }
  if (!(await everExisted(ctx, input.AssociationId))) throw associationNotFound([input.AssociationId]);
};
