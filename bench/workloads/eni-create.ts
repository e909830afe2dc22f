/**
 * CreateNetworkInterface at concurrency 16 in one subnet, and whether any private address was handed out twice.
 * Each round is a fresh account with one /16 subnet (65,531 addresses), filled with as many ENIs as the quota of
 * 5,000 per account and region allows (vpclite enforces it; moto does not, and gets 2,000: it creates 60-200/s).
 * vpclite commits each ENI before answering, so every counted ENI is durable when answered. Duplicates are
 * counted twice: among the addresses the create answers gave, and among the ENIs the server lists afterwards.
 * One measurement serves two workloads (the rate and the duplicates), shared per target.
 */
import { BenchClient, xmlValue } from '../client.js';
import { ENIS_PER_SLOT } from '../eni-population.js';
import { duplicateAddresses, listAll } from '../eni-xml.js';
import { runLoad, type LoadResult } from '../load.js';
import { waitForQuiet, watchCpu } from '../machine-load.js';
import { median } from '../stats.js';
import type { Target, TargetName } from '../targets.js';
import type { Figure, RunSettings, Workload } from '../workload.js';

const CONCURRENCY = 16;

interface Plan {
  rounds: number;
  enisPerRound: number;
  /** Unrecorded creates in an account of their own first (JIT, connections). */
  warmup: number;
  /** Most a round may take, and a listing afterwards. */
  capMs: number;
  /** Whether a round others disturbed is run again (moto's figure is too far off for noise to matter). */
  repeatDisturbed: boolean;
}

const PLANS: Partial<Record<TargetName, Plan>> = {
  vpclite: { rounds: 3, enisPerRound: ENIS_PER_SLOT, warmup: 1000, capMs: 60_000, repeatDisturbed: true },
  moto: { rounds: 1, enisPerRound: 2000, warmup: 100, capMs: 60_000, repeatDisturbed: false },
};

interface Round {
  result: LoadResult;
  othersPercent: number;
  serverMs: number;
  clientMs: number;
  answerDuplicates: number;
  /** Undefined when listing the subnet did not finish in time. */
  listedDuplicates?: number;
  listed: number;
}

interface CreateRun {
  rate: Figure;
  duplicates: Figure;
}

const roundCredentials = (round: number) => ({
  accessKeyId: String(200_000_000_000 + round),
  secretAccessKey: 'bench-secret',
  region: 'us-east-1',
});

async function createRound(target: Target, settings: RunSettings, round: number, plan: Plan, enis: number): Promise<Round> {
  const client = new BenchClient(target.port, { maxSockets: CONCURRENCY, signer: settings.signer, credentials: roundCredentials(round) });
  try {
    const vpcId = xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId')!;
    const subnetId = xmlValue(await client.expect({ Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: '10.0.0.0/16' }), 'subnetId')!;
    const pids = [process.pid, target.pid];
    await waitForQuiet(pids, settings.quiet.maxPercent, settings.quiet.patienceMs);
    const addresses: string[] = [];
    const cpu = watchCpu(pids);
    const result = await runLoad(
      client,
      async (call) => {
        const reply = await call({ Action: 'CreateNetworkInterface', SubnetId: subnetId });
        addresses.push(xmlValue(reply.body, 'privateIpAddress')!);
      },
      { concurrency: CONCURRENCY, operations: enis, durationMs: plan.capMs },
    );
    const measured = { othersPercent: cpu.othersPercent(), serverMs: cpu.processMs(target.pid), clientMs: cpu.processMs(process.pid) };
    const listing = await listAll(
      client,
      { 'Filter.1.Name': 'subnet-id', 'Filter.1.Value.1': subnetId, MaxResults: '1000' },
      { deadlineMs: plan.capMs, keepAddresses: true },
    );
    return {
      result,
      ...measured,
      answerDuplicates: duplicateAddresses(addresses.length, addresses),
      listedDuplicates: listing.complete ? duplicateAddresses(listing.enis, listing.addresses) : undefined,
      listed: listing.enis,
    };
  } finally {
    client.close();
  }
}

