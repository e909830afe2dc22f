/**
 * Removing an ENI and everything that hangs off it (network-interfaces.md §4.2 effects, §3 rule 18): its
 * addresses go back to the subnet (exact counts), public-address associations vanish with the address rows,
 * routes that targeted it become blackholes, its trunk associations end (as a branch, or as the trunk of branches
 * that stay), and its groups, permissions, tags and quota count go. Elastic IPs mapped to its addresses are
 * disassociated by the address rows going and stay allocated.
 * DeleteNetworkInterface comes through here, and so should instance termination with DeleteOnTermination.
 */
import type { RequestContext } from '../context.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { endTrunkAssociationsOf } from '../trunk-interfaces/trunk-records.js';
import type { EniRow } from './eni-records.js';
import { uncountInterface } from './insert-network-interface.js';
import { releaseAllIpv4 } from './ipv4-allocator.js';
import { releaseAllIpv6 } from './ipv6-allocator.js';
import { findSubnetSpace } from './subnet-space.js';

export async function removeNetworkInterface(ctx: RequestContext, eni: EniRow): Promise<void> {
  const space = await findSubnetSpace(ctx, eni.subnet_id);
  if (space) {
    await releaseAllIpv4(ctx, space, eni.id);
    await releaseAllIpv6(ctx, space, eni.id);
  }
  await endTrunkAssociationsOf(ctx, eni.id);
  await ctx.tx.run('DELETE FROM eni_security_groups WHERE eni_id = ?', [eni.id]);
  await ctx.tx.run('DELETE FROM eni_permissions WHERE eni_id = ?', [eni.id]);
  await ctx.tx.run(`UPDATE routes SET state = 'blackhole' WHERE network_interface_id = ?`, [eni.id]);
  await deleteAllTags(ctx, eni.id);
  await ctx.tx.run('DELETE FROM network_interfaces WHERE id = ?', [eni.id]);
  await uncountInterface(ctx);
}
