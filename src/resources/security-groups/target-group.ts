/**
 * The group an action works on: by GroupId anywhere in the caller's region, or by GroupName in the default VPC only
 * (the `[Default VPC]` parameters of the API reference). Malformed ids, unknown ids and unknown names each get
 * their own error.
 */
import {
  groupIdMalformed,
  groupNameNotFound,
  groupNotFound,
  groupTargetMissing,
} from '../../errors/security-groups.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { findAccountRegion } from '../account/account-region.js';
import { findGroup, findGroupByName, type SecurityGroupRow } from './group-records.js';

/** The default VPC's id, or '' when the account has none (it was deleted). */
export async function defaultVpcId(ctx: RequestContext): Promise<string> {
  return (await findAccountRegion(ctx))?.defaultVpcId ?? '';
}

export async function groupById(ctx: RequestContext, groupId: string): Promise<SecurityGroupRow> {
  if (!isWellFormedId('sg', groupId)) throw groupIdMalformed(groupId);
  const group = await findGroup(ctx, groupId);
  if (!group) throw groupNotFound([groupId]);
  return group;
}

export async function groupByDefaultVpcName(ctx: RequestContext, name: string): Promise<SecurityGroupRow> {
  const vpcId = await defaultVpcId(ctx);
  const group = vpcId === '' ? undefined : await findGroupByName(ctx, vpcId, name);
  if (!group) throw groupNameNotFound(name, vpcId);
  return group;
}

export async function targetGroup(
  ctx: RequestContext,
  target: { GroupId?: string; GroupName?: string },
): Promise<SecurityGroupRow> {
  if (target.GroupId !== undefined) return groupById(ctx, target.GroupId);
  if (target.GroupName !== undefined) return groupByDefaultVpcName(ctx, target.GroupName);
  throw groupTargetMissing();
}
