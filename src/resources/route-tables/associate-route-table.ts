/**
 * AssociateRouteTable (routing-and-traffic.md §1.1): gives a subnet of the table's VPC an explicit route table, or
 * a gateway attached to the VPC an edge association. A subnet or gateway takes one explicit association; to move
 * it, ReplaceRouteTableAssociation. Answers the new `rtbassoc-` id, `associated`.
 */
import {
  associationConflict,
  gatewayInOtherNetwork,
  gatewayNotFound,
  missingAssociationTarget,
  publicIpv4PoolNotFound,
  severalAssociationTargets,
  subnetInOtherNetwork,
} from '../../errors/route-tables.js';
import type { Handler, RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { findInternetGateway } from '../internet-gateways/internet-gateway-records.js';
import { requireSubnet } from '../subnets/subnet-records.js';
import { requireRouteTable, type RouteTableRow } from './route-table-records.js';

async function insertAssociation(
  ctx: RequestContext,
  table: RouteTableRow,
  target: { subnetId?: string; gatewayId?: string },
): Promise<string> {
  const associationId = newId('rtbassoc');
  await ctx.tx.run(
    `INSERT INTO route_table_associations (id, route_table_id, account, region, vpc_id, subnet_id, gateway_id, is_main)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    [associationId, table.id, ctx.account, ctx.region.name, table.vpc_id, target.subnetId ?? '', target.gatewayId ?? ''],
  );
  return associationId;
}

async function associateSubnet(ctx: RequestContext, table: RouteTableRow, subnetId: string): Promise<string> {
  const subnet = await requireSubnet(ctx, subnetId);
  if (subnet.vpc_id !== table.vpc_id) throw subnetInOtherNetwork(table.id, subnet.id);
  // The repeated `subnet_id <> ''` lets the engine use the partial unique index on subnet associations.
  const taken = await ctx.tx.get(`SELECT 1 AS x FROM route_table_associations WHERE subnet_id = ? AND subnet_id <> ''`, [subnet.id]);
  if (taken) throw associationConflict(table.id);
  return insertAssociation(ctx, table, { subnetId: subnet.id });
}

/** Edge associations: vpclite's gateways are internet gateways; there are no virtual private gateways. */
async function associateGateway(ctx: RequestContext, table: RouteTableRow, gatewayId: string): Promise<string> {
  const gateway = gatewayId.startsWith('igw-') ? await findInternetGateway(ctx, gatewayId) : undefined;
  if (!gateway) throw gatewayNotFound([gatewayId]);
  if (gateway.vpc_id !== table.vpc_id) throw gatewayInOtherNetwork(table.id, gateway.id);
  const taken = await ctx.tx.get(`SELECT 1 AS x FROM route_table_associations WHERE gateway_id = ? AND gateway_id <> ''`, [gateway.id]);
  if (taken) throw associationConflict(table.id);
  return insertAssociation(ctx, table, { gatewayId: gateway.id });
}

export const associateRouteTable: Handler<'AssociateRouteTable'> = async (ctx, input) => {
  const given = [input.SubnetId, input.GatewayId, input.PublicIpv4Pool].filter((v) => v !== undefined).length;
  if (given === 0) throw missingAssociationTarget();
  if (given > 1) throw severalAssociationTargets();
  const table = await requireRouteTable(ctx, input.RouteTableId);
  if (input.PublicIpv4Pool !== undefined) throw publicIpv4PoolNotFound([input.PublicIpv4Pool]);
  const associationId =
    input.SubnetId !== undefined
      ? await associateSubnet(ctx, table, input.SubnetId)
      : await associateGateway(ctx, table, input.GatewayId!);
  return { AssociationId: associationId, AssociationState: { State: 'associated' } };
};
