/**
 * DESIGN.md invariant 4 under fire: a storm of concurrent CreateVpc / DeleteVpc (and CreateTags, once served) in
 * several accounts against `bin/vpclite serve --data DIR`, `kill -9` in the middle of it, a restart on the same
 * directory - several times over. Every write acknowledged before the kill must be there after it, every
 * acknowledged delete gone, a request cut off by the kill either fully there or fully absent, and the database
 * must hold nothing half-done.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { findHandler } from '../src/resources/registry.js';
import { errorOf, send } from './helpers/raw-http.js';
import { spawnServer, type SpawnedServer } from './helpers/spawn-server.js';
import { halfDoneThings } from './helpers/store-invariants.js';

const ACCOUNTS = ['100000000001', '100000000002', '100000000003'];
const WORKERS_PER_ACCOUNT = 4;
const ROUNDS = 5;
const V = 'Version=2016-11-15';
/** CreateTags joins the storm as soon as vpclite serves it. */
const TAGGING = findHandler('CreateTags') !== undefined;

/** In the default auth mode the signature is not checked: the credential scope names the account. */
const authorization = (account: string) =>
  `AWS4-HMAC-SHA256 Credential=${account}/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00`;

/** What the storm knows for certain, and what it cannot know because the kill cut the answer off. */
class Ledger {
  /** Acknowledged VPCs (created, not deleted): id → account and the unique `op` tag it was created with. */
  readonly vpcs = new Map<string, { account: string; op: string; tag?: string }>();
  /** Acknowledged deletes. */
  readonly deleted = new Set<string>();
  /** Creates without an answer: `op` tag → account. Each may or may not have happened. */
  readonly uncertainCreates = new Map<string, string>();
  /** Deletes without an answer. */
  readonly uncertainDeletes = new Set<string>();
  /** CreateTags without an answer: VPC id → the value it would have set. */
  readonly uncertainTags = new Map<string, string>();
  /** VPCs an operation is working on, so that operations on one VPC never overlap. */
  readonly busy = new Set<string>();
  acknowledged = 0;
  private counter = 0;
  nextOp = () => `op-${++this.counter}`;
}

function cidrFor(op: string): string {
  const n = Number(op.slice(3));
  return `10.${n % 256}.${(n >> 8) % 256}.0/24`;
}

async function stormWorker(server: SpawnedServer, account: string, ledger: Ledger, agent: Agent, killed: () => boolean) {
  const call = (body: string) =>
    send(server.url, {
      body,
      agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization(account) },
    });
  while (!killed()) {
    const mine = [...ledger.vpcs].filter(([id, v]) => v.account === account && !ledger.busy.has(id));
    const roll = Math.random();
    try {
      if (mine.length === 0 || roll < 0.45) {
        const op = ledger.nextOp();
        ledger.uncertainCreates.set(op, account);
        const response = await call(
          `Action=CreateVpc&${V}&CidrBlock=${encodeURIComponent(cidrFor(op))}` +
            `&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=op&TagSpecification.1.Tag.1.Value=${op}`,
        );
        ledger.uncertainCreates.delete(op);
        if (response.status === 200) {
          ledger.vpcs.set(/<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/.exec(response.body)![1]!, { account, op });
        } else {
          assert.equal(errorOf(response).code, 'VpcLimitExceeded', response.body);
        }
      } else {
        const [vpcId, vpc] = mine[Math.floor(Math.random() * mine.length)]!;
        ledger.busy.add(vpcId);
        if (TAGGING && roll < 0.65) {
          const value = ledger.nextOp();
          ledger.uncertainTags.set(vpcId, value);
          const response = await call(`Action=CreateTags&${V}&ResourceId.1=${vpcId}&Tag.1.Key=t&Tag.1.Value=${value}`);
          assert.equal(response.status, 200, response.body);
          ledger.uncertainTags.delete(vpcId);
          vpc.tag = value;
        } else {
          ledger.uncertainDeletes.add(vpcId);
          const response = await call(`Action=DeleteVpc&${V}&VpcId=${vpcId}`);
          assert.equal(response.status, 200, response.body);
          ledger.uncertainDeletes.delete(vpcId);
          ledger.vpcs.delete(vpcId);
          ledger.deleted.add(vpcId);
        }
        ledger.busy.delete(vpcId);
      }
      ledger.acknowledged++;
    } catch (error) {
      // A request the kill cut off stays in the uncertain sets; any other failure is a real one.
      if (killed()) return;
      throw error;
    }
  }
}

