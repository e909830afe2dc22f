/**
 * Several `bin/vpclite serve` child processes on one database of the test engine, as a deployment runs them:
 * on PostgreSQL any number of nodes share one fresh database (`--postgres URL`); on SQLite one file serves one
 * process, so the cluster is one node on a data directory (`--data DIR`). Each node can be killed (`kill -9`)
 * and started again on the same database, and `database` tells the invariant checker where to look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { DatabaseLocation } from './invariant-checker.js';
import { spawnServer, type SpawnedServer } from './spawn-server.js';
import { adminUrl, createTestDatabase, databaseUrl, dropTestDatabase, testEngine } from './test-store.js';

export interface NodeCluster {
  /** How many nodes this engine runs at once (PostgreSQL: as asked; SQLite: 1). */
  readonly size: number;
  readonly database: DatabaseLocation;
  /** The nodes, by index; a killed node stays in its slot until it is started again. */
  readonly nodes: SpawnedServer[];
  /** A client of node `i` for `account` (a 12-digit access key is that account). */
  client(i: number, account: string): EC2Client;
  /** `kill -9` of node `i`; resolves once it has exited. */
  kill(i: number): Promise<void>;
  /** Starts node `i` again on the same database (after a kill). */
  restart(i: number): Promise<void>;
  /** Every line a node has logged at level error or above (an internal error, with its stack), killed nodes included. */
  internalErrors(): string[];
  /** POST /_vpclite/reset through node `i`. */
  reset(i: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCluster(wanted: number, extraArgs: string[] = []): Promise<NodeCluster> {
  const engine = testEngine();
  const size = engine === 'postgres' ? wanted : 1;
  let storeArgs: string[];
  let database: DatabaseLocation;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const name = await createTestDatabase();
    const url = databaseUrl(adminUrl(), name);
    storeArgs = ['--postgres', url, '--pg-pool-size', '4'];
    database = { postgresUrl: url };
    cleanup = () => dropTestDatabase(name);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'vpclite-cluster-'));
    storeArgs = ['--data', dir];
    database = { sqliteFile: join(dir, 'vpclite.db') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const start = () => spawnServer(['--port', '0', '--log-level', 'warn', ...storeArgs, ...extraArgs], 30_000);
  const nodes: SpawnedServer[] = [];
  const gone: SpawnedServer[] = [];
  // One at a time: the first migrates the new database, the others find it migrated.
  for (let i = 0; i < size; i++) nodes.push(await start());
  const clients: EC2Client[] = [];
  return {
    size,
    database,
    nodes,
    client(i, account) {
      const client = new EC2Client({
        endpoint: nodes[i]!.url,
        region: 'us-east-1',
        credentials: { accessKeyId: account, secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async kill(i) {
      await nodes[i]!.stop('SIGKILL');
      gone.push(nodes[i]!);
    },
    internalErrors() {
      return [...gone, ...nodes].flatMap((node) => node.lines.filter((line) => /"level":(50|60)/.test(line)));
    },
    async restart(i) {
      nodes[i] = await start();
    },
    async reset(i) {
      const response = await fetch(`${nodes[i]!.url}/_vpclite/reset`, { method: 'POST' });
      if (response.status !== 200) throw new Error(`reset through node ${i} answered ${response.status}`);
    },
    async close() {
      for (const client of clients) client.destroy();
      await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
      await cleanup();
    },
  };
}
