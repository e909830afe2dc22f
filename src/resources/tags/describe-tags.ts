/**
 * DescribeTags: one item per tag of the caller's resources, in the order the tags were made, with the filters of
 * the API reference (`key`, `value`, `resource-id`, `resource-type`, and `tag:<key>`, which keeps the tags of
 * resources carrying that tag) and MaxResults 5-1000 / NextToken.
 */
import { invalidFilter } from '../../errors/protocol.js';
import type { ResourceType } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, type FilterTable } from '../common/filters.js';

interface TagRow {
  resource_id: string;
  resource_type: string;
  tag_key: string;
  tag_value: string;
}

// The outer alias is not `t`: the shared `tag:<key>` filter names its own subquery `t`.
const TAG_FILTERS: FilterTable = {
  key: column('d.tag_key'),
  value: column('d.tag_value'),
  'resource-id': column('d.resource_id'),
  'resource-type': column('d.resource_type'),
};

/** DescribeTags documents `tag:<key>` but not `tag-key` / `tag-value` (its own `key` / `value` do that job). */
const NOT_FOR_DESCRIBE_TAGS = new Set(['tag-key', 'tag-value']);

export const describeTags: Handler<'DescribeTags'> = async (ctx, input) => {
  for (const filter of input.Filters ?? []) {
    if (NOT_FOR_DESCRIBE_TAGS.has(filter.Name ?? '')) throw invalidFilter(filter.Name!);
  }
  const page = await describeRows<TagRow>(ctx, {
    from: 'tags d',
    alias: 'd',
    conditions: compileFilters(ctx.tx, TAG_FILTERS, input.Filters, 'd.resource_id'),
    limit: pageSize('DescribeTags', input.MaxResults),
    nextToken: input.NextToken,
  });
  return {
    Tags: page.rows.map((row) => ({
      ResourceId: row.resource_id,
      ResourceType: row.resource_type as ResourceType,
      Key: row.tag_key,
      Value: row.tag_value,
    })),
    NextToken: page.nextToken,
  };
};
