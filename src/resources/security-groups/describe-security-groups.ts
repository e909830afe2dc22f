/**
 * DescribeSecurityGroups: GroupId.N, GroupName.N (default VPC), every filter of the API reference, pagination; rules
 * re-aggregated into IpPermissions (aggregate-permissions.ts).
 */
import { groupIdMalformed, groupNotFound } from '../../errors/security-groups.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { compileFilters } from '../common/filters.js';
import { isWellFormedId } from '../ids.js';
import { tagsFor } from '../tags/tag-store.js';
import { toSecurityGroup, type SecurityGroupRow } from './group-records.js';
import { rulesOfGroups } from './rule-records.js';
import { SECURITY_GROUP_FILTERS } from './security-group-filters.js';
import { groupByDefaultVpcName } from './target-group.js';

export const describeSecurityGroups: Handler<'DescribeSecurityGroups'> = async (ctx, input) => {
  const limit = pageSize('DescribeSecurityGroups', input.MaxResults);
  const ids = [...(input.GroupIds ?? [])];
  for (const id of ids) if (!isWellFormedId('sg', id)) throw groupIdMalformed(id);
  // Names resolve to ids in the default VPC; an unknown name fails the call like an unknown id.
  for (const name of input.GroupNames ?? []) ids.push((await groupByDefaultVpcName(ctx, name)).id);
  const page = await describeRows<SecurityGroupRow>(ctx, {
    from: 'security_groups g',
    alias: 'g',
    ids: ids.length > 0 ? [...new Set(ids)] : undefined,
    notFound: groupNotFound,
    conditions: compileFilters(ctx.tx, SECURITY_GROUP_FILTERS, input.Filters, 'g.id'),
    limit,
    nextToken: input.NextToken,
  });
  const groupIds = page.rows.map((r) => r.id);
  const [rules, tags] = await Promise.all([rulesOfGroups(ctx, groupIds), tagsFor(ctx, groupIds)]);
  return {
    SecurityGroups: page.rows.map((row) => toSecurityGroup(row, rules.get(row.id)!, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
