/** DeleteNetworkInsightsPath: refused while analyses of the path remain (AnalysisExistsForNetworkInsightsPath). */
import { analysisExistsForPath } from '../../errors/network-insights.js';
import type { Handler } from '../context.js';
import { deleteAllTags } from '../tags/tag-store.js';
import { requirePath } from './path-records.js';

export const deleteNetworkInsightsPath: Handler<'DeleteNetworkInsightsPath'> = async (ctx, input) => {
  const path = await requirePath(ctx, input.NetworkInsightsPathId);
  const analysis = await ctx.tx.get('SELECT id FROM network_insights_analyses WHERE path_id = ? LIMIT 1', [path.id]);
  if (analysis) throw analysisExistsForPath(path.id);
  await ctx.tx.run('DELETE FROM network_insights_paths WHERE id = ? AND account = ? AND region = ?', [
    path.id, ctx.account, ctx.region.name,
  ]);
  await deleteAllTags(ctx, path.id);
  return { NetworkInsightsPathId: path.id };
};
