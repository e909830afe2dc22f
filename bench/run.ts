/**
 * `make bench` / `node dist/bench/run.js [options]`: starts each target in turn (vpclite, moto, the trivial
 * server), runs every chosen workload against it, stops it, prints the tables and, for a full run, rewrites the
 * results block of bench/RESULTS.md. Options are listed in bench/README.md and by --help.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detailTable, machineLines, summaryTable, type Machine, type Results } from './report.js';
import { updateResultsFile } from './results-file.js';
import type { SignerName } from './sign.js';
import { startTarget, type StartOptions, type TargetName } from './targets.js';
import type { Figure, RunSettings, Workload } from './workload.js';
import { workloads } from './workloads/index.js';

const groups = [...new Set(workloads.flatMap((w) => (w.group ? [w.group] : [])))];

const USAGE = `usage: node dist/bench/run.js [options]
  --only a,b          workloads to run, by name or by group (default: all). Groups: ${groups.join(', ')}.
                      Workloads: ${workloads.map((w) => w.name).join(', ')}
  --workload a,b      the same as --only
  --target a,b        targets (default: vpclite,moto,ceiling)
  --duration S        measured seconds per load (default 10)
  --warmup S          unrecorded warm-up seconds per load (default 2)
  --quiet P,S,N       before each measurement wait up to S seconds for other processes to use < P% of a core,
                      and measure again (N times in all) if they used more meanwhile; the least disturbed run
                      is kept (default 15,60,3; the machine may be shared - RESULTS.md shows others' CPU)
  --signer fast|smithy  SigV4 signer of the client (default fast; both sign identically, see bench/sign.ts)
  --profile DIR       run vpclite under node --cpu-prof, profiles written to DIR
  --log-level L       vpclite --log-level (default info: the server as users run it, one log line per request)
  --results FILE      rewrite the results block of FILE (default: bench/RESULTS.md, full runs only)
  --no-results        never write a results file`;

const ALL_TARGETS: TargetName[] = ['vpclite', 'moto', 'ceiling'];
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function list<T extends string>(text: string | undefined, allowed: readonly T[], what: string): T[] {
  if (!text) return [...allowed];
  const chosen = text.split(',').map((s) => s.trim()) as T[];
  const unknown = chosen.filter((c) => !allowed.includes(c));
  if (unknown.length > 0) throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  return chosen;
}

/** `--only eni,startup`: workload names and group names, in the order a full run measures them. */
function chooseWorkloads(text: string | undefined): Workload[] {
  if (!text) return [...workloads];
  const asked = text.split(',').map((s) => s.trim());
  const unknown = asked.filter((a) => !groups.includes(a) && !workloads.some((w) => w.name === a));
  if (unknown.length > 0) {
    throw new Error(`unknown workload or group: ${unknown.join(', ')} (groups: ${groups.join(', ')}; workloads: ${workloads.map((w) => w.name).join(', ')})`);
  }
  return workloads.filter((w) => asked.includes(w.name) || (w.group !== undefined && asked.includes(w.group)));
}

/** What the workloads of one target share (settings.shared); disposed once the target is done. */
class SharedState {
  private readonly values = new Map<string, Promise<unknown>>();
  private readonly disposers: (() => Promise<void>)[] = [];

  get<T>(key: string, build: () => Promise<T>, dispose?: (value: T) => Promise<void>): Promise<T> {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = build();
      this.values.set(key, value);
      if (dispose) this.disposers.push(async () => dispose(await value!));
    }
    return value;
  }

  async dispose(): Promise<void> {
    for (const dispose of this.disposers.reverse()) await dispose().catch(() => undefined);
  }
}

