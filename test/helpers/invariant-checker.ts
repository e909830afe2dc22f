/**
 * Reads a whole vpclite database - a SQLite file or a PostgreSQL database - in one consistent snapshot and lists
 * every broken invariant of DESIGN.md it finds. A correct store yields [] after any race and any crash:
 *
 * 1. addresses: no IPv4/IPv6 address twice in a subnet, none outside its subnet or reserved, every address held by
 *    an existing ENI of the same subnet and account, one primary IPv4 per ENI, and every count the allocator and
 *    the quotas keep (subnet ip_used → AvailableIpAddressCount, allocator chunks, ENIs per region) exact;
 * 2. attachments: each points at an existing, live instance of the same account and AZ, one ENI per device slot,
 *    the instance's ENI count exact and within its type, every live instance keeps its primary ENI, attachment
 *    columns all set or all clear;
 * 3. Elastic IPs: an association names an existing EIP of the same account with the same public address, an EIP
 *    and a public address are mapped at most once, the per-region count is exact, no public address is held
 *    without a holder or mapped without being held;
 * 4. nothing half-done: every VPC complete (main route table, default ACL and group, primary CIDR), no row whose
 *    parent is gone, no tag of a missing resource (test/helpers/store-invariants.ts has the shared lists).
 *
 * The checker reads rows and decides in code, so one implementation serves both engines and it does not trust the
 * very constraints it checks.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { chunkSizeOf, emptyEligibleBlocks, isUsableIpv4, usableCount } from '../../src/net/ipv4-subnet-space.js';
import { formatIpv4, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../../src/net/ipv4.js';
import { instanceTypeLimits } from '../../src/resources/instance-types/catalog.js';
import { ORPHANS, VPC_COMPLETENESS } from './store-invariants.js';

export type DatabaseLocation = { sqliteFile: string } | { postgresUrl: string };

type Rows = Record<string, unknown>[];
type Query = (sql: string) => Promise<Rows>;

/** Runs `work` with a query function over one read-only snapshot of the database. */
async function withSnapshot<T>(where: DatabaseLocation, work: (query: Query, tables: string[]) => Promise<T>): Promise<T> {
  if ('sqliteFile' in where) {
    const db = new Database(where.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const query: Query = async (sql) => db.prepare(sql).all() as Rows;
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
        name: string;
      }[]).filter((t) => (db.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string }[]).some((c) => c.name === 'id'));
      db.exec('BEGIN');
      try {
        return await work(query, tables.map((t) => t.name));
      } finally {
        db.exec('COMMIT');
      }
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: where.postgresUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // BIGINT counts come back as strings from pg; every check reads numbers through num().
    const query: Query = async (sql) => (await client.query(sql)).rows as Rows;
    const tables = (
      await query(`SELECT table_name AS name FROM information_schema.columns
                   WHERE table_schema = current_schema() AND column_name = 'id'`)
    ).map((r) => String(r.name));
    const result = await work(query, tables);
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end();
  }
}

const num = (v: unknown) => Number(v);
const str = (v: unknown) => String(v ?? '');

