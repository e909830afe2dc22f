/**
 * What keeps a security group from being deleted (security.md §1.3): rules of OTHER groups that reference it, and
 * any ENI that uses it. Each entry is one SQL query that returns a row when such a dependency exists, written with
 * the named placeholders `:group`, `:account` and `:region`, so adding a dependency is adding one line.
 */
import type { SqlValue } from '../../store/store.js';
import type { RequestContext } from '../context.js';

export const GROUP_DEPENDENCIES: string[] = [
  // A group that references only itself can still be deleted; its own rules go with it.
  `SELECT 1 AS x FROM security_group_rules WHERE referenced_group_id = :group AND group_id <> :group
     AND account = :account AND region = :region LIMIT 1`,
  // Any ENI that has the group, attached or not, requester-managed included.
  'SELECT 1 AS x FROM eni_security_groups WHERE group_id = :group LIMIT 1',
];

/** Rewrites `:name` placeholders to portable `?` ones with their values in order. */
function bind(sql: string, values: Record<string, SqlValue>): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const text = sql.replace(/:(group|account|region)\b/g, (_, name: string) => {
    params.push(values[name]!);
    return '?';
  });
  return { sql: text, params };
}

export async function hasDependents(ctx: RequestContext, groupId: string): Promise<boolean> {
  const values = { group: groupId, account: ctx.account, region: ctx.region.name };
  for (const query of GROUP_DEPENDENCIES) {
    const { sql, params } = bind(query, values);
    if (await ctx.tx.get(sql, params)) return true;
  }
  return false;
}

/** Removes a group with its rules and every tag of both; callers have checked dependencies. */
export async function removeSecurityGroup(ctx: RequestContext, groupId: string): Promise<void> {
  const scope = [ctx.account, ctx.region.name];
  await ctx.tx.run(
    `DELETE FROM tags WHERE account = ? AND region = ?
       AND (resource_id = ? OR resource_id IN (SELECT id FROM security_group_rules WHERE group_id = ?))`,
    [...scope, groupId, groupId],
  );
  await ctx.tx.run('DELETE FROM security_group_rules WHERE group_id = ? AND account = ? AND region = ?', [groupId, ...scope]);
  await ctx.tx.run('DELETE FROM security_groups WHERE id = ? AND account = ? AND region = ?', [groupId, ...scope]);
}
