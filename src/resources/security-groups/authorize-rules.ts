/**
 * AuthorizeSecurityGroupIngress / AuthorizeSecurityGroupEgress (security.md §1.3). All permissions of the request
 * (IpPermissions.N plus the legacy flat parameters) are validated, expanded to one rule per peer and checked before
 * anything is written; a rule that already exists fails the whole request with InvalidPermission.Duplicate, and the
 * quota is checked on the result inside the same transaction.
 */
import { ruleDuplicate } from '../../errors/security-groups.js';
import type { SecurityGroupRule, Tag, TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { requestedPermissions, type PermissionParameters } from './requested-permissions.js';
import { draftRules, rejectRepeats } from './rule-drafts.js';
import { toSecurityGroupRule } from './rule-records.js';
import { enforceRuleQuota, findRule, findRulesById, insertDraft } from './rule-store.js';
import { ruleText } from './rule-text.js';
import { targetGroup } from './target-group.js';

interface AuthorizeInput extends PermissionParameters {
  GroupId?: string;
  GroupName?: string;
  TagSpecifications?: TagSpecification[];
}

async function authorize(ctx: RequestContext, input: AuthorizeInput, isEgress: boolean): Promise<SecurityGroupRule[]> {
  const permissions = requestedPermissions(input);
  const group = await targetGroup(ctx, input);
  const drafts = await draftRules(ctx, group, isEgress, permissions);
  rejectRepeats(drafts);
  for (const draft of drafts) if (await findRule(ctx, group.id, draft)) throw ruleDuplicate(ruleText(draft));

  const ids: string[] = [];
  for (const draft of drafts) ids.push(await insertDraft(ctx, group.id, draft));
  await enforceRuleQuota(ctx, group.id);
  const tagsById = new Map<string, Tag[]>();
  for (const id of ids) tagsById.set(id, await applyTagSpecifications(ctx, input.TagSpecifications, 'security-group-rule', id));
  const rows = await findRulesById(ctx, ids);
  // Unlike DescribeSecurityGroupRules, the Authorize answer shows tagSet only for rules that were tagged.
  return rows.map((row) => {
    const tags = tagsById.get(row.id)!;
    return { ...toSecurityGroupRule(row, tags), Tags: tags.length > 0 ? tags : undefined };
  });
}

export const authorizeSecurityGroupIngress: Handler<'AuthorizeSecurityGroupIngress'> = async (ctx, input) => ({
  Return: true,
  SecurityGroupRules: await authorize(ctx, input, false),
});

export const authorizeSecurityGroupEgress: Handler<'AuthorizeSecurityGroupEgress'> = async (ctx, input) => ({
  Return: true,
  SecurityGroupRules: await authorize(ctx, input, true),
});