function groupCount<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function duplicates<T>(items: T[], key: (item: T) => string): string[] {
  return [...groupCount(items, key)].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

async function addressProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  const subnets = await query('SELECT id, account, region, cidr_block, ip_capacity, ip_used FROM subnets');
  const cidrOf = new Map<string, Ipv4Cidr>();
  for (const s of subnets) {
    const cidr = parseIpv4Cidr(str(s.cidr_block));
    if (cidr) cidrOf.set(str(s.id), cidr);
  }
  const enis = await query(
    `SELECT id, account, region, subnet_id, availability_zone, status, ipv6_native, interface_type, attachment_id,
            instance_id, device_index, network_card_index, attachment_status FROM network_interfaces`,
  );
  const eniById = new Map(enis.map((e) => [str(e.id), e]));
  const v4 = await query(
    `SELECT account, region, subnet_id, address, ip, eni_id, is_primary, in_prefix, public_ip, public_ip_owner,
            allocation_id, association_id FROM eni_private_ipv4`,
  );

  for (const d of duplicates(v4, (r) => `${str(r.subnet_id)} ${formatIpv4(num(r.address))}`)) problems.push(`IPv4 held twice: ${d}`);
  for (const r of v4) {
    const where = `${str(r.ip)} in ${str(r.subnet_id)}`;
    if (formatIpv4(num(r.address)) !== str(r.ip)) problems.push(`${where}: address column ${num(r.address)} is not the ip`);
    const cidr = cidrOf.get(str(r.subnet_id));
    if (!cidr) problems.push(`${where}: held in a missing subnet`);
    else if (!isUsableIpv4(cidr, num(r.address))) problems.push(`${where}: outside the subnet or reserved`);
    const eni = eniById.get(str(r.eni_id));
    if (!eni) problems.push(`${where}: held by missing ENI ${str(r.eni_id)}`);
    else if (str(eni.subnet_id) !== str(r.subnet_id) || str(eni.account) !== str(r.account)) {
      problems.push(`${where}: held by ${str(r.eni_id)} of another subnet or account`);
    }
  }
  const primaries = groupCount(v4.filter((r) => num(r.is_primary) === 1), (r) => str(r.eni_id));
  for (const e of enis) {
    const n = primaries.get(str(e.id)) ?? 0;
    if (n !== (num(e.ipv6_native) === 1 ? 0 : 1)) problems.push(`${str(e.id)} has ${n} primary IPv4 addresses`);
  }

  // AvailableIpAddressCount is ip_capacity - ip_used: both must be exact.
  const heldPerSubnet = groupCount(v4, (r) => str(r.subnet_id));
  for (const s of subnets) {
    const cidr = cidrOf.get(str(s.id));
    if (cidr && num(s.ip_capacity) !== usableCount(cidr)) problems.push(`${str(s.id)}: ip_capacity ${num(s.ip_capacity)}`);
    const held = heldPerSubnet.get(str(s.id)) ?? 0;
    if (num(s.ip_used) !== held) problems.push(`${str(s.id)}: ip_used ${num(s.ip_used)} but ${held} addresses held`);
  }

  // The allocator's chunks: exact counts of held addresses and of empty /28 blocks.
  const heldBySubnet = new Map<string, Set<number>>();
  for (const r of v4) {
    const set = heldBySubnet.get(str(r.subnet_id)) ?? new Set<number>();
    set.add(num(r.address));
    heldBySubnet.set(str(r.subnet_id), set);
  }
  for (const c of await query('SELECT subnet_id, chunk_base, capacity, used, free_blocks FROM ipam_ipv4_chunks')) {
    const cidr = cidrOf.get(str(c.subnet_id));
    if (!cidr) {
      problems.push(`allocator chunk of missing subnet ${str(c.subnet_id)}`);
      continue;
    }
    const base = num(c.chunk_base);
    const held = heldBySubnet.get(str(c.subnet_id)) ?? new Set<number>();
    let used = 0;
    for (let a = base; a < base + chunkSizeOf(cidr); a++) if (held.has(a)) used++;
    if (num(c.used) !== used) problems.push(`${str(c.subnet_id)} chunk ${formatIpv4(base)}: used ${num(c.used)}, held ${used}`);
    const free = emptyEligibleBlocks(cidr, base, held).length;
    if (num(c.free_blocks) !== free) problems.push(`${str(c.subnet_id)} chunk ${formatIpv4(base)}: free_blocks ${num(c.free_blocks)}, really ${free}`);
  }

  const v6 = await query('SELECT subnet_id, address, eni_id FROM eni_ipv6');
  for (const d of duplicates(v6, (r) => `${str(r.subnet_id)} ${str(r.address)}`)) problems.push(`IPv6 held twice: ${d}`);
  for (const r of v6) if (!eniById.has(str(r.eni_id))) problems.push(`IPv6 ${str(r.address)} held by missing ENI ${str(r.eni_id)}`);
  for (const r of await query('SELECT eni_id, prefix FROM eni_prefixes')) {
    if (!eniById.has(str(r.eni_id))) problems.push(`prefix ${str(r.prefix)} of missing ENI ${str(r.eni_id)}`);
  }

  const eniCounts = groupCount(enis, (e) => `${str(e.account)} ${str(e.region)}`);
  const counters = await query('SELECT account, region, n FROM network_interface_counts');
  const counted = new Map(counters.map((c) => [`${str(c.account)} ${str(c.region)}`, num(c.n)]));
  for (const key of new Set([...eniCounts.keys(), ...counted.keys()])) {
    if ((eniCounts.get(key) ?? 0) !== (counted.get(key) ?? 0)) {
      problems.push(`ENI counter of ${key} is ${counted.get(key) ?? 0}, ENIs ${eniCounts.get(key) ?? 0}`);
    }
  }
  return problems;
}

