/**
 * The ENI workloads on PostgreSQL with 1, 2 and 3 vpclite nodes, beside one node on SQLite (docs/scaling.md):
 * throughput and p50/p99 per node count, with what limits the scaling - CPU of the nodes against CPU of the
 * database server, and how many transactions lost a race and ran again (each node's /_vpclite/health counts them).
 *
 *   scripts/test-postgres.sh node dist/bench/multinode.js                 # a throwaway PostgreSQL, as the tests use
 *   node dist/bench/multinode.js --postgres postgres://postgres@127.0.0.1:5432/postgres   # a server of your own
 *   node dist/bench/multinode.js --nodes 1,3 --duration 5 --no-sqlite
 *
 * Each configuration gets a fresh database (or SQLite directory) and its own nodes; requests go round-robin over
 * the nodes, each worker keeping a keep-alive connection to every node. Workloads:
 * - eni-create, one account: CreateNetworkInterface at concurrency 16 in one /16 subnet of one account (every
 *   create touches the same subnet, allocator and quota rows: the worst case for a shared database);
 * - eni-create, 16 accounts: the same with each worker in an account of its own (what sharding by account buys);
 * - eni-describe-by-id: DescribeNetworkInterfaces of one random ENI of the caller's 5,000, concurrency 16;
 * - eni-filter-subnet: DescribeNetworkInterfaces with a subnet-id filter matching 100 ENIs, concurrency 8.
 * The machine is shared: each figure carries the CPU other processes took meanwhile.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BenchClient, xmlValue, type Reply } from './client.js';
import { runLoad, type LoadResult, type Operation } from './load.js';
import { waitForQuiet, watchCpu } from './machine-load.js';
import type { Credentials } from './sign.js';
import { startTarget, type Target } from './targets.js';

const POPULATION = 5000;
const CREATES = 2000;

interface Config {
  name: string;
  engine: 'sqlite' | 'postgres';
  nodes: number;
}

interface Row {
  config: string;
  workload: string;
  rate: number;
  p50: number;
  p99: number;
  /** CPU ms per request: all nodes together, the database server, the load generator. */
  nodeCpu: number;
  dbCpu: number;
  clientCpu: number;
  othersPercent: number;
  retried: number;
  escalated: number;
  errors: string;
}

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string', default: process.env.VPCLITE_TEST_PG_URL },
    nodes: { type: 'string', default: '1,2,3' },
    duration: { type: 'string', default: '10' },
    /** Which workloads: create-one (one account), create-many (16 accounts), reads (by id and by subnet). */
    only: { type: 'string', default: 'create-one,create-many,reads' },
    'no-sqlite': { type: 'boolean', default: false },
  },
});

const credentials = (account: number): Credentials => ({
  accessKeyId: String(400_000_000_000 + account),
  secretAccessKey: 'bench-secret',
  region: 'us-east-1',
});

/** Sends each call to the next node in turn; `_account` (stripped) picks the caller among several accounts. */
class RoundRobin {
  private next = 0;
  constructor(private readonly byAccount: BenchClient[][]) {}

  static open(ports: number[], accounts: number, concurrency: number): RoundRobin {
    return new RoundRobin(
      Array.from({ length: accounts }, (_, a) =>
        ports.map((port) => new BenchClient(port, { maxSockets: concurrency, credentials: credentials(a) })),
      ),
    );
  }

  call(params: Record<string, string>): Promise<Reply> {
    const { _account, ...rest } = params;
    const nodes = this.byAccount[Number(_account ?? 0)]!;
    return nodes[this.next++ % nodes.length]!.call(rest);
  }

  async expect(params: Record<string, string>): Promise<string> {
    const reply = await this.call(params);
    if (reply.status !== 200) throw new Error(`${params.Action} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return reply.body;
  }

  close(): void {
    for (const nodes of this.byAccount) for (const client of nodes) client.close();
  }
}

/** The PostgreSQL server's processes (postmaster and its children), found from one backend's parent. */
async function postgresPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const postmaster = parentOf(rows[0]!.pid);
  await client.end();
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parentOf(Number(entry)) === postmaster) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

async function contention(targets: Target[]): Promise<{ retried: number; escalated: number }> {
  let retried = 0;
  let escalated = 0;
  for (const t of targets) {
    const health = (await (await fetch(`http://127.0.0.1:${t.port}/_vpclite/health`)).json()) as {
      store: { contention?: { retried: number; escalated: number } };
    };
    retried += health.store.contention?.retried ?? 0;
    escalated += health.store.contention?.escalated ?? 0;
  }
  return { retried, escalated };
}

