/**
 * DeleteRouteTable (routing-and-traffic.md §1.1): only a table without associations goes - so never the main
 * table, whose main association only moves. Its routes and tags go with it.
 */
import { routeTableDependencyViolation } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { requireRouteTable } from './route-table-records.js';

export const deleteRouteTable: Handler<'DeleteRouteTable'> = async (ctx, input) => {
  const table = await requireRouteTable(ctx, input.RouteTableId);
  const associated = await ctx.tx.get('SELECT 1 AS x FROM route_table_associations WHERE route_table_id = ? LIMIT 1', [table.id]);
  if (associated) throw routeTableDependencyViolation(table.id);
  await deleteAllTags(ctx, table.id);
  await ctx.tx.run('DELETE FROM routes WHERE route_table_id = ?', [table.id]);
  await ctx.tx.run('DELETE FROM route_tables WHERE id = ?', [table.id]);
};
