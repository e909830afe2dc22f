/** Reading network ACLs with their entries and subnet associations, and turning them into the model's shape. */
import type { NetworkAcl, NetworkAclAssociation, NetworkAclEntry, Tag } from '../../protocol/generated/ec2-shapes.js';
import { networkAclIdMalformed, networkAclNotFound } from '../../errors/network-acls.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { tagsFor } from '../tags/tag-store.js';

export interface NetworkAclRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  vpc_id: string;
  is_default: number;
}

export interface EntryRow {
  network_acl_id: string;
  rule_number: number;
  egress: number;
  protocol: string;
  rule_action: string;
  cidr_block: string;
  ipv6_cidr_block: string;
  icmp_type: number | null;
  icmp_code: number | null;
  port_from: number | null;
  port_to: number | null;
}

const TCP = '6';
const UDP = '17';
const ICMP = '1';
const ICMPV6 = '58';

/**
 * An entry as EC2 shows it (security.md §2.1): the protocol as a number string, a port range only for TCP and
 * UDP, ICMP type and code only for ICMP and ICMPv6, and exactly one of the two CIDR fields.
 */
export function toEntry(row: EntryRow): NetworkAclEntry {
  const ports = (row.protocol === TCP || row.protocol === UDP) && row.port_from !== null;
  const icmp = (row.protocol === ICMP || row.protocol === ICMPV6) && row.icmp_type !== null;
  return {
    RuleNumber: Number(row.rule_number),
    Protocol: row.protocol,
    RuleAction: row.rule_action as NetworkAclEntry['RuleAction'],
    Egress: row.egress === 1,
    CidrBlock: row.cidr_block || undefined,
    Ipv6CidrBlock: row.ipv6_cidr_block || undefined,
    PortRange: ports ? { From: Number(row.port_from), To: Number(row.port_to) } : undefined,
    IcmpTypeCode: icmp ? { Type: Number(row.icmp_type), Code: Number(row.icmp_code ?? -1) } : undefined,
  };
}

function groupBy<R, T>(ids: string[], rows: R[], key: (row: R) => string, map: (row: R) => T): Map<string, T[]> {
  const result = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) result.get(key(row))?.push(map(row));
  return result;
}

/** The entries of each ACL as EC2 lists them: outbound first, then inbound, each by rule number. */
export async function entriesOf(ctx: RequestContext, aclIds: string[]): Promise<Map<string, NetworkAclEntry[]>> {
  if (aclIds.length === 0) return new Map();
  const rows = await ctx.tx.all<EntryRow>(
    `SELECT * FROM network_acl_entries WHERE network_acl_id IN (${placeholders(aclIds)})
     ORDER BY egress DESC, rule_number`,
    aclIds,
  );
  return groupBy(aclIds, rows, (r) => r.network_acl_id, toEntry);
}

/** The subnet associations of each ACL, in creation order. */
export async function aclAssociationsOf(ctx: RequestContext, aclIds: string[]): Promise<Map<string, NetworkAclAssociation[]>> {
  if (aclIds.length === 0) return new Map();
  const rows = await ctx.tx.all<{ id: string; network_acl_id: string; subnet_id: string }>(
    `SELECT id, network_acl_id, subnet_id FROM network_acl_associations
     WHERE network_acl_id IN (${placeholders(aclIds)}) ORDER BY seq`,
    aclIds,
  );
  return groupBy(aclIds, rows, (r) => r.network_acl_id, (r) => ({
    NetworkAclAssociationId: r.id,
    NetworkAclId: r.network_acl_id,
    SubnetId: r.subnet_id,
  }));
}

export async function findNetworkAcl(ctx: RequestContext, aclId: string): Promise<NetworkAclRow | undefined> {
  return ctx.tx.get<NetworkAclRow>('SELECT * FROM network_acls WHERE id = ? AND account = ? AND region = ?', [
    aclId, ctx.account, ctx.region.name,
  ]);
}

export function toNetworkAcl(
  row: NetworkAclRow,
  entries: NetworkAclEntry[],
  associations: NetworkAclAssociation[],
  tags: Tag[],
): NetworkAcl {
  return {
    NetworkAclId: row.id,
    VpcId: row.vpc_id,
    OwnerId: row.account,
    IsDefault: row.is_default === 1,
    Entries: entries,
    Associations: associations,
    Tags: tags,
  };
}

/** Reads complete NetworkAcl shapes for rows already fetched. */
export async function networkAclsOf(ctx: RequestContext, rows: NetworkAclRow[]): Promise<NetworkAcl[]> {
  const ids = rows.map((r) => r.id);
  const [entries, associations, tags] = await Promise.all([entriesOf(ctx, ids), aclAssociationsOf(ctx, ids), tagsFor(ctx, ids)]);
  return rows.map((row) => toNetworkAcl(row, entries.get(row.id)!, associations.get(row.id)!, tags.get(row.id)!));
}

/** The caller's network ACL `aclId`, or the error AWS gives for a malformed or unknown id. */
export async function requireNetworkAcl(ctx: RequestContext, aclId: string): Promise<NetworkAclRow> {
  if (!isWellFormedId('acl', aclId)) throw networkAclIdMalformed(aclId);
  const row = await findNetworkAcl(ctx, aclId);
  if (!row) throw networkAclNotFound([aclId]);
  return row;
}
