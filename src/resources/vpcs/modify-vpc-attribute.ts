/**
 * ModifyVpcAttribute (addressing.md §1): exactly one attribute per call, else InvalidParameterCombination naming
 * them all. DNS hostnames can only be enabled while DNS support is (EC2 API reference).
 */
import { missingParameter } from '../../errors/protocol.js';
import { dnsHostnamesNeedDnsSupport, multipleVpcAttributes, noVpcAttribute } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { VPC_ATTRIBUTES } from './vpc-attributes.js';
import { requireVpc } from './vpc-records.js';

export const modifyVpcAttribute: Handler<'ModifyVpcAttribute'> = async (ctx, input) => {
  const given = VPC_ATTRIBUTES.filter((a) => input[a.member] !== undefined);
  if (given.length === 0) throw noVpcAttribute();
  if (given.length > 1) throw multipleVpcAttributes(given.map((a) => a.name));
  const attribute = given[0]!;
  const value = input[attribute.member]!.Value;
  if (value === undefined) throw missingParameter(`${attribute.member}.Value`);
  const vpc = await requireVpc(ctx, input.VpcId);
  if (attribute.name === 'enableDnsHostnames' && value && vpc.enable_dns_support !== 1) {
    throw dnsHostnamesNeedDnsSupport(vpc.id);
  }
  // `attribute.column` comes from the fixed list, never from the request.
  await ctx.tx.run(`UPDATE vpcs SET ${attribute.column} = ? WHERE id = ?`, [value ? 1 : 0, vpc.id]);
};
