/**
 * vpclite's own JSON API under /_vpclite/ (not EC2): health for readiness checks, reset for test isolation.
 * The traffic extension (traffic, clock, metrics) lives in traffic-routes.ts.
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
  deps: { store: Store; endpoint: Ec2Endpoint; onReset?: () => void },
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
    await deps.store.reset();
    deps.endpoint.forgetBootstrap();
    deps.onReset?.();
    return { status: 200, body: { status: 'reset' } };
  }
  return { status: 404, body: { error: 'NotFound', message: `No vpclite admin route ${method} ${path}` } };
}