function describeMachine(durationS: number, warmupS: number, signer: SignerName): Machine {
  const quiet = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown CPU',
    node: process.version,
    moto: quiet('python3', ['-c', 'import moto; print(moto.__version__)']),
    vpclite: (JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string }).version,
    commit: quiet('git', ['rev-parse', '--short', 'HEAD']),
    durationS,
    warmupS,
    signer,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      workload: { type: 'string' },
      target: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      quiet: { type: 'string', default: '15,60,3' },
      profile: { type: 'string' },
      signer: { type: 'string', default: 'fast' },
      'log-level': { type: 'string', default: 'info' },
      results: { type: 'string' },
      'no-results': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const chosen = chooseWorkloads(values.only ?? values.workload);
  const targets = list(values.target, ALL_TARGETS, 'target');
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  if (!(durationS > 0) || !(warmupS >= 0)) throw new Error('--duration must be > 0 and --warmup >= 0 seconds');

  const [quietPercent, quietSeconds, attempts] = values.quiet.split(',').map(Number);
  if (!(quietPercent! > 0) || !(quietSeconds! >= 0) || !(attempts! >= 1)) {
    throw new Error('--quiet takes PERCENT,SECONDS,ATTEMPTS, e.g. 15,60,3');
  }
  const signer = values.signer as SignerName;
  if (signer !== 'fast' && signer !== 'smithy') throw new Error('--signer must be fast or smithy');
  const base: StartOptions = { logLevel: values['log-level'] };
  const profiling = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
  const measuredLike = (name: TargetName): StartOptions => ({ ...base, nodeArgs: name === 'vpclite' ? profiling : [] });
  const common: Omit<RunSettings, 'shared'> = {
    durationMs: durationS * 1000,
    warmupMs: warmupS * 1000,
    signer,
    quiet: { maxPercent: quietPercent!, patienceMs: quietSeconds! * 1000, attempts: attempts! },
    start: (name, options) => startTarget(name, { ...base, ...options }),
    startFresh: (name) => startTarget(name, measuredLike(name)),
  };
  const results: Results = new Map(chosen.map((w) => [w, {}]));
  for (const name of targets) {
    const applicable = chosen.filter((w) => name !== 'ceiling' || w.ceiling);
    for (const workload of applicable) {
      const reason = workload.skip?.[name];
      if (reason) results.get(workload)![name] = { errors: {}, note: reason, skipped: true };
    }
    const measured = applicable.filter((w) => !w.skip?.[name]);
    if (measured.length === 0) continue;
    const target = await startTarget(name, measuredLike(name));
    process.stderr.write(`${name}: ready in ${target.readyMs.toFixed(0)} ms (pid ${target.pid}, port ${target.port})\n`);
    const shared = new SharedState();
    const settings: RunSettings = { ...common, shared: (key, build, dispose) => shared.get(key, build, dispose) };
    try {
      for (const workload of measured) {
        await target.reset();
        const started = performance.now();
        // A workload that cannot finish (a population moto did not build in time) leaves a note, not a crash.
        const figure: Figure = await workload.measure(target, settings).catch((error: unknown) => ({
          errors: {},
          note: `not measured: ${error instanceof Error ? error.message : String(error)}`,
        }));
        results.get(workload)![name] = figure;
        const value = figure.value === undefined ? `no result (${figure.note})` : `${figure.value.toFixed(1)} ${workload.unit}`;
        const took = ((performance.now() - started) / 1000).toFixed(0);
        process.stderr.write(`  ${workload.name}: ${value} [${took} s]\n`);
      }
    } finally {
      await shared.dispose();
      await target.stop();
    }
  }

  const machine = describeMachine(durationS, warmupS, signer);
  const generated = [
    machineLines(machine),
    '',
    summaryTable(results),
    '',
    '"vpclite vs moto" is how many times better vpclite does: throughput vpclite ÷ moto, times moto ÷ vpclite.',
    '',
    '<details><summary>Latency and errors per target</summary>',
    '',
    detailTable(results),
    '',
    '</details>',
  ].join('\n');
  process.stdout.write(`\n${generated}\n`);

  const fullRun = chosen.length === workloads.length && targets.length === ALL_TARGETS.length;
  const resultsPath = values.results ?? (fullRun ? `${repoRoot}bench/RESULTS.md` : undefined);
  if (resultsPath && !values['no-results']) {
    updateResultsFile(resultsPath, generated);
    process.stderr.write(`results written to ${resultsPath}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
