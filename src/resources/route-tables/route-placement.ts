/**
 * Which targets may take a destination inside the VPC (routing-and-traffic.md §1): a destination equal to a VPC
 * block (a local route's) or more specific than one may only go to an interface or an instance, and a more
 * specific one must be exactly the block of a subnet of the VPC. Destinations outside the VPC take any target.
 */
import { destinationInsideVpc, destinationNotASubnet } from '../../errors/route-tables.js';
import type { RequestContext } from '../context.js';
import { vpcBlocks } from './local-routes.js';
import { placeInVpc, type RouteDestination } from './route-destinations.js';
import type { RouteTableRow } from './route-table-records.js';
import type { ResolvedTarget } from './route-targets.js';

async function isSubnetBlock(ctx: RequestContext, vpcId: string, destination: RouteDestination): Promise<boolean> {
  const row =
    destination.family === 'ipv4'
      ? await ctx.tx.get('SELECT 1 AS x FROM subnets WHERE vpc_id = ? AND cidr_block = ? LIMIT 1', [vpcId, destination.cidr])
      : await ctx.tx.get('SELECT 1 AS x FROM subnet_ipv6_cidr_blocks WHERE cidr = ? AND vpc_id = ?', [destination.cidr, vpcId]);
  return row !== undefined;
}

export async function checkPlacement(
  ctx: RequestContext,
  table: RouteTableRow,
  destination: RouteDestination,
  target: ResolvedTarget,
): Promise<void> {
  const placement = placeInVpc(destination, await vpcBlocks(ctx, table.vpc_id));
  if (placement === 'outside') return;
  if (!target.mayRouteInsideVpc) throw destinationInsideVpc(destination.cidr);
  if (placement === 'inside' && !(await isSubnetBlock(ctx, table.vpc_id, destination))) {
    throw destinationNotASubnet(destination.cidr);
  }
}
