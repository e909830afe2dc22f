/**
 * Reading and counting the entries of one ACL direction (security.md §2): 20 rules per direction and IP family,
 * the `*` rule included. The (network_acl_id, egress, rule_number) key serves every query here.
 */
import { networkAclEntryLimitExceeded } from '../../errors/network-acls.js';
import type { RequestContext } from '../context.js';
import type { AclEntry } from './default-acl.js';
import { familyOf } from './network-acl-entry-rules.js';

export const ENTRIES_PER_DIRECTION_AND_FAMILY = 20;

export interface StoredEntry {
  rule_number: number;
  cidr_block: string;
  ipv6_cidr_block: string;
}

export async function findEntry(
  ctx: RequestContext,
  aclId: string,
  egress: boolean,
  ruleNumber: number,
): Promise<StoredEntry | undefined> {
  return ctx.tx.get<StoredEntry>(
    'SELECT rule_number, cidr_block, ipv6_cidr_block FROM network_acl_entries WHERE network_acl_id = ? AND egress = ? AND rule_number = ?',
    [aclId, egress ? 1 : 0, ruleNumber],
  );
}

/** Refuses `entry` when its direction and family would hold more than the quota; `replacing` leaves the count. */
export async function checkEntryQuota(ctx: RequestContext, aclId: string, entry: AclEntry, replacing?: StoredEntry): Promise<void> {
  const family = familyOf(entry);
  if (replacing && (replacing.cidr_block !== '' ? 'ipv4' : 'ipv6') === family) return;
  const blockColumn = family === 'ipv4' ? 'cidr_block' : 'ipv6_cidr_block';
  const count = await ctx.tx.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM network_acl_entries WHERE network_acl_id = ? AND egress = ? AND ${blockColumn} <> ''`,
    [aclId, entry.egress ? 1 : 0],
  );
  if (Number(count?.n ?? 0) >= ENTRIES_PER_DIRECTION_AND_FAMILY) throw networkAclEntryLimitExceeded();
}

export async function deleteEntry(ctx: RequestContext, aclId: string, egress: boolean, ruleNumber: number): Promise<void> {
  await ctx.tx.run('DELETE FROM network_acl_entries WHERE network_acl_id = ? AND egress = ? AND rule_number = ?', [
    aclId, egress ? 1 : 0, ruleNumber,
  ]);
}
