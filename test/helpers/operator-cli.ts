/**
 * The operator commands of bin/vpclite as child processes against a test server: one-shot runs with stdin, and a
 * long-running one (`failover watch`) whose output is read line by line as it comes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/vpclite', import.meta.url));

export interface OperatorResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `bin/vpclite ARGS` with `input` on its stdin (closed at once when none). */
export function vpclite(args: string[], input = '', env: Record<string, string> = {}): Promise<OperatorResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The connection options for `account` against `url`. */
export const against = (url: string, account: string, region = 'us-east-1') => [
  '--endpoint', url, '--access-key', account, '--region', region,
];

export interface Running {
  child: ChildProcess;
  /** Resolves once a stderr or stdout line matches. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  done: Promise<OperatorResult>;
}

export function start(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const text = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = text[w.stream].split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', (c: Buffer) => ((text.stdout += c.toString()), check()));
  child.stderr!.on('data', (c: Buffer) => ((text.stderr += c.toString()), check()));
  const done = new Promise<OperatorResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: text.stdout, stderr: text.stderr })),
  );
  return {
    child,
    done,
    waitFor: (pattern, stream = 'stderr') =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, stream, resolve });
        check();
        void done.then((r) => reject(new Error(`exited ${r.code} before ${pattern}: ${r.stderr}`)));
      }),
  };
}
