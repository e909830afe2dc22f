/**
 * The flat parameters older clients send instead of IpPermissions (wire-protocol.md §2: `IpProtocol`, `FromPort`,
 * `ToPort`, `CidrIp`, `SourceSecurityGroupName`, `SourceSecurityGroupOwnerId`), turned into the IpPermission they
 * stand for. A source group named without a protocol grants full ICMP, UDP and TCP access, as the
 * AuthorizeSecurityGroupIngress reference describes: three permissions.
 */
import type { IpPermission } from '../../protocol/generated/ec2-shapes.js';
import { sourceAndGroupTogether } from '../../errors/security-groups.js';

export interface LegacyRuleParameters {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  SourceSecurityGroupName?: string;
  SourceSecurityGroupOwnerId?: string;
}

const FULL_ACCESS: Pick<IpPermission, 'IpProtocol' | 'FromPort' | 'ToPort'>[] = [
  { IpProtocol: 'icmp', FromPort: -1, ToPort: -1 },
  { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 },
  { IpProtocol: 'udp', FromPort: 0, ToPort: 65535 },
];

export function legacyPermissions(input: LegacyRuleParameters): IpPermission[] {
  const used = [
    input.IpProtocol, input.FromPort, input.ToPort, input.CidrIp, input.SourceSecurityGroupName,
    input.SourceSecurityGroupOwnerId,
  ].some((v) => v !== undefined);
  if (!used) return [];
  const ports = { IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort };
  if (input.SourceSecurityGroupName === undefined) {
    return [{ ...ports, IpRanges: input.CidrIp === undefined ? [] : [{ CidrIp: input.CidrIp }] }];
  }
  if (input.CidrIp !== undefined) throw sourceAndGroupTogether();
  const pair = { GroupName: input.SourceSecurityGroupName, UserId: input.SourceSecurityGroupOwnerId };
  const shapes = input.IpProtocol === undefined ? FULL_ACCESS : [ports];
  return shapes.map((shape) => ({ ...shape, UserIdGroupPairs: [pair] }));
}
