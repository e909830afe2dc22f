/**
 * CreateSecurityGroup (security.md §1.3): name and description rules, then the VPC (the default VPC when none is
 * given), then the regional quota and the per-VPC name. A new group allows all traffic out to 0.0.0.0/0 and
 * nothing in; unlike a VPC's default group it gets no ::/0 rule.
 */
import {
  groupDuplicate,
  noDefaultVpc,
  securityGroupLimitExceeded,
} from '../../errors/security-groups.js';
import { vpcIdMalformed, vpcNotFound } from '../../errors/vpcs.js';
import { UniqueViolation } from '../../store/store.js';
import type { Handler, RequestContext } from '../context.js';
import { isWellFormedId, newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { findVpc } from '../vpcs/vpc-records.js';
import { insertRule, insertSecurityGroup } from './default-group.js';
import { findGroup, findGroupByName, groupArn } from './group-records.js';
import { defaultVpcId } from './target-group.js';
import { validateGroupDescription, validateGroupName } from './text-rules.js';

export const SECURITY_GROUPS_PER_REGION = 2500;

async function resolveVpc(ctx: RequestContext, vpcId: string | undefined): Promise<string> {
  if (vpcId === undefined || vpcId === '') {
    const fallback = await defaultVpcId(ctx);
    if (fallback === '') throw noDefaultVpc();
    return fallback;
  }
  if (!isWellFormedId('vpc', vpcId)) throw vpcIdMalformed(vpcId);
  if (!(await findVpc(ctx, vpcId))) throw vpcNotFound([vpcId]);
  return vpcId;
}

export const createSecurityGroup: Handler<'CreateSecurityGroup'> = async (ctx, input) => {
  const name = validateGroupName(input.GroupName);
  const description = validateGroupDescription(input.Description);
  const vpcId = await resolveVpc(ctx, input.VpcId);
  const count = await ctx.tx.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM security_groups WHERE account = ? AND region = ?',
    [ctx.account, ctx.region.name],
  );
  if (Number(count?.n ?? 0) >= SECURITY_GROUPS_PER_REGION) throw securityGroupLimitExceeded();
  if (await findGroupByName(ctx, vpcId, name)) throw groupDuplicate(name, vpcId);

  const groupId = newId('sg');
  try {
    await insertSecurityGroup(ctx, { id: groupId, vpcId, name, description, isDefault: false });
  } catch (error) {
    if (error instanceof UniqueViolation) throw groupDuplicate(name, vpcId);
    throw error;
  }
  await insertRule(ctx, { groupId, isEgress: true, ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' });
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'security-group', groupId);
  const row = (await findGroup(ctx, groupId))!;
  // AWS answers tagSet only when the request tagged the group.
  return { GroupId: groupId, Tags: tags.length > 0 ? tags : undefined, SecurityGroupArn: groupArn(row) };
};
