/** Rows of network_insights_analyses (migration 006) and the NetworkInsightsAnalysis shape they answer as. */
import { analysisNotFound } from '../../errors/network-insights.js';
import type { AnalysisStatus, NetworkInsightsAnalysis, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { arnOf } from './arns.js';
import type { AnalysisResult } from './analysis/analyze.js';

export interface AnalysisRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  path_id: string;
  status: string;
  status_message: string;
  path_found: number;
  result: string;
  filter_in_arns: string;
  filter_out_arns: string;
  additional_accounts: string;
  start_date: string;
}

/** Lists kept as JSON text ('' for none). */
export const listText = (values: string[] | undefined): string => (values && values.length > 0 ? JSON.stringify(values) : '');
const listOf = (text: string): string[] | undefined => (text ? (JSON.parse(text) as string[]) : undefined);

export function toNetworkInsightsAnalysis(row: AnalysisRow, tags: Tag[]): NetworkInsightsAnalysis {
  const result = row.result ? (JSON.parse(row.result) as AnalysisResult) : undefined;
  return {
    NetworkInsightsAnalysisId: row.id,
    NetworkInsightsAnalysisArn: arnOf(row.region, row.account, row.id),
    NetworkInsightsPathId: row.path_id,
    FilterInArns: listOf(row.filter_in_arns),
    FilterOutArns: listOf(row.filter_out_arns),
    AdditionalAccounts: listOf(row.additional_accounts),
    StartDate: new Date(row.start_date),
    Status: row.status as AnalysisStatus,
    StatusMessage: row.status_message || undefined,
    NetworkPathFound: row.path_found === -1 ? undefined : row.path_found === 1,
    ForwardPathComponents: result?.forwardPathComponents,
    ReturnPathComponents: result?.returnPathComponents,
    Explanations: result && result.explanations.length > 0 ? result.explanations : undefined,
    Tags: tags,
  };
}

export async function requireAnalysis(ctx: RequestContext, analysisId: string): Promise<AnalysisRow> {
  const row = await ctx.tx.get<AnalysisRow>('SELECT * FROM network_insights_analyses WHERE id = ? AND account = ? AND region = ?', [
    analysisId, ctx.account, ctx.region.name,
  ]);
  if (!row) throw analysisNotFound([analysisId]);
  return row;
}
