/**
 * DescribeNetworkAcls with every filter of security.md §2.2, ids and pagination (MaxResults 5-1000). Terraform
 * finds a VPC's default ACL with `default=true` + `vpc-id`.
 */
import { networkAclNotFound } from '../../errors/network-acls.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import {
  booleanColumn,
  column,
  compileFilters,
  integerColumn,
  matchAny,
  type FilterCompiler,
  type FilterTable,
} from '../common/filters.js';
import { networkAclsOf, type NetworkAclRow } from './network-acl-records.js';

/** A filter on the ACL's entries: some entry (satisfying `condition`) matches. */
const entry =
  (inner: FilterCompiler, condition = ''): FilterCompiler =>
  (tx, values) => {
    const c = inner(tx, values);
    return {
      sql: `EXISTS (SELECT 1 FROM network_acl_entries ne WHERE ne.network_acl_id = na.id${condition} AND ${c.sql})`,
      params: c.params,
    };
  };

/** A filter on the ACL's subnet associations. */
const association =
  (matchColumn: string): FilterCompiler =>
  (tx, values) => {
    const m = matchAny(tx, matchColumn, values);
    return {
      sql: `EXISTS (SELECT 1 FROM network_acl_associations nas WHERE nas.network_acl_id = na.id AND ${m.sql})`,
      params: m.params,
    };
  };

/** `entry.protocol` takes names (`tcp`, `udp`, `icmp`) or protocol numbers; entries store numbers. */
const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };
const protocol: FilterCompiler = (tx, values) =>
  matchAny(tx, 'ne.protocol', values.map((v) => PROTOCOL_NUMBERS[v.toLowerCase()] ?? v));

const NETWORK_ACL_FILTERS: FilterTable = {
  'association.association-id': association('nas.id'),
  'association.network-acl-id': association('nas.network_acl_id'),
  'association.subnet-id': association('nas.subnet_id'),
  default: booleanColumn('na.is_default'),
  'entry.cidr': entry(column('ne.cidr_block'), " AND ne.cidr_block <> ''"),
  'entry.icmp.code': entry(integerColumn('ne.icmp_code'), " AND ne.protocol IN ('1', '58')"),
  'entry.icmp.type': entry(integerColumn('ne.icmp_type'), " AND ne.protocol IN ('1', '58')"),
  'entry.ipv6-cidr': entry(column('ne.ipv6_cidr_block'), " AND ne.ipv6_cidr_block <> ''"),
  'entry.port-range.from': entry(integerColumn('ne.port_from'), " AND ne.protocol IN ('6', '17')"),
  'entry.port-range.to': entry(integerColumn('ne.port_to'), " AND ne.protocol IN ('6', '17')"),
  'entry.protocol': entry(protocol),
  'entry.rule-action': entry(column('ne.rule_action')),
  'entry.egress': entry(booleanColumn('ne.egress')),
  'entry.rule-number': entry(integerColumn('ne.rule_number')),
  'network-acl-id': column('na.id'),
  'owner-id': column('na.account'),
  'vpc-id': column('na.vpc_id'),
};

export const describeNetworkAcls: Handler<'DescribeNetworkAcls'> = async (ctx, input) => {
  const page = await describeRows<NetworkAclRow>(ctx, {
    from: 'network_acls na',
    alias: 'na',
    ids: input.NetworkAclIds,
    notFound: networkAclNotFound,
    conditions: compileFilters(ctx.tx, NETWORK_ACL_FILTERS, input.Filters, 'na.id'),
    limit: pageSize('DescribeNetworkAcls', input.MaxResults),
    nextToken: input.NextToken,
  });
  return { NetworkAcls: await networkAclsOf(ctx, page.rows), NextToken: page.nextToken };
};
