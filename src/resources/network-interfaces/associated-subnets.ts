/**
 * AssociatedSubnetIds of ModifyNetworkInterfaceAttribute: further subnets linked to an ENI. Each must be one of the
 * caller's subnets, in the ENI's VPC and availability zone; the ENI's own subnet is implied and not listed.
 */
import { associatedSubnetMismatch } from '../../errors/network-interfaces.js';
import { subnetIdMalformed, subnetNotFound } from '../../errors/subnets.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import type { EniRow } from './eni-records.js';

export async function requireAssociatedSubnets(ctx: RequestContext, eni: EniRow, subnetIds: string[]): Promise<string[]> {
  const ids = [...new Set(subnetIds)].filter((id) => id !== eni.subnet_id);
  for (const id of ids) if (!isWellFormedId('subnet', id)) throw subnetIdMalformed(id);
  if (ids.length === 0) return [];
  const rows = await ctx.tx.all<{ id: string; vpc_id: string; availability_zone: string }>(
    `SELECT id, vpc_id, availability_zone FROM subnets WHERE account = ? AND region = ? AND id IN (${placeholders(ids)})`,
    [ctx.account, ctx.region.name, ...ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const subnet = byId.get(id);
    if (!subnet) throw subnetNotFound([id]);
    if (subnet.vpc_id !== eni.vpc_id || subnet.availability_zone !== eni.availability_zone) {
      throw associatedSubnetMismatch(id, eni.id);
    }
  }
  return ids;
}
