/**
 * The load generator: `concurrency` workers each repeat one operation (one or more signed calls) back to back
 * on their own keep-alive connection, for a bounded time or a bounded number of operations. Every call's latency
 * and outcome is recorded.
 */
import { errorCode, type BenchClient, type Reply } from './client.js';
import { percentile } from './stats.js';

/** What an operation calls: the client's call(), recorded. */
export type Call = (params: Record<string, string>) => Promise<Reply>;

/** One unit of work, e.g. one DescribeVpcs, or a CreateVpc then its DeleteVpc. `worker` is 0..concurrency-1. */
export type Operation = (call: Call, worker: number) => Promise<void>;

export interface LoadOptions {
  concurrency: number;
  /** Stop starting operations after this long... */
  durationMs?: number;
  /** ...or after this many operations in all, whichever comes first. */
  operations?: number;
}

export interface LoadResult {
  concurrency: number;
  operations: number;
  requests: number;
  elapsedMs: number;
  operationsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Error code (or `HTTP <status>`, or `network <code>`) → count; an operation stops at its first failed call. */
  errors: Record<string, number>;
}

class CallFailed extends Error {}

export async function runLoad(client: Pick<BenchClient, 'call'>, operation: Operation, options: LoadOptions): Promise<LoadResult> {
  if (!options.durationMs && !options.operations) throw new Error('runLoad needs durationMs or operations');
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let started = 0;
  let operations = 0;
  let requests = 0;
  const fail = (code: string) => {
    errors[code] = (errors[code] ?? 0) + 1;
  };
  const call: Call = async (params) => {
    let reply: Reply;
    try {
      reply = await client.call(params);
    } catch (error) {
      fail(`network ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      throw new CallFailed();
    }
    requests += 1;
    latencies.push(reply.ms);
    if (reply.status !== 200) {
      fail(errorCode(reply));
      throw new CallFailed();
    }
    return reply;
  };
  const begin = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : begin + options.durationMs;
  const limit = options.operations ?? Infinity;
  const worker = async (id: number) => {
    while (started < limit && performance.now() < deadline) {
      started += 1;
      try {
        await operation(call, id);
        operations += 1;
      } catch (error) {
        if (!(error instanceof CallFailed)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  const elapsedMs = performance.now() - begin;
  const sorted = Float64Array.from(latencies).sort();
  return {
    concurrency: options.concurrency,
    operations,
    requests,
    elapsedMs,
    operationsPerSecond: (operations * 1000) / elapsedMs,
    requestsPerSecond: (requests * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors,
  };
}