async function attachmentProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  const instances = await query('SELECT id, account, region, availability_zone, instance_type, state, eni_count FROM instances');
  const instanceById = new Map(instances.map((i) => [str(i.id), i]));
  const enis = await query(
    `SELECT id, account, region, availability_zone, status, attachment_id, instance_id, device_index, network_card_index,
            attachment_status FROM network_interfaces`,
  );
  const attached = enis.filter((e) => str(e.instance_id) !== '');
  for (const e of enis) {
    const isAttached = str(e.instance_id) !== '';
    const complete = str(e.attachment_id) !== '' && str(e.attachment_status) !== '' && num(e.device_index) >= 0 && str(e.status) === 'in-use';
    const clear = str(e.attachment_id) === '' && str(e.attachment_status) === '' && num(e.device_index) === -1;
    if (isAttached ? !complete : !clear) problems.push(`${str(e.id)}: half-set attachment columns`);
  }
  for (const d of duplicates(attached, (e) => `${str(e.instance_id)} card ${num(e.network_card_index)} device ${num(e.device_index)}`)) {
    problems.push(`device slot used twice: ${d}`);
  }
  for (const d of duplicates(attached, (e) => str(e.attachment_id))) problems.push(`attachment id used twice: ${d}`);
  for (const e of attached) {
    const instance = instanceById.get(str(e.instance_id));
    if (!instance) problems.push(`${str(e.id)} attached to missing instance ${str(e.instance_id)}`);
    else if (str(instance.state) === 'terminated') problems.push(`${str(e.id)} attached to terminated ${str(e.instance_id)}`);
    else if (str(instance.availability_zone) !== str(e.availability_zone)) problems.push(`${str(e.id)} attached across AZs`);
  }
  const perInstance = groupCount(attached, (e) => str(e.instance_id));
  const primaries = new Set(attached.filter((e) => num(e.device_index) === 0).map((e) => str(e.instance_id)));
  for (const i of instances) {
    const n = perInstance.get(str(i.id)) ?? 0;
    if (num(i.eni_count) !== n) problems.push(`${str(i.id)}: eni_count ${num(i.eni_count)} but ${n} ENIs attached`);
    const limit = instanceTypeLimits(str(i.instance_type))?.maxNetworkInterfaces ?? Infinity;
    if (n > limit) problems.push(`${str(i.id)} (${str(i.instance_type)}) has ${n} ENIs, more than ${limit}`);
    if (str(i.state) !== 'terminated' && !primaries.has(str(i.id))) problems.push(`${str(i.id)} (${str(i.state)}) lost its primary ENI`);
  }
  return problems;
}

