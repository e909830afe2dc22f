/**
 * DeleteNetworkAcl (security.md §2.2): a VPC's default ACL is never deleted, and a custom one only once no subnet
 * is associated with it.
 */
import {
  defaultNetworkAclNotDeletable,
  networkAclDependencyViolation,
  networkAclIdMalformed,
  networkAclNotFound,
} from '../../errors/network-acls.js';
import type { Handler } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { findNetworkAcl } from './network-acl-records.js';

export const deleteNetworkAcl: Handler<'DeleteNetworkAcl'> = async (ctx, input) => {
  if (!isWellFormedId('acl', input.NetworkAclId)) throw networkAclIdMalformed(input.NetworkAclId);
  const acl = await findNetworkAcl(ctx, input.NetworkAclId);
  if (!acl) throw networkAclNotFound([input.NetworkAclId]);
  if (acl.is_default === 1) throw defaultNetworkAclNotDeletable(acl.id);
  const associated = await ctx.tx.get('SELECT 1 AS x FROM network_acl_associations WHERE network_acl_id = ? LIMIT 1', [acl.id]);
  if (associated) throw networkAclDependencyViolation(acl.id);
  await deleteAllTags(ctx, acl.id);
  await ctx.tx.run('DELETE FROM network_acl_entries WHERE network_acl_id = ?', [acl.id]);
  await ctx.tx.run('DELETE FROM network_acls WHERE id = ?', [acl.id]);
};
