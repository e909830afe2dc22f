/**
 * Writing and finding rules. A rule is found by its identity (group, direction, protocol, ports, peer), which the
 * UNIQUE constraint on security_group_rules also guards, so two concurrent requests can never store the same rule.
 */
import { ruleDuplicate, ruleIdMalformed, ruleIdNotFound, rulesLimitExceeded } from '../../errors/security-groups.js';
import { UniqueViolation } from '../../store/store.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { insertRule } from './default-group.js';
import type { SecurityGroupRow } from './group-records.js';
import type { RuleDraft, RuleRow } from './rule-records.js';
import { ruleText } from './rule-text.js';

/** Inbound and outbound rules per group, each counted separately for IPv4 and IPv6 (security.md §1.2). */
export const RULES_PER_GROUP = 60;

export async function findRule(ctx: RequestContext, groupId: string, rule: RuleDraft): Promise<RuleRow | undefined> {
  return ctx.tx.get<RuleRow>(
    `SELECT * FROM security_group_rules WHERE group_id = ? AND is_egress = ? AND ip_protocol = ? AND from_port = ?
       AND to_port = ? AND cidr_ipv4 = ? AND cidr_ipv6 = ? AND prefix_list_id = ? AND referenced_group_id = ?
       AND account = ? AND region = ?`,
    [
      groupId, rule.isEgress ? 1 : 0, rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4, rule.cidrIpv6,
      rule.prefixListId, rule.referencedGroupId, ctx.account, ctx.region.name,
    ],
  );
}

export async function findRulesById(ctx: RequestContext, ids: string[]): Promise<RuleRow[]> {
  if (ids.length === 0) return [];
  return ctx.tx.all<RuleRow>(
    `SELECT * FROM security_group_rules WHERE id IN (${placeholders(ids)}) AND account = ? AND region = ? ORDER BY seq`,
    [...ids, ctx.account, ctx.region.name],
  );
}

/**
 * The group's rules with the given ids, of one direction (or either when `isEgress` is undefined); every id must be
 * one of them.
 */
export async function rulesByIds(
  ctx: RequestContext,
  group: SecurityGroupRow,
  isEgress: boolean | undefined,
  ids: string[],
): Promise<RuleRow[]> {
  const unique = [...new Set(ids)];
  for (const id of unique) if (!isWellFormedId('sgr', id)) throw ruleIdMalformed(id);
  const rows = (await findRulesById(ctx, unique)).filter(
    (r) => r.group_id === group.id && (isEgress === undefined || (r.is_egress === 1) === isEgress),
  );
  if (rows.length < unique.length) {
    const found = new Set(rows.map((r) => r.id));
    throw ruleIdNotFound(unique.filter((id) => !found.has(id)));
  }
  return rows;
}

/** Inserts the rule, mapping a constraint violation (a concurrent twin) to AWS's duplicate error. */
export async function insertDraft(ctx: RequestContext, groupId: string, rule: RuleDraft): Promise<string> {
  try {
    return await insertRule(ctx, {
      groupId,
      isEgress: rule.isEgress,
      ipProtocol: rule.ipProtocol,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      cidrIpv4: rule.cidrIpv4,
      cidrIpv6: rule.cidrIpv6,
      prefixListId: rule.prefixListId,
      referencedGroupId: rule.referencedGroupId,
      referencedUserId: rule.referencedUserId,
      description: rule.description,
    });
  } catch (error) {
    if (error instanceof UniqueViolation) throw ruleDuplicate(ruleText(rule));
    throw error;
  }
}

/** Rewrites a rule in place, keeping its id (ModifySecurityGroupRules). */
export async function replaceRule(ctx: RequestContext, ruleId: string, rule: RuleDraft): Promise<void> {
  try {
    await ctx.tx.run(
      `UPDATE security_group_rules SET ip_protocol = ?, from_port = ?, to_port = ?, cidr_ipv4 = ?, cidr_ipv6 = ?,
         prefix_list_id = ?, referenced_group_id = ?, referenced_user_id = ?, description = ?
       WHERE id = ? AND account = ? AND region = ?`,
      [
        rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4, rule.cidrIpv6, rule.prefixListId,
        rule.referencedGroupId, rule.referencedUserId, rule.description, ruleId, ctx.account, ctx.region.name,
      ],
    );
  } catch (error) {
    if (error instanceof UniqueViolation) throw ruleDuplicate(ruleText(rule));
    throw error;
  }
}

export async function setRuleDescription(ctx: RequestContext, ruleId: string, description: string): Promise<void> {
  await ctx.tx.run('UPDATE security_group_rules SET description = ? WHERE id = ? AND account = ? AND region = ?', [
    description, ruleId, ctx.account, ctx.region.name,
  ]);
}

/** Deletes rules and their tags. */
export async function deleteRules(ctx: RequestContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.tx.run(`DELETE FROM tags WHERE resource_id IN (${placeholders(ids)}) AND account = ? AND region = ?`, [
    ...ids, ctx.account, ctx.region.name,
  ]);
  await ctx.tx.run(
    `DELETE FROM security_group_rules WHERE id IN (${placeholders(ids)}) AND account = ? AND region = ?`,
    [...ids, ctx.account, ctx.region.name],
  );
}

/**
 * Fails when a direction of the group holds more than RULES_PER_GROUP rules of one family. A rule that references
 * a group or a prefix list counts once for IPv4 and once for IPv6 (VPC quotas documentation). Called after the
 * writes of a request, which the transaction undoes when this throws.
 */
export async function enforceRuleQuota(ctx: RequestContext, groupId: string): Promise<void> {
  const counts = await ctx.tx.all<{ v4: number; v6: number }>(
    `SELECT SUM(CASE WHEN cidr_ipv6 = '' THEN 1 ELSE 0 END) AS v4, SUM(CASE WHEN cidr_ipv4 = '' THEN 1 ELSE 0 END) AS v6
     FROM security_group_rules WHERE group_id = ? AND account = ? AND region = ? GROUP BY is_egress`,
    [groupId, ctx.account, ctx.region.name],
  );
  if (counts.some((c) => Number(c.v4) > RULES_PER_GROUP || Number(c.v6) > RULES_PER_GROUP)) throw rulesLimitExceeded();
}
