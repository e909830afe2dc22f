/**
 * Security group rules as stored (one row per protocol + ports + single peer, with its own `sgr-` id) and as the
 * model shapes that show them: SecurityGroupRule (Authorize*, DescribeSecurityGroupRules) and
 * RevokedSecurityGroupRule. Absent peers are '' in rows (they take part in a UNIQUE constraint) and omitted
 * from output.
 */
import type { RevokedSecurityGroupRule, SecurityGroupRule, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';

export interface RuleRow {
  seq: number;
  id: string;
  group_id: string;
  account: string;
  region: string;
  is_egress: number;
  ip_protocol: string;
  from_port: number;
  to_port: number;
  cidr_ipv4: string;
  cidr_ipv6: string;
  prefix_list_id: string;
  referenced_group_id: string;
  referenced_user_id: string;
  description: string;
}

/** A rule before it has an id: what a request asks for, fully resolved. */
export interface RuleDraft {
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4: string;
  cidrIpv6: string;
  prefixListId: string;
  referencedGroupId: string;
  referencedUserId: string;
  description: string;
}

/** The identity of a rule within its group: everything but the description (and the referenced account). */
export const ruleKey = (r: RuleDraft): string =>
  [r.isEgress ? 1 : 0, r.ipProtocol, r.fromPort, r.toPort, r.cidrIpv4, r.cidrIpv6, r.prefixListId, r.referencedGroupId].join('|');

export const draftOf = (row: RuleRow): RuleDraft => ({
  isEgress: row.is_egress === 1,
  ipProtocol: row.ip_protocol,
  fromPort: Number(row.from_port),
  toPort: Number(row.to_port),
  cidrIpv4: row.cidr_ipv4,
  cidrIpv6: row.cidr_ipv6,
  prefixListId: row.prefix_list_id,
  referencedGroupId: row.referenced_group_id,
  referencedUserId: row.referenced_user_id,
  description: row.description,
});

const orUndefined = (text: string): string | undefined => (text === '' ? undefined : text);

export const ruleArn = (row: RuleRow): string =>
  `arn:aws:ec2:${row.region}:${row.account}:security-group-rule/${row.id}`;

export function toSecurityGroupRule(row: RuleRow, tags: Tag[]): SecurityGroupRule {
  return {
    SecurityGroupRuleId: row.id,
    GroupId: row.group_id,
    GroupOwnerId: row.account,
    IsEgress: row.is_egress === 1,
    IpProtocol: row.ip_protocol,
    FromPort: Number(row.from_port),
    ToPort: Number(row.to_port),
    CidrIpv4: orUndefined(row.cidr_ipv4),
    CidrIpv6: orUndefined(row.cidr_ipv6),
    PrefixListId: orUndefined(row.prefix_list_id),
    ReferencedGroupInfo:
      row.referenced_group_id === ''
        ? undefined
        : { GroupId: row.referenced_group_id, UserId: orUndefined(row.referenced_user_id) },
    Description: orUndefined(row.description),
    Tags: tags,
    SecurityGroupRuleArn: ruleArn(row),
  };
}

export function toRevokedRule(row: RuleRow): RevokedSecurityGroupRule {
  return {
    SecurityGroupRuleId: row.id,
    GroupId: row.group_id,
    IsEgress: row.is_egress === 1,
    IpProtocol: row.ip_protocol,
    FromPort: Number(row.from_port),
    ToPort: Number(row.to_port),
    CidrIpv4: orUndefined(row.cidr_ipv4),
    CidrIpv6: orUndefined(row.cidr_ipv6),
    PrefixListId: orUndefined(row.prefix_list_id),
    ReferencedGroupId: orUndefined(row.referenced_group_id),
    Description: orUndefined(row.description),
  };
}

/** The rules of each of `groupIds`, in creation order; groups without rules map to []. */
export async function rulesOfGroups(ctx: RequestContext, groupIds: string[]): Promise<Map<string, RuleRow[]>> {
  const result = new Map<string, RuleRow[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return result;
  const rows = await ctx.tx.all<RuleRow>(
    `SELECT * FROM security_group_rules WHERE group_id IN (${placeholders(groupIds)}) AND account = ? AND region = ?
     ORDER BY seq`,
    [...groupIds, ctx.account, ctx.region.name],
  );
  for (const row of rows) result.get(row.group_id)?.push(row);
  return result;
}