async function elasticIpProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  const eips = await query('SELECT id, account, region, public_ip, address FROM elastic_ips');
  const eipById = new Map(eips.map((e) => [str(e.id), e]));
  const mapped = await query(
    `SELECT account, region, ip, eni_id, public_ip, public_ip_owner, allocation_id, association_id
       FROM eni_private_ipv4 WHERE public_ip <> '' OR allocation_id <> '' OR association_id <> ''`,
  );
  for (const d of duplicates(mapped.filter((m) => str(m.allocation_id) !== ''), (m) => str(m.allocation_id))) {
    problems.push(`Elastic IP mapped twice: ${d}`);
  }
  for (const d of duplicates(mapped.filter((m) => str(m.public_ip) !== ''), (m) => str(m.public_ip))) {
    problems.push(`public address mapped twice: ${d}`);
  }
  for (const m of mapped) {
    const where = `${str(m.ip)} of ${str(m.eni_id)}`;
    if (str(m.allocation_id) === '') {
      if (str(m.association_id) !== '') problems.push(`${where}: association ${str(m.association_id)} without an allocation`);
      continue;
    }
    const eip = eipById.get(str(m.allocation_id));
    if (!eip) problems.push(`${where}: mapped to missing Elastic IP ${str(m.allocation_id)}`);
    else if (str(eip.public_ip) !== str(m.public_ip)) problems.push(`${where}: shows ${str(m.public_ip)} for ${str(eip.public_ip)}`);
    else if (str(eip.account) !== str(m.account) || str(eip.region) !== str(m.region)) problems.push(`${where}: another account's EIP`);
    if (str(m.association_id) === '') problems.push(`${where}: Elastic IP mapping without an association id`);
  }

  const counts = groupCount(eips, (e) => `${str(e.account)} ${str(e.region)}`);
  const counters = await query('SELECT account, region, n FROM elastic_ip_counts');
  const counted = new Map(counters.map((c) => [`${str(c.account)} ${str(c.region)}`, num(c.n)]));
  for (const key of new Set([...counts.keys(), ...counted.keys()])) {
    if ((counts.get(key) ?? 0) !== (counted.get(key) ?? 0)) {
      problems.push(`Elastic IP counter of ${key} is ${counted.get(key) ?? 0}, Elastic IPs ${counts.get(key) ?? 0}`);
    }
  }

  // Public addresses held in the pool: an automatic one is mapped exactly where it is held, an elastic one is an EIP.
  const pool = await query('SELECT address, ip, kind FROM public_ipv4_addresses');
  const autoMapped = new Set(mapped.filter((m) => str(m.allocation_id) === '' && str(m.public_ip) !== '').map((m) => str(m.public_ip)));
  const eipAddresses = new Set(eips.map((e) => str(e.public_ip)));
  for (const p of pool) {
    if (parseIpv4(str(p.ip)) !== num(p.address)) problems.push(`pool row ${str(p.ip)}: address column ${num(p.address)}`);
    if (str(p.kind) === 'auto' && !autoMapped.has(str(p.ip))) problems.push(`automatic public ${str(p.ip)} held but mapped nowhere`);
    if (str(p.kind) === 'elastic' && !eipAddresses.has(str(p.ip))) problems.push(`public ${str(p.ip)} held for a missing Elastic IP`);
  }
  const autoHeld = new Set(pool.filter((p) => str(p.kind) === 'auto').map((p) => str(p.ip)));
  for (const m of mapped) {
    if (str(m.allocation_id) === '' && str(m.public_ip_owner) === 'amazon' && !autoHeld.has(str(m.public_ip))) {
      problems.push(`automatic public ${str(m.public_ip)} on ${str(m.eni_id)} is not held in the pool`);
    }
  }
  return problems;
}

async function halfDoneProblems(query: Query, tables: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, count] of VPC_COMPLETENESS) {
    for (const row of await query(`SELECT v.id AS id, (${count}) AS n FROM vpcs v`)) {
      if (num(row.n) !== 1) problems.push(`${str(row.id)} has ${num(row.n)} ${what}(s)`);
    }
  }
  for (const [what, sql] of ORPHANS) for (const row of await query(sql)) problems.push(`${what}: ${str(row.x)}`);
  const orphans: [string, string][] = [
    ['ENI without its subnet', 'SELECT id AS x FROM network_interfaces WHERE subnet_id NOT IN (SELECT id FROM subnets)'],
    ['ENI group of a missing ENI', 'SELECT eni_id AS x FROM eni_security_groups WHERE eni_id NOT IN (SELECT id FROM network_interfaces)'],
    ['instance without its subnet', `SELECT id AS x FROM instances WHERE state <> 'terminated' AND subnet_id NOT IN (SELECT id FROM subnets)`],
  ];
  for (const [what, sql] of orphans) for (const row of await query(sql)) problems.push(`${what}: ${str(row.x)}`);
  const known = [...tables.map((t) => `SELECT id FROM ${t}`), 'SELECT dhcp_options_id FROM account_regions'].join(' UNION ALL ');
  for (const row of await query(`SELECT resource_id, tag_key FROM tags WHERE resource_id NOT IN (${known})`)) {
    problems.push(`tag ${str(row.tag_key)} of missing resource ${str(row.resource_id)}`);
  }
  return problems;
}

/** Every broken invariant in the database, one line each; [] when everything holds. */
export async function brokenInvariants(where: DatabaseLocation): Promise<string[]> {
  return withSnapshot(where, async (query, tables) => [
    ...(await addressProblems(query)),
    ...(await attachmentProblems(query)),
    ...(await elasticIpProblems(query)),
    ...(await halfDoneProblems(query, tables)),
  ]);
}
