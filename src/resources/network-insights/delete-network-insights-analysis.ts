/** DeleteNetworkInsightsAnalysis: the analysis and its tags go; its path stays. */
import type { Handler } from '../context.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { requireAnalysis } from './analysis-records.js';

export const deleteNetworkInsightsAnalysis: Handler<'DeleteNetworkInsightsAnalysis'> = async (ctx, input) => {
  const analysis = await requireAnalysis(ctx, input.NetworkInsightsAnalysisId);
  await ctx.tx.run('DELETE FROM network_insights_analyses WHERE id = ? AND account = ? AND region = ?', [
    analysis.id, ctx.account, ctx.region.name,
  ]);
  await deleteAllTags(ctx, analysis.id);
  return { NetworkInsightsAnalysisId: analysis.id };
};
