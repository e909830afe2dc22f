/**
 * vpclite's own JSON API under /_vpclite/ (not EC2): health for readiness checks, reset for test isolation.
 * Later issues add traffic, clock and others here.
 */
import type { Store } from '../store/store.js';
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
    return {
      status: 200,
      body: {
        status: 'ok',
        version: VERSION,
        store: deps.store.info,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      },
    };
  }
  if (path === '/_vpclite/reset' && method === 'POST') {
    await deps.store.reset();
    deps.endpoint.forgetBootstrap();
    return { status: 200, body: { status: 'reset' } };
  }
  return { status: 404, body: { error: 'NotFound', message: `No vpclite admin route ${method} ${path}` } };
}
