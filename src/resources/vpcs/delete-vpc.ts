/**
 * DeleteVpc (addressing.md §1): refused while anything the user made remains in the VPC; otherwise it removes
 * the VPC together with the default security group, default network ACL and main route table it came with.
 */
import { vpcDependencyViolation, vpcIdMalformed, vpcNotFound } from '../../errors/vpcs.js';
import type { Handler, RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { findVpc } from './vpc-records.js';

/** Anything that keeps a VPC alive: each query returns a row when such a dependency exists. */
const DEPENDENCIES = [
  'SELECT 1 AS x FROM subnets WHERE vpc_id = ? LIMIT 1',
  'SELECT 1 AS x FROM internet_gateways WHERE vpc_id = ? LIMIT 1',
  'SELECT 1 AS x FROM security_groups WHERE vpc_id = ? AND is_default = 0 LIMIT 1',
  'SELECT 1 AS x FROM network_acls WHERE vpc_id = ? AND is_default = 0 LIMIT 1',
  `SELECT 1 AS x FROM route_tables r WHERE r.vpc_id = ?
     AND NOT EXISTS (SELECT 1 FROM route_table_associations a WHERE a.route_table_id = r.id AND a.is_main = 1) LIMIT 1`,
];

async function hasDependencies(ctx: RequestContext, vpcId: string): Promise<boolean> {
  for (const sql of DEPENDENCIES) if (await ctx.tx.get(sql, [vpcId])) return true;
  return false;
}

/** Removes the VPC and what it was born with; callers have checked for dependencies. */
export async function removeVpc(ctx: RequestContext, vpcId: string): Promise<void> {
  // Tags of the VPC and of what it was born with: its default group and that group's rules, ACL, route table.
  const owned = `SELECT id FROM security_groups WHERE vpc_id = ?
    UNION ALL SELECT r.id FROM security_group_rules r JOIN security_groups g ON g.id = r.group_id WHERE g.vpc_id = ?
    UNION ALL SELECT id FROM network_acls WHERE vpc_id = ?
    UNION ALL SELECT id FROM route_tables WHERE vpc_id = ?`;
  await ctx.tx.run(`DELETE FROM tags WHERE resource_id IN (${owned}) OR resource_id = ?`, [vpcId, vpcId, vpcId, vpcId, vpcId]);
  await ctx.tx.run(
    'DELETE FROM security_group_rules WHERE group_id IN (SELECT id FROM security_groups WHERE vpc_id = ?)',
    [vpcId],
  );
  await ctx.tx.run('DELETE FROM security_groups WHERE vpc_id = ?', [vpcId]);
  await ctx.tx.run(
    'DELETE FROM network_acl_entries WHERE network_acl_id IN (SELECT id FROM network_acls WHERE vpc_id = ?)',
    [vpcId],
  );
  await ctx.tx.run('DELETE FROM network_acls WHERE vpc_id = ?', [vpcId]);
  await ctx.tx.run('DELETE FROM routes WHERE route_table_id IN (SELECT id FROM route_tables WHERE vpc_id = ?)', [vpcId]);
  // By table, through the route_table_associations_by_table index (no index leads from vpc_id to every association).
  await ctx.tx.run(
    'DELETE FROM route_table_associations WHERE route_table_id IN (SELECT id FROM route_tables WHERE vpc_id = ?)',
    [vpcId],
  );
  await ctx.tx.run('DELETE FROM route_tables WHERE vpc_id = ?', [vpcId]);
  await ctx.tx.run('DELETE FROM vpc_cidr_blocks WHERE vpc_id = ?', [vpcId]);
  await ctx.tx.run('DELETE FROM vpcs WHERE id = ?', [vpcId]);
  await ctx.tx.run(`UPDATE account_regions SET default_vpc_id = '' WHERE account = ? AND region = ? AND default_vpc_id = ?`, [
    ctx.account, ctx.region.name, vpcId,
  ]);
}

export const deleteVpc: Handler<'DeleteVpc'> = async (ctx, input) => {
  if (!isWellFormedId('vpc', input.VpcId)) throw vpcIdMalformed(input.VpcId);
  const vpc = await findVpc(ctx, input.VpcId);
  if (!vpc) throw vpcNotFound([input.VpcId]);
  if (await hasDependencies(ctx, vpc.id)) throw vpcDependencyViolation(vpc.id);
  await removeVpc(ctx, vpc.id);
};
