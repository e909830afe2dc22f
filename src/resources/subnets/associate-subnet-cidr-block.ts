/**
 * AssociateSubnetCidrBlock (addressing.md §4): gives a subnet its one IPv6 /64, carved from one of its VPC's IPv6
 * blocks. The answer shows the association `associating`; it is `associated` from then on.
 */
import { ipamPoolNotFound } from '../../errors/vpcs.js';
import { subnetAlreadyHasIpv6, subnetIpv6CidrMissing } from '../../errors/subnets.js';
import { formatIpv6Cidr } from '../../net/ipv6.js';
import type { Handler } from '../context.js';
import { insertSubnetIpv6Block } from './insert-subnet.js';
import { parseSubnetIpv6 } from './subnet-cidr-rules.js';
import { placeIpv6Subnet } from './subnet-placement.js';
import { requireSubnet, toIpv6Association } from './subnet-records.js';

export const associateSubnetCidrBlock: Handler<'AssociateSubnetCidrBlock'> = async (ctx, input) => {
  if (input.Ipv6IpamPoolId !== undefined) throw ipamPoolNotFound(input.Ipv6IpamPoolId);
  if (input.Ipv6CidrBlock === undefined) throw subnetIpv6CidrMissing();
  const cidr = parseSubnetIpv6(input.Ipv6CidrBlock);
  const subnet = await requireSubnet(ctx, input.SubnetId);
  const existing = await ctx.tx.get('SELECT 1 AS x FROM subnet_ipv6_cidr_blocks WHERE subnet_id = ? LIMIT 1', [subnet.id]);
  if (existing) throw subnetAlreadyHasIpv6(subnet.id);
  await placeIpv6Subnet(ctx, subnet.vpc_id, cidr, input.Ipv6CidrBlock);
  const text = formatIpv6Cidr(cidr);
  const associationId = await insertSubnetIpv6Block(ctx, { id: subnet.id, vpcId: subnet.vpc_id }, text);
  return {
    SubnetId: subnet.id,
    Ipv6CidrBlockAssociation: toIpv6Association({ association_id: associationId, cidr: text }, 'associating'),
  };
};
