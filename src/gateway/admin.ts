/**
 * vpclite's own JSON API under /_vpclite/ (not EC2): health for readiness checks, reset for test isolation.
 * Later issues add traffic, clock and others here.
 */
import type { Store } from '../store/store.js';
import { probeDatabase } from './database-health.js';
import type { Ec2Endpoint } from './ec2-endpoint.js';
import { VERSION } from './version.js';

export interface AdminResult {
  status: number;
  body: unknown;
}

const started = Date.now();

export async function handleAdmin(
  url: string,
  method: string,
  deps: { store: Store; endpoint: Ec2Endpoint },
): Promise<AdminResult> {
  const path = url.split('?')[0];
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
    // Nothing of the reset lives in a node's memory: every node finds the account without defaults in the
    // database at its next request and makes them again.
    await deps.store.reset();
    return { status: 200, body: { status: 'reset' } };
  }
  return { status: 404, body: { error: 'NotFound', message: `No vpclite admin route ${method} ${path}` } };
}
