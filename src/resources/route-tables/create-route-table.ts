/**
 * CreateRouteTable (routing-and-traffic.md §1.1): a custom table in one of the caller's VPCs with a local route for
 * every CIDR block of the VPC, IPv4 and IPv6, and no association. 200 tables per VPC, the main one included.
 * ClientToken replay is the gateway's; the token is echoed in the answer.
 */
import { routeTableLimitExceeded } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { requireVpc } from '../vpcs/vpc-records.js';
import { LOCAL_ORIGIN, LOCAL_TARGET, vpcBlocks } from './local-routes.js';
import { insertRoute } from './main-route-table.js';
import { findRouteTable, routeTablesOf } from './route-table-records.js';

export const ROUTE_TABLES_PER_VPC = 200;

export const createRouteTable: Handler<'CreateRouteTable'> = async (ctx, input) => {
  const vpc = await requireVpc(ctx, input.VpcId);
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM route_tables WHERE vpc_id = ?', [vpc.id]);
  if (Number(count?.n ?? 0) >= ROUTE_TABLES_PER_VPC) throw routeTableLimitExceeded();

  const tableId = newId('rtb');
  await ctx.tx.run('INSERT INTO route_tables (id, account, region, vpc_id) VALUES (?, ?, ?, ?)', [
    tableId, ctx.account, ctx.region.name, vpc.id,
  ]);
  for (const block of await vpcBlocks(ctx, vpc.id)) {
    await insertRoute(ctx, {
      routeTableId: tableId, destination: block.cidr, family: block.family, gatewayId: LOCAL_TARGET, origin: LOCAL_ORIGIN,
    });
  }
  await applyTagSpecifications(ctx, input.TagSpecifications, 'route-table', tableId);
  const [routeTable] = await routeTablesOf(ctx, [(await findRouteTable(ctx, tableId))!]);
  return { RouteTable: routeTable, ClientToken: input.ClientToken };
};
