/**
 * ReplaceNetworkAclEntry (security.md §2.2): the entry with this rule number and direction is swapped, whole, for
 * the one given (same rules as CreateNetworkAclEntry). Changing the entry's IP family counts against the new
 * family's quota.
 */
import { networkAclEntryNotFound } from '../../errors/network-acls.js';
import type { Handler } from '../context.js';
import { insertAclEntry } from './default-acl.js';
import { checkEntryQuota, deleteEntry, findEntry } from './network-acl-entries.js';
import { parseAclEntry } from './network-acl-entry-rules.js';
import { requireNetworkAcl } from './network-acl-records.js';

export const replaceNetworkAclEntry: Handler<'ReplaceNetworkAclEntry'> = async (ctx, input) => {
  const entry = parseAclEntry(input);
  const acl = await requireNetworkAcl(ctx, input.NetworkAclId);
  const existing = await findEntry(ctx, acl.id, entry.egress, entry.ruleNumber);
  if (!existing) throw networkAclEntryNotFound(entry.ruleNumber);
  await checkEntryQuota(ctx, acl.id, entry, existing);
  await deleteEntry(ctx, acl.id, entry.egress, entry.ruleNumber);
  await insertAclEntry(ctx, acl.id, entry);
};
