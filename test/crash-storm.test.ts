/**
 * DESIGN.md invariant 4 under a mixed write storm, on the test engine: workers of several accounts create, delete,
 * attach and detach ENIs, launch and terminate instances, allocate, associate, disassociate and release Elastic
 * IPs against `bin/vpclite serve` child processes, and a `kill -9` lands in the middle. On SQLite the one node is
 * killed; on PostgreSQL a round kills one of three nodes (the other two must keep serving the storm) and the next
 * kills all of them. After each restart every acknowledged write must be there, every acknowledged delete gone,
 * anything else explained by a request the kill cut off (storm-ledger.ts), and the invariant checker must find
 * nothing half-done - an address without its ENI, an attachment to a missing instance - in the whole database.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brokenInvariants } from './helpers/invariant-checker.js';
import { attachNewGateway, vpcWithSubnet } from './helpers/network.js';
import { startCluster, type NodeCluster } from './helpers/node-cluster.js';
import { AccountLedger } from './helpers/storm-ledger.js';
import { stormWorker, type StormStats } from './helpers/storm-worker.js';
import { testEngine } from './helpers/test-store.js';

const NODES = 3;
const ACCOUNTS = 3;
const WORKERS_PER_ACCOUNT = 3;
const ROUNDS = 4;

/** Resolves once `stats.acknowledged` reaches `target`; rejects when the storm failed first. */
function acknowledgedReach(stats: StormStats, target: number, storm: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (stats.acknowledged >= target) {
        clearInterval(poll);
        resolve();
      }
    }, 1);
    storm.then(
      () => {
        clearInterval(poll);
        reject(new Error(`the storm ended before ${target} acknowledged requests (${stats.acknowledged})`));
      },
      (error: unknown) => {
        clearInterval(poll);
        reject(error);
      },
    );
  });
}

async function setUpAccounts(cluster: NodeCluster): Promise<AccountLedger[]> {
  const ledgers: AccountLedger[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = `3000${String(process.pid % 10000).padStart(4, '0')}${String(a).padStart(4, '0')}`;
    const ec2 = cluster.client(0, account);
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.0.0/22', 'us-east-1a');
    await attachNewGateway(ec2, vpcId);
    ledgers.push(new AccountLedger(account, subnetId));
  }
  return ledgers;
}

const engine = testEngine();

describe(`crash safety: kill -9 in a mixed write storm (${engine})`, () => {
  it(`keeps every acknowledged write and nothing half-done, ${ROUNDS} rounds`, { timeout: 600_000 }, async () => {
    const cluster = await startCluster(NODES);
    const totals = { acknowledged: 0, cutOff: 0, survivorAcks: 0 };
    try {
      const ledgers = await setUpAccounts(cluster);
      for (let round = 0; round < ROUNDS; round++) {
        // PostgreSQL alternates between losing one node and losing them all; SQLite has one node to lose.
        const victims = cluster.size > 1 && round % 2 === 0 ? [round % cluster.size] : [...Array(cluster.size).keys()];
        const stats: StormStats = { acknowledged: 0, cutOff: 0 };
        let stopped = false;
        const storm = Promise.all(
          ledgers.flatMap((ledger) =>
            Array.from({ length: WORKERS_PER_ACCOUNT }, (_, w) =>
              stormWorker(cluster.client(w % cluster.size, ledger.account), ledger, stats, () => stopped),
            ),
          ),
        );
        storm.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
        const target = 60 + Math.floor(Math.random() * 140);
        try {
          await acknowledgedReach(stats, target, storm);
          await Promise.all(victims.map((i) => cluster.kill(i)));
          if (victims.length < cluster.size) {
            // The surviving nodes go on serving the storm on the same database.
            const before = stats.acknowledged;
            await acknowledgedReach(stats, before + 40, storm);
            totals.survivorAcks += stats.acknowledged - before;
          }
        } finally {
          stopped = true;
        }
        await storm;
        assert.deepEqual(cluster.internalErrors(), [], 'no node logged an internal error');
        totals.acknowledged += stats.acknowledged;
        totals.cutOff += stats.cutOff;
        for (const i of victims) await cluster.restart(i);

        assert.deepEqual(await brokenInvariants(cluster.database), [], `round ${round}: every invariant holds`);
        for (const [a, ledger] of ledgers.entries()) await ledger.reconcile(cluster.client(a % cluster.size, ledger.account));
      }
    } catch (error) {
      // What the nodes logged explains an InternalError answer (they flush their logs every 250 ms).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      throw new Error(`${String(error)}\n${cluster.internalErrors().join('\n')}`);
    } finally {
      await cluster.close();
    }
    assert.ok(totals.cutOff > 0, 'the kills cut requests off');
    if (cluster.size > 1) assert.ok(totals.survivorAcks > 0, 'the surviving nodes kept answering');
  });
});
