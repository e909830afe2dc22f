/**
 * The filters of DescribeNetworkInterfaces (network-interfaces.md §4.3), compiled to SQL over indexed columns.
 * Filters on child rows (addresses, groups) are written as `n.id IN (SELECT eni_id …)` when every value is exact,
 * so the database starts from the few matching child rows through their index instead of visiting every ENI of
 * the account; wildcard values and low-selectivity flags use a correlated EXISTS on the child's eni_id index.
 */
import { formatIpv6, parseIpv6 } from '../../net/ipv6.js';
import type { SqlValue } from '../../store/store.js';
import { hasWildcard } from '../../store/wildcards.js';
import type { RequestContext } from '../context.js';
import { booleanColumn, column, integerColumn, matchAny, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { publicDnsSuffix } from './dns-names.js';

/** A filter matched against a column of a child table whose rows carry `eni_id`; `where` narrows the child rows. */
function child(from: string, where: string, matchColumn: string, normalise: (v: string) => string = (v) => v): FilterCompiler {
  return (tx, values) => {
    const wanted = values.map((v) => (hasWildcard(v) ? v : normalise(v)));
    const m = matchAny(tx, matchColumn, wanted);
    const condition = where ? `${where} AND ${m.sql}` : m.sql;
    if (wanted.some(hasWildcard)) {
      return { sql: `EXISTS (SELECT 1 FROM ${from} c WHERE c.eni_id = n.id AND ${condition})`, params: m.params };
    }
    return { sql: `n.id IN (SELECT c.eni_id FROM ${from} c WHERE ${condition})`, params: m.params };
  };
}

/** A true/false filter on a 0/1 column of a child table. */
function childBoolean(from: string, where: string, flagColumn: string): FilterCompiler {
  return (tx, values) => {
    const flag = booleanColumn(flagColumn)(tx, values);
    return { sql: `EXISTS (SELECT 1 FROM ${from} c WHERE c.eni_id = n.id AND ${where} AND ${flag.sql})`, params: flag.params };
  };
}

/** attachment.* filters only ever match attached ENIs. */
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

const ADDRESS = 'eni_private_ipv4';
const SINGLE = 'c.in_prefix = 0';
const PRIMARY = 'c.in_prefix = 0 AND c.is_primary = 1';

export function eniFilters(ctx: RequestContext): FilterTable {
  const dnsSuffix = publicDnsSuffix(ctx.region.name).replaceAll("'", '');
  const publicDnsName: FilterCompiler = (tx, values) => {
    const m = matchAny(tx, `('ec2-' || REPLACE(c.public_ip, '.', '-') || '.${dnsSuffix}')`, values);
    return {
      sql: `EXISTS (SELECT 1 FROM ${ADDRESS} c WHERE c.eni_id = n.id AND ${PRIMARY} AND c.public_ip <> '' AND ${m.sql})
            AND EXISTS (SELECT 1 FROM vpcs v WHERE v.id = n.vpc_id AND v.enable_dns_support = 1 AND v.enable_dns_hostnames = 1)`,
      params: m.params,
    };
  };
  const groupName: FilterCompiler = (tx, values) => {
    const m = matchAny(tx, 's.name', values);
    return {
      sql: `n.id IN (SELECT c.eni_id FROM eni_security_groups c JOIN security_groups s ON s.id = c.group_id
             WHERE s.account = ? AND s.region = ? AND ${m.sql})`,
      params: [ctx.account, ctx.region.name, ...m.params] as SqlValue[],
    };
  };
  return {
    'addresses.association.owner-id': child(ADDRESS, `${SINGLE} AND c.public_ip <> ''`, 'c.public_ip_owner'),
    'addresses.association.public-ip': child(ADDRESS, SINGLE, 'c.public_ip'),
    'addresses.primary': childBoolean(ADDRESS, SINGLE, 'c.is_primary'),
    'addresses.private-ip-address': child(ADDRESS, SINGLE, 'c.ip'),
    'association.allocation-id': child(ADDRESS, PRIMARY, 'c.allocation_id'),
    'association.association-id': child(ADDRESS, PRIMARY, 'c.association_id'),
    'association.ip-owner-id': child(ADDRESS, `${PRIMARY} AND c.public_ip <> ''`, 'c.public_ip_owner'),
    'association.public-ip': child(ADDRESS, PRIMARY, 'c.public_ip'),
    'association.public-dns-name': publicDnsName,
    'attachment.attach-time': attached(column('n.attach_time')),
    'attachment.attachment-id': attached(column('n.attachment_id')),
    'attachment.delete-on-termination': attached(booleanColumn('n.delete_on_termination')),
    'attachment.device-index': attached(integerColumn('n.device_index')),
    'attachment.instance-id': attached(column('n.instance_id')),
    'attachment.instance-owner-id': attached(column('n.instance_owner_id')),
    'attachment.status': attached(column('n.attachment_status')),
    'availability-zone': column('n.availability_zone'),
    'availability-zone-id': column('n.availability_zone_id'),
    description: column('n.description'),
    'group-id': child('eni_security_groups', '', 'c.group_id'),
    'group-name': groupName,
    'ipv6-addresses.ipv6-address': child('eni_ipv6', '', 'c.address', canonicalIpv6),
    'interface-type': column('n.interface_type'),
    'mac-address': column('n.mac_address'),
    'network-interface-id': column('n.id'),
    'operator.managed': booleanColumn(`(CASE WHEN n.operator_principal <> '' THEN 1 ELSE 0 END)`),
    'operator.principal': column('n.operator_principal'),
    'owner-id': column('n.account'),
    'private-dns-name': column('n.private_dns_name'),
    'private-ip-address': child(ADDRESS, SINGLE, 'c.ip'),
    'requester-id': column('n.requester_id'),
    'requester-managed': booleanColumn('n.requester_managed'),
    'source-dest-check': booleanColumn('n.source_dest_check'),
    status: column('n.status'),
    'subnet-id': column('n.subnet_id'),
    'vpc-id': column('n.vpc_id'),
  };
}
