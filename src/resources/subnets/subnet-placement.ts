/**
 * Checks a new subnet block against what the VPC already holds: its CIDR blocks and its other subnets. One VPC has
 * at most a few blocks and 200 subnets, read through the by-VPC indexes.
 */
import { parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { parseIpv6Cidr, type Ipv6Cidr } from '../../net/ipv6.js';
import type { RequestContext } from '../context.js';
import { checkIpv4Placement, checkIpv6Placement } from './subnet-cidr-rules.js';

async function vpcBlocks(ctx: RequestContext, vpcId: string, family: 'ipv4' | 'ipv6'): Promise<string[]> {
  const rows = await ctx.tx.all<{ cidr: string }>(
    `SELECT cidr FROM vpc_cidr_blocks WHERE vpc_id = ? AND family = ? AND state = 'associated'`,
    [vpcId, family],
  );
  return rows.map((r) => r.cidr);
}

export async function placeIpv4Subnet(ctx: RequestContext, vpcId: string, cidr: Ipv4Cidr, text: string): Promise<void> {
  const blocks = (await vpcBlocks(ctx, vpcId, 'ipv4')).map((c) => parseIpv4Cidr(c)!);
  const siblings = await ctx.tx.all<{ cidr_block: string }>(
    `SELECT cidr_block FROM subnets WHERE vpc_id = ? AND cidr_block <> ''`,
    [vpcId],
  );
  checkIpv4Placement(cidr, text, blocks, siblings.map((s) => parseIpv4Cidr(s.cidr_block)!));
}

export async function placeIpv6Subnet(ctx: RequestContext, vpcId: string, cidr: Ipv6Cidr, text: string): Promise<void> {
  const blocks = (await vpcBlocks(ctx, vpcId, 'ipv6')).map((c) => parseIpv6Cidr(c)!);
  const siblings = await ctx.tx.all<{ cidr: string }>('SELECT cidr FROM subnet_ipv6_cidr_blocks WHERE vpc_id = ?', [vpcId]);
  checkIpv6Placement(cidr, text, blocks, siblings.map((s) => parseIpv6Cidr(s.cidr)!));
}
