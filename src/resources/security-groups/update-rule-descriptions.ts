/**
 * UpdateSecurityGroupRuleDescriptionsIngress / Egress (security.md §1.3): only descriptions change. Rules are
 * named by permission (which must match a stored rule, else InvalidPermission.NotFound) or by
 * SecurityGroupRuleDescription.N; a permission or entry without a description clears it.
 */
import { ruleDescriptionsMissing, ruleNotFound } from '../../errors/security-groups.js';
import type { SecurityGroupRuleDescription } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { hasPermissions, requestedPermissions, type PermissionParameters } from './requested-permissions.js';
import { draftRules } from './rule-drafts.js';
import { findRule, rulesByIds, setRuleDescription } from './rule-store.js';
import { targetGroup } from './target-group.js';
import { validateRuleDescription } from './text-rules.js';

interface UpdateInput extends PermissionParameters {
  GroupId?: string;
  GroupName?: string;
  SecurityGroupRuleDescriptions?: SecurityGroupRuleDescription[];
}

async function updateDescriptions(ctx: RequestContext, input: UpdateInput, isEgress: boolean): Promise<void> {
  const entries = input.SecurityGroupRuleDescriptions ?? [];
  if (entries.length === 0 && !hasPermissions(input)) throw ruleDescriptionsMissing();
  const permissions = hasPermissions(input) ? requestedPermissions(input) : [];
  const descriptions = entries.map((e) => validateRuleDescription(e.Description) ?? '');
  const group = await targetGroup(ctx, input);

  const changes: [string, string][] = [];
  for (const draft of await draftRules(ctx, group, isEgress, permissions)) {
    const row = await findRule(ctx, group.id, draft);
    if (!row) throw ruleNotFound();
    changes.push([row.id, draft.description]);
  }
  const ids = entries.map((e) => e.SecurityGroupRuleId ?? '');
  await rulesByIds(ctx, group, isEgress, ids);
  ids.forEach((id, i) => changes.push([id, descriptions[i]!]));
  for (const [id, description] of changes) await setRuleDescription(ctx, id, description);
}

export const updateSecurityGroupRuleDescriptionsIngress: Handler<'UpdateSecurityGroupRuleDescriptionsIngress'> = async (
  ctx,
  input,
) => {
  await updateDescriptions(ctx, input, false);
  return { Return: true };
};

export const updateSecurityGroupRuleDescriptionsEgress: Handler<'UpdateSecurityGroupRuleDescriptionsEgress'> = async (
  ctx,
  input,
) => {
  await updateDescriptions(ctx, input, true);
  return { Return: true };
};
