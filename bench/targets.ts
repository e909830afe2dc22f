/**
 * The servers a run measures, each started by the harness as its own process on a free loopback port, waited for
 * until it answers, and stopped at the end: vpclite, moto, and a trivial Node server (the ceiling: what the
 * signed client and node:http reach on this machine when the server does no work at all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type TargetName = 'vpclite' | 'moto' | 'ceiling';

export interface Target {
  name: TargetName;
  port: number;
  pid: number;
  /** Milliseconds from spawn until the readiness probe first answered. */
  readyMs: number;
  /** Empties the target's state between workloads. */
  reset(): Promise<void>;
  /** Resident memory of the server process now (Linux /proc). */
  rssBytes(): number;
  /** Bytes of the files in the server's data directory now (vpclite's SQLite database and WAL), by file name. */
  dataFiles(): Record<string, number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra node flags for vpclite, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** vpclite's --log-level (info, as users run it: one log line per request). */
  logLevel?: string;
  /** Extra vpclite serve flags, e.g. `--auth strict --credentials FILE`. */
  serveArgs?: string[];
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One plain HTTP request; resolves with the status, rejects when nothing answers. */
export function httpStatus(port: number, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ProcessSpec {
  name: TargetName;
  command: string;
  args: (port: number, dataDir: string) => string[];
  /** A GET whose first answer means ready, and whether it must be a 200. */
  probe: string;
  reset?: string;
}

const spawnedTargets = new Set<ChildProcess>();
/** If the harness dies, its servers die with it rather than linger on their ports. */
process.once('exit', () => {
  for (const child of spawnedTargets) child.kill('SIGKILL');
});

async function launch(spec: ProcessSpec): Promise<Target> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `vpclite-bench-${spec.name}-`));
  const logPath = join(dir, 'server.log');
  const log = openSync(logPath, 'w');
  const started = performance.now();
  // Output goes to a file, not a pipe: moto logs every request and the harness must not spend CPU reading it.
  const child = spawn(spec.command, spec.args(port, join(dir, 'data')), { cwd: repoRoot, stdio: ['ignore', log, log] });
  closeSync(log);
  spawnedTargets.add(child);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const tail = () => readFileSync(logPath, 'utf8').slice(-2000);
  const deadline = started + 60_000;
  let readyMs = 0;
  for (;;) {
    if (exited) throw new Error(`${spec.name} exited before answering:\n${tail()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer ${spec.probe} within 60 s:\n${tail()}`);
    }
    const status = await httpStatus(port, 'GET', spec.probe).catch(() => 0);
    if (status === 200) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return {
    name: spec.name,
    port,
    pid: child.pid!,
    readyMs,
    reset: async () => {
      if (!spec.reset) return;
      const status = await httpStatus(port, 'POST', spec.reset);
      if (status !== 200) throw new Error(`${spec.name} reset answered ${status}`);
    },
    dataFiles: () => {
      const data = join(dir, 'data');
      const files: Record<string, number> = {};
      try {
        for (const name of readdirSync(data)) files[name] = statSync(join(data, name)).size;
      } catch {
        // moto and the trivial server keep nothing on disk.
      }
      return files;
    },
    rssBytes: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : NaN;
    },
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      }
      spawnedTargets.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startTarget(name: TargetName, options: StartOptions = {}): Promise<Target> {
  switch (name) {
    case 'vpclite':
      return launch({
        name,
        command: process.execPath,
        args: (port, data) => [
          ...(options.nodeArgs ?? []),
          'bin/vpclite', 'serve', '--port', String(port), '--data', data, '--log-level', options.logLevel ?? 'info',
          ...(options.serveArgs ?? []),
        ],
        probe: '/_vpclite/health',
        reset: '/_vpclite/reset',
      });
    case 'moto':
      return launch({
        name,
        command: 'python3',
        args: (port) => ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
        probe: '/',
        reset: '/moto-api/reset',
      });
    case 'ceiling':
      return launch({
        name,
        command: process.execPath,
        args: (port) => [fileURLToPath(new URL('./trivial-server.js', import.meta.url)), String(port)],
        probe: '/',
      });
  }
}
