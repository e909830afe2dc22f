/**
 * DeleteNetworkAclEntry (security.md §2.2): removes one rule of one direction. The `*` rules (32767, 32768) are
 * outside the user range and never removed.
 */
import { networkAclEntryNotFound } from '../../errors/network-acls.js';
import type { Handler } from '../context.js';
import { deleteEntry, findEntry } from './network-acl-entries.js';
import { checkRuleNumber } from './network-acl-entry-rules.js';
import { requireNetworkAcl } from './network-acl-records.js';

export const deleteNetworkAclEntry: Handler<'DeleteNetworkAclEntry'> = async (ctx, input) => {
  checkRuleNumber(input.RuleNumber);
  const acl = await requireNetworkAcl(ctx, input.NetworkAclId);
  if (!(await findEntry(ctx, acl.id, input.Egress, input.RuleNumber))) throw networkAclEntryNotFound(input.RuleNumber);
  await deleteEntry(ctx, acl.id, input.Egress, input.RuleNumber);
};
