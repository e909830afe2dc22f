/** DescribeNetworkInsightsPaths: ids, the filters of the API reference, pagination in creation order. */
import { pathNotFound } from '../../errors/network-insights.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, matchAny, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { toNetworkInsightsPath, type PathRow } from './path-records.js';

/** `source` and `destination` take the resource's id (the reference) or its ARN (what the path shows too). */
const idOrArn =
  (idColumn: string, arnColumn: string): FilterCompiler =>
  (tx, values) => {
    const byId = matchAny(tx, idColumn, values);
    const byArn = matchAny(tx, arnColumn, values);
    return { sql: `(${byId.sql} OR ${byArn.sql})`, params: [...byId.params, ...byArn.params] };
  };

const PATH_FILTERS: FilterTable = {
  source: idOrArn('p.source', 'p.source_arn'),
  destination: idOrArn('p.destination', 'p.destination_arn'),
  protocol: column('p.protocol'),
  'filter-at-source.source-address': column('p.fas_source_address'),
  'filter-at-source.source-port-range': column('p.fas_source_port_range'),
  'filter-at-source.destination-address': column('p.fas_destination_address'),
  'filter-at-source.destination-port-range': column('p.fas_destination_port_range'),
  'filter-at-destination.source-address': column('p.fad_source_address'),
  'filter-at-destination.source-port-range': column('p.fad_source_port_range'),
  'filter-at-destination.destination-address': column('p.fad_destination_address'),
  'filter-at-destination.destination-port-range': column('p.fad_destination_port_range'),
};

export const describeNetworkInsightsPaths: Handler<'DescribeNetworkInsightsPaths'> = async (ctx, input) => {
  const page = await describeRows<PathRow>(ctx, {
    from: 'network_insights_paths p',
    alias: 'p',
    ids: input.NetworkInsightsPathIds,
    notFound: pathNotFound,
    conditions: compileFilters(ctx.tx, PATH_FILTERS, input.Filters, 'p.id'),
    limit: pageSize('DescribeNetworkInsightsPaths', input.MaxResults),
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return {
    NetworkInsightsPaths: page.rows.map((row) => toNetworkInsightsPath(row, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
