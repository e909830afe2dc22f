/**
 * The default network ACL of a VPC (security.md §2): rule 100 allows everything in and out, the `*` rule 32767
 * denies the rest; with IPv6, rule 101 allows ::/0 too and the `*` rule 32768 denies the rest of IPv6 (the VPC
 * User Guide: the IPv6 rules exist only once the VPC has an IPv6 block). Every new subnet is associated with it.
 */
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';

export const IPV4_DEFAULT_DENY = 32767;
export const IPV6_DEFAULT_DENY = 32768;

export interface AclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  icmpType?: number;
  icmpCode?: number;
  portFrom?: number;
  portTo?: number;
}

export async function insertAclEntry(ctx: RequestContext, aclId: string, entry: AclEntry): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO network_acl_entries (network_acl_id, rule_number, egress, protocol, rule_action, cidr_block,
       ipv6_cidr_block, icmp_type, icmp_code, port_from, port_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      aclId, entry.ruleNumber, entry.egress ? 1 : 0, entry.protocol, entry.ruleAction, entry.cidrBlock ?? '',
      entry.ipv6CidrBlock ?? '', entry.icmpType ?? null, entry.icmpCode ?? null, entry.portFrom ?? null,
      entry.portTo ?? null,
    ],
  );
}

/** The `*` deny rules every NACL has in both directions: IPv4 always, IPv6 once its VPC has an IPv6 block. */
export async function insertDefaultDenies(ctx: RequestContext, aclId: string, hasIpv6: boolean): Promise<void> {
  for (const egress of [false, true]) {
    await insertAclEntry(ctx, aclId, { ruleNumber: IPV4_DEFAULT_DENY, egress, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' });
    if (hasIpv6) {
      await insertAclEntry(ctx, aclId, { ruleNumber: IPV6_DEFAULT_DENY, egress, protocol: '-1', ruleAction: 'deny', ipv6CidrBlock: '::/0' });
    }
  }
}

/** Gives every NACL of a VPC its IPv6 `*` deny rules, for when the VPC gains its first IPv6 block. */
export async function addIpv6DefaultDenies(ctx: RequestContext, vpcId: string): Promise<void> {
  const acls = await ctx.tx.all<{ id: string }>('SELECT id FROM network_acls WHERE vpc_id = ?', [vpcId]);
  for (const acl of acls) {
    for (const egress of [false, true]) {
      const existing = await ctx.tx.get(
        'SELECT 1 AS x FROM network_acl_entries WHERE network_acl_id = ? AND egress = ? AND rule_number = ?',
        [acl.id, egress ? 1 : 0, IPV6_DEFAULT_DENY],
      );
      if (!existing) {
        await insertAclEntry(ctx, acl.id, { ruleNumber: IPV6_DEFAULT_DENY, egress, protocol: '-1', ruleAction: 'deny', ipv6CidrBlock: '::/0' });
      }
    }
  }
}

/**
 * True while the ACL holds exactly what a default ACL is born with - rule 100 allowing all of 0.0.0.0/0 both ways,
 * besides the IPv4 `*` rules - so nobody has edited its rules (as far as its current entries tell).
 */
async function hasOnlyTheDefaultIpv4Rules(ctx: RequestContext, aclId: string): Promise<boolean> {
  const rows = await ctx.tx.all<{ rule_number: number; protocol: string; rule_action: string; cidr_block: string }>(
    'SELECT rule_number, protocol, rule_action, cidr_block FROM network_acl_entries WHERE network_acl_id = ?',
    [aclId],
  );
  const isOriginal = (r: (typeof rows)[number]) =>
    r.protocol === '-1' &&
    r.cidr_block === '0.0.0.0/0' &&
    ((Number(r.rule_number) === 100 && r.rule_action === 'allow') ||
      (Number(r.rule_number) === IPV4_DEFAULT_DENY && r.rule_action === 'deny'));
  return rows.every(isOriginal) && rows.filter((r) => Number(r.rule_number) === 100).length === 2;
}

/**
 * Rule 101 allowing ::/0 both ways, added when the VPC gains IPv6 - only if the default ACL's rules were never
 * edited (security.md §2): an ACL the user has shaped is left as the user made it.
 */
export async function addDefaultAclIpv6Rules(ctx: RequestContext, aclId: string): Promise<void> {
  if (!(await hasOnlyTheDefaultIpv4Rules(ctx, aclId))) return;
  for (const egress of [false, true]) {
    await insertAclEntry(ctx, aclId, { ruleNumber: 101, egress, protocol: '-1', ruleAction: 'allow', ipv6CidrBlock: '::/0' });
  }
}

export async function createDefaultNetworkAcl(ctx: RequestContext, vpcId: string, hasIpv6: boolean): Promise<string> {
  const aclId = newId('acl');
  await ctx.tx.run(
    'INSERT INTO network_acls (id, account, region, vpc_id, is_default) VALUES (?, ?, ?, ?, 1)',
    [aclId, ctx.account, ctx.region.name, vpcId],
  );
  for (const egress of [false, true]) {
    await insertAclEntry(ctx, aclId, { ruleNumber: 100, egress, protocol: '-1', ruleAction: 'allow', cidrBlock: '0.0.0.0/0' });
  }
  if (hasIpv6) await addDefaultAclIpv6Rules(ctx, aclId);
  await insertDefaultDenies(ctx, aclId, hasIpv6);
  return aclId;
}

/** Associates a new subnet with its VPC's default ACL. */
export async function associateWithDefaultAcl(ctx: RequestContext, vpcId: string, subnetId: string): Promise<void> {
  const acl = await ctx.tx.get<{ id: string }>('SELECT id FROM network_acls WHERE vpc_id = ? AND is_default = 1', [vpcId]);
  if (!acl) return;
  await ctx.tx.run(
    'INSERT INTO network_acl_associations (id, network_acl_id, account, region, subnet_id) VALUES (?, ?, ?, ?, ?)',
    [newId('aclassoc'), acl.id, ctx.account, ctx.region.name, subnetId],
  );
}
