/** Tables of a run, for the terminal and for bench/RESULTS.md (the same Markdown in both). */
import { errorTotal, type Figure, type Workload } from './workload.js';
import type { TargetName } from './targets.js';

export type Results = Map<Workload, Partial<Record<TargetName, Figure>>>;

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  node: string;
  moto: string;
  vpclite: string;
  commit: string;
  durationS: number;
  warmupS: number;
  signer: string;
}

const grouped = (n: number, digits: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  // Counts (duplicates found) are whole numbers and read best without decimals.
  const digits = Number.isInteger(value) || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${grouped(value, digits)} ${unit}`;
}

/** How many times better vpclite does than moto: throughput vpclite ÷ moto, times moto ÷ vpclite. */
export function advantage(workload: Workload, figures: Partial<Record<TargetName, Figure>>): string {
  const v = figures.vpclite?.value;
  const m = figures.moto?.value;
  if (v === undefined || m === undefined || v === 0 || m === 0) return '—';
  const ratio = workload.better === 'higher' ? v / m : m / v;
  return `${grouped(ratio, ratio >= 10 ? 0 : 1)}×`;
}

function cell(figure: Figure | undefined, workload: Workload): string {
  if (!figure) return 'not run';
  if (figure.skipped) return 'not measured';
  if (figure.value === undefined) return `— (${Object.keys(figure.errors).join(', ') || 'no result'})`;
  return formatValue(figure.value, workload.unit);
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

export function summaryTable(results: Results): string {
  const lines = [
    row(['Workload', 'vpclite', 'moto', 'vpclite vs moto', 'ceiling (trivial server)', 'goal']),
    row(['---', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const [workload, figures] of results) {
    lines.push(
      row([
        workload.title,
        cell(figures.vpclite, workload),
        cell(figures.moto, workload),
        advantage(workload, figures),
        workload.ceiling ? cell(figures.ceiling, workload) : 'n/a',
        workload.goal ?? '',
      ]),
    );
  }
  return lines.join('\n');
}

export function detailTable(results: Results): string {
  const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : n.toFixed(2));
  const lines = [
    row(['Workload', 'target', 'result', 'p50 ms', 'p99 ms', 'requests', 'server CPU µs/req', 'client CPU µs/req', 'others\' CPU', 'errors', 'note']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---']),
  ];
  for (const [workload, figures] of results) {
    for (const [name, figure] of Object.entries(figures) as [TargetName, Figure][]) {
      const errors = errorTotal(figure.errors);
      lines.push(
        row([
          workload.name,
          name,
          cell(figure, workload),
          ms(figure.p50Ms),
          ms(figure.p99Ms),
          figure.requests === undefined ? '' : grouped(figure.requests, 0),
          figure.serverCpuUsPerRequest === undefined ? '' : grouped(figure.serverCpuUsPerRequest, 0),
          figure.clientCpuUsPerRequest === undefined ? '' : grouped(figure.clientCpuUsPerRequest, 0),
          figure.othersCpuPercent === undefined ? '' : `${figure.othersCpuPercent.toFixed(0)}%`,
          errors === 0 ? '0' : Object.entries(figure.errors).map(([code, n]) => `${code} ×${n}`).join(', '),
          figure.note ?? '',
        ]),
      );
    }
  }
  return lines.join('\n');
}

export function machineLines(machine: Machine): string {
  return [
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpus} CPUs (\`nproc\`), ${machine.cpuModel}`,
    `- Node ${machine.node}; moto ${machine.moto}; vpclite ${machine.vpclite} at commit ${machine.commit}`,
    `- Each load: ${machine.warmupS} s unrecorded warm-up, then ${machine.durationS} s measured; every request SigV4-signed (${machine.signer} signer), keep-alive, one connection per worker`,
  ].join('\n');
}
