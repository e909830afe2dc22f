/**
 * CreateNetworkAclEntry (security.md §2.2): a new rule number in one direction of an ACL. The entry is checked
 * first (network-acl-entry-rules.ts), then the ACL, then the number (`NetworkAclEntryAlreadyExists`), then the
 * quota. Entries are immutable once made: ReplaceNetworkAclEntry swaps one for another.
 */
import { networkAclEntryAlreadyExists } from '../../errors/network-acls.js';
import type { Handler } from '../context.js';
import { insertAclEntry } from './default-acl.js';
import { checkEntryQuota, findEntry } from './network-acl-entries.js';
import { parseAclEntry } from './network-acl-entry-rules.js';
import { requireNetworkAcl } from './network-acl-records.js';

export const createNetworkAclEntry: Handler<'CreateNetworkAclEntry'> = async (ctx, input) => {
  const entry = parseAclEntry(input);
  const acl = await requireNetworkAcl(ctx, input.NetworkAclId);
  if (await findEntry(ctx, acl.id, entry.egress, entry.ruleNumber)) throw networkAclEntryAlreadyExists(entry.ruleNumber);
  await checkEntryQuota(ctx, acl.id, entry);
  await insertAclEntry(ctx, acl.id, entry);
};
