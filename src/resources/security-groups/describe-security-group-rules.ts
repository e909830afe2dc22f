/** DescribeSecurityGroupRules: SecurityGroupRuleId.N, filters group-id / security-group-rule-id / tag:*, pagination. */
import { ruleIdMalformed, ruleIdNotFound } from '../../errors/security-groups.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, type FilterTable } from '../common/filters.js';
import { isWellFormedId } from '../ids.js';
import { tagsFor } from '../tags/tag-store.js';
import { toSecurityGroupRule, type RuleRow } from './rule-records.js';

const RULE_FILTERS: FilterTable = {
  'group-id': column('r.group_id'),
  'security-group-rule-id': column('r.id'),
};

export const describeSecurityGroupRules: Handler<'DescribeSecurityGroupRules'> = async (ctx, input) => {
  const limit = pageSize('DescribeSecurityGroupRules', input.MaxResults);
  const ids = input.SecurityGroupRuleIds ?? [];
  for (const id of ids) if (!isWellFormedId('sgr', id)) throw ruleIdMalformed(id);
  const page = await describeRows<RuleRow>(ctx, {
    from: 'security_group_rules r',
    alias: 'r',
    ids: ids.length > 0 ? ids : undefined,
    notFound: ruleIdNotFound,
    conditions: compileFilters(ctx.tx, RULE_FILTERS, input.Filters, 'r.id'),
    limit,
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return {
    SecurityGroupRules: page.rows.map((row) => toSecurityGroupRule(row, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
