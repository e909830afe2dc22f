/** CreateVpc (addressing.md §1): validate in AWS's order, enforce the per-region quota, provision, tag. */
import { invalidParameterValue } from '../../errors/protocol.js';
import { vpcCidrMissing, vpcLimitExceeded } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { accountRegion } from '../account/account-region.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { provisionVpc } from './provision-vpc.js';
import { parseVpcCidr } from './vpc-cidr-rules.js';
import { cidrBlocksOf, findVpc, toVpc } from './vpc-records.js';

export const VPCS_PER_REGION = 5;
const TENANCIES = ['default', 'dedicated'];

export const createVpc: Handler<'CreateVpc'> = async (ctx, input) => {
  if (input.CidrBlock === undefined) throw vpcCidrMissing();
  const cidr = parseVpcCidr(input.CidrBlock);
  const tenancy = input.InstanceTenancy ?? 'default';
  if (!TENANCIES.includes(tenancy)) {
    throw invalidParameterValue(`Value (${tenancy}) for parameter instanceTenancy is invalid.`);
  }
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM vpcs WHERE account = ? AND region = ?', [
    ctx.account, ctx.region.name,
  ]);
  if (Number(count?.n ?? 0) >= VPCS_PER_REGION) throw vpcLimitExceeded();

  const { dhcpOptionsId } = await accountRegion(ctx);
  const vpcId = await provisionVpc(ctx, {
    cidr,
    instanceTenancy: tenancy,
    isDefault: false,
    amazonProvidedIpv6: input.AmazonProvidedIpv6CidrBlock === true,
    dhcpOptionsId,
  });
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'vpc', vpcId);
  const row = (await findVpc(ctx, vpcId))!;
  const blocks = (await cidrBlocksOf(ctx, [vpcId])).get(vpcId)!;
  // A new VPC reports `pending` in CreateVpc's answer and `available` from then on (addressing.md §1).
  return { Vpc: { ...toVpc(row, blocks, tags), State: 'pending' } };
};
