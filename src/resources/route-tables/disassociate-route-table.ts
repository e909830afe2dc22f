/**
 * DisassociateRouteTable (routing-and-traffic.md §1.1): removes a subnet's explicit association (the subnet falls
 * back to the main table) or a gateway's edge association. The main association is never removed, only moved.
 */
import { associationNotFound } from '../../errors/resources.js';
import { mainAssociationNotDisassociable } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { findAssociation } from './route-table-records.js';

export const disassociateRouteTable: Handler<'DisassociateRouteTable'> = async (ctx, input) => {
  const association = await findAssociation(ctx, input.AssociationId);
  if (!association) throw associationNotFound(input.AssociationId);
  if (association.is_main === 1) throw mainAssociationNotDisassociable(association.id);
  await ctx.tx.run('DELETE FROM route_table_associations WHERE id = ?', [association.id]);
};
