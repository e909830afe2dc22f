/**
 * DeleteSecurityGroup (security.md §1.3): by GroupId, or by GroupName in the default VPC. The default group of a
 * VPC cannot be deleted by a user; a group something depends on answers DependencyViolation.
 */
import { cannotDeleteDefaultGroup, groupHasDependents } from '../../errors/security-groups.js';
import type { Handler } from '../context.js';
import { hasDependents, removeSecurityGroup } from './group-dependencies.js';
import { targetGroup } from './target-group.js';

export const deleteSecurityGroup: Handler<'DeleteSecurityGroup'> = async (ctx, input) => {
  const group = await targetGroup(ctx, input);
  if (group.is_default === 1) throw cannotDeleteDefaultGroup(group.id);
  if (await hasDependents(ctx, group.id)) throw groupHasDependents(group.id);
  await removeSecurityGroup(ctx, group.id);
  return { Return: true, GroupId: group.id };
};
