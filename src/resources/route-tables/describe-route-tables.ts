/**
 * DescribeRouteTables with every filter of the API reference (routing-and-traffic.md §1.1), ids and pagination
 * (MaxResults 5-100). Terraform finds a VPC's main table with `association.main=true` + `vpc-id`.
 */
import { routeTableNotFound } from '../../errors/route-tables.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { booleanColumn, column, compileFilters, exists, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { associationsOf, routesOf, toRouteTable, type RouteTableRow } from './route-table-records.js';

const association = (condition: string, matchColumn: string) =>
  exists('route_table_associations ra', `ra.route_table_id = rt.id${condition}`, matchColumn);

const route = (condition: string, matchColumn: string) =>
  exists('routes ro', `ro.route_table_id = rt.id${condition}`, matchColumn);

/** `association.main`: tables with a main (true) or an explicit (false) association; tables with none match neither. */
const associationMain: FilterCompiler = (tx, values) => {
  const main = booleanColumn('ra.is_main')(tx, values);
  return { sql: `EXISTS (SELECT 1 FROM route_table_associations ra WHERE ra.route_table_id = rt.id AND ${main.sql})`, params: main.params };
};

/** Route targets vpclite does not model (NAT and transit gateways, peering, prefix lists…): no route has one. */
const noRouteHasIt: FilterCompiler = () => ({ sql: '1 = 0', params: [] });

const ROUTE_TABLE_FILTERS: FilterTable = {
  'association.gateway-id': association(" AND ra.gateway_id <> ''", 'ra.gateway_id'),
  'association.route-table-association-id': association('', 'ra.id'),
  'association.route-table-id': association('', 'ra.route_table_id'),
  'association.subnet-id': association(" AND ra.subnet_id <> ''", 'ra.subnet_id'),
  'association.main': associationMain,
  'owner-id': column('rt.account'),
  'route-table-id': column('rt.id'),
  'route.destination-cidr-block': route(" AND ro.family = 'ipv4'", 'ro.destination'),
  'route.destination-ipv6-cidr-block': route(" AND ro.family = 'ipv6'", 'ro.destination'),
  'route.destination-prefix-list-id': noRouteHasIt,
  'route.egress-only-internet-gateway-id': noRouteHasIt,
  'route.gateway-id': route(" AND ro.gateway_id <> ''", 'ro.gateway_id'),
  'route.instance-id': route(" AND ro.instance_id <> ''", 'ro.instance_id'),
  'route.nat-gateway-id': noRouteHasIt,
  'route.transit-gateway-id': noRouteHasIt,
  'route.origin': route('', 'ro.origin'),
  'route.state': route('', 'ro.state'),
  'route.vpc-peering-connection-id': noRouteHasIt,
  'vpc-id': column('rt.vpc_id'),
};

export const describeRouteTables: Handler<'DescribeRouteTables'> = async (ctx, input) => {
  const page = await describeRows<RouteTableRow>(ctx, {
    from: 'route_tables rt',
    alias: 'rt',
    ids: input.RouteTableIds,
    notFound: routeTableNotFound,
    conditions: compileFilters(ctx.tx, ROUTE_TABLE_FILTERS, input.Filters, 'rt.id'),
    limit: pageSize('DescribeRouteTables', input.MaxResults),
    nextToken: input.NextToken,
  });
  const ids = page.rows.map((r) => r.id);
  const [routes, associations, tags] = await Promise.all([routesOf(ctx, ids), associationsOf(ctx, ids), tagsFor(ctx, ids)]);
  return {
    RouteTables: page.rows.map((row) =>
      toRouteTable(row, routes.get(row.id)!, associations.get(row.id)!, tags.get(row.id)!),
    ),
    NextToken: page.nextToken,
  };
};
