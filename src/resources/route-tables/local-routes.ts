/**
 * Local routes (routing-and-traffic.md §1): one per CIDR block of the VPC, IPv4 and IPv6, in every route table of
 * the VPC, target `local`, origin `CreateRouteTable`. The origin is what marks a route as local: ReplaceRoute may
 * point a local route at an ENI (and back with LocalTarget), but it stays the VPC's own route, listed first and
 * never deleted.
 */
import type { RequestContext } from '../context.js';

export const LOCAL_ORIGIN = 'CreateRouteTable' as const;
export const LOCAL_TARGET = 'local' as const;

export interface VpcBlock {
  cidr: string;
  family: 'ipv4' | 'ipv6';
}

/** The VPC's CIDR blocks in association order: the destinations of its local routes. */
export async function vpcBlocks(ctx: RequestContext, vpcId: string): Promise<VpcBlock[]> {
  return ctx.tx.all<VpcBlock>(
    `SELECT cidr, family FROM vpc_cidr_blocks WHERE vpc_id = ? AND state = 'associated' ORDER BY seq`,
    [vpcId],
  );
}
