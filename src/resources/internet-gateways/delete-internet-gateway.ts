/**
 * DeleteInternetGateway (routing-and-traffic.md §2): only a detached gateway goes. Routes that still name it stay,
 * `blackhole` since the detach, until the user deletes them - as on AWS.
 */
import { internetGatewayDependencyViolation } from '../../errors/internet-gateways.js';
import type { Handler } from '../context.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { requireInternetGateway } from './internet-gateway-records.js';

export const deleteInternetGateway: Handler<'DeleteInternetGateway'> = async (ctx, input) => {
  const gateway = await requireInternetGateway(ctx, input.InternetGatewayId);
  if (gateway.vpc_id !== '') throw internetGatewayDependencyViolation(gateway.id);
  await deleteAllTags(ctx, gateway.id);
  await ctx.tx.run('DELETE FROM internet_gateways WHERE id = ?', [gateway.id]);
};
