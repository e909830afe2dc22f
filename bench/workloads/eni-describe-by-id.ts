/**
 * DescribeNetworkInterfaces with one NetworkInterfaceId at concurrency 8, the caller holding 5,000 ENIs in the
 * region asked (the quota) among a population of 10,000 or 100,000 (eni-population.ts). Each request asks for
 * one of the caller's ENIs at random, so the lookups are not all one hot row. moto is measured at 10,000 only:
 * it creates 60-200 ENIs/s, so 100,000 would take longer than the whole run may.
 */
import { eniPopulation, PROBE_CREDENTIALS } from '../eni-population.js';
import { loadWorkload, type LoadServer, type RunSettings } from '../workload.js';
import type { Target } from '../targets.js';

async function probeServer(target: Target, settings: RunSettings, size: number): Promise<LoadServer<string[]>> {
  // The trivial server answers anything: the ceiling needs no population.
  if (target.name === 'ceiling') return { port: target.port, pid: target.pid, state: ['eni-0123456789abcdef0'] };
  const population = await eniPopulation(target, settings, size);
  return { port: population.server.port, pid: population.server.pid, credentials: PROBE_CREDENTIALS, state: population.probeIds };
}

function byIdWorkload(size: number, name: string, skipMoto?: string) {
  return loadWorkload({
    name,
    title: `DescribeNetworkInterfaces by one id, ${size.toLocaleString('en-US')} ENIs, concurrency 8`,
    concurrency: 8,
    goal: '≥ 4,000 req/s',
    group: 'eni',
    skip: skipMoto ? { moto: skipMoto, ceiling: 'the 10,000 row: the trivial server holds nothing, so its ceiling is the same' } : undefined,
    prepare: (target, settings) => probeServer(target, settings, size),
    operation: (ids) => async (call) => {
      await call({ Action: 'DescribeNetworkInterfaces', 'NetworkInterfaceId.1': ids[Math.floor(Math.random() * ids.length)]! });
    },
  });
}

export const eniDescribeById10k = byIdWorkload(10_000, 'eni-describe-by-id-10k');

export const eniDescribeById100k = byIdWorkload(
  100_000,
  'eni-describe-by-id-100k',
  'not measured: moto creates 60-200 ENIs/s, so a population of 100,000 takes longer than a whole run may; see the 10,000 row',
);
