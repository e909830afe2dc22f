/**
 * What a benchmark is. A workload measures one target and returns one figure; the harness runs it against every
 * target and tabulates. Most workloads are a load (an operation repeated at a concurrency): `loadWorkload` turns
 * a set-up step and an operation into a workload, so a new one is a few lines in bench/workloads/.
 */
import { BenchClient } from './client.js';
import { runLoad, type LoadResult, type Operation } from './load.js';
import { waitForQuiet, watchCpu, type CpuWatch } from './machine-load.js';
import type { Credentials, SignerName } from './sign.js';
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
  /**
   * A fresh, empty server started as the measured one is (same log level, and under the profiler when the run
   * profiles): for workloads that need a server of their own, e.g. memory growth from empty.
   */
  startFresh(name: TargetName): Promise<Target>;
  /**
   * State several workloads of one target share (a population of 10,000 ENIs takes moto minutes to build): the
   * first workload that asks for `key` builds it, later ones get the same value; `dispose` runs when the
   * target's workloads are done. Run alone, a workload builds what it needs itself.
   */
  shared<T>(key: string, build: () => Promise<T>, dispose?: (value: T) => Promise<void>): Promise<T>;
}

/** Limits that replace the run's for one target: moto's slow paths get a bounded number of requests or seconds. */
export interface Bounds {
  durationMs?: number;
  operations?: number;
  warmupMs?: number;
  attempts?: number;
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
  /** Not measured on this target on purpose (the note says why). */
  skipped?: boolean;
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
  /** A family `--only` can name as a whole, e.g. `eni`. */
  group?: string;
  /** Targets deliberately not measured, with the reason RESULTS.md shows. */
  skip?: Partial<Record<TargetName, string>>;
  measure(target: Target, settings: RunSettings): Promise<Figure>;
}

/** Where a load goes when it is not the measured target itself with the default credentials. */
export interface LoadServer<S> {
  port: number;
  pid: number;
  credentials?: Credentials;
  state: S;
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
  /**
   * Instead of `setup`: chooses the server, the caller's credentials and the state, e.g. a shared population on
   * a server of its own (`settings.shared`). Also called for the ceiling, which answers anything.
   */
  prepare?: (target: Target, settings: RunSettings) => Promise<LoadServer<S>>;
  operation: (state: S) => Operation;
  group?: string;
  skip?: Partial<Record<TargetName, string>>;
  /** Per-target limits replacing the run's duration, warm-up and attempts (moto's slow paths). */
  bounds?: Partial<Record<TargetName, Bounds>>;
}

export function loadWorkload<S = undefined>(spec: LoadWorkloadSpec<S>): Workload {
  const count = spec.count ?? { unit: 'req/s', of: 'requests' };

  function toFigure(result: LoadResult, cpu: CpuWatch, serverPid: number, note: string | undefined): Figure {
    // Operations that do not go through call() (JSON endpoints) count as one request each.
    const perRequest = (pid: number) => (cpu.processMs(pid) * 1000) / Math.max(1, result.requests || result.operations);
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
      note: succeeded > 0 ? note : `every call failed: ${Object.keys(result.errors).join(', ')}`,
    };
  }

  return {
    name: spec.name,
    title: spec.title,
    unit: count.unit,
    better: 'higher',
    goal: spec.goal,
    ceiling: true,
    group: spec.group,
    skip: spec.skip,
    async measure(target, settings) {
      const server: LoadServer<S | undefined> = spec.prepare
        ? await spec.prepare(target, settings)
        : { port: target.port, pid: target.pid, state: undefined };
      const client = new BenchClient(server.port, {
        maxSockets: spec.concurrency,
        signer: settings.signer,
        credentials: server.credentials,
      });
      const bounds = spec.bounds?.[target.name];
      const durationMs = bounds?.durationMs ?? settings.durationMs;
      const warmupMs = bounds?.warmupMs ?? settings.warmupMs;
      const note = bounds
        ? `bounded: ${[bounds.operations && `${bounds.operations} requests`, `${durationMs / 1000} s`].filter(Boolean).join(' or ')}, whichever came first`
        : undefined;
      try {
        const state = spec.prepare ? (server.state as S) : spec.setup ? await spec.setup(client) : (undefined as S);
        const operation = spec.operation(state);
        const pids = [process.pid, server.pid];
        // On a shared machine a measurement others disturbed is repeated; the least disturbed one is kept.
        let best: Figure | undefined;
        for (let attempt = 0; attempt < (bounds?.attempts ?? settings.quiet.attempts); attempt++) {
          await waitForQuiet(pids, settings.quiet.maxPercent, settings.quiet.patienceMs);
          // Warm-up, not recorded: JIT on both sides, connections opened.
          if (warmupMs > 0) {
            await runLoad(client, operation, { concurrency: spec.concurrency, durationMs: warmupMs });
          }
          const cpu = watchCpu(pids);
          const result = await runLoad(client, operation, {
            concurrency: spec.concurrency,
            durationMs,
            operations: bounds?.operations,
          });
          const figure = toFigure(result, cpu, server.pid, note);
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
