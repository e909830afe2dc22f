/**
 * A population of ENIs for the read and memory benchmarks, built through the API on a fresh server of its own
 * (so memory growth is measured from empty) and shared by the workloads of one target (settings.shared).
 *
 * vpclite enforces AWS's quota of 5,000 ENIs per account and region (NETWORK_INTERFACES_PER_REGION, an exact
 * counter checked in the create transaction), so a population is made of *slots*, one account in one region
 * holding 5,000 ENIs each, as a large real estate is: slot 0 and 1 are the probe account in us-east-1 and
 * us-west-2 (10,000 ENIs of one account), slots 2-19 nine more accounts in the same two regions (100,000 in all).
 * Slot 0 has a subnet of exactly 100 ENIs (the `subnet-id` filter workload) and a /17 with the other 4,900;
 * the other slots one /17 each. moto gets the same layout, so both servers answer the same requests about the
 * same data (moto keeps one backend per account and region, as vpclite scopes every query by both).
 *
 * Slots are filled several at a time, each from its own account's client, 16 creates in flight in all.
 */
import { NETWORK_INTERFACES_PER_REGION } from '../src/resources/network-interfaces/insert-network-interface.js';
import { BenchClient, xmlValue } from './client.js';
import { runLoad } from './load.js';
import type { Credentials } from './sign.js';
import type { Target, TargetName } from './targets.js';
import type { RunSettings } from './workload.js';

export const ENIS_PER_SLOT = NETWORK_INTERFACES_PER_REGION;
/** ENIs in slot 0's small subnet: what the `subnet-id` filter workload finds. */
export const HUNDRED = 100;
const REGIONS = ['us-east-1', 'us-west-2'];
const SLOTS_AT_ONCE = 4;
const CONCURRENCY_PER_SLOT = 4;
/** moto creates 60-200 ENIs/s: its 10,000 take minutes, and a run must stay bounded. */
const BUILD_CAP_MS: Record<TargetName, number> = { vpclite: 600_000, moto: 420_000, ceiling: 0 };
/** Idle time before reading a server's resident memory, so it reflects what it holds, not what it was doing. */
const SETTLE_MS = 3000;

export function slotCredentials(slot: number): Credentials {
  // A 12-digit access key is that account (vpclite's auth.ts; moto does the same).
  return { accessKeyId: String(100_000_000_001 + Math.floor(slot / 2)), secretAccessKey: 'bench-secret', region: REGIONS[slot % 2]! };
}

/** The caller the read workloads ask as: 5,000 ENIs in us-east-1 (slot 0), 5,000 more in us-west-2 (slot 1). */
export const PROBE_CREDENTIALS = slotCredentials(0);
export const PROBE_ACCOUNT_REGIONS = [slotCredentials(0), slotCredentials(1)];

export interface MemoryPoint {
  enis: number;
  rssBytes: number;
  files: Record<string, number>;
}

export interface EniPopulation {
  server: Target;
  /** ENIs created so far. */
  size: number;
  /** The 100-ENI subnet of slot 0. */
  hundredSubnetId: string;
  /** Ids of slot 0's ENIs (by-id lookups pick among them). */
  probeIds: string[];
  /** Memory and files after a settle: at start (0 ENIs) and after each growth. */
  memory: MemoryPoint[];
  /** Seconds each growth took, e.g. `0→10000 in 8.1 s`. */
  buildLog: string[];
  grow(size: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fillSlot(
  server: Target,
  settings: RunSettings,
  slot: number,
  deadline: number,
  population: EniPopulation,
): Promise<void> {
  const client = new BenchClient(server.port, {
    maxSockets: CONCURRENCY_PER_SLOT,
    signer: settings.signer,
    credentials: slotCredentials(slot),
  });
  try {
    const vpcId = xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId')!;
    const subnet = async (cidr: string) =>
      xmlValue(await client.expect({ Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: cidr }), 'subnetId')!;
    const big = await subnet('10.0.0.0/17');
    const batches: { subnetId: string; count: number }[] = [];
    if (slot === 0) {
      population.hundredSubnetId = await subnet('10.0.255.0/24');
      batches.push({ subnetId: population.hundredSubnetId, count: HUNDRED });
    }
    batches.push({ subnetId: big, count: ENIS_PER_SLOT - (slot === 0 ? HUNDRED : 0) });
    for (const { subnetId, count } of batches) {
      const result = await runLoad(
        client,
        async (call) => {
          const reply = await call({ Action: 'CreateNetworkInterface', SubnetId: subnetId });
          if (slot === 0) population.probeIds.push(xmlValue(reply.body, 'networkInterfaceId')!);
        },
        { concurrency: CONCURRENCY_PER_SLOT, operations: count, durationMs: Math.max(1, deadline - performance.now()) },
      );
      const errors = Object.entries(result.errors);
      if (errors.length > 0) throw new Error(`creating slot ${slot}'s ENIs failed: ${errors.map(([c, n]) => `${c} ×${n}`).join(', ')}`);
      if (result.operations < count) throw new Error(`the population was not built within ${(BUILD_CAP_MS[server.name] / 1000).toFixed(0)} s`);
      population.size += count;
    }
  } finally {
    client.close();
  }
}

async function startPopulation(name: TargetName, settings: RunSettings): Promise<EniPopulation> {
  const server = await settings.startFresh(name);
  await sleep(SETTLE_MS);
  let failure: Error | undefined;
  const population: EniPopulation = {
    server,
    size: 0,
    hundredSubnetId: '',
    probeIds: [],
    memory: [{ enis: 0, rssBytes: server.rssBytes(), files: server.dataFiles() }],
    buildLog: [],
    async grow(size) {
      if (size % ENIS_PER_SLOT !== 0) throw new Error(`a population grows by whole slots of ${ENIS_PER_SLOT}`);
      // A build that failed (or ran out of time) is not tried again by every later workload.
      if (failure) throw failure;
      if (size <= population.size) return;
      const from = population.size;
      const started = performance.now();
      const deadline = started + BUILD_CAP_MS[name];
      const slots = Array.from({ length: (size - from) / ENIS_PER_SLOT }, (_, i) => from / ENIS_PER_SLOT + i);
      for (let i = 0; i < slots.length; i += SLOTS_AT_ONCE) {
        const filled = await Promise.allSettled(
          slots.slice(i, i + SLOTS_AT_ONCE).map((slot) => fillSlot(server, settings, slot, deadline, population)),
        );
        const failed = filled.find((f): f is PromiseRejectedResult => f.status === 'rejected');
        if (failed) {
          failure = failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
          throw failure;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      population.buildLog.push(`${from}→${size} ENIs in ${seconds.toFixed(0)} s (${((size - from) / seconds).toFixed(0)}/s)`);
      await sleep(SETTLE_MS);
      population.memory.push({ enis: size, rssBytes: server.rssBytes(), files: server.dataFiles() });
    },
  };
  return population;
}

/** The target's shared population, grown to `size` ENIs (10,000 or 100,000). */
export async function eniPopulation(target: Target, settings: RunSettings, size: number): Promise<EniPopulation> {
  const population = await settings.shared(
    'eni-population',
    () => startPopulation(target.name, settings),
    (p) => p.server.stop(),
  );
  await population.grow(size);
  return population;
}
