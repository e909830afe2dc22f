/** DescribeVpcAttribute (addressing.md §1): one attribute, answered as `<enableDnsSupport><value>…`. */
import { invalidVpcAttributeName } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { VPC_ATTRIBUTES } from './vpc-attributes.js';
import { requireVpc } from './vpc-records.js';

export const describeVpcAttribute: Handler<'DescribeVpcAttribute'> = async (ctx, input) => {
  const attribute = VPC_ATTRIBUTES.find((a) => a.name === input.Attribute);
  if (!attribute) throw invalidVpcAttributeName(input.Attribute);
  const vpc = await requireVpc(ctx, input.VpcId);
  return { VpcId: vpc.id, [attribute.member]: { Value: vpc[attribute.column] === 1 } };
};
