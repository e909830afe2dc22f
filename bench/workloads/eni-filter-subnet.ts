/**
 * DescribeNetworkInterfaces with `Filter.1.Name=subnet-id` naming a subnet of exactly 100 ENIs, the caller holding
 * 5,000 in the region among 10,000 (eni-population.ts), at concurrency 8. moto answers it in about 1.5 s, so moto
 * gets a bounded attempt: 20 requests or 30 s, whichever comes first.
 */
import { expectedCount } from '../eni-xml.js';
import { eniPopulation, HUNDRED, PROBE_CREDENTIALS } from '../eni-population.js';
import { loadWorkload } from '../workload.js';
import { BenchClient } from '../client.js';

const filter = (subnetId: string) => ({ Action: 'DescribeNetworkInterfaces', 'Filter.1.Name': 'subnet-id', 'Filter.1.Value.1': subnetId });

export const eniFilterSubnet = loadWorkload({
  name: 'eni-filter-subnet',
  title: 'DescribeNetworkInterfaces, filter subnet-id (100 hits), 10,000 ENIs, concurrency 8',
  concurrency: 8,
  goal: '≥ 1,000 req/s',
  group: 'eni',
  bounds: { moto: { operations: 20, durationMs: 30_000, warmupMs: 0, attempts: 1 } },
  prepare: async (target, settings) => {
    if (target.name === 'ceiling') return { port: target.port, pid: target.pid, state: 'subnet-0123456789abcdef0' };
    const population = await eniPopulation(target, settings, 10_000);
    const server = population.server;
    // The figure only means something if the answer is the 100 ENIs.
    const client = new BenchClient(server.port, { maxSockets: 1, signer: settings.signer, credentials: PROBE_CREDENTIALS });
    try {
      expectedCount(await client.expect(filter(population.hundredSubnetId)), HUNDRED);
    } finally {
      client.close();
    }
    return { port: server.port, pid: server.pid, credentials: PROBE_CREDENTIALS, state: population.hundredSubnetId };
  },
  operation: (subnetId) => async (call) => {
    await call(filter(subnetId));
  },
});
