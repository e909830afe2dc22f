/**
 * CreateSubnet (addressing.md §2, §4): IPv4-only, dual-stack or IPv6-only (`Ipv6Native`). Validated in AWS's
 * order: parameter values (CIDRs, zone), then the VPC, then placement inside the VPC, then the quota.
 */
import { ipamPoolNotFound } from '../../errors/vpcs.js';
import {
  ipv6NativeWithIpv4,
  ipv6NativeWithoutIpv6,
  outpostNotFound,
  subnetCidrMissing,
  subnetLimitExceeded,
} from '../../errors/subnets.js';
import { formatIpv6Cidr } from '../../net/ipv6.js';
import type { Handler } from '../context.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { requireVpc } from '../vpcs/vpc-records.js';
import { pickZone, requestedZone } from './availability-zone.js';
import { insertSubnet, insertSubnetIpv6Block } from './insert-subnet.js';
import { parseSubnetIpv4, parseSubnetIpv6 } from './subnet-cidr-rules.js';
import { placeIpv4Subnet, placeIpv6Subnet } from './subnet-placement.js';
import { findSubnet, ipv6BlocksOf, toSubnet } from './subnet-records.js';

export const SUBNETS_PER_VPC = 200;

export const createSubnet: Handler<'CreateSubnet'> = async (ctx, input) => {
  const ipv6Native = input.Ipv6Native === true;
  // vpclite has no IPAM pools and no Outposts: naming one is naming something that does not exist.
  if (input.Ipv4IpamPoolId !== undefined) throw ipamPoolNotFound(input.Ipv4IpamPoolId);
  if (input.Ipv6IpamPoolId !== undefined) throw ipamPoolNotFound(input.Ipv6IpamPoolId);
  if (input.OutpostArn !== undefined) throw outpostNotFound(input.OutpostArn);
  if (ipv6Native && input.CidrBlock !== undefined) throw ipv6NativeWithIpv4();
  if (ipv6Native && input.Ipv6CidrBlock === undefined) throw ipv6NativeWithoutIpv6();
  if (!ipv6Native && input.CidrBlock === undefined) throw subnetCidrMissing();

  const ipv4 = input.CidrBlock === undefined ? undefined : parseSubnetIpv4(input.CidrBlock);
  const ipv6 = input.Ipv6CidrBlock === undefined ? undefined : parseSubnetIpv6(input.Ipv6CidrBlock);
  const zone = requestedZone(ctx.region, input.AvailabilityZone, input.AvailabilityZoneId);

  const vpc = await requireVpc(ctx, input.VpcId);
  if (ipv4) await placeIpv4Subnet(ctx, vpc.id, ipv4, input.CidrBlock!);
  if (ipv6) await placeIpv6Subnet(ctx, vpc.id, ipv6, input.Ipv6CidrBlock!);
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM subnets WHERE vpc_id = ?', [vpc.id]);
  if (Number(count?.n ?? 0) >= SUBNETS_PER_VPC) throw subnetLimitExceeded();

  const subnetId = await insertSubnet(ctx, {
    vpcId: vpc.id,
    cidr: ipv4,
    availabilityZone: zone ?? (await pickZone(ctx, vpc.id)),
    ipv6Native,
  });
  if (ipv6) await insertSubnetIpv6Block(ctx, { id: subnetId, vpcId: vpc.id }, formatIpv6Cidr(ipv6));
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'subnet', subnetId);
  const row = (await findSubnet(ctx, subnetId))!;
  const blocks = (await ipv6BlocksOf(ctx, [subnetId])).get(subnetId)!;
  // A new subnet reports `pending` in CreateSubnet's answer and `available` from then on (addressing.md §2).
  return { Subnet: { ...toSubnet(row, blocks, tags), State: 'pending' } };
};
