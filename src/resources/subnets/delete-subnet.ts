/**
 * DeleteSubnet (addressing.md §2): refused while anything still lives in the subnet; otherwise it removes the
 * subnet with its network ACL association, its route table association, its IPv6 blocks and its tags.
 */
import { subnetDependencyViolation } from '../../errors/subnets.js';
import type { Handler, RequestContext } from '../context.js';
import { releaseSubnetChunks } from '../network-interfaces/ipv4-chunks.js';
import { requireSubnet } from './subnet-records.js';

/**
 * Anything that keeps a subnet alive: each query returns a row when such a dependency exists. Every private IPv4
 * address held in the subnet (by any ENI, attached or not, requester-managed included) is counted in ip_used.
 * Resources that live in a subnet add their line here.
 */
const DEPENDENCIES = [
  'SELECT 1 AS x FROM subnets WHERE id = ? AND ip_used > 0',
  'SELECT 1 AS x FROM network_interfaces WHERE subnet_id = ? LIMIT 1',
];

async function hasDependencies(ctx: RequestContext, subnetId: string): Promise<boolean> {
  for (const sql of DEPENDENCIES) if (await ctx.tx.get(sql, [subnetId])) return true;
  return false;
}

export async function removeSubnet(ctx: RequestContext, subnetId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM network_acl_associations WHERE subnet_id = ?', [subnetId]);
  // The repeated `subnet_id <> ''` lets the engine use the partial unique index on explicit associations.
  await ctx.tx.run(`DELETE FROM route_table_associations WHERE subnet_id = ? AND subnet_id <> ''`, [subnetId]);
  await ctx.tx.run('DELETE FROM subnet_ipv6_cidr_blocks WHERE subnet_id = ?', [subnetId]);
  await releaseSubnetChunks(ctx, subnetId);
  await ctx.tx.run('DELETE FROM tags WHERE resource_id = ?', [subnetId]);
  await ctx.tx.run('DELETE FROM subnets WHERE id = ?', [subnetId]);
}

export const deleteSubnet: Handler<'DeleteSubnet'> = async (ctx, input) => {
  const subnet = await requireSubnet(ctx, input.SubnetId);
  if (await hasDependencies(ctx, subnet.id)) throw subnetDependencyViolation(subnet.id);
  await removeSubnet(ctx, subnet.id);
};
