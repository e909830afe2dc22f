/**
 * ReplaceRouteTableAssociation (routing-and-traffic.md §1.1): moves an association - a subnet's, a gateway's, or
 * the VPC's main one - to another table of the same VPC under a new `rtbassoc-` id. Moving the main association
 * makes that table the VPC's main table; the old main table becomes an ordinary custom table.
 */
import { associationNotFound } from '../../errors/resources.js';
import { associationInOtherNetwork } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { findAssociation, requireRouteTable } from './route-table-records.js';

export const replaceRouteTableAssociation: Handler<'ReplaceRouteTableAssociation'> = async (ctx, input) => {
  const association = await findAssociation(ctx, input.AssociationId);
  if (!association) throw associationNotFound(input.AssociationId);
  const table = await requireRouteTable(ctx, input.RouteTableId);
  if (table.vpc_id !== association.vpc_id) throw associationInOtherNetwork(association.id, table.id);
  const newAssociationId = newId('rtbassoc');
  // One row moves: the subnet, gateway and main unique indexes hold throughout.
  await ctx.tx.run('UPDATE route_table_associations SET id = ?, route_table_id = ? WHERE id = ?', [
    newAssociationId, table.id, association.id,
  ]);
  return { NewAssociationId: newAssociationId, AssociationState: { State: 'associated' } };
};
