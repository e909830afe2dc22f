/**
 * DescribeNetworkInsightsAnalyses: ids, NetworkInsightsPathId, the AnalysisStartTime / AnalysisEndTime window on
 * the start date, the `path-found` and `status` filters, pagination in creation order.
 */
import { analysisNotFound } from '../../errors/network-insights.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { booleanColumn, column, compileFilters, type Condition, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { toNetworkInsightsAnalysis, type AnalysisRow } from './analysis-records.js';

const ANALYSIS_FILTERS: FilterTable = {
  'path-found': booleanColumn('a.path_found'),
  status: column('a.status'),
};

export const describeNetworkInsightsAnalyses: Handler<'DescribeNetworkInsightsAnalyses'> = async (ctx, input) => {
  const conditions: Condition[] = compileFilters(ctx.tx, ANALYSIS_FILTERS, input.Filters, 'a.id');
  if (input.NetworkInsightsPathId !== undefined) conditions.push({ sql: 'a.path_id = ?', params: [input.NetworkInsightsPathId] });
  // ISO-8601 UTC text orders as time does.
  if (input.AnalysisStartTime !== undefined) conditions.push({ sql: 'a.start_date >= ?', params: [input.AnalysisStartTime.toISOString()] });
  if (input.AnalysisEndTime !== undefined) conditions.push({ sql: 'a.start_date <= ?', params: [input.AnalysisEndTime.toISOString()] });
  const page = await describeRows<AnalysisRow>(ctx, {
    from: 'network_insights_analyses a',
    alias: 'a',
    ids: input.NetworkInsightsAnalysisIds,
    notFound: analysisNotFound,
    conditions,
    limit: pageSize('DescribeNetworkInsightsAnalyses', input.MaxResults),
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return {
    NetworkInsightsAnalyses: page.rows.map((row) => toNetworkInsightsAnalysis(row, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
