/**
 * This machine is shared (other builds and tests may run on it), and a benchmark on 2 cores is only as good as
 * the quiet it runs in. So the harness waits for a quiet machine before each load and records how much CPU
 * *other* processes took while it measured, which RESULTS.md shows next to each figure. Linux /proc only.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time, in ms, all CPUs busy since boot (everything but idle and iowait). */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields as number[];
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK_MS;
}

/** CPU time, in ms, one process has used (user + system). */
function processMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export interface CpuWatch {
  /** Share of one core that processes other than `pids` used since the watch began, in %. */
  othersPercent(): number;
  /** CPU ms process `pid` (one of `pids`) used since the watch began. */
  processMs(pid: number): number;
}

export function watchCpu(pids: number[]): CpuWatch {
  const at = performance.now();
  const busy = machineBusyMs();
  const before = new Map(pids.map((pid) => [pid, processMs(pid)]));
  const used = (pid: number) => processMs(pid) - (before.get(pid) ?? 0);
  return {
    othersPercent: () => {
      const others = machineBusyMs() - busy - pids.reduce((sum, pid) => sum + used(pid), 0);
      return Math.max(0, (100 * others) / (performance.now() - at));
    },
    processMs: used,
  };
}

/**
 * Waits until other processes use less than `maxPercent` of one core over a one-second sample, for at most
 * `patienceMs`. Returns the last sample, so a run that could not wait for quiet says so.
 */
export async function waitForQuiet(pids: number[], maxPercent: number, patienceMs: number): Promise<number> {
  const giveUp = performance.now() + patienceMs;
  for (;;) {
    const watch = watchCpu(pids);
    await new Promise((r) => setTimeout(r, 1000));
    const others = watch.othersPercent();
    if (others < maxPercent || performance.now() > giveUp) return others;
  }
}
