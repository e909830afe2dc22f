/**
 * `vpclite snapshot save FILE` / `load FILE` as bin/vpclite child processes on databases no server runs on: the
 * whole state of several accounts and regions survives a save and a load into another SQLite directory (and,
 * under VPCLITE_TEST_STORE=postgres, into a PostgreSQL database and back), servers started on the loaded database
 * answer with the same resources and keep numbering after them, and load refuses newer snapshots and non-empty
 * databases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllocateAddressCommand,
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { LATEST_SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { spawnServer } from './helpers/spawn-server.js';
import { adminUrl, createTestDatabase, databaseUrl, dropTestDatabase, testEngine } from './helpers/test-store.js';
import { vpclite } from './helpers/operator-cli.js';

const ACCOUNTS = ['111111111111', '222222222222'];
const REGIONS = ['us-east-1', 'eu-west-1'];

const client = (url: string, account: string, region: string) =>
  new EC2Client({ endpoint: url, region, credentials: { accessKeyId: account, secretAccessKey: 'x' }, maxAttempts: 1 });

interface Seen {
  vpcs: string[];
  enis: string[];
  addresses: string[];
}

/** What a server shows of each account and region. */
async function look(url: string): Promise<Record<string, Seen>> {
  const seen: Record<string, Seen> = {};
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      const ec2 = client(url, account, region);
      seen[`${account}/${region}`] = {
        vpcs: (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => `${v.VpcId} ${v.CidrBlock}`),
        enis: (await ec2.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces!.map((n) => `${n.NetworkInterfaceId} ${n.PrivateIpAddress}`),
        addresses: (await ec2.send(new DescribeAddressesCommand({}))).Addresses!.map((a) => `${a.AllocationId} ${a.PublicIp}`),
      };
      ec2.destroy();
    }
  }
  return seen;
}

