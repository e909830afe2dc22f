/**
 * CreateRoute (routing-and-traffic.md §1.1), validated in AWS's order: one destination and one target, the table,
 * the target (exists, fits the VPC), where the destination lies against the VPC, a route to the same destination
 * (`RouteAlreadyExists`, the local routes included), then the quota of 50 routes per table and family.
 */
import { localTargetNotAllowed, routeAlreadyExists, routeLimitExceeded } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { insertRoute } from './main-route-table.js';
import { parseRouteDestination } from './route-destinations.js';
import { checkPlacement } from './route-placement.js';
import { findRoute, requireRouteTable } from './route-table-records.js';
import { chooseTarget, resolveTarget } from './route-targets.js';

export const ROUTES_PER_TABLE_AND_FAMILY = 50;

export const createRoute: Handler<'CreateRoute'> = async (ctx, input) => {
  const destination = parseRouteDestination(input);
  const chosen = chooseTarget(input);
  const table = await requireRouteTable(ctx, input.RouteTableId);
  const existing = await findRoute(ctx, table.id, destination.cidr);
  // `local` is the target of the VPC's own routes, which CreateRouteTable makes; CreateRoute never does.
  if (chosen.kind === 'local') throw existing ? routeAlreadyExists(destination.cidr) : localTargetNotAllowed(destination.cidr);

  const target = await resolveTarget(ctx, table, chosen);
  await checkPlacement(ctx, table, destination, target);
  if (existing) throw routeAlreadyExists(destination.cidr);
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM routes WHERE route_table_id = ? AND family = ?', [
    table.id, destination.family,
  ]);
  if (Number(count?.n ?? 0) >= ROUTES_PER_TABLE_AND_FAMILY) throw routeLimitExceeded();

  await insertRoute(ctx, {
    routeTableId: table.id,
    destination: destination.cidr,
    family: destination.family,
    gatewayId: target.gatewayId,
    instanceId: target.instanceId,
    networkInterfaceId: target.networkInterfaceId,
    origin: 'CreateRoute',
  });
  return { Return: true };
};
