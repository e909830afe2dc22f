/**
 * Reads a vpclite SQLite file directly and lists every half-done thing in it: a VPC without exactly one main
 * route table, default network ACL, default security group and primary CIDR; rows whose VPC, group, table or ACL
 * is gone; tags of resources that do not exist. DESIGN.md invariant 4 says a failed or interrupted request leaves
 * none of these behind, so a correct store always yields [].
 */
import Database from 'better-sqlite3';

export const VPC_COMPLETENESS: [string, string][] = [
  [
    'main route table',
    `SELECT COUNT(*) FROM route_table_associations a JOIN route_tables r ON r.id = a.route_table_id
      WHERE a.vpc_id = v.id AND a.is_main = 1 AND r.vpc_id = v.id`,
  ],
  ['default network ACL', `SELECT COUNT(*) FROM network_acls n WHERE n.vpc_id = v.id AND n.is_default = 1`],
  [
    'default security group',
    `SELECT COUNT(*) FROM security_groups g WHERE g.vpc_id = v.id AND g.is_default = 1 AND g.name = 'default'`,
  ],
  ['primary CIDR block', `SELECT COUNT(*) FROM vpc_cidr_blocks c WHERE c.vpc_id = v.id AND c.is_primary = 1`],
];

export const ORPHANS: [string, string][] = [
  ['security group without its VPC', 'SELECT id AS x FROM security_groups WHERE vpc_id NOT IN (SELECT id FROM vpcs)'],
  ['network ACL without its VPC', 'SELECT id AS x FROM network_acls WHERE vpc_id NOT IN (SELECT id FROM vpcs)'],
  ['route table without its VPC', 'SELECT id AS x FROM route_tables WHERE vpc_id NOT IN (SELECT id FROM vpcs)'],
  ['CIDR block without its VPC', 'SELECT association_id AS x FROM vpc_cidr_blocks WHERE vpc_id NOT IN (SELECT id FROM vpcs)'],
  ['subnet without its VPC', 'SELECT id AS x FROM subnets WHERE vpc_id NOT IN (SELECT id FROM vpcs)'],
  [
    'route table association without its table',
    'SELECT id AS x FROM route_table_associations WHERE route_table_id NOT IN (SELECT id FROM route_tables)',
  ],
  ['route without its table', 'SELECT destination AS x FROM routes WHERE route_table_id NOT IN (SELECT id FROM route_tables)'],
  [
    'security group rule without its group',
    'SELECT id AS x FROM security_group_rules WHERE group_id NOT IN (SELECT id FROM security_groups)',
  ],
  [
    'network ACL entry without its ACL',
    'SELECT rule_number AS x FROM network_acl_entries WHERE network_acl_id NOT IN (SELECT id FROM network_acls)',
  ],
  [
    'account whose default VPC is gone',
    `SELECT account AS x FROM account_regions WHERE default_vpc_id <> '' AND default_vpc_id NOT IN (SELECT id FROM vpcs)`,
  ],
];

/** Every table with an `id` column holds resources a tag may name (new resource tables join automatically). */
function resourceTables(db: Database.Database): string[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  return tables
    .map((t) => t.name)
    .filter((name) => (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).some((c) => c.name === 'id'));
}

export function halfDoneThings(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    for (const [what, count] of VPC_COMPLETENESS) {
      for (const row of db.prepare(`SELECT v.id AS id, (${count}) AS n FROM vpcs v`).all() as { id: string; n: number }[]) {
        if (row.n !== 1) problems.push(`${row.id} has ${row.n} ${what}(s)`);
      }
    }
    for (const [what, sql] of ORPHANS) {
      for (const row of db.prepare(sql).all() as { x: string }[]) problems.push(`${what}: ${row.x}`);
    }
    // DHCP option sets live in account_regions rather than a table of their own.
    const known = [...resourceTables(db).map((t) => `SELECT id FROM "${t}"`), 'SELECT dhcp_options_id FROM account_regions'].join(
      ' UNION ALL ',
    );
    for (const row of db.prepare(`SELECT resource_id, tag_key FROM tags WHERE resource_id NOT IN (${known})`).all() as {
      resource_id: string;
      tag_key: string;
    }[]) {
      problems.push(`tag ${row.tag_key} of missing resource ${row.resource_id}`);
    }
    return problems;
  } finally {
    db.close();
  }
}