describe('vpclite snapshot save and load', () => {
  let dir: string;
  let file: string;
  let before_: Record<string, Seen>;
  const databases: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vpclite-snapshot-'));
    file = join(dir, 'state.json');
    const server = await spawnServer(['--port', '0', '--data', join(dir, 'a'), '--log-level', 'warn']);
    try {
      for (const [n, account] of ACCOUNTS.entries()) {
        for (const [m, region] of REGIONS.entries()) {
          const ec2 = client(server.url, account, region);
          const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${10 + n * 2 + m}.0.0/16` }))).Vpc!.VpcId!;
          const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.${10 + n * 2 + m}.1.0/24` }))).Subnet!.SubnetId!;
          await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, SecondaryPrivateIpAddressCount: 2 }));
          await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
          ec2.destroy();
        }
      }
      before_ = await look(server.url);
    } finally {
      await server.stop();
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    for (const name of databases) await dropTestDatabase(name);
  });

  it('saves every account and region of a SQLite directory, and a load into another directory serves the same state', async () => {
    const saved = await vpclite(['snapshot', 'save', file, '--data', join(dir, 'a'), '--output', 'json']);
    assert.equal(saved.code, 0, saved.stderr);
    const summary = JSON.parse(saved.stdout) as { schemaVersion: number; engine: string; rows: number };
    assert.equal(summary.schemaVersion, LATEST_SCHEMA_VERSION);
    assert.equal(summary.engine, 'sqlite');
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { format: string; tables: Record<string, { rows: unknown[] }> };
    assert.equal(snapshot.format, 'vpclite-snapshot');
    assert.equal(snapshot.tables.account_regions!.rows.length, 4);

    const loaded = await vpclite(['snapshot', 'load', file, '--data', join(dir, 'b')]);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stderr, /^load: 100% \(\d+\/\d+\) /m, 'plain progress lines when stderr is not a terminal');
    assert.match(loaded.stdout, /^Loaded /);
    const server = await spawnServer(['--port', '0', '--data', join(dir, 'b'), '--log-level', 'warn']);
    try {
      assert.deepEqual(await look(server.url), before_);
      // New resources are numbered after the loaded ones: they list last.
      const ec2 = client(server.url, ACCOUNTS[0]!, REGIONS[0]!);
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }))).Vpc!.VpcId!;
      const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
      assert.equal(vpcs[vpcs.length - 1], vpc);
      ec2.destroy();
    } finally {
      await server.stop();
    }
  });

  it('refuses to load over existing state unless --replace, and --replace swaps the state', async () => {
    const again = await vpclite(['snapshot', 'load', file, '--data', join(dir, 'b')]);
    assert.equal(again.code, 6);
    assert.match(again.stderr, /^vpclite: refusing to load .* over existing state\n  why: the database already holds state .*\n  fix: load into an empty database, or pass --replace/);
    const replaced = await vpclite(['snapshot', 'load', file, '--data', join(dir, 'b'), '--replace', '--output', 'json']);
    assert.equal(replaced.code, 0, replaced.stderr);
    const server = await spawnServer(['--port', '0', '--data', join(dir, 'b'), '--log-level', 'warn']);
    try {
      assert.deepEqual(await look(server.url), before_, 'the VPC made after the first load is gone');
    } finally {
      await server.stop();
    }
  });

  it('refuses a snapshot from a newer schema version, and a file that is not a snapshot, changing nothing', async () => {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; vpcliteVersion: string };
    snapshot.schemaVersion = LATEST_SCHEMA_VERSION + 5;
    snapshot.vpcliteVersion = '9.0.0';
    const newer = join(dir, 'newer.json');
    await writeFile(newer, JSON.stringify(snapshot));
    const refused = await vpclite(['snapshot', 'load', newer, '--data', join(dir, 'c')]);
    assert.equal(refused.code, 6);
    assert.match(
      refused.stderr,
      new RegExp(`^vpclite: refusing to load .*newer\\.json: it is from a newer vpclite\\n  why: the snapshot was saved by vpclite 9\\.0\\.0 at schema version ${LATEST_SCHEMA_VERSION + 5} .*understands schema versions up to ${LATEST_SCHEMA_VERSION}.*\\n  fix: upgrade vpclite`),
    );
    const junk = join(dir, 'junk.json');
    await writeFile(junk, '{"hello": 1}');
    const notSnapshot = await vpclite(['snapshot', 'load', junk, '--data', join(dir, 'c')]);
    assert.equal(notSnapshot.code, 2);
    assert.match(notSnapshot.stderr, /not a vpclite snapshot/);
    const missing = await vpclite(['snapshot', 'load', join(dir, 'nope.json'), '--data', join(dir, 'c')]);
    assert.equal(missing.code, 2);
  });

  it('loads into PostgreSQL and saves from it again, the same state either way', async () => {
    if (testEngine() !== 'postgres') {
      // Without a PostgreSQL server the cross-engine leg runs SQLite → SQLite (the PostgreSQL run covers the rest).
      const copy = join(dir, 'copy.json');
      const saved = await vpclite(['snapshot', 'save', copy, '--data', join(dir, 'b')]);
      assert.equal(saved.code, 0, saved.stderr);
      const loaded = await vpclite(['snapshot', 'load', copy, '--data', join(dir, 'd')]);
      assert.equal(loaded.code, 0, loaded.stderr);
      return;
    }
    const name = await createTestDatabase();
    databases.push(name);
    const url = databaseUrl(adminUrl(), name);
    const loaded = await vpclite(['snapshot', 'load', file, '--postgres', url, '--output', 'json']);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.equal((JSON.parse(loaded.stdout) as { into: string }).into, 'postgres');
    const server = await spawnServer(['--port', '0', '--postgres', url, '--log-level', 'warn']);
    try {
      assert.deepEqual(await look(server.url), before_);
      const ec2 = client(server.url, ACCOUNTS[1]!, REGIONS[1]!);
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.98.0.0/16' }))).Vpc!.VpcId!;
      const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
      assert.equal(vpcs[vpcs.length - 1], vpc, 'PostgreSQL sequences continue after the loaded rows');
      ec2.destroy();
    } finally {
      await server.stop();
    }
    const back = join(dir, 'from-postgres.json');
    const saved = await vpclite(['snapshot', 'save', back, '--postgres', url, '--output', 'json']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal((JSON.parse(saved.stdout) as { engine: string }).engine, 'postgres');
    const intoSqlite = await vpclite(['snapshot', 'load', back, '--data', join(dir, 'e')]);
    assert.equal(intoSqlite.code, 0, intoSqlite.stderr);
    const sqlite = await spawnServer(['--port', '0', '--data', join(dir, 'e'), '--log-level', 'warn']);
    try {
      const seen = await look(sqlite.url);
      assert.deepEqual(seen[`${ACCOUNTS[0]}/${REGIONS[0]}`], before_[`${ACCOUNTS[0]}/${REGIONS[0]}`]);
      assert.equal(seen[`${ACCOUNTS[1]}/${REGIONS[1]}`]!.vpcs.length, before_[`${ACCOUNTS[1]}/${REGIONS[1]}`]!.vpcs.length + 1);
    } finally {
      await sqlite.stop();
    }
  });
});
