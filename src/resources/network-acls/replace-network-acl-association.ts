/**
 * ReplaceNetworkAclAssociation (security.md §2.2): points a subnet's ACL association (its current `aclassoc-…`)
 * at another ACL of the subnet's VPC and answers the association's new id. There is no disassociation: a subnet
 * always has exactly one ACL, and goes back to the default one the same way. Idempotent: naming the ACL the subnet
 * already has changes nothing and answers the current association id.
 */
import { aclAssociationInOtherNetwork } from '../../errors/network-acls.js';
import { associationNotFound } from '../../errors/resources.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { requireNetworkAcl } from './network-acl-records.js';

export const replaceNetworkAclAssociation: Handler<'ReplaceNetworkAclAssociation'> = async (ctx, input) => {
  const association = await ctx.tx.get<{ id: string; network_acl_id: string; vpc_id: string }>(
    `SELECT a.id, a.network_acl_id, s.vpc_id FROM network_acl_associations a JOIN subnets s ON s.id = a.subnet_id
     WHERE a.id = ? AND a.account = ? AND a.region = ?`,
    [input.AssociationId, ctx.account, ctx.region.name],
  );
  if (!association) throw associationNotFound(input.AssociationId);
  const acl = await requireNetworkAcl(ctx, input.NetworkAclId);
  if (acl.vpc_id !== association.vpc_id) throw aclAssociationInOtherNetwork(association.id, acl.id);
  if (acl.id === association.network_acl_id) return { NewAssociationId: association.id };
  const newAssociationId = newId('aclassoc');
  await ctx.tx.run('UPDATE network_acl_associations SET id = ?, network_acl_id = ? WHERE id = ?', [
    newAssociationId, acl.id, association.id,
  ]);
  return { NewAssociationId: newAssociationId };
};
