/**
 * `bin/vpclite serve` as a child process, the way operators and other tools run it: its stdout is collected line
 * by line, its URL read from the one `vpclite listening on http://H:P` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/vpclite', import.meta.url));
const READY = /^vpclite listening on (http:\/\/\S+)$/;

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  /** Sends `signal` and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnServer(args: string[], timeoutMs = 10_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let errText = '';
  let partial = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (c: Buffer) => (errText += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vpclite did not print its ready line within ${timeoutMs} ms: ${errText}`));
    }, timeoutMs);
    const exitedEarly = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`vpclite exited with ${code} before it was ready: ${errText}`));
    };
    child.once('exit', exitedEarly);
    child.stdout!.on('data', (c: Buffer) => {
      const text = partial + c.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const ready = READY.exec(line);
        if (ready) {
          clearTimeout(timer);
          child.off('exit', exitedEarly);
          resolve({
            url: ready[1]!,
            child,
            lines,
            stderr: () => errText,
            stop: (signal = 'SIGTERM') => {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
  });
}
