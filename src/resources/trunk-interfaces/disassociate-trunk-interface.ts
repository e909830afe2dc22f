/**
 * DisassociateTrunkInterface: ends a trunk association; the branch ENI stays, available again. An association id
 * that does not exist (or no longer does) is InvalidAssociationID.NotFound, which is what the EKS VPC resource
 * controller expects after a branch is gone.
 */
import { trunkAssociationNotFound } from '../../errors/trunk-interfaces.js';
import type { Handler } from '../context.js';
import { endTrunkAssociation, type TrunkAssociationRow } from './trunk-records.js';

export const disassociateTrunkInterface: Handler<'DisassociateTrunkInterface'> = async (ctx, input) => {
  const row = await ctx.tx.get<TrunkAssociationRow>(
    'SELECT * FROM trunk_interface_associations WHERE id = ? AND account = ? AND region = ?',
    [input.AssociationId, ctx.account, ctx.region.name],
  );
  if (!row) throw trunkAssociationNotFound([input.AssociationId]);
  await endTrunkAssociation(ctx, row);
  return { Return: true, ClientToken: input.ClientToken };
};
