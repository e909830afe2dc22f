/**
 * AttachInternetGateway (routing-and-traffic.md §2): one gateway per VPC and one VPC per gateway. Routes of the
 * VPC's tables that already name the gateway (left `blackhole` by an earlier detach) become `active` again.
 */
import {
  internetGatewayAlreadyAttached,
  vpcAlreadyHasInternetGateway,
} from '../../errors/internet-gateways.js';
import type { Handler } from '../context.js';
import { setRouteStateForTarget } from '../route-tables/route-states.js';
import { requireVpc } from '../vpcs/vpc-records.js';
import { internetGatewayOfVpc, requireInternetGateway } from './internet-gateway-records.js';

export const attachInternetGateway: Handler<'AttachInternetGateway'> = async (ctx, input) => {
  const gateway = await requireInternetGateway(ctx, input.InternetGatewayId);
  const vpc = await requireVpc(ctx, input.VpcId);
  if (gateway.vpc_id !== '') throw internetGatewayAlreadyAttached(gateway.id, gateway.vpc_id);
  if (await internetGatewayOfVpc(ctx, vpc.id)) throw vpcAlreadyHasInternetGateway(vpc.id);
  await ctx.tx.run('UPDATE internet_gateways SET vpc_id = ? WHERE id = ?', [vpc.id, gateway.id]);
  await setRouteStateForTarget(ctx, vpc.id, 'gateway_id', gateway.id, 'active');
};
