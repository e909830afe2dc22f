/** Reading security group rows and turning them, with their rules, into the model's SecurityGroup shape. */
import type { SecurityGroup, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { aggregatePermissions } from './aggregate-permissions.js';
import { groupNameKey } from './default-group.js';
import { draftOf, type RuleRow } from './rule-records.js';

export interface SecurityGroupRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  vpc_id: string;
  name: string;
  name_key: string;
  description: string;
  is_default: number;
}

export async function findGroup(ctx: RequestContext, groupId: string): Promise<SecurityGroupRow | undefined> {
  return ctx.tx.get<SecurityGroupRow>('SELECT * FROM security_groups WHERE id = ? AND account = ? AND region = ?', [
    groupId, ctx.account, ctx.region.name,
  ]);
}

/** The group called `name` (in any case) in `vpcId`. */
export async function findGroupByName(
  ctx: RequestContext,
  vpcId: string,
  name: string,
): Promise<SecurityGroupRow | undefined> {
  return ctx.tx.get<SecurityGroupRow>(
    'SELECT * FROM security_groups WHERE vpc_id = ? AND name_key = ? AND account = ? AND region = ?',
    [vpcId, groupNameKey(name), ctx.account, ctx.region.name],
  );
}

export const groupArn = (row: SecurityGroupRow): string =>
  `arn:aws:ec2:${row.region}:${row.account}:security-group/${row.id}`;

export function toSecurityGroup(row: SecurityGroupRow, rules: RuleRow[], tags: Tag[]): SecurityGroup {
  const drafts = rules.map(draftOf);
  return {
    GroupId: row.id,
    GroupName: row.name,
    Description: row.description,
    OwnerId: row.account,
    VpcId: row.vpc_id,
    IpPermissions: aggregatePermissions(drafts.filter((r) => !r.isEgress)),
    IpPermissionsEgress: aggregatePermissions(drafts.filter((r) => r.isEgress)),
    Tags: tags,
    SecurityGroupArn: groupArn(row),
  };
}
