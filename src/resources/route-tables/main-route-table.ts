/**
 * The main route table every VPC is born with (routing-and-traffic.md §1): one `local` route per VPC CIDR block,
 * and the main association that every subnet without an explicit one follows.
 */
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { LOCAL_ORIGIN, LOCAL_TARGET } from './local-routes.js';

export async function insertRoute(
  ctx: RequestContext,
  route: {
    routeTableId: string;
    destination: string;
    family: 'ipv4' | 'ipv6';
    gatewayId?: string;
    instanceId?: string;
    networkInterfaceId?: string;
    origin: 'CreateRouteTable' | 'CreateRoute';
  },
): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO routes (route_table_id, destination, family, gateway_id, instance_id, network_interface_id, origin, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'active')`,
    [route.routeTableId, route.destination, route.family, route.gatewayId ?? '', route.instanceId ?? '',
      route.networkInterfaceId ?? '', route.origin],
  );
}

/** Adds a `local` route for a new VPC CIDR block to every route table of the VPC. */
export async function addLocalRoutes(ctx: RequestContext, vpcId: string, cidr: string, family: 'ipv4' | 'ipv6'): Promise<void> {
  const tables = await ctx.tx.all<{ id: string }>('SELECT id FROM route_tables WHERE vpc_id = ?', [vpcId]);
  for (const table of tables) {
    await insertRoute(ctx, { routeTableId: table.id, destination: cidr, family, gatewayId: LOCAL_TARGET, origin: LOCAL_ORIGIN });
  }
}

/** Removes the local routes of a VPC CIDR block that goes, whatever ReplaceRoute made their target. */
export async function removeLocalRoutes(ctx: RequestContext, vpcId: string, cidr: string): Promise<void> {
  await ctx.tx.run(
    `DELETE FROM routes WHERE destination = ? AND origin = '${LOCAL_ORIGIN}' AND route_table_id IN (SELECT id FROM route_tables WHERE vpc_id = ?)`,
    [cidr, vpcId],
  );
}

export async function createMainRouteTable(ctx: RequestContext, vpcId: string, cidrs: { cidr: string; family: 'ipv4' | 'ipv6' }[]): Promise<string> {
  const tableId = newId('rtb');
  await ctx.tx.run('INSERT INTO route_tables (id, account, region, vpc_id) VALUES (?, ?, ?, ?)', [
    tableId, ctx.account, ctx.region.name, vpcId,
  ]);
  for (const { cidr, family } of cidrs) {
    await insertRoute(ctx, { routeTableId: tableId, destination: cidr, family, gatewayId: LOCAL_TARGET, origin: LOCAL_ORIGIN });
  }
  await ctx.tx.run(
    `INSERT INTO route_table_associations (id, route_table_id, account, region, vpc_id, is_main) VALUES (?, ?, ?, ?, ?, 1)`,
    [newId('rtbassoc'), tableId, ctx.account, ctx.region.name, vpcId],
  );
  return tableId;
}
