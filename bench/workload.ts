/**
 * What a benchmark is. A workload measures one target and returns one figure; the harness runs it against every
 * target and tabulates. Most workloads are a load (an operation repeated at a concurrency): `loadWorkload` turns
 * a set-up step and an operation into a workload, so a new one is a few lines in bench/workloads/.
 */
import { BenchClient } from './client.js';
import { runLoad, type LoadResult, type Operation } from './load.js';
import { waitForQuiet, watchCpu, type CpuWatch } from './machine-load.js';
import type { SignerName } from './sign.js';
import type { StartOptions, Target, TargetName } from './targets.js';

export interface RunSettings {
  durationMs: number;
  warmupMs: number;
  /** Which SigV4 signer the client uses (sign.ts). */
  signer: SignerName;
  /**
   * Before measuring, wait up to `patienceMs` for other processes to use less than `maxPercent` of a core; if
   * they used more during the measurement, measure again, at most `attempts` times in all.
   */
  quiet: { maxPercent: number; patienceMs: number; attempts: number };
  /** How a workload may start more servers of the target's kind (start-up time). */
  start(name: TargetName, options?: StartOptions): Promise<Target>;
}

export interface Figure {
  /** The headline number in the workload's unit; undefined when nothing succeeded. */
  value?: number;
  p50Ms?: number;
  p99Ms?: number;
  requests?: number;
  concurrency?: number;
  /** CPU time the server process spent per request (independent of how fast the client could go). */
  serverCpuUsPerRequest?: number;
  /** CPU time the load generator (this process) spent per request. */
  clientCpuUsPerRequest?: number;
  /** Share of a core that other processes on the machine used during the measurement, in %. */
  othersCpuPercent?: number;
  errors: Record<string, number>;
  note?: string;
}

export interface Workload {
  /** Identifier on the command line (`--workload describe-vpcs-by-id`). */
  name: string;
  /** One line for the tables. */
  title: string;
  /** Unit of `value`, e.g. `req/s`, `pairs/s`, `ms`. */
  unit: string;
  better: 'higher' | 'lower';
  /** The target the issues set, as text (shown in RESULTS.md). */
  goal?: string;
  /** Whether the trivial server is measured too (only meaningful for request throughput). */
  ceiling: boolean;
  measure(target: Target, settings: RunSettings): Promise<Figure>;
}

export interface LoadWorkloadSpec<S> {
  name: string;
  title: string;
  concurrency: number;
  goal?: string;
  /** `requests` counts every call; `operations` counts whole operations (e.g. a create+delete pair). */
  count?: { unit: string; of: 'requests' | 'operations' };
  /** Runs once before the load (not measured); its result is handed to `operation`. */
  setup?: (client: BenchClient) => Promise<S>;
  operation: (state: S) => Operation;
}

export function loadWorkload<S = undefined>(spec: LoadWorkloadSpec<S>): Workload {
  const count = spec.count ?? { unit: 'req/s', of: 'requests' };

  function toFigure(result: LoadResult, cpu: CpuWatch, serverPid: number): Figure {
    const perRequest = (pid: number) => (cpu.processMs(pid) * 1000) / Math.max(1, result.requests);
    const succeeded = count.of === 'requests' ? result.requests - errorTotal(result.errors) : result.operations;
    return {
      value: succeeded > 0 ? (succeeded * 1000) / result.elapsedMs : undefined,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      requests: result.requests,
      concurrency: spec.concurrency,
      serverCpuUsPerRequest: perRequest(serverPid),
      clientCpuUsPerRequest: perRequest(process.pid),
      othersCpuPercent: cpu.othersPercent(),
      errors: result.errors,
      note: succeeded > 0 ? undefined : `every call failed: ${Object.keys(result.errors).join(', ')}`,
    };
  }

  return {
    name: spec.name,
    title: spec.title,
    unit: count.unit,
    better: 'higher',
    goal: spec.goal,
    ceiling: true,
    async measure(target, settings) {
      const client = new BenchClient(target.port, { maxSockets: spec.concurrency, signer: settings.signer });
      try {
        const state = spec.setup ? await spec.setup(client) : (undefined as S);
        const operation = spec.operation(state);
        const pids = [process.pid, target.pid];
        // On a shared machine a measurement others disturbed is repeated; the least disturbed one is kept.
        let best: Figure | undefined;
        for (let attempt = 0; attempt < settings.quiet.attempts; attempt++) {
          await waitForQuiet(pids, settings.quiet.maxPercent, settings.quiet.patienceMs);
          // Warm-up, not recorded: JIT on both sides, connections opened.
          if (settings.warmupMs > 0) {
            await runLoad(client, operation, { concurrency: spec.concurrency, durationMs: settings.warmupMs });
          }
          const cpu = watchCpu(pids);
          const result = await runLoad(client, operation, { concurrency: spec.concurrency, durationMs: settings.durationMs });
          const figure = toFigure(result, cpu, target.pid);
          if (!best || figure.othersCpuPercent! < best.othersCpuPercent!) best = figure;
          if (figure.othersCpuPercent! <= settings.quiet.maxPercent) break;
        }
        return best!;
      } finally {
        client.close();
      }
    },
  };
}

export const errorTotal = (errors: Record<string, number>): number =>
  Object.values(errors).reduce((a, b) => a + b, 0);
