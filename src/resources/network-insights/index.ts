import type { ActionTable } from '../context.js';
import { createNetworkInsightsPath } from './create-network-insights-path.js';
import { deleteNetworkInsightsAnalysis } from './delete-network-insights-analysis.js';
import { deleteNetworkInsightsPath } from './delete-network-insights-path.js';
import { describeNetworkInsightsAnalyses } from './describe-network-insights-analyses.js';
import { describeNetworkInsightsPaths } from './describe-network-insights-paths.js';
import { startNetworkInsightsAnalysis } from './start-network-insights-analysis.js';

export const networkInsightsActions: ActionTable = {
  CreateNetworkInsightsPath: createNetworkInsightsPath,
  DescribeNetworkInsightsPaths: describeNetworkInsightsPaths,
  DeleteNetworkInsightsPath: deleteNetworkInsightsPath,
  StartNetworkInsightsAnalysis: startNetworkInsightsAnalysis,
  DescribeNetworkInsightsAnalyses: describeNetworkInsightsAnalyses,
  DeleteNetworkInsightsAnalysis: deleteNetworkInsightsAnalysis,
};
