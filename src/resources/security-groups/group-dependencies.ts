/**
 * What keeps a security group from being deleted (security.md §1.3): rules of OTHER groups that reference it, and
 * (once network interfaces exist) any ENI that uses it. Each entry is one SQL query that returns a row when such a
 * dependency exists; every `?` in it is bound to the group's id, so adding a dependency is adding one line, e.g.
 *   'SELECT 1 AS x FROM network_interface_groups WHERE group_id = ? LIMIT 1',
 */
import type { RequestContext } from '../context.js';

export const GROUP_DEPENDENCIES: string[] = [
  // A group that references only itself can still be deleted; its own rules go with it.
  'SELECT 1 AS x FROM security_group_rules WHERE referenced_group_id = ? AND group_id <> ? LIMIT 1',
];

export async function hasDependents(ctx: RequestContext, groupId: string): Promise<boolean> {
  for (const sql of GROUP_DEPENDENCIES) {
    const params = Array.from(sql.matchAll(/\?/g), () => groupId);
    if (await ctx.tx.get(sql, params)) return true;
  }
  return false;
}

/** Removes a group with its rules and every tag of both; callers have checked dependencies. */
export async function removeSecurityGroup(ctx: RequestContext, groupId: string): Promise<void> {
  await ctx.tx.run(
    'DELETE FROM tags WHERE resource_id IN (SELECT id FROM security_group_rules WHERE group_id = ?) OR resource_id = ?',
    [groupId, groupId],
  );
  await ctx.tx.run('DELETE FROM security_group_rules WHERE group_id = ?', [groupId]);
  await ctx.tx.run('DELETE FROM security_groups WHERE id = ? AND account = ? AND region = ?', [
    groupId, ctx.account, ctx.region.name,
  ]);
}
