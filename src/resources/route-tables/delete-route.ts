/**
 * DeleteRoute (routing-and-traffic.md §1.1): removes the route to one destination (canonicalised as on create).
 * Local routes stay for as long as their VPC block does.
 */
import { localRouteNotDeletable, routeNotFound } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { LOCAL_ORIGIN } from './local-routes.js';
import { parseRouteDestination } from './route-destinations.js';
import { findRoute, requireRouteTable } from './route-table-records.js';

export const deleteRoute: Handler<'DeleteRoute'> = async (ctx, input) => {
  const destination = parseRouteDestination(input);
  const table = await requireRouteTable(ctx, input.RouteTableId);
  const route = await findRoute(ctx, table.id, destination.cidr);
  if (!route) {
    const kind = destination.family === 'ipv4' ? 'destination-cidr-block' : 'destination-ipv6-cidr-block';
    throw routeNotFound(kind, destination.cidr, table.id);
  }
  if (route.origin === LOCAL_ORIGIN) throw localRouteNotDeletable(destination.cidr, table.id);
  await ctx.tx.run('DELETE FROM routes WHERE route_table_id = ? AND destination = ?', [table.id, destination.cidr]);
};
