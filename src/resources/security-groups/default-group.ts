/**
 * The `default` security group every VPC is born with (security.md §1): all traffic in from members of the group
 * itself, all traffic out to 0.0.0.0/0, and to ::/0 too once the VPC has IPv6.
 */
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';

export const DEFAULT_GROUP_NAME = 'default';
export const DEFAULT_GROUP_DESCRIPTION = 'default VPC security group';

/** A rule to insert; absent peers may be left out. */
export interface NewRule {
  groupId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroupId?: string;
  referencedUserId?: string;
  description?: string;
}

/** Inserts one rule row with a fresh `sgr-` id and returns the id. */
export async function insertRule(ctx: RequestContext, rule: NewRule): Promise<string> {
  const id = newId('sgr');
  await ctx.tx.run(
    `INSERT INTO security_group_rules (id, group_id, account, region, is_egress, ip_protocol, from_port, to_port,
       cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id, referenced_user_id, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id, rule.groupId, ctx.account, ctx.region.name, rule.isEgress ? 1 : 0, rule.ipProtocol, rule.fromPort,
      rule.toPort, rule.cidrIpv4 ?? '', rule.cidrIpv6 ?? '', rule.prefixListId ?? '', rule.referencedGroupId ?? '',
      rule.referencedUserId ?? '', rule.description ?? '',
    ],
  );
  return id;
}

/** Group names are unique per VPC without regard to case; this is the form they are compared in. */
export const groupNameKey = (name: string): string => name.toLowerCase();

export async function insertSecurityGroup(
  ctx: RequestContext,
  group: { id: string; vpcId: string; name: string; description: string; isDefault: boolean },
): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO security_groups (id, account, region, vpc_id, name, name_key, description, is_default)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      group.id, ctx.account, ctx.region.name, group.vpcId, group.name, groupNameKey(group.name), group.description,
      group.isDefault ? 1 : 0,
    ],
  );
}

export async function createDefaultSecurityGroup(ctx: RequestContext, vpcId: string, hasIpv6: boolean): Promise<string> {
  const groupId = newId('sg');
  await insertSecurityGroup(ctx, {
    id: groupId, vpcId, name: DEFAULT_GROUP_NAME, description: DEFAULT_GROUP_DESCRIPTION, isDefault: true,
  });
  const all = { groupId, ipProtocol: '-1', fromPort: -1, toPort: -1 };
  await insertRule(ctx, { ...all, isEgress: false, referencedGroupId: groupId, referencedUserId: ctx.account });
  await insertRule(ctx, { ...all, isEgress: true, cidrIpv4: '0.0.0.0/0' });
  if (hasIpv6) await insertRule(ctx, { ...all, isEgress: true, cidrIpv6: '::/0' });
  return groupId;
}

/** Adds `::/0` egress to a VPC's default group when the VPC gains its first IPv6 block. */
export async function addDefaultGroupIpv6Egress(ctx: RequestContext, vpcId: string): Promise<void> {
  const group = await ctx.tx.get<{ id: string }>(
    'SELECT id FROM security_groups WHERE vpc_id = ? AND is_default = 1',
    [vpcId],
  );
  if (!group) return;
  const present = await ctx.tx.get(
    `SELECT 1 AS x FROM security_group_rules WHERE group_id = ? AND is_egress = 1 AND ip_protocol = '-1' AND cidr_ipv6 = '::/0'`,
    [group.id],
  );
  if (!present) await insertRule(ctx, { groupId: group.id, isEgress: true, ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv6: '::/0' });
}
