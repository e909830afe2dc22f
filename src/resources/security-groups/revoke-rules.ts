/**
 * RevokeSecurityGroupIngress / RevokeSecurityGroupEgress (security.md §1.3): by SecurityGroupRuleId.N, or by
 * permissions that must match stored rules exactly (descriptions aside). A permission that matches nothing fails
 * the request with InvalidPermission.NotFound in a non-default VPC; in the default VPC the rest is revoked and the
 * unmatched ones come back in unknownIpPermissionSet.
 */
import { permissionsMissing, ruleNotFound } from '../../errors/security-groups.js';
import type { IpPermission, RevokedSecurityGroupRule } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { aggregatePermissions } from './aggregate-permissions.js';
import { hasPermissions, requestedPermissions, type PermissionParameters } from './requested-permissions.js';
import { draftRules } from './rule-drafts.js';
import { toRevokedRule, type RuleDraft, type RuleRow } from './rule-records.js';
import { deleteRules, findRule, rulesByIds } from './rule-store.js';
import { defaultVpcId, targetGroup } from './target-group.js';

interface RevokeInput extends PermissionParameters {
  GroupId?: string;
  GroupName?: string;
  SecurityGroupRuleIds?: string[];
}

interface RevokeOutput {
  Return: boolean;
  UnknownIpPermissions?: IpPermission[];
  RevokedSecurityGroupRules: RevokedSecurityGroupRule[];
}

async function revoke(ctx: RequestContext, input: RevokeInput, isEgress: boolean): Promise<RevokeOutput> {
  const ruleIds = input.SecurityGroupRuleIds ?? [];
  const byPermission = hasPermissions(input);
  if (ruleIds.length === 0 && !byPermission) throw permissionsMissing();
  const permissions = byPermission ? requestedPermissions(input) : [];
  const group = await targetGroup(ctx, input);

  const revoked = new Map<string, RuleRow>();
  for (const row of await rulesByIds(ctx, group, isEgress, ruleIds)) revoked.set(row.id, row);
  const unknown: RuleDraft[] = [];
  for (const draft of await draftRules(ctx, group, isEgress, permissions)) {
    const row = await findRule(ctx, group.id, draft);
    if (row) revoked.set(row.id, row);
    else unknown.push(draft);
  }
  if (unknown.length > 0 && group.vpc_id !== (await defaultVpcId(ctx))) throw ruleNotFound();

  const rows = [...revoked.values()].sort((a, b) => Number(a.seq) - Number(b.seq));
  await deleteRules(ctx, rows.map((r) => r.id));
  return {
    Return: true,
    UnknownIpPermissions: unknown.length > 0 ? aggregatePermissions(unknown) : undefined,
    RevokedSecurityGroupRules: rows.map(toRevokedRule),
  };
}

export const revokeSecurityGroupIngress: Handler<'RevokeSecurityGroupIngress'> = (ctx, input) =>
  revoke(ctx, input, false);

export const revokeSecurityGroupEgress: Handler<'RevokeSecurityGroupEgress'> = (ctx, input) =>
  revoke(ctx, input, true);
