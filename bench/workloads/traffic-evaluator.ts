/**
 * The pure packet evaluator on one core, in the benchmark process itself (no server, no HTTP): a VPC of 1,000
 * ENIs, 100 security groups of 50 rules and ACLs of 20 entries (bench/traffic-topology.ts), 10,000 seeded
 * packets evaluated round after round - each verdict is the request and its reply. `traffic-verdicts` is the
 * compiled evaluator deciding only (`trace: false`); its note gives the rate with the full trace, the verdicts per
 * CPU-second, and the ratio to `traffic-verdicts-naive`, the linear-scan baseline (bench/naive-evaluator.ts),
 * after checking that both accept the same packets. vpclite only: moto has no evaluator.
 */
import { compileTopology } from '../../src/traffic/compile-topology.js';
import { evaluate } from '../../src/traffic/evaluate.js';
import type { Packet } from '../../src/traffic/verdict.js';
import { waitForQuiet } from '../machine-load.js';
import { naiveVerdict } from '../naive-evaluator.js';
import { benchPackets, benchTopology } from '../traffic-topology.js';
import type { Figure, RunSettings, Workload } from '../workload.js';

const PACKETS = 10_000;
const NOT_AN_EVALUATOR = 'an in-process benchmark of vpclite’s evaluator; moto has none';

interface Rate {
  perSecond: number;
  perCpuSecond: number;
}

/** Runs `round` (one pass over the packets) for `durationMs` after `warmupMs`; verdicts per wall and CPU second. */
function measureRate(round: () => void, count: number, durationMs: number, warmupMs: number): Rate {
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) round();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let verdicts = 0;
  while (performance.now() - started < durationMs) {
    round();
    verdicts += count;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: verdicts / wallSeconds, perCpuSecond: verdicts / ((used.user + used.system) / 1e6) };
}

function setup() {
  const data = benchTopology();
  const topology = compileTopology(data);
  const packets = benchPackets(data, PACKETS);
  return { data, topology, packets };
}

const naiveRound = (data: ReturnType<typeof setup>['data'], packets: Packet[]) => () => {
  for (const packet of packets) naiveVerdict(data, packet);
};

function agreement({ data, topology, packets }: ReturnType<typeof setup>): string {
  let differ = 0;
  for (const packet of packets) {
    const compiled = evaluate(topology, packet, { trace: false });
    const naive = naiveVerdict(data, packet);
    if (compiled.accepted !== naive.accepted || (compiled.reply?.accepted ?? false) !== naive.replied) differ += 1;
  }
  return differ === 0 ? 'same verdicts as the baseline on all packets' : `VERDICTS DIFFER from the baseline on ${differ} packets`;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function quiet(settings: RunSettings): Promise<void> {
  await waitForQuiet([process.pid], settings.quiet.maxPercent, settings.quiet.patienceMs);
}

export const trafficVerdicts: Workload = {
  name: 'traffic-verdicts',
  title: 'Packet verdicts (request + reply) of the compiled evaluator, 1,000 ENIs, 100 SGs × 50 rules, one core',
  unit: 'verdicts/s',
  better: 'higher',
  goal: '≥ 1,000,000/s and ≥ 10× the linear scan',
  ceiling: false,
  group: 'traffic',
  skip: { moto: NOT_AN_EVALUATOR },
  async measure(_target, settings): Promise<Figure> {
    const state = setup();
    const { topology, packets } = state;
    const check = agreement(state);
    await quiet(settings);
    const plain = measureRate(() => {
      for (const packet of packets) evaluate(topology, packet, { trace: false });
    }, packets.length, settings.durationMs, settings.warmupMs);
    const traced = measureRate(() => {
      for (const packet of packets) evaluate(topology, packet);
    }, packets.length, settings.durationMs, settings.warmupMs);
    const naive = measureRate(naiveRound(state.data, packets.slice(0, 500)), 500, Math.min(settings.durationMs, 5000), 500);
    return {
      value: plain.perSecond,
      errors: {},
      note:
        `${fmt(plain.perCpuSecond)} per CPU-second; with the full trace ${fmt(traced.perSecond)}/s; ` +
        `${(plain.perSecond / naive.perSecond).toFixed(0)}× the linear scan (${fmt(naive.perSecond)}/s); ${check}`,
    };
  },
};

export const trafficVerdictsNaive: Workload = {
  name: 'traffic-verdicts-naive',
  title: 'Packet verdicts of the linear-scan baseline (bench/naive-evaluator.ts), same topology, one core',
  unit: 'verdicts/s',
  better: 'higher',
  ceiling: false,
  group: 'traffic',
  skip: { moto: NOT_AN_EVALUATOR },
  async measure(_target, settings): Promise<Figure> {
    const { data, packets } = setup();
    await quiet(settings);
    const sample = packets.slice(0, 500);
    const naive = measureRate(naiveRound(data, sample), sample.length, settings.durationMs, settings.warmupMs);
    return { value: naive.perSecond, errors: {}, note: `${fmt(naive.perCpuSecond)} per CPU-second` };
  },
};
