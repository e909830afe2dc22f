/**
 * A route's state follows its target (routing-and-traffic.md §1): `blackhole` once the target stops working - an
 * internet gateway detached from the VPC, a target ENI deleted, a NAT instance terminated - and `active` again when
 * an internet gateway comes back to the VPC. Blackhole routes stay until deleted.
 *
 * Every target lives in the route table's VPC, so each update walks only that VPC's tables (route_tables_by_vpc,
 * then the routes' (route_table_id, destination) key), never every route of the account: internet gateways come
 * and go through here. A deleted ENI and a terminated instance blackhole their routes by target id instead
 * (network-interfaces/remove-network-interface.ts, instances/lifecycle.ts), through the routes_by_network_interface
 * and routes_by_instance indexes: a route to an ENI remembers the instance it was attached to, whose VPC may be
 * another one.
 */
import type { RequestContext } from '../context.js';

export type RouteTargetColumn = 'gateway_id' | 'network_interface_id' | 'instance_id';
export type RouteState = 'active' | 'blackhole';

export async function setRouteStateForTarget(
  ctx: RequestContext,
  vpcId: string,
  column: RouteTargetColumn,
  targetId: string,
  state: RouteState,
): Promise<void> {
  await ctx.tx.run(
    `UPDATE routes SET state = ? WHERE ${column} = ?
       AND route_table_id IN (SELECT id FROM route_tables WHERE vpc_id = ? AND account = ? AND region = ?)`,
    [state, targetId, vpcId, ctx.account, ctx.region.name],
  );
}
