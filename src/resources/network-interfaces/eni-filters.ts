/**
 * The filters of DescribeNetworkInterfaces (network-interfaces.md §4.3), compiled to SQL that starts from an index
 * of the filtered attribute.
 *
 * Why the `n.seq IN (SELECT m.seq …)` form: the page query orders by seq with a LIMIT, so for a plain
 * `n.subnet_id IN (…)` or `n.id IN (SELECT eni_id …)` SQLite prefers walking every ENI of the account in seq order
 * (the owner index gives the order for free) and testing each one. Naming the matching seqs instead lets it start
 * from the attribute's index, then fetch just those rows by primary key, already in seq order. Exact values take
 * this path; wildcard values (which no index serves) and low-selectivity flags stay plain conditions evaluated
 * while walking the account's own ENIs, which is the cheapest plan for them.
 */
import type { Filter } from '../../protocol/generated/ec2-shapes.js';
import { formatIpv6, parseIpv6 } from '../../net/ipv6.js';
import type { SqlValue } from '../../store/store.js';
import { hasWildcard } from '../../store/wildcards.js';
import type { RequestContext } from '../context.js';
import { booleanColumn, integerColumn, matchAny, type Condition, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { publicDnsSuffix } from './dns-names.js';
import { recentlyDetachedSql } from './eni-detachments.js';

const ENIS = 'network_interfaces m';

/** `n.seq IN (SELECT m.seq FROM <from> WHERE <where> AND <match>)`. */
function seqsWhere(from: string, where: string[], match: Condition, params: SqlValue[] = []): Condition {
  return {
    sql: `n.seq IN (SELECT m.seq FROM ${from} WHERE ${[...where, match.sql].join(' AND ')})`,
    params: [...params, ...match.params],
  };
}

/**
 * A column of the ENI row. `scope` says how its index is keyed: by the value alone (ids unique across accounts, or
 * already scoped by their parent) or by (account, region, value). `guard` narrows to the rows a partial index holds.
 */
function indexedColumn(ctx: RequestContext, columnName: string, scope: 'global' | 'account', guard?: string): FilterCompiler {
  return (tx, values) => {
    if (values.some(hasWildcard)) {
      const m = matchAny(tx, `n.${columnName}`, values);
      return guard ? { sql: `(n.${guard} AND ${m.sql})`, params: m.params } : m;
    }
    const where = scope === 'account' ? ['m.account = ?', 'm.region = ?'] : [];
    if (guard) where.push(`m.${guard}`);
    return seqsWhere(ENIS, where, matchAny(tx, `m.${columnName}`, values), scope === 'account' ? [ctx.account, ctx.region.name] : []);
  };
}

/** A column of a child table whose rows carry `eni_id`; `where` narrows the child rows. */
function child(table: string, where: string[], matchColumn: string, normalise: (v: string) => string = (v) => v): FilterCompiler {
  return (tx, values) => {
    const wanted = values.map((v) => (hasWildcard(v) ? v : normalise(v)));
    const m = matchAny(tx, `c.${matchColumn}`, wanted);
    if (wanted.some(hasWildcard)) {
      return { sql: `EXISTS (SELECT 1 FROM ${table} c WHERE ${['c.eni_id = n.id', ...where, m.sql].join(' AND ')})`, params: m.params };
    }
    return seqsWhere(`${table} c JOIN ${ENIS} ON m.id = c.eni_id`, where, m);
  };
}

/** A true/false flag of a child table (low selectivity: tested per ENI). */
function childFlag(table: string, where: string[], flagColumn: string): FilterCompiler {
  return (tx, values) => {
    const flag = booleanColumn(`c.${flagColumn}`)(tx, values);
    return { sql: `EXISTS (SELECT 1 FROM ${table} c WHERE ${['c.eni_id = n.id', ...where, flag.sql].join(' AND ')})`, params: flag.params };
  };
}

/** Plain attachment columns only ever match attached ENIs. */
const attached =
  (compiler: FilterCompiler): FilterCompiler =>
  (tx, values) => {
    const inner = compiler(tx, values);
    return { sql: `(n.attachment_id <> '' AND ${inner.sql})`, params: inner.params };
  };

/** IPv6 filter values are compared in canonical form, so `2600:1F00::0005` finds `2600:1f00::5`. */
function canonicalIpv6(value: string): string {
  const parsed = parseIpv6(value);
  return parsed === undefined ? value : formatIpv6(parsed);
}

/** `tag:<key>` and `tag-key`, driven by the tags index of the caller's account. */
function tagFilter(ctx: RequestContext, key: string | undefined): FilterCompiler {
  return (tx, values) => {
    const scope = ['t.account = ?', 't.region = ?', `t.resource_type = 'network-interface'`];
    const params: SqlValue[] = [ctx.account, ctx.region.name];
    if (key !== undefined) {
      scope.push('t.tag_key = ?');
      params.push(key);
    }
    const m = matchAny(tx, key !== undefined ? 't.tag_value' : 't.tag_key', values);
    return seqsWhere(`tags t JOIN ${ENIS} ON m.id = t.resource_id`, scope, m, params);
  };
}

const ADDRESS = 'eni_private_ipv4';
const SINGLE = ['c.in_prefix = 0'];
const PRIMARY = ['c.in_prefix = 0', 'c.is_primary = 1'];
const PUBLIC = ["c.public_ip <> ''"];

/** The filter table for the caller, with an entry for each `tag:<key>` the request names. */
export function eniFilters(ctx: RequestContext, filters: Filter[] | undefined): FilterTable {
  const dnsSuffix = publicDnsSuffix(ctx.region.name).replaceAll("'", '');
  const publicDnsName: FilterCompiler = (tx, values) => {
    const m = matchAny(tx, `('ec2-' || REPLACE(c.public_ip, '.', '-') || '.${dnsSuffix}')`, values);
    return {
      sql: `EXISTS (SELECT 1 FROM ${ADDRESS} c WHERE c.eni_id = n.id AND ${[...PRIMARY, ...PUBLIC, m.sql].join(' AND ')})
            AND EXISTS (SELECT 1 FROM vpcs v WHERE v.id = n.vpc_id AND v.enable_dns_support = 1 AND v.enable_dns_hostnames = 1)`,
      params: m.params,
    };
  };
  const groupName: FilterCompiler = (tx, values) =>
    seqsWhere(
      `security_groups s JOIN eni_security_groups c ON c.group_id = s.id JOIN ${ENIS} ON m.id = c.eni_id`,
      ['s.account = ?', 's.region = ?'],
      matchAny(tx, 's.name', values),
      [ctx.account, ctx.region.name],
    );
  const column = (name: string) => indexedColumn(ctx, name, 'account');
  const table: FilterTable = {
    'addresses.association.owner-id': child(ADDRESS, [...SINGLE, ...PUBLIC], 'public_ip_owner'),
    'addresses.association.public-ip': child(ADDRESS, SINGLE, 'public_ip'),
    'addresses.primary': childFlag(ADDRESS, SINGLE, 'is_primary'),
    'addresses.private-ip-address': child(ADDRESS, SINGLE, 'ip'),
    // The guards let the partial UNIQUE indexes on allocation_id / association_id serve these.
    'association.allocation-id': child(ADDRESS, [...PRIMARY, "c.allocation_id <> ''"], 'allocation_id'),
    'association.association-id': child(ADDRESS, [...PRIMARY, "c.association_id <> ''"], 'association_id'),
    'association.ip-owner-id': child(ADDRESS, [...PRIMARY, ...PUBLIC], 'public_ip_owner'),
    'association.public-ip': child(ADDRESS, PRIMARY, 'public_ip'),
    'association.public-dns-name': publicDnsName,
    'attachment.attach-time': indexedColumn(ctx, 'attach_time', 'account', "attachment_id <> ''"),
    'attachment.attachment-id': attachmentIdFilter(ctx),
    'attachment.delete-on-termination': attached(booleanColumn('n.delete_on_termination')),
    'attachment.device-index': attached(integerColumn('n.device_index')),
    'attachment.instance-id': indexedColumn(ctx, 'instance_id', 'global', "instance_id <> ''"),
    'attachment.instance-owner-id': indexedColumn(ctx, 'instance_owner_id', 'account', "attachment_id <> ''"),
    'attachment.status': attached(matchAnyColumn('n.attachment_status')),
    'availability-zone': matchAnyColumn('n.availability_zone'),
    'availability-zone-id': matchAnyColumn('n.availability_zone_id'),
    description: column('description'),
    'group-id': child('eni_security_groups', [], 'group_id'),
    'group-name': groupName,
    'ipv6-addresses.ipv6-address': child('eni_ipv6', [], 'address', canonicalIpv6),
    'interface-type': matchAnyColumn('n.interface_type'),
    'mac-address': indexedColumn(ctx, 'mac_address', 'global'),
    'network-interface-id': indexedColumn(ctx, 'id', 'global'),
    'operator.managed': booleanColumn(`(CASE WHEN n.operator_principal <> '' THEN 1 ELSE 0 END)`),
    'operator.principal': column('operator_principal'),
    'owner-id': matchAnyColumn('n.account'),
    'private-dns-name': column('private_dns_name'),
    'private-ip-address': child(ADDRESS, SINGLE, 'ip'),
    'requester-id': column('requester_id'),
    'requester-managed': booleanColumn('n.requester_managed'),
    'source-dest-check': booleanColumn('n.source_dest_check'),
    status: matchAnyColumn('n.status'),
    'subnet-id': indexedColumn(ctx, 'subnet_id', 'global'),
    'vpc-id': indexedColumn(ctx, 'vpc_id', 'global'),
    'tag-key': tagFilter(ctx, undefined),
  };
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    if (name.startsWith('tag:')) table[name] = tagFilter(ctx, name.slice(4));
  }
  return table;
}

/** Current attachments by id, and (exact ids only) an attachment detached a moment ago (eni-detachments.ts). */
function attachmentIdFilter(ctx: RequestContext): FilterCompiler {
  const current = indexedColumn(ctx, 'attachment_id', 'global', "attachment_id <> ''");
  return (tx, values) => {
    const now = current(tx, values);
    const exact = values.filter((v) => !hasWildcard(v));
    if (exact.length === 0) return now;
    const detached = recentlyDetachedSql(ctx.now, exact);
    return { sql: `(${now.sql} OR ${detached.sql})`, params: [...now.params, ...detached.params] };
  };
}

/** A low-selectivity column, tested while walking the account's ENIs (or through its (account, region, col) index). */
function matchAnyColumn(columnName: string): FilterCompiler {
  return (tx, values) => matchAny(tx, columnName, values);
}
