/**
 * DescribeInstanceTypes (instances.md §6.1, addressing.md §7): the served catalogue, by name (`InstanceType.N`;
 * any unknown name fails the call with InvalidInstanceType), filters, and pages of 5–100 in catalogue order.
 * Every region serves every type, so `IncludeUnsupportedInRegion` changes nothing. Like AWS, the action pages
 * even when MaxResults is absent (boto3 issue 2888, aws-sdk-php issue 3070: clients must follow NextToken): at
 * most 100 types per answer.
 */
import { instanceTypesNotFound } from '../../errors/instance-types.js';
import type { Handler } from '../context.js';
import { compileCatalogFilters } from '../common/catalog-filters.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { pageSize } from '../common/describe.js';
import { ALL_INSTANCE_TYPES, findInstanceType } from './catalog.js';
import { INSTANCE_TYPE_FILTERS } from './instance-type-filters.js';
import type { InstanceTypeRecord } from './instance-type-record.js';
import { toInstanceTypeInfo } from './to-instance-type-info.js';

const DEFAULT_PAGE = 100;
const position = new Map(ALL_INSTANCE_TYPES.map((r, i) => [r.type, i]));

function requestedTypes(names: string[] | undefined): readonly InstanceTypeRecord[] {
  if (!names || names.length === 0) return ALL_INSTANCE_TYPES;
  const unique = [...new Set(names)];
  const missing = unique.filter((name) => !findInstanceType(name));
  if (missing.length > 0) throw instanceTypesNotFound(missing);
  return unique.map((name) => findInstanceType(name)!);
}

export const describeInstanceTypes: Handler<'DescribeInstanceTypes'> = async (_ctx, input) => {
  const limit = pageSize('DescribeInstanceTypes', input.MaxResults) ?? DEFAULT_PAGE;
  const matches = compileCatalogFilters(INSTANCE_TYPE_FILTERS, input.Filters);
  const candidates = requestedTypes(input.InstanceTypes).filter(matches);
  const page = pageInMemory(candidates, (r) => position.get(r.type)!, limit, input.NextToken);
  return { InstanceTypes: page.items.map(toInstanceTypeInfo), NextToken: page.nextToken };
};
