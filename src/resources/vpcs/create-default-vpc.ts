/**
 * CreateDefaultVpc (addressing.md §1): brings back the default VPC a new account has (172.31.0.0/16, a /20
 * default subnet per zone, an internet gateway) after the old one was deleted. One per region.
 */
import { defaultVpcAlreadyExists, vpcLimitExceeded } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { accountRegion, createDefaultVpc as provisionDefaultVpc } from '../account/account-region.js';
import { VPCS_PER_REGION } from './create-vpc.js';
import { cidrBlocksOf, findVpc, toVpc } from './vpc-records.js';

export const createDefaultVpc: Handler<'CreateDefaultVpc'> = async (ctx) => {
  const { defaultVpcId, dhcpOptionsId } = await accountRegion(ctx);
  if (defaultVpcId !== '' && (await findVpc(ctx, defaultVpcId))) throw defaultVpcAlreadyExists(defaultVpcId);
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM vpcs WHERE account = ? AND region = ?', [
    ctx.account, ctx.region.name,
  ]);
  if (Number(count?.n ?? 0) >= VPCS_PER_REGION) throw vpcLimitExceeded();

  const vpcId = await provisionDefaultVpc(ctx, dhcpOptionsId);
  await ctx.tx.run('UPDATE account_regions SET default_vpc_id = ? WHERE account = ? AND region = ?', [
    vpcId, ctx.account, ctx.region.name,
  ]);
  const row = (await findVpc(ctx, vpcId))!;
  const blocks = (await cidrBlocksOf(ctx, [vpcId])).get(vpcId)!;
  return { Vpc: { ...toVpc(row, blocks, []), State: 'pending' } };
};
