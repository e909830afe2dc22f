/**
 * Starts a real vpclite HTTP server in-process on a free loopback port, and hands out real @aws-sdk/client-ec2
 * clients pointed at it. Each test file starts its own server, on a store of its own: SQLite in memory, or a
 * fresh PostgreSQL database when VPCLITE_TEST_STORE=postgres (test-store.ts).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../../src/gateway/server.js';
import type { AuthOptions } from '../../src/gateway/auth.js';
import type { Store } from '../../src/store/store.js';
import type { ObservationSink } from '../../src/traffic/flow-observation.js';
import { openTestStore } from './test-store.js';

export interface TestServer {
  url: string;
  store: Store;
  running: RunningServer;
  /** A client for `accessKeyId` (a 12-digit key is that account) in `region`. */
  client(options?: { accessKeyId?: string; secretAccessKey?: string; region?: string }): EC2Client;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { auth?: AuthOptions; data?: string; sinks?: ObservationSink[] } = {},
): Promise<TestServer> {
  const opened = await openTestStore({ data: options.data });
  const { store } = opened;
  const running = await startServer({
    host: '127.0.0.1',
    port: 0,
    store,
    auth: options.auth ?? { mode: 'any', credentials: new Map() },
    logger: pino({ level: 'silent' }),
    sinks: options.sinks,
  });
  const clients: EC2Client[] = [];
  return {
    url: running.url,
    store,
    running,
    client: ({ accessKeyId = 'test', secretAccessKey = 'test', region = 'us-east-1' } = {}) => {
      const client = new EC2Client({
        endpoint: running.url,
        region,
        credentials: { accessKeyId, secretAccessKey },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    reset: async () => {
      const response = await fetch(`${running.url}/_vpclite/reset`, { method: 'POST' });
      if (response.status !== 200) throw new Error(`reset failed: ${response.status}`);
    },
    close: async () => {
      for (const c of clients) c.destroy();
      await running.close();
      await opened.close();
    },
  };
}

/** Runs `promise` and returns the AWS error it fails with (code, message, HTTP status); fails if it succeeds. */
export async function awsError(promise: Promise<unknown>): Promise<{ code: string; message: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name, message: e.message, status: e.$metadata?.httpStatusCode ?? 0 };
  }
  throw new Error('expected the call to fail with an AWS error, but it succeeded');
}
