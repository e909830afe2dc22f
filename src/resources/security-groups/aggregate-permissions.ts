/**
 * DescribeSecurityGroups shows rules the old way: rules that share protocol, FromPort and ToPort are folded into one
 * IpPermission listing all their peers (security.md §1.1; Terraform's aws_security_group diffs against exactly this
 * shape). Permissions come in the order of their first rule, peers in rule order. Ports are left out for `-1` and
 * for protocols without ports; every peer list is present, empty or not, as AWS answers.
 */
import type { IpPermission } from '../../protocol/generated/ec2-shapes.js';
import type { RuleDraft } from './rule-records.js';
import { hasPorts } from './rule-protocols.js';

const optional = (text: string): { Description?: string } => (text === '' ? {} : { Description: text });

export function aggregatePermissions(rules: RuleDraft[]): IpPermission[] {
  const byShape = new Map<string, Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>> & IpPermission>();
  for (const rule of rules) {
    const shape = `${rule.ipProtocol}|${rule.fromPort}|${rule.toPort}`;
    let permission = byShape.get(shape);
    if (!permission) {
      permission = {
        IpProtocol: rule.ipProtocol,
        ...(hasPorts(rule.ipProtocol) ? { FromPort: rule.fromPort, ToPort: rule.toPort } : {}),
        UserIdGroupPairs: [],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      };
      byShape.set(shape, permission);
    }
    if (rule.cidrIpv4) permission.IpRanges.push({ CidrIp: rule.cidrIpv4, ...optional(rule.description) });
    else if (rule.cidrIpv6) permission.Ipv6Ranges.push({ CidrIpv6: rule.cidrIpv6, ...optional(rule.description) });
    else if (rule.prefixListId) permission.PrefixListIds.push({ PrefixListId: rule.prefixListId, ...optional(rule.description) });
    else {
      permission.UserIdGroupPairs.push({
        GroupId: rule.referencedGroupId,
        ...(rule.referencedUserId ? { UserId: rule.referencedUserId } : {}),
        ...optional(rule.description),
      });
    }
  }
  return [...byShape.values()];
}
