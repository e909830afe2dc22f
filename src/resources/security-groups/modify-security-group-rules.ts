/**
 * ModifySecurityGroupRules (security.md §1.3): each SecurityGroupRule.N replaces one rule of the group in place,
 * keeping its id, tags and direction. The new rule goes through the same checks as an authorized one (protocol,
 * ports, exactly one peer, referenced group in the same VPC, no duplicate, the quota).
 */
import { ruleDuplicate, severalRulePeers, sourceMissing } from '../../errors/security-groups.js';
import type { SecurityGroupRuleRequest } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import type { SecurityGroupRow } from './group-records.js';
import { canonicalIpv4Cidr, canonicalIpv6Cidr, checkPrefixListId, type PeerRequest } from './permission-request.js';
import { draftRules } from './rule-drafts.js';
import { normalizePorts, normalizeProtocol } from './rule-protocols.js';
import type { RuleDraft, RuleRow } from './rule-records.js';
import { enforceRuleQuota, findRule, replaceRule, rulesByIds } from './rule-store.js';
import { ruleText } from './rule-text.js';
import { groupById } from './target-group.js';
import { validateRuleDescription } from './text-rules.js';

function requestedPeer(request: SecurityGroupRuleRequest): PeerRequest {
  const description = validateRuleDescription(request.Description);
  const peers: PeerRequest[] = [];
  if (request.CidrIpv4 !== undefined) peers.push({ kind: 'ipv4', cidr: canonicalIpv4Cidr(request.CidrIpv4), description });
  if (request.CidrIpv6 !== undefined) peers.push({ kind: 'ipv6', cidr: canonicalIpv6Cidr(request.CidrIpv6), description });
  if (request.PrefixListId !== undefined) {
    peers.push({ kind: 'prefix-list', prefixListId: checkPrefixListId(request.PrefixListId), description });
  }
  if (request.ReferencedGroupId !== undefined) peers.push({ kind: 'group', groupId: request.ReferencedGroupId, description });
  if (peers.length === 0) throw sourceMissing();
  if (peers.length > 1) throw severalRulePeers();
  return peers[0]!;
}

async function replacementFor(
  ctx: RequestContext,
  group: SecurityGroupRow,
  current: RuleRow,
  request: SecurityGroupRuleRequest,
): Promise<RuleDraft> {
  const ipProtocol = normalizeProtocol(request.IpProtocol);
  const { fromPort, toPort } = normalizePorts(ipProtocol, request.FromPort, request.ToPort);
  const peer = requestedPeer(request);
  const [draft] = await draftRules(ctx, group, current.is_egress === 1, [{ ipProtocol, fromPort, toPort, peers: [peer] }]);
  return draft!;
}

export const modifySecurityGroupRules: Handler<'ModifySecurityGroupRules'> = async (ctx, input) => {
  const group = await groupById(ctx, input.GroupId);
  for (const update of input.SecurityGroupRules) {
    // The rule may be of either direction; it keeps its own.
    const [current] = await rulesByIds(ctx, group, undefined, [update.SecurityGroupRuleId]);
    const replacement = await replacementFor(ctx, group, current!, update.SecurityGroupRule ?? {});
    const twin = await findRule(ctx, group.id, replacement);
    if (twin && twin.id !== current!.id) throw ruleDuplicate(ruleText(replacement));
    await replaceRule(ctx, current!.id, replacement);
  }
  await enforceRuleQuota(ctx, group.id);
  return { Return: true };
};
