/**
 * DetachInternetGateway (routing-and-traffic.md §2): refused while the VPC still maps public IPv4 addresses
 * through the gateway. Routes to the gateway become `blackhole`; its edge association (AssociateRouteTable with
 * the gateway) goes, as the gateway no longer carries the VPC's traffic.
 */
import { internetGatewayNotAttached, vpcHasMappedPublicAddresses } from '../../errors/internet-gateways.js';
import type { Handler, RequestContext } from '../context.js';
import { setRouteStateForTarget } from '../route-tables/route-states.js';
import { requireVpc } from '../vpcs/vpc-records.js';
import { requireInternetGateway } from './internet-gateway-records.js';

/**
 * Public addresses mapped in the VPC: each query returns a row when one exists. Elastic IPs and auto-assigned
 * public IPv4 addresses both sit on the private address they map to.
 */
const MAPPED_PUBLIC_ADDRESSES: string[] = [
  `SELECT 1 AS x FROM eni_private_ipv4 p JOIN network_interfaces n ON n.id = p.eni_id
     WHERE n.vpc_id = ? AND p.public_ip <> '' LIMIT 1`,
];

async function hasMappedPublicAddresses(ctx: RequestContext, vpcId: string): Promise<boolean> {
  for (const sql of MAPPED_PUBLIC_ADDRESSES) if (await ctx.tx.get(sql, [vpcId])) return true;
  return false;
}

export const detachInternetGateway: Handler<'DetachInternetGateway'> = async (ctx, input) => {
  const gateway = await requireInternetGateway(ctx, input.InternetGatewayId);
  const vpc = await requireVpc(ctx, input.VpcId);
  if (gateway.vpc_id !== vpc.id) throw internetGatewayNotAttached(gateway.id, vpc.id);
  if (await hasMappedPublicAddresses(ctx, vpc.id)) throw vpcHasMappedPublicAddresses(vpc.id);
  await ctx.tx.run(`UPDATE internet_gateways SET vpc_id = '' WHERE id = ?`, [gateway.id]);
  await setRouteStateForTarget(ctx, vpc.id, 'gateway_id', gateway.id, 'blackhole');
  // The repeated `gateway_id <> ''` lets the engine use the partial unique index on edge associations.
  await ctx.tx.run(`DELETE FROM route_table_associations WHERE gateway_id = ? AND gateway_id <> ''`, [gateway.id]);
};