async function withDatabase<T>(adminUrl: string, name: string, work: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await cleanup.end();
  }
}

async function subnetOf(client: RoundRobin, account: number, vpcCidr: string, subnetCidr: string): Promise<string> {
  const a = String(account);
  const vpcId = xmlValue(await client.expect({ _account: a, Action: 'CreateVpc', CidrBlock: vpcCidr }), 'vpcId')!;
  return xmlValue(await client.expect({ _account: a, Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: subnetCidr }), 'subnetId')!;
}

async function measure(
  config: Config,
  workload: string,
  targets: Target[],
  postgresUrl: string | undefined,
  client: RoundRobin,
  operation: Operation,
  load: { concurrency: number; durationMs?: number; operations?: number },
): Promise<Row> {
  const nodePids = targets.map((t) => t.pid);
  // The nodes' backends exist once the nodes have connected: look them up now.
  const dbPids = postgresUrl ? await postgresPids(postgresUrl) : [];
  const pids = [process.pid, ...nodePids, ...dbPids];
  await waitForQuiet(pids, 15, 20_000);
  const before = await contention(targets);
  const cpu = watchCpu(pids);
  const result: LoadResult = await runLoad(client, operation, load);
  const after = await contention(targets);
  // The nodes' pools close idle connections, so backends may have started during the load: count them whole
  // (their CPU all falls in the measurement) as the database's, not as other processes'.
  const late = postgresUrl ? (await postgresPids(postgresUrl)).filter((pid) => !dbPids.includes(pid)) : [];
  const lateMs = late.reduce((n, pid) => n + cpu.processMs(pid), 0);
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests)) / 1000;
  const sum = (list: number[]) => list.reduce((n, pid) => n + cpu.processMs(pid), 0);
  const failed = Object.values(result.errors).reduce((a, b) => a + b, 0);
  return {
    config: config.name,
    workload,
    rate: Math.round(((result.requests - failed) * 1000) / result.elapsedMs),
    p50: Math.round(result.p50Ms * 10) / 10,
    p99: Math.round(result.p99Ms * 10) / 10,
    nodeCpu: perRequest(sum(nodePids)),
    dbCpu: perRequest(sum(dbPids) + lateMs),
    clientCpu: perRequest(cpu.processMs(process.pid)),
    othersPercent: Math.max(0, Math.round(cpu.othersPercent() - (100 * lateMs) / result.elapsedMs)),
    retried: after.retried - before.retried,
    escalated: after.escalated - before.escalated,
    errors: Object.entries(result.errors).map(([code, n]) => `${code} ×${n}`).join(', '),
  };
}

