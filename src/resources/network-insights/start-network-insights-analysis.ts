/**
 * StartNetworkInsightsAnalysis. The analysis is computed here, in the request (it reads a small slice of the
 * network and takes well under the time of the request itself), and stored as `succeeded`; the answer still says
 * `running` without a verdict, as AWS's does, and DescribeNetworkInsightsAnalyses shows the result from then on.
 */
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { analyze, applyComponentFilters } from './analysis/analyze.js';
import { loadPathSlice } from './analysis/path-topology.js';
import { listText, requireAnalysis, toNetworkInsightsAnalysis } from './analysis-records.js';
import { pathSpecOf, sliceOf } from './path-spec.js';
import { requirePath } from './path-records.js';

export const startNetworkInsightsAnalysis: Handler<'StartNetworkInsightsAnalysis'> = async (ctx, input) => {
  const path = await requirePath(ctx, input.NetworkInsightsPathId);
  const slice = await loadPathSlice(ctx, sliceOf(path));
  const result = applyComponentFilters(analyze(slice, pathSpecOf(path)), input.FilterInArns ?? [], input.FilterOutArns ?? []);

  const id = newId('nia');
  await ctx.tx.run(
    `INSERT INTO network_insights_analyses (id, account, region, path_id, status, path_found, result, filter_in_arns,
       filter_out_arns, additional_accounts, start_date)
     VALUES (?, ?, ?, ?, 'succeeded', ?, ?, ?, ?, ?, ?)`,
    [
      id, ctx.account, ctx.region.name, path.id, result.networkPathFound ? 1 : 0, JSON.stringify(result),
      listText(input.FilterInArns), listText(input.FilterOutArns), listText(input.AdditionalAccounts), ctx.now.toISOString(),
    ],
  );
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'network-insights-analysis', id);
  const stored = toNetworkInsightsAnalysis(await requireAnalysis(ctx, id), tags);
  return {
    NetworkInsightsAnalysis: {
      ...stored,
      Status: 'running',
      NetworkPathFound: undefined,
      ForwardPathComponents: undefined,
      ReturnPathComponents: undefined,
      Explanations: undefined,
    },
  };
};
