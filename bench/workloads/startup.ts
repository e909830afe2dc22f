/**
 * Start-up: a fresh server process each time (new empty data directory), from spawn until (a) its readiness
 * probe answers - vpclite's GET /_vpclite/health, moto's first answer to GET / - and (b) its first signed
 * DescribeVpcs succeeds (which, for vpclite, also creates the account's default VPC). Median of several starts.
 */
import { BenchClient } from '../client.js';
import { waitForQuiet } from '../machine-load.js';
import { median } from '../stats.js';
import type { Workload } from '../workload.js';

const STARTS = 5;

function startupWorkload(spec: { name: string; title: string; goal?: string; firstCall: boolean }): Workload {
  return {
    name: spec.name,
    title: spec.title,
    unit: 'ms',
    better: 'lower',
    goal: spec.goal,
    ceiling: false,
    async measure(target, settings) {
      const times: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        await waitForQuiet([process.pid, target.pid], settings.quiet.maxPercent, settings.quiet.patienceMs);
        const fresh = await settings.start(target.name);
        try {
          if (!spec.firstCall) {
            times.push(fresh.readyMs);
          } else {
            const client = new BenchClient(fresh.port, { maxSockets: 1, signer: settings.signer });
            const reply = await client.call({ Action: 'DescribeVpcs' });
            client.close();
            if (reply.status !== 200) throw new Error(`first DescribeVpcs answered ${reply.status}`);
            times.push(fresh.readyMs + reply.ms);
          }
        } finally {
          await fresh.stop();
        }
      }
      return { value: median(times), errors: {}, note: `median of ${STARTS} starts, each ${times.map((t) => t.toFixed(0)).join('/')} ms` };
    },
  };
}

export const startupHealth = startupWorkload({
  name: 'startup',
  title: 'Spawn → ready (vpclite /_vpclite/health; moto first answer)',
  goal: '< 1,000 ms',
  firstCall: false,
});

export const startupFirstCall = startupWorkload({
  name: 'startup-first-call',
  title: 'Spawn → first signed DescribeVpcs answered',
  firstCall: true,
});
