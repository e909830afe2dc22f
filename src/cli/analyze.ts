/**
 * `vpclite analyze`: asks a running server's Reachability Analyzer whether a source reaches a destination -
 * CreateNetworkInsightsPath, StartNetworkInsightsAnalysis, then DescribeNetworkInsightsAnalyses until the analysis
 * is no longer `running` - and prints the verdict, the paths and the explanations. Exit status: 0 reachable,
 * 1 not reachable, 2 when the analysis could not be made (bad option, AWS error, no server). The path and the
 * analysis stay on the server, as the console leaves them, for Describe* or a later run to look at. The calls go
 * through the operator commands' connection (the AWS SDK), with this command's own defaults for the endpoint,
 * region and credentials.
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import {
  CreateNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  EC2ServiceException,
  NetworkInsightsAnalysis$,
  StartNetworkInsightsAnalysisCommand,
  type NetworkInsightsAnalysis,
  type Protocol,
} from '@aws-sdk/client-ec2';
import { formatTable, formatText, type Analysis } from './analysis-report.js';
import { connect } from './operator/connection.js';
import { toWireShape } from './wire-shape.js';

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

/** Why the analysis could not be made, as `code: message` (an AWS error's code, or AnalysisFailed). */
export class AnalyzeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalyzeError';
  }
}

const OUTPUTS = ['text', 'json', 'table'];
/** Polls of a `running` analysis before giving up (vpclite finishes at Start; a slower server gets a few seconds). */
const POLLS = 50;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE']);

export const parsePort = (value: string): string => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('a port is a number 0-65535');
  return value;
};

/** An SDK failure as this command reports it: the AWS error code and message, or the server it could not reach. */
function asAnalyzeFailure(error: unknown, endpoint: string): unknown {
  if (error instanceof EC2ServiceException) return new AnalyzeError(error.name, error.message);
  const network = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (network !== undefined && NETWORK_ERRORS.has(network)) return new Error(`cannot reach ${endpoint} (${network})`);
  return error;
}

export async function analyzePath(options: AnalyzeOptions): Promise<number> {
  if (!OUTPUTS.includes(options.output)) throw new InvalidArgumentError(`--output is one of ${OUTPUTS.join(', ')}`);
  const endpoint = options.endpoint ?? process.env.VPCLITE_ENDPOINT ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4599';
  const connection = connect({
    endpoint,
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accessKey: options.accessKey ?? process.env.AWS_ACCESS_KEY_ID ?? 'test',
    secretKey: options.secretKey ?? process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
  });
  try {
    const analysis = await analyze(connection.ec2, options);
    const print = { json: () => `${JSON.stringify(analysis, null, 2)}\n`, table: () => formatTable(analysis), text: () => formatText(analysis) };
    process.stdout.write(print[options.output as keyof typeof print]());
    return analysis.networkPathFound === true ? 0 : 1;
  } catch (error) {
    throw asAnalyzeFailure(error, endpoint);
  } finally {
    connection.close();
  }
}

/** Creates the path, starts the analysis and waits for its end; answers it in the wire shape. */
async function analyze(ec2: ReturnType<typeof connect>['ec2'], options: AnalyzeOptions): Promise<Analysis> {
  const created = await ec2.send(
    new CreateNetworkInsightsPathCommand({
      Source: options.source,
      Destination: options.destination,
      Protocol: options.protocol as Protocol,
      DestinationPort: options.port === undefined ? undefined : Number(options.port),
      SourceIp: options.sourceIp,
      DestinationIp: options.destinationIp,
      ClientToken: randomUUID(),
    }),
  );
  const pathId = created.NetworkInsightsPath?.NetworkInsightsPathId;
  const started = await ec2.send(new StartNetworkInsightsAnalysisCommand({ NetworkInsightsPathId: pathId, ClientToken: randomUUID() }));
  const analysisId = started.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId;
  let analysis: NetworkInsightsAnalysis = {};
  for (let poll = 0; poll < POLLS; poll++) {
    const described = await ec2.send(new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: analysisId ? [analysisId] : [] }));
    analysis = described.NetworkInsightsAnalyses?.[0] ?? {};
    if (analysis.Status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (analysis.Status !== 'succeeded') throw new AnalyzeError('AnalysisFailed', `analysis ${analysisId} ended ${analysis.Status}: ${analysis.StatusMessage ?? ''}`);
  return toWireShape(analysis, NetworkInsightsAnalysis$) as Analysis;
}
