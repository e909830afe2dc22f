/**
 * Listing every ENI of an account: DescribeNetworkInterfaces with MaxResults=1000, following NextToken, in each
 * region the account uses (a quota of 5,000 per region means an account's 10,000 ENIs live in two, as the AWS
 * CLI or a console would list them: region after region). The figure is the wall time of the whole listing.
 * moto 5.2.1 ignores MaxResults and answers each region in one page; it gets one listing, capped at 300 s.
 */
import { BenchClient } from '../client.js';
import { eniPopulation, PROBE_ACCOUNT_REGIONS } from '../eni-population.js';
import { listAll } from '../eni-xml.js';
import { waitForQuiet, watchCpu } from '../machine-load.js';
import { median } from '../stats.js';
import type { Figure, Workload } from '../workload.js';

const SIZE = 10_000;
const LISTINGS = 5;
const MOTO_CAP_MS = 300_000;

interface FullListing {
  ms: number;
  enis: number;
  pages: number;
  complete: boolean;
}

async function listAccount(clients: BenchClient[], capMs: number): Promise<FullListing> {
  const started = performance.now();
  const total: FullListing = { ms: 0, enis: 0, pages: 0, complete: true };
  for (const client of clients) {
    const left = capMs - (performance.now() - started);
    if (left <= 0) {
      total.complete = false;
      break;
    }
    const listing = await listAll(client, { MaxResults: '1000' }, { deadlineMs: left });
    total.enis += listing.enis;
    total.pages += listing.pages;
    total.complete &&= listing.complete;
  }
  total.ms = performance.now() - started;
  return total;
}

export const eniList: Workload = {
  name: 'eni-list',
  title: "List an account's 10,000 ENIs in pages of 1,000 (wall time)",
  unit: 'ms',
  better: 'lower',
  goal: '< 1,000 ms',
  ceiling: false,
  group: 'eni',
  async measure(target, settings) {
    const population = await eniPopulation(target, settings, SIZE);
    const server = population.server;
    const clients = PROBE_ACCOUNT_REGIONS.map(
      (credentials) => new BenchClient(server.port, { maxSockets: 1, signer: settings.signer, credentials }),
    );
    try {
      const moto = target.name === 'moto';
      const pids = [process.pid, server.pid];
      if (!moto) await listAccount(clients, Infinity); // warm-up, unrecorded
      await waitForQuiet(pids, settings.quiet.maxPercent, settings.quiet.patienceMs);
      const cpu = watchCpu(pids);
      const listings: FullListing[] = [];
      for (let i = 0; i < (moto ? 1 : LISTINGS); i++) listings.push(await listAccount(clients, moto ? MOTO_CAP_MS : Infinity));
      const requests = listings.reduce((n, l) => n + l.pages, 0);
      const last = listings[listings.length - 1]!;
      const figure: Figure = {
        value: median(listings.map((l) => l.ms)),
        requests,
        serverCpuUsPerRequest: (cpu.processMs(server.pid) * 1000) / requests,
        clientCpuUsPerRequest: (cpu.processMs(process.pid) * 1000) / requests,
        othersCpuPercent: cpu.othersPercent(),
        errors: {},
      };
      if (!last.complete) {
        // Cut at the cap: the time for what was listed, scaled to the whole account (clearly an estimate).
        const estimate = (last.ms * SIZE) / Math.max(1, last.enis);
        figure.value = estimate;
        figure.note = `capped at ${MOTO_CAP_MS / 1000} s after ${last.enis.toLocaleString('en-US')} ENIs; value extrapolated linearly to 10,000`;
      } else if (last.enis !== SIZE) {
        throw new Error(`the listing found ${last.enis} ENIs, expected ${SIZE}`);
      } else {
        figure.note = moto
          ? `one listing: ${last.pages} pages (moto ignores MaxResults and answers each region in one page)`
          : `median of ${LISTINGS} listings (${listings.map((l) => l.ms.toFixed(0)).join('/')} ms), ${last.pages} pages each`;
      }
      return figure;
    } finally {
      for (const client of clients) client.close();
    }
  },
};