async function runConfig(config: Config, postgresUrl: string | undefined, durationMs: number): Promise<Row[]> {
  const measureOn = async (storeArgs: string[], dbUrl?: string): Promise<Row[]> => {
    const targets: Target[] = [];
    try {
      for (let i = 0; i < config.nodes; i++) targets.push(await startTarget('vpclite', { serveArgs: storeArgs }));
      const ports = targets.map((t) => t.port);
      const rows: Row[] = [];

      // Creates in one account: warm up in account 15, measure in account 0.
      const one = RoundRobin.open(ports, 16, 16);
      const warm = await subnetOf(one, 15, '10.0.0.0/16', '10.0.0.0/16');
      await runLoad(one, (call) => call({ _account: '15', Action: 'CreateNetworkInterface', SubnetId: warm }).then(() => undefined), {
        concurrency: 16, operations: 500,
      });
      const subnet = await subnetOf(one, 0, '10.0.0.0/16', '10.0.0.0/16');
      const wanted = new Set(args.only!.split(','));
      if (wanted.has('create-one')) rows.push(
        await measure(config, 'eni-create, one account', targets, dbUrl, one,
          (call) => call({ _account: '0', Action: 'CreateNetworkInterface', SubnetId: subnet }).then(() => undefined),
          { concurrency: 16, operations: CREATES, durationMs: 60_000 }),
      );
      // Creates with each worker in an account of its own (accounts 1-14 and 15, which is warm already).
      const subnets: string[] = [];
      for (let a = 1; a <= 15; a++) subnets[a] = a === 15 ? warm : await subnetOf(one, a, '10.0.0.0/16', '10.0.0.0/16');
      subnets[0] = subnet;
      if (wanted.has('create-many')) rows.push(
        await measure(config, 'eni-create, 16 accounts', targets, dbUrl, one,
          (call, worker) => call({ _account: String(worker), Action: 'CreateNetworkInterface', SubnetId: subnets[worker]! }).then(() => undefined),
          { concurrency: 16, operations: CREATES, durationMs: 60_000 }),
      );

      if (!wanted.has('reads')) return rows;
      // Reads: account 0 now holds its creates; top it up to the population, 100 of them in a /24 of their own.
      const listed: string[] = [];
      let token: string | undefined;
      do {
        const page = await one.expect({ _account: '0', Action: 'DescribeNetworkInterfaces', MaxResults: '1000', ...(token ? { NextToken: token } : {}) });
        listed.push(...[...page.matchAll(/<networkInterfaceId>(eni-[0-9a-f]+)<\/networkInterfaceId>/g)].map((m) => m[1]!));
        token = xmlValue(page, 'nextToken');
      } while (token);
      const small = await subnetOf(one, 0, '10.1.0.0/16', '10.1.0.0/24');
      await runLoad(one, (call) => call({ _account: '0', Action: 'CreateNetworkInterface', SubnetId: small }).then(() => undefined), {
        concurrency: 16, operations: 100,
      });
      const fill = POPULATION - 100 - listed.length;
      if (fill > 0) {
        await runLoad(one, (call) => call({ _account: '0', Action: 'CreateNetworkInterface', SubnetId: subnet }).then(() => undefined), {
          concurrency: 16, operations: fill,
        });
      }
      rows.push(
        await measure(config, 'eni-describe-by-id (5,000)', targets, dbUrl, one,
          (call) => call({ _account: '0', Action: 'DescribeNetworkInterfaces', 'NetworkInterfaceId.1': listed[Math.floor(Math.random() * listed.length)]! }).then(() => undefined),
          { concurrency: 16, durationMs }),
      );
      rows.push(
        await measure(config, 'eni-filter-subnet (100 of 5,000)', targets, dbUrl, one,
          (call) => call({ _account: '0', Action: 'DescribeNetworkInterfaces', 'Filter.1.Name': 'subnet-id', 'Filter.1.Value.1': small }).then(() => undefined),
          { concurrency: 8, durationMs }),
      );
      one.close();
      return rows;
    } finally {
      for (const t of targets) await t.stop();
    }
  };
  if (config.engine === 'sqlite') return measureOn([]);
  return withDatabase(postgresUrl!, `vpclite_bench_${config.nodes}`, (url) => measureOn(['--postgres', url, '--pg-pool-size', '10'], url));
}

function table(rows: Row[]): string {
  const lines = [
    '| configuration | workload | req/s | p50 ms | p99 ms | node CPU ms/req | PostgreSQL CPU ms/req | client CPU ms/req | retried | ran alone | others (CPU) | errors |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.config} | ${r.workload} | ${r.rate} | ${r.p50} | ${r.p99} | ${r.nodeCpu} | ${r.dbCpu} | ${r.clientCpu} | ${r.retried} | ${r.escalated} | ${r.othersPercent}% | ${r.errors} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const durationMs = Number(args.duration) * 1000;
  const configs: Config[] = [];
  if (!args['no-sqlite']) configs.push({ name: 'SQLite, 1 node', engine: 'sqlite', nodes: 1 });
  for (const n of args.nodes!.split(',').map(Number)) {
    if (!args.postgres) throw new Error('PostgreSQL needs --postgres ADMIN_URL, or run under scripts/test-postgres.sh');
    configs.push({ name: `PostgreSQL, ${n} node${n > 1 ? 's' : ''}`, engine: 'postgres', nodes: n });
  }
  const rows: Row[] = [];
  for (const config of configs) {
    process.stderr.write(`${config.name}…\n`);
    const result = await runConfig(config, args.postgres, durationMs);
    for (const row of result) process.stderr.write(`  ${row.workload}: ${row.rate} req/s, p99 ${row.p99} ms, others ${row.othersPercent}%\n`);
    rows.push(...result);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(`${table(rows)}\n\nload average at the end: ${load}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
