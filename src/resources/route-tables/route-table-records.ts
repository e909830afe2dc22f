/** Reading route tables with their routes and associations, and turning them into the model's RouteTable shape. */
import { routeTableIdMalformed, routeTableNotFound } from '../../errors/route-tables.js';
import type { Route, RouteTable, RouteTableAssociation, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { tagsFor } from '../tags/tag-store.js';
import { LOCAL_ORIGIN } from './local-routes.js';

export interface RouteTableRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  vpc_id: string;
}

export interface RouteRow {
  route_table_id: string;
  destination: string;
  family: 'ipv4' | 'ipv6';
  gateway_id: string;
  instance_id: string;
  network_interface_id: string;
  origin: string;
  state: string;
}

export interface AssociationRow {
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

/**
 * The routes of each table: the local routes first (as EC2 lists them, even once ReplaceRoute gave one another
 * target), then the others in creation order.
 */
export async function routesOf(ctx: RequestContext, tableIds: string[]): Promise<Map<string, Route[]>> {
  if (tableIds.length === 0) return new Map();
  const rows = await ctx.tx.all<RouteRow>(
    `SELECT * FROM routes WHERE route_table_id IN (${placeholders(tableIds)})
     ORDER BY CASE WHEN origin = '${LOCAL_ORIGIN}' THEN 0 ELSE 1 END, seq`,
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

export async function findRouteTable(ctx: RequestContext, tableId: string): Promise<RouteTableRow | undefined> {
  return ctx.tx.get<RouteTableRow>('SELECT * FROM route_tables WHERE id = ? AND account = ? AND region = ?', [
    tableId, ctx.account, ctx.region.name,
  ]);
}

/** The caller's route table `tableId`, or the error AWS gives for a malformed or unknown id. */
export async function requireRouteTable(ctx: RequestContext, tableId: string): Promise<RouteTableRow> {
  if (!isWellFormedId('rtb', tableId)) throw routeTableIdMalformed(tableId);
  const row = await findRouteTable(ctx, tableId);
  if (!row) throw routeTableNotFound([tableId]);
  return row;
}

/** Complete RouteTable shapes for rows already fetched. */
export async function routeTablesOf(ctx: RequestContext, rows: RouteTableRow[]): Promise<RouteTable[]> {
  const ids = rows.map((r) => r.id);
  const [routes, associations, tags] = await Promise.all([routesOf(ctx, ids), associationsOf(ctx, ids), tagsFor(ctx, ids)]);
  return rows.map((row) => toRouteTable(row, routes.get(row.id)!, associations.get(row.id)!, tags.get(row.id)!));
}

/** One route of a table by its destination (the table's key for routes). */
export async function findRoute(ctx: RequestContext, tableId: string, destination: string): Promise<RouteRow | undefined> {
  return ctx.tx.get<RouteRow>('SELECT * FROM routes WHERE route_table_id = ? AND destination = ?', [tableId, destination]);
}

/** A route table association of the caller's, by id. */
export async function findAssociation(ctx: RequestContext, associationId: string): Promise<(AssociationRow & { vpc_id: string }) | undefined> {
  return ctx.tx.get<AssociationRow & { vpc_id: string }>(
    `SELECT id, route_table_id, subnet_id, gateway_id, is_main, vpc_id FROM route_table_associations
     WHERE id = ? AND account = ? AND region = ?`,
    [associationId, ctx.account, ctx.region.name],
  );
}
