/**
 * Turns validated permissions into one RuleDraft per peer for a given group and direction, looking up the groups
 * that rules reference: they must be the caller's and in the same VPC as the group the rule belongs to (there is
 * no VPC peering here, so a group of another VPC or account is never reachable).
 */
import { differentNetworks, groupNameNotFound, groupNotFound, permissionRepeated } from '../../errors/security-groups.js';
import type { RequestContext } from '../context.js';
import type { SecurityGroupRow } from './group-records.js';
import type { PeerRequest, PermissionRequest } from './permission-request.js';
import { ruleKey, type RuleDraft } from './rule-records.js';
import { defaultVpcId, groupByDefaultVpcName, groupById } from './target-group.js';

type GroupPeer = Extract<PeerRequest, { kind: 'group' }>;

async function referencedGroup(ctx: RequestContext, owner: SecurityGroupRow, peer: GroupPeer): Promise<SecurityGroupRow> {
  const foreign = peer.userId !== undefined && peer.userId !== ctx.account;
  let group: SecurityGroupRow;
  if (peer.groupId !== undefined) {
    if (foreign) throw groupNotFound([peer.groupId]);
    group = await groupById(ctx, peer.groupId);
  } else {
    if (foreign) throw groupNameNotFound(peer.groupName!, await defaultVpcId(ctx));
    group = await groupByDefaultVpcName(ctx, peer.groupName!);
  }
  if (group.vpc_id !== owner.vpc_id) throw differentNetworks();
  return group;
}

async function peerFields(
  ctx: RequestContext,
  owner: SecurityGroupRow,
  peer: PeerRequest,
): Promise<Pick<RuleDraft, 'cidrIpv4' | 'cidrIpv6' | 'prefixListId' | 'referencedGroupId' | 'referencedUserId'>> {
  const none = { cidrIpv4: '', cidrIpv6: '', prefixListId: '', referencedGroupId: '', referencedUserId: '' };
  switch (peer.kind) {
    case 'ipv4':
      return { ...none, cidrIpv4: peer.cidr };
    case 'ipv6':
      return { ...none, cidrIpv6: peer.cidr };
    case 'prefix-list':
      return { ...none, prefixListId: peer.prefixListId };
    case 'group': {
      const group = await referencedGroup(ctx, owner, peer);
      return { ...none, referencedGroupId: group.id, referencedUserId: group.account };
    }
  }
}

/** One draft per peer, in request order. */
export async function draftRules(
  ctx: RequestContext,
  owner: SecurityGroupRow,
  isEgress: boolean,
  permissions: PermissionRequest[],
): Promise<RuleDraft[]> {
  const drafts: RuleDraft[] = [];
  for (const permission of permissions) {
    for (const peer of permission.peers) {
      drafts.push({
        isEgress,
        ipProtocol: permission.ipProtocol,
        fromPort: permission.fromPort,
        toPort: permission.toPort,
        ...(await peerFields(ctx, owner, peer)),
        description: peer.description ?? '',
      });
    }
  }
  return drafts;
}

/** A request that names the same rule twice is refused as a whole (observed). */
export function rejectRepeats(drafts: RuleDraft[]): void {
  const seen = new Set<string>();
  for (const draft of drafts) {
    const key = ruleKey(draft);
    if (seen.has(key)) throw permissionRepeated();
    seen.add(key);
  }
}
