/**
 * CreateInternetGateway (routing-and-traffic.md §2): a detached gateway with its tags; 5 per region, the default
 * VPC's gateway included.
 */
import { internetGatewayLimitExceeded } from '../../errors/internet-gateways.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { findInternetGateway, toInternetGateway } from './internet-gateway-records.js';

export const INTERNET_GATEWAYS_PER_REGION = 5;

export const createInternetGateway: Handler<'CreateInternetGateway'> = async (ctx, input) => {
  const count = await ctx.tx.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM internet_gateways WHERE account = ? AND region = ?',
    [ctx.account, ctx.region.name],
  );
  if (Number(count?.n ?? 0) >= INTERNET_GATEWAYS_PER_REGION) throw internetGatewayLimitExceeded();
  const igwId = newId('igw');
  await ctx.tx.run(
    `INSERT INTO internet_gateways (id, account, region, vpc_id, created_at) VALUES (?, ?, ?, '', ?)`,
    [igwId, ctx.account, ctx.region.name, ctx.now.toISOString()],
  );
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'internet-gateway', igwId);
  return { InternetGateway: toInternetGateway((await findInternetGateway(ctx, igwId))!, tags) };
};
