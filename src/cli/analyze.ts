/**
 * `vpclite analyze`: asks a running server's Reachability Analyzer whether a source reaches a destination -
 * CreateNetworkInsightsPath, StartNetworkInsightsAnalysis, then DescribeNetworkInsightsAnalyses until the analysis
 * is no longer `running` - and prints the verdict, the paths and the explanations. Exit status: 0 reachable,
 * 1 not reachable, 2 when the analysis could not be made (bad option, AWS error, no server). The path and the
 * analysis stay on the server, as the console leaves them, for Describe* or a later run to look at.
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { normalize, formatTable, formatText, type Analysis } from './analysis-report.js';
import { callEc2, Ec2Error, type Ec2Endpoint } from './ec2-query.js';

export interface AnalyzeOptions {
  endpoint?: string;
  source: string;
  destination?: string;
  protocol: string;
  port?: string;
  sourceIp?: string;
  destinationIp?: string;
  region?: string;
  accessKey?: string;
  secretKey?: string;
  output: string;
}

const OUTPUTS = ['text', 'json', 'table'];
/** Polls of a `running` analysis before giving up (vpclite finishes at Start; a slower server gets a few seconds). */
const POLLS = 50;

export const parsePort = (value: string): string => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('a port is a number 0-65535');
  return value;
};

export async function analyzePath(options: AnalyzeOptions): Promise<number> {
  if (!OUTPUTS.includes(options.output)) throw new InvalidArgumentError(`--output is one of ${OUTPUTS.join(', ')}`);
  const endpoint: Ec2Endpoint = {
    url: options.endpoint ?? process.env.VPCLITE_ENDPOINT ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4599',
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accessKeyId: options.accessKey ?? process.env.AWS_ACCESS_KEY_ID ?? 'test',
    secretAccessKey: options.secretKey ?? process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
  };
  const created = await callEc2(endpoint, 'CreateNetworkInsightsPath', {
    Source: options.source,
    Destination: options.destination,
    Protocol: options.protocol,
    DestinationPort: options.port,
    SourceIp: options.sourceIp,
    DestinationIp: options.destinationIp,
    ClientToken: randomUUID(),
  });
  const pathId = String((created.networkInsightsPath as Record<string, unknown>).networkInsightsPathId);
  const started = await callEc2(endpoint, 'StartNetworkInsightsAnalysis', { NetworkInsightsPathId: pathId, ClientToken: randomUUID() });
  const analysisId = String((started.networkInsightsAnalysis as Record<string, unknown>).networkInsightsAnalysisId);
  let analysis: Analysis = {};
  for (let poll = 0; poll < POLLS; poll++) {
    const described = normalize(await callEc2(endpoint, 'DescribeNetworkInsightsAnalyses', { 'NetworkInsightsAnalysisId.1': analysisId })) as Analysis;
    analysis = (described.networkInsightsAnalysisSet as Analysis[] | undefined)?.[0] ?? {};
    if (analysis.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (analysis.status !== 'succeeded') throw new Ec2Error('AnalysisFailed', `analysis ${analysisId} ended ${analysis.status}: ${analysis.statusMessage ?? ''}`);
  const print = { json: () => `${JSON.stringify(analysis, null, 2)}\n`, table: () => formatTable(analysis), text: () => formatText(analysis) };
  process.stdout.write(print[options.output as keyof typeof print]());
  return analysis.networkPathFound === true ? 0 : 1;
}
