/** Reading route tables with their routes and associations, and turning them into the model's RouteTable shape. */
import type { Route, RouteTable, RouteTableAssociation, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';

export interface RouteTableRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  vpc_id: string;
}

interface RouteRow {
  route_table_id: string;
  destination: string;
  family: 'ipv4' | 'ipv6';
  gateway_id: string;
  instance_id: string;
  network_interface_id: string;
  origin: string;
  state: string;
}

interface AssociationRow {
  id: string;
  route_table_id: string;
  subnet_id: string;
  gateway_id: string;
  is_main: number;
}

/** Groups rows by their table id, keeping every asked id (tables without rows map to []). */
function groupBy<R, T>(ids: string[], rows: R[], key: (row: R) => string, map: (row: R) => T): Map<string, T[]> {
  const result = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) result.get(key(row))?.push(map(row));
  return result;
}

/** A route as EC2 shows it: one destination, its one target (absent targets omitted), origin and state. */
export function toRoute(row: RouteRow, ownerId: string): Route {
  return {
    DestinationCidrBlock: row.family === 'ipv4' ? row.destination : undefined,
    DestinationIpv6CidrBlock: row.family === 'ipv6' ? row.destination : undefined,
    GatewayId: row.gateway_id || undefined,
    InstanceId: row.instance_id || undefined,
    InstanceOwnerId: row.instance_id ? ownerId : undefined,
    NetworkInterfaceId: row.network_interface_id || undefined,
    Origin: row.origin as Route['Origin'],
    State: row.state as Route['State'],
  };
}

/** The routes of each table: the `local` routes first (as EC2 lists them), then the others in creation order. */
export async function routesOf(ctx: RequestContext, tableIds: string[]): Promise<Map<string, Route[]>> {
  if (tableIds.length === 0) return new Map();
  const rows = await ctx.tx.all<RouteRow>(
    `SELECT * FROM routes WHERE route_table_id IN (${placeholders(tableIds)})
     ORDER BY CASE WHEN gateway_id = 'local' THEN 0 ELSE 1 END, seq`,
    tableIds,
  );
  return groupBy(tableIds, rows, (r) => r.route_table_id, (r) => toRoute(r, ctx.account));
}

/**
 * The associations of each table, in creation order. The main association has `main=true` and no subnet;
 * a subnet (or gateway edge) association names its subnet (or gateway).
 */
export async function associationsOf(ctx: RequestContext, tableIds: string[]): Promise<Map<string, RouteTableAssociation[]>> {
  if (tableIds.length === 0) return new Map();
  const rows = await ctx.tx.all<AssociationRow>(
    `SELECT id, route_table_id, subnet_id, gateway_id, is_main FROM route_table_associations
     WHERE route_table_id IN (${placeholders(tableIds)}) ORDER BY seq`,
    tableIds,
  );
  return groupBy(tableIds, rows, (r) => r.route_table_id, (r) => ({
    Main: r.is_main === 1,
    RouteTableAssociationId: r.id,
    RouteTableId: r.route_table_id,
    SubnetId: r.subnet_id || undefined,
    GatewayId: r.gateway_id || undefined,
    AssociationState: { State: 'associated' },
  }));
}

export function toRouteTable(row: RouteTableRow, routes: Route[], associations: RouteTableAssociation[], tags: Tag[]): RouteTable {
  return {
    RouteTableId: row.id,
    VpcId: row.vpc_id,
    OwnerId: row.account,
    Routes: routes,
    Associations: associations,
    PropagatingVgws: [],
    Tags: tags,
  };
}
