/**
 * The security groups of an ENI (network-interfaces.md §4.1, §4.5): the VPC's default group when none is given,
 * at most MAX_GROUPS_PER_INTERFACE, each one the caller's and in the ENI's VPC. Checked in AWS's order: form,
 * existence, network, quota.
 */
import {
  eniGroupIdMalformed,
  eniGroupNotFound,
  groupInOtherNetwork,
  groupOfOtherVpc,
  tooManyGroups,
} from '../../errors/network-interfaces.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';

export const MAX_GROUPS_PER_INTERFACE = 5;

/**
 * The group ids an ENI in `vpcId` gets for `requested` (undefined or empty → the VPC's default group).
 * `subnetId` names the subnet in the "different networks" error of CreateNetworkInterface; without it the error
 * names the VPC (ModifyNetworkInterfaceAttribute).
 */
export async function resolveGroups(
  ctx: RequestContext,
  requested: string[] | undefined,
  vpcId: string,
  subnetId?: string,
): Promise<string[]> {
  const ids = [...new Set(requested ?? [])];
  if (ids.length === 0) {
    const fallback = await ctx.tx.get<{ id: string }>(
      'SELECT id FROM security_groups WHERE vpc_id = ? AND is_default = 1 AND account = ? AND region = ?',
      [vpcId, ctx.account, ctx.region.name],
    );
    return fallback ? [fallback.id] : [];
  }
  for (const id of ids) if (!isWellFormedId('sg', id)) throw eniGroupIdMalformed(id);
  const rows = await ctx.tx.all<{ id: string; vpc_id: string }>(
    `SELECT id, vpc_id FROM security_groups WHERE account = ? AND region = ? AND id IN (${placeholders(ids)})`,
    [ctx.account, ctx.region.name, ...ids],
  );
  const vpcOf = new Map(rows.map((r) => [r.id, r.vpc_id]));
  for (const id of ids) {
    const groupVpc = vpcOf.get(id);
    if (groupVpc === undefined) throw eniGroupNotFound(id);
    if (groupVpc !== vpcId) throw subnetId ? groupInOtherNetwork(id, subnetId) : groupOfOtherVpc(id, vpcId);
  }
  if (ids.length > MAX_GROUPS_PER_INTERFACE) throw tooManyGroups();
  return ids;
}

/** Replaces the groups of `eniId` with `groupIds`, keeping their order. */
export async function setGroups(ctx: RequestContext, eniId: string, groupIds: string[]): Promise<void> {
  await ctx.tx.run('DELETE FROM eni_security_groups WHERE eni_id = ?', [eniId]);
  if (groupIds.length === 0) return;
  await ctx.tx.run(
    `INSERT INTO eni_security_groups (eni_id, group_id, position) VALUES ${groupIds.map(() => '(?, ?, ?)').join(', ')}`,
    groupIds.flatMap((g, i) => [eniId, g, i]),
  );
}