/** Checks the restarted server against the ledger and settles what was uncertain. */
async function verify(server: SpawnedServer, dataDir: string, ledger: Ledger): Promise<void> {
  assert.deepEqual(halfDoneThings(join(dataDir, 'vpclite.db')), [], 'nothing half-done in the database');
  for (const account of ACCOUNTS) {
    const client = new EC2Client({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: account, secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const { Vpcs } = await client.send(new DescribeVpcsCommand({}));
    client.destroy();
    const present = new Map(Vpcs!.filter((v) => !v.IsDefault).map((v) => [v.VpcId!, v]));
    assert.equal(Vpcs!.filter((v) => v.IsDefault).length, 1, `${account} keeps its default VPC`);
    assert.ok(Vpcs!.length <= 5, `${account} is within the VPC quota: ${Vpcs!.length}`);

    for (const [vpcId, known] of ledger.vpcs) {
      if (known.account !== account) continue;
      const vpc = present.get(vpcId);
      if (!vpc) {
        assert.ok(ledger.uncertainDeletes.has(vpcId), `acknowledged VPC ${vpcId} (${known.op}) survived the kill`);
        ledger.vpcs.delete(vpcId);
        ledger.deleted.add(vpcId);
        continue;
      }
      const tags = Object.fromEntries(vpc.Tags!.map((t) => [t.Key!, t.Value!]));
      assert.equal(tags.op, known.op, `${vpcId} kept its tags`);
      const uncertainTag = ledger.uncertainTags.get(vpcId);
      assert.ok(tags.t === known.tag || (uncertainTag !== undefined && tags.t === uncertainTag), `${vpcId}: tag t=${tags.t}`);
      known.tag = tags.t;
      present.delete(vpcId);
    }
    for (const vpcId of ledger.deleted) assert.ok(!present.has(vpcId), `acknowledged delete of ${vpcId} survived the kill`);
    // What is left must be creates the kill cut off - whole, with the tag they were sent with.
    for (const [vpcId, vpc] of present) {
      const op = vpc.Tags!.find((t) => t.Key === 'op')?.Value ?? '';
      assert.equal(ledger.uncertainCreates.get(op), account, `${vpcId} (${op}) comes from an interrupted create`);
      assert.equal(vpc.CidrBlock, cidrFor(op));
      ledger.uncertainCreates.delete(op);
      ledger.vpcs.set(vpcId, { account, op });
    }
  }
  ledger.uncertainCreates.clear();
  ledger.uncertainDeletes.clear();
  ledger.uncertainTags.clear();
  ledger.busy.clear();
}

describe('durability: kill -9 in the middle of a storm', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-durability-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged write and nothing half-done, ${ROUNDS} times over`, { timeout: 120_000 }, async () => {
    const ledger = new Ledger();
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await spawnServer(['--port', '0', '--data', dir, '--log-level', 'warn']);
      await verify(server, dir, ledger);
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      let killed = false;
      const workers = ACCOUNTS.flatMap((account) =>
        Array.from({ length: WORKERS_PER_ACCOUNT }, () => stormWorker(server, account, ledger, agent, () => killed)),
      );
      // Kill after a random number of acknowledged requests, while every worker has one in flight.
      const target = ledger.acknowledged + 40 + Math.floor(Math.random() * 160);
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (ledger.acknowledged >= target || server.child.exitCode !== null) {
            clearInterval(poll);
            killed = true;
            server.child.kill('SIGKILL');
            resolve();
          }
        }, 1);
        Promise.all(workers).catch((error: unknown) => {
          clearInterval(poll);
          killed = true;
          server.child.kill('SIGKILL');
          reject(error);
        });
      });
      await Promise.all(workers);
      assert.equal(await server.stop('SIGKILL'), null, 'killed by the signal');
      agent.destroy();
      interrupted += ledger.uncertainCreates.size + ledger.uncertainDeletes.size + ledger.uncertainTags.size;
    }
    const final = await spawnServer(['--port', '0', '--data', dir, '--log-level', 'warn']);
    try {
      await verify(final, dir, ledger);
    } finally {
      await final.stop();
    }
    assert.ok(ledger.deleted.size > 0 && ledger.vpcs.size > 0, 'the storm both created and deleted');
    assert.ok(interrupted > 0, 'some requests were cut off by the kills');
  });
});
