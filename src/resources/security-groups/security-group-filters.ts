/**
 * The filters of DescribeSecurityGroups (security.md §1.3). Each `ip-permission.*` / `egress.ip-permission.*`
 * filter is its own EXISTS over the group's rules of that direction, so several rule filters may be satisfied by
 * different rules ("any combination of rules - not necessarily a single rule - match all filters", per the API
 * reference). Protocol values are compared in stored form (`6` finds tcp rules).
 */
import { column, integerColumn, matchAny, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { hasWildcard } from '../../store/wildcards.js';
import { canonicalProtocol } from './rule-protocols.js';

/** Wraps a condition on rule `r` into an EXISTS over the rules of group `g` in one direction. */
const ruleExists =
  (isEgress: boolean, inner: FilterCompiler, join = ''): FilterCompiler =>
  (tx, values) => {
    const m = inner(tx, values);
    return {
      sql: `EXISTS (SELECT 1 FROM security_group_rules r ${join} WHERE r.group_id = g.id AND r.is_egress = ${isEgress ? 1 : 0} AND ${m.sql})`,
      params: m.params,
    };
  };

const protocolColumn: FilterCompiler = (tx, values) =>
  matchAny(tx, 'r.ip_protocol', values.map((v) => (hasWildcard(v) ? v : canonicalProtocol(v) ?? v)));

function ruleFilters(prefix: string, isEgress: boolean): FilterTable {
  return {
    [`${prefix}.cidr`]: ruleExists(isEgress, column('r.cidr_ipv4')),
    [`${prefix}.ipv6-cidr`]: ruleExists(isEgress, column('r.cidr_ipv6')),
    [`${prefix}.from-port`]: ruleExists(isEgress, integerColumn('r.from_port')),
    [`${prefix}.to-port`]: ruleExists(isEgress, integerColumn('r.to_port')),
    [`${prefix}.protocol`]: ruleExists(isEgress, protocolColumn),
    [`${prefix}.group-id`]: ruleExists(isEgress, column('r.referenced_group_id')),
    [`${prefix}.group-name`]: ruleExists(
      isEgress,
      column('rg.name'),
      'JOIN security_groups rg ON rg.id = r.referenced_group_id',
    ),
    [`${prefix}.prefix-list-id`]: ruleExists(isEgress, column('r.prefix_list_id')),
    [`${prefix}.user-id`]: ruleExists(isEgress, column('r.referenced_user_id')),
  };
}

export const SECURITY_GROUP_FILTERS: FilterTable = {
  description: column('g.description'),
  'group-id': column('g.id'),
  'group-name': column('g.name'),
  'owner-id': column('g.account'),
  'vpc-id': column('g.vpc_id'),
  ...ruleFilters('ip-permission', false),
  ...ruleFilters('egress.ip-permission', true),
};
