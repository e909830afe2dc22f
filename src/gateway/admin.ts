/**
 * vpclite's own JSON API under /_vpclite/ (not EC2): health for readiness checks, reset for test isolation.
 * The traffic extension (traffic, clock, metrics) lives in traffic-routes.ts; operator-admin.ts has the routes of the
 * operator command line.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Store } from '../store/store.js';
import type { AuthOptions } from './auth.js';
import { probeDatabase } from './database-health.js';
import type { Ec2Endpoint } from './ec2-endpoint.js';
import { handleOperatorAdmin } from './operator-admin.js';
import { VERSION } from './version.js';

export interface AdminResult {
  status: number;
  body: unknown;
}

const started = Date.now();

export async function handleAdmin(
  url: string,
  method: string,
  deps: { store: Store; endpoint: Ec2Endpoint; auth?: AuthOptions; onReset?: () => void },
  request: { headers: IncomingHttpHeaders; body: Buffer } = { headers: {}, body: Buffer.alloc(0) },
): Promise<AdminResult> {
  const path = url.split('?')[0]!;
  if (path === '/_vpclite/health' && method === 'GET') {
    // A node whose database does not answer cannot serve anything: 503, so load balancers take it out.
    const database = await probeDatabase(deps.store);
    return {
      status: database.answering ? 200 : 503,
      body: {
        status: database.answering ? 'ok' : 'unavailable',
        version: VERSION,
        store: { ...deps.store.info, ...database },
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      },
    };
  }
  if (path === '/_vpclite/reset' && method === 'POST') {
    // No state of the reset lives in a node's memory: every node finds the account without defaults in the
    // database at its next request and makes them again. Only this node's traffic counters (GET /metrics, per node
    // by design) are cleared here.
    await deps.store.reset();
    deps.onReset?.();
    return { status: 200, body: { status: 'reset' } };
  }
  const operator = await handleOperatorAdmin(
    { path, query: url.includes('?') ? url.slice(url.indexOf('?') + 1) : '', method, ...request },
    { store: deps.store, auth: deps.auth ?? { mode: 'any', credentials: new Map() } },
  );
  if (operator) return operator;
  return { status: 404, body: { error: 'NotFound', message: `No vpclite admin route ${method} ${path}` } };
}