async function measureCreates(target: Target, settings: RunSettings): Promise<CreateRun> {
  const plan = PLANS[target.name]!;
  await createRound(target, settings, 0, plan, plan.warmup);
  // On a shared machine a disturbed round is repeated (in a fresh account); the least disturbed rounds are kept.
  const rounds: Round[] = [];
  const most = plan.rounds + (plan.repeatDisturbed ? settings.quiet.attempts - 1 : 0);
  for (let round = 1; round <= most; round++) {
    rounds.push(await createRound(target, settings, round, plan, plan.enisPerRound));
    if (rounds.filter((r) => r.othersPercent <= settings.quiet.maxPercent).length >= plan.rounds) break;
  }
  const kept = [...rounds].sort((a, b) => a.othersPercent - b.othersPercent).slice(0, plan.rounds);
  const created = kept.reduce((n, r) => n + r.result.operations, 0);
  const requests = kept.reduce((n, r) => n + r.result.requests, 0);
  const elapsedMs = kept.reduce((n, r) => n + r.result.elapsedMs, 0);
  const errors: Record<string, number> = {};
  for (const r of kept) for (const [code, n] of Object.entries(r.result.errors)) errors[code] = (errors[code] ?? 0) + n;
  const perRequest = (ms: number) => (ms * 1000) / Math.max(1, requests);
  const rates = kept.map((r) => r.result.operationsPerSecond.toFixed(0)).join('/');
  const answerDuplicates = kept.reduce((n, r) => n + r.answerDuplicates, 0);
  const listingsComplete = kept.every((r) => r.listedDuplicates !== undefined);
  const listedDuplicates = kept.reduce((n, r) => n + (r.listedDuplicates ?? 0), 0);
  const listed = kept.reduce((n, r) => n + r.listed, 0);
  const shortRounds = kept.filter((r) => r.result.operations < plan.enisPerRound).length;
  return {
    rate: {
      value: created > 0 ? (created * 1000) / elapsedMs : undefined,
      p50Ms: median(kept.map((r) => r.result.p50Ms)),
      p99Ms: Math.max(...kept.map((r) => r.result.p99Ms)),
      requests,
      concurrency: CONCURRENCY,
      serverCpuUsPerRequest: perRequest(kept.reduce((n, r) => n + r.serverMs, 0)),
      clientCpuUsPerRequest: perRequest(kept.reduce((n, r) => n + r.clientMs, 0)),
      othersCpuPercent: kept.reduce((n, r) => n + r.othersPercent * r.result.elapsedMs, 0) / elapsedMs,
      errors,
      note:
        `${kept.length} round${kept.length > 1 ? 's' : ''} of ${plan.enisPerRound.toLocaleString('en-US')} ENIs, each a fresh ` +
        `account's /16: ${rates} ENIs/s` +
        (shortRounds > 0 ? `; ${shortRounds} round(s) stopped at the ${plan.capMs / 1000} s cap` : ''),
    },
    duplicates: {
      value: listingsComplete ? Math.max(answerDuplicates, listedDuplicates) : answerDuplicates,
      errors: {},
      note:
        `${answerDuplicates} among ${created.toLocaleString('en-US')} create answers; ` +
        (listingsComplete
          ? `${listedDuplicates} among the ${listed.toLocaleString('en-US')} ENIs listed afterwards`
          : `listing the ENIs afterwards did not finish within ${plan.capMs / 1000} s`),
    },
  };
}

function createWorkload(spec: Pick<Workload, 'name' | 'title' | 'unit' | 'better' | 'goal'>, pick: (run: CreateRun) => Figure): Workload {
  return {
    ...spec,
    ceiling: false,
    group: 'eni',
    async measure(target, settings) {
      return pick(await settings.shared('eni-create', () => measureCreates(target, settings)));
    },
  };
}

export const eniCreate = createWorkload(
  { name: 'eni-create', title: 'CreateNetworkInterface in one subnet, concurrency 16', unit: 'ENIs/s', better: 'higher', goal: '≥ 2,000/s' },
  (run) => run.rate,
);

export const eniCreateDuplicates = createWorkload(
  {
    name: 'eni-create-duplicates',
    title: 'Private IPs handed out twice by those creates',
    unit: 'duplicates',
    better: 'lower',
    goal: '0',
  },
  (run) => run.duplicates,
);
