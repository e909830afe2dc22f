/**
 * The CloudWatch Logs API subset served on the EC2 endpoint's port (JSON 1.1 protocol: POST with
 * `X-Amz-Target: Logs_20140328.<Action>` and a JSON body), so flow logs delivered to `cloud-watch-logs` are read
 * with `aws logs …` and boto3's logs client. Identity comes from the SigV4 scope as on the EC2 endpoint (with
 * `--auth strict` the scope must name the `logs` service). Reads first deliver the caller's flow log windows the
 * clock has closed, so a reader sees every record that is due.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import { logsAuthError, serializationException, unknownLogsOperation } from '../errors/logs.js';
import { flushFlowLogs } from '../flow-logs/flush.js';
import { authenticate, type AuthOptions } from '../gateway/auth.js';
import type { Store } from '../store/store.js';
import { filterLogEvents, getLogEvents } from './log-event-actions.js';
import { createLogGroup, deleteLogGroupAction, describeLogGroups } from './log-group-actions.js';
import { describeLogStreams } from './log-stream-actions.js';
import type { LogsAction, LogsInput } from './logs-request.js';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';
export const LOGS_CONTENT_TYPE = 'application/x-amz-json-1.1';

const ACTIONS: Record<string, { run: LogsAction; reads: boolean }> = {
  CreateLogGroup: { run: createLogGroup, reads: false },
  DeleteLogGroup: { run: deleteLogGroupAction, reads: false },
  DescribeLogGroups: { run: describeLogGroups, reads: true },
  DescribeLogStreams: { run: describeLogStreams, reads: true },
  GetLogEvents: { run: getLogEvents, reads: true },
  FilterLogEvents: { run: filterLogEvents, reads: true },
};

export interface LogsRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface LogsResponse {
  status: number;
  body: string;
  requestId: string;
  action: string;
  errorCode?: string;
}

export interface LogsEndpointOptions {
  store: Store;
  auth: AuthOptions;
  clock: () => Date;
  /**
   * The time signatures are checked against (RequestExpired): the real one, since clients sign with their own
   * clocks, which POST /_vpclite/clock does not move. Defaults to `clock`.
   */
  signatureClock?: () => Date;
  /** Where flow logs with `s3` destinations are written when a read delivers them. */
  s3Dir?: string;
  onInternalError: (error: unknown, requestId: string) => void;
}

/** True when a request is for this endpoint rather than EC2's. */
export function isLogsRequest(headers: IncomingHttpHeaders): boolean {
  const target = headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(LOGS_TARGET_PREFIX);
}

function parseBody(body: Buffer): LogsInput {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw serializationException();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serializationException();
  return value as LogsInput;
}

/** Drops undefined members, as the JSON protocol omits absent ones. */
const toJson = (output: Record<string, unknown>): string => JSON.stringify(output, (_k, v: unknown) => v ?? undefined);

export class LogsEndpoint {
  constructor(private readonly options: LogsEndpointOptions) {}

  async handle(request: LogsRequest): Promise<LogsResponse> {
    const requestId = randomUUID();
    const target = String(request.headers['x-amz-target'] ?? '');
    const action = target.slice(LOGS_TARGET_PREFIX.length);
    try {
      const q = request.url.indexOf('?');
      const now = this.options.clock();
      const signedAt = (this.options.signatureClock ?? this.options.clock)();
      let identity;
      try {
        identity = authenticate(
          this.options.auth,
          {
            method: request.method,
            path: q === -1 ? request.url : request.url.slice(0, q),
            query: q === -1 ? '' : request.url.slice(q + 1),
            headers: request.headers,
            body: request.body,
          },
          signedAt,
          'logs',
        );
      } catch (error) {
        throw error instanceof AwsError ? logsAuthError(error) : error;
      }
      const entry = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!entry) throw unknownLogsOperation(target);
      const input = parseBody(request.body);
      const scope = { account: identity.account, region: identity.region.name };
      if (entry.reads) await flushFlowLogs(this.options.store, now, { s3Dir: this.options.s3Dir, scope });
      const work = (tx: Parameters<Parameters<Store['read']>[0]>[0]) => entry.run({ tx, scope, now }, input);
      const output = entry.reads ? await this.options.store.read(work) : await this.options.store.write(work);
      return { status: 200, body: toJson(output), requestId, action };
    } catch (error) {
      const aws = error instanceof AwsError ? error : undefined;
      if (!aws) this.options.onInternalError(error, requestId);
      const code = aws?.code ?? 'ServiceUnavailableException';
      const status = aws ? aws.status : 500;
      const message = aws?.message ?? 'An internal error occurred.';
      return { status, body: JSON.stringify({ __type: code, message }), requestId, action, errorCode: code };
    }
  }
}
