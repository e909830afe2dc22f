/**
 * ReplaceRoute (routing-and-traffic.md §1.1): gives an existing route another target, keeping its destination and
 * origin. A local route may be pointed at an interface or an instance and brought back with `LocalTarget=true` (or
 * `GatewayId=local`); only local routes take `local`. The route is `active` again whatever it was before.
 */
import { localTargetNotAllowed, noRouteToReplace } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { LOCAL_ORIGIN, LOCAL_TARGET } from './local-routes.js';
import { parseRouteDestination } from './route-destinations.js';
import { checkPlacement } from './route-placement.js';
import { findRoute, requireRouteTable } from './route-table-records.js';
import { chooseTarget, resolveTarget, type ResolvedTarget } from './route-targets.js';

export const replaceRoute: Handler<'ReplaceRoute'> = async (ctx, input) => {
  const destination = parseRouteDestination(input);
  const chosen = chooseTarget(input);
  const table = await requireRouteTable(ctx, input.RouteTableId);
  const route = await findRoute(ctx, table.id, destination.cidr);
  if (!route) throw noRouteToReplace(destination.cidr);

  let target: ResolvedTarget;
  if (chosen.kind === 'local') {
    if (route.origin !== LOCAL_ORIGIN) throw localTargetNotAllowed(destination.cidr);
    target = { gatewayId: LOCAL_TARGET, mayRouteInsideVpc: true };
  } else {
    target = await resolveTarget(ctx, table, chosen);
    await checkPlacement(ctx, table, destination, target);
  }
  await ctx.tx.run(
    `UPDATE routes SET gateway_id = ?, instance_id = ?, network_interface_id = ?, state = 'active'
     WHERE route_table_id = ? AND destination = ?`,
    [target.gatewayId ?? '', target.instanceId ?? '', target.networkInterfaceId ?? '', table.id, destination.cidr],
  );
};
