/**
 * What ENIs cost the server to hold. Memory: the server process's resident memory (VmRSS) on a fresh server
 * after a 3 s settle, empty and then holding the population (eni-population.ts), divided by the ENIs: vpclite
 * at 100,000, moto at 10,000 (it creates 60-200 ENIs/s). For vpclite also the SQLite files (database and WAL) per
 * ENI: its ENIs live on disk, and memory holds only SQLite's bounded page cache and the process itself.
 */
import { eniPopulation, type MemoryPoint } from '../eni-population.js';
import type { TargetName } from '../targets.js';
import type { Workload } from '../workload.js';

const SIZES: Partial<Record<TargetName, number>> = { vpclite: 100_000, moto: 10_000 };
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const fileBytes = (point: MemoryPoint) => Object.values(point.files).reduce((a, b) => a + b, 0);
const perEni = (from: MemoryPoint, to: MemoryPoint, bytes: (p: MemoryPoint) => number) =>
  (bytes(to) - bytes(from)) / (to.enis - from.enis);

export const eniMemory: Workload = {
  name: 'eni-memory',
  title: 'Resident memory growth per ENI (vpclite empty → 100,000; moto empty → 10,000)',
  unit: 'B/ENI',
  better: 'lower',
  goal: '≤ 1 KB/ENI',
  ceiling: false,
  group: 'eni',
  async measure(target, settings) {
    const population = await eniPopulation(target, settings, SIZES[target.name]!);
    const points = population.memory;
    const empty = points[0]!;
    const full = points[points.length - 1]!;
    const rss = (p: MemoryPoint) => p.rssBytes;
    const steps = points.slice(1).map((p, i) => `${mb(p.rssBytes)} at ${p.enis.toLocaleString('en-US')} (${perEni(points[i]!, p, rss).toFixed(0)} B/ENI since ${points[i]!.enis.toLocaleString('en-US')})`);
    return {
      value: perEni(empty, full, rss),
      errors: {},
      note: `RSS ${mb(empty.rssBytes)} empty, ${steps.join(', ')}; built ${population.buildLog.join(', ')}`,
    };
  },
};

export const eniDisk: Workload = {
  name: 'eni-disk',
  title: 'SQLite files per ENI at 100,000 ENIs (database + WAL)',
  unit: 'B/ENI',
  better: 'lower',
  ceiling: false,
  group: 'eni',
  skip: { moto: 'not applicable: moto keeps everything in memory' },
  async measure(target, settings) {
    const population = await eniPopulation(target, settings, 100_000);
    const empty = population.memory[0]!;
    const full = population.memory[population.memory.length - 1]!;
    const files = Object.entries(full.files).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ');
    return { value: perEni(empty, full, fileBytes), errors: {}, note: `${files} (empty: ${mb(fileBytes(empty))})` };
  },
};
