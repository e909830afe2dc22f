/**
 * An `IpPermission` of a request, validated and normalised without touching the database (security.md §1.1):
 * protocol, ports, and one peer per IpRange / Ipv6Range / PrefixListId / UserIdGroupPair. CIDRs are canonicalised
 * (EC2 stores `100.68.0.18/18` as `100.68.0.0/18` and treats the two as the same rule). Referenced groups are
 * only checked for form here; group-references.ts looks them up.
 */
import type { IpPermission } from '../../protocol/generated/ec2-shapes.js';
import { groupIdMalformed, malformedCidr, prefixListIdMalformed, sourceMissing } from '../../errors/security-groups.js';
import { formatIpv4Cidr, parseIpv4Cidr } from '../../net/ipv4.js';
import { formatIpv6Cidr, parseIpv6Cidr } from '../../net/ipv6.js';
import { isWellFormedId } from '../ids.js';
import { normalizePorts, normalizeProtocol } from './rule-protocols.js';
import { validateRuleDescription } from './text-rules.js';

export type PeerRequest =
  | { kind: 'ipv4'; cidr: string; description?: string }
  | { kind: 'ipv6'; cidr: string; description?: string }
  | { kind: 'prefix-list'; prefixListId: string; description?: string }
  | { kind: 'group'; groupId?: string; groupName?: string; userId?: string; description?: string };

export interface PermissionRequest {
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  peers: PeerRequest[];
}

export function canonicalIpv4Cidr(text: string | undefined): string {
  const cidr = text === undefined ? undefined : parseIpv4Cidr(text.trim());
  if (!cidr) throw malformedCidr(text ?? '');
  return formatIpv4Cidr(cidr);
}

export function canonicalIpv6Cidr(text: string | undefined): string {
  const cidr = text === undefined ? undefined : parseIpv6Cidr(text.trim());
  if (!cidr) throw malformedCidr(text ?? '');
  return formatIpv6Cidr(cidr);
}

export function checkPrefixListId(id: string | undefined): string {
  if (id === undefined || !isWellFormedId('pl', id)) throw prefixListIdMalformed(id ?? '');
  return id;
}

function groupPeer(pair: NonNullable<IpPermission['UserIdGroupPairs']>[number]): PeerRequest {
  const groupId = pair.GroupId === '' ? undefined : pair.GroupId;
  const groupName = pair.GroupName === '' ? undefined : pair.GroupName;
  if (groupId === undefined && groupName === undefined) throw sourceMissing();
  if (groupId !== undefined && !isWellFormedId('sg', groupId)) throw groupIdMalformed(groupId);
  return {
    kind: 'group',
    groupId,
    groupName: groupId === undefined ? groupName : undefined,
    userId: pair.UserId === '' ? undefined : pair.UserId,
    description: validateRuleDescription(pair.Description),
  };
}

/** Validates one permission: protocol, then ports, then peers; a permission without any peer is refused. */
export function parsePermission(permission: IpPermission): PermissionRequest {
  const ipProtocol = normalizeProtocol(permission.IpProtocol);
  const { fromPort, toPort } = normalizePorts(ipProtocol, permission.FromPort, permission.ToPort);
  const peers: PeerRequest[] = [
    ...(permission.IpRanges ?? []).map(
      (r): PeerRequest => ({ kind: 'ipv4', cidr: canonicalIpv4Cidr(r.CidrIp), description: validateRuleDescription(r.Description) }),
    ),
    ...(permission.Ipv6Ranges ?? []).map(
      (r): PeerRequest => ({ kind: 'ipv6', cidr: canonicalIpv6Cidr(r.CidrIpv6), description: validateRuleDescription(r.Description) }),
    ),
    ...(permission.PrefixListIds ?? []).map(
      (p): PeerRequest => ({
        kind: 'prefix-list',
        prefixListId: checkPrefixListId(p.PrefixListId),
        description: validateRuleDescription(p.Description),
      }),
    ),
    ...(permission.UserIdGroupPairs ?? []).map(groupPeer),
  ];
  if (peers.length === 0) throw sourceMissing();
  return { ipProtocol, fromPort, toPort, peers };
}
