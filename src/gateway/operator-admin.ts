/**
 * The admin routes of the operator command line (`vpclite failover …`, `vpclite audit`), JSON under /_vpclite/.
 * Each is scoped to an account and region exactly as an EC2 call is: from the request's SigV4 signature
 * (the CLI signs them with service `ec2`), verified under `--auth strict`. Errors answer `{error, message}` with
 * the catalogue's code and status.
 *
 *   GET    /_vpclite/failover/groups                 → {groups: [...]}
 *   POST   /_vpclite/failover/groups                 {name, primary, standby} → {group}
 *   DELETE /_vpclite/failover/groups/NAME            → {deleted: NAME}
 *   GET    /_vpclite/failover/events?group=&after=N  → {events: [...], last: N}
 *   GET    /_vpclite/audit/network-interfaces        → {networkInterfaces: [{id, createdAt}]} (unattached ENIs' ages, which EC2 does not show)
 *   GET    /_vpclite/audit/scopes                    → {scopes: [{account, region}]} (every account and region the server
 *                                                      knows; only the caller's account under --auth strict)
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import { malformedJson, missingField } from '../errors/failover.js';
import { knownScopes } from '../resources/account/known-scopes.js';
import type { RequestContext } from '../resources/context.js';
import { eventsAfter, lastEventSeq } from '../resources/failover/failover-events.js';
import { createGroup, deleteGroup, listGroups, requireGroup } from '../resources/failover/failover-groups.js';
import { unattachedEniAges } from '../resources/network-interfaces/unattached-ages.js';
import type { Store, Tx } from '../store/store.js';
import { authenticate, type AuthOptions } from './auth.js';
import type { AdminResult } from './admin.js';

export interface OperatorRequest {
  path: string;
  query: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Scoped = <T>(kind: 'read' | 'write', work: (ctx: RequestContext) => Promise<T>) => Promise<T>;

function jsonBody(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through: the same answer as a body that is not an object
  }
  throw malformedJson();
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw missingField(name);
  return value;
}

async function route(request: OperatorRequest, scoped: Scoped, strict: boolean): Promise<AdminResult | undefined> {
  const { path, method } = request;
  const params = new URLSearchParams(request.query);
  if (path === '/_vpclite/failover/groups' && method === 'GET') {
    return { status: 200, body: { groups: await scoped('read', listGroups) } };
  }
  if (path === '/_vpclite/failover/groups' && method === 'POST') {
    const body = jsonBody(request.body);
    const wanted = { name: field(body, 'name'), primary: field(body, 'primary'), standby: field(body, 'standby') };
    return { status: 200, body: { group: await scoped('write', (ctx) => createGroup(ctx, wanted)) } };
  }
  const groupPath = /^\/_vpclite\/failover\/groups\/([^/]+)$/.exec(path);
  if (groupPath && method === 'DELETE') {
    const name = decodeURIComponent(groupPath[1]!);
    await scoped('write', (ctx) => deleteGroup(ctx, name));
    return { status: 200, body: { deleted: name } };
  }
  if (path === '/_vpclite/failover/events' && method === 'GET') {
    const group = params.get('group') ?? undefined;
    const after = params.get('after');
    return {
      status: 200,
      body: await scoped('read', async (ctx) => {
        if (group !== undefined) await requireGroup(ctx, group);
        // No `after`: no events, only where to start from, so a new watcher prints what happens from now on.
        if (after === null) return { events: [], last: await lastEventSeq(ctx) };
        const from = Number(after) || 0;
        const events = await eventsAfter(ctx, from, group);
        return { events, last: events.length > 0 ? events[events.length - 1]!.seq : from };
      }),
    };
  }
  if (path === '/_vpclite/audit/scopes' && method === 'GET') {
    return { status: 200, body: { scopes: await scoped('read', (ctx) => knownScopes(ctx.tx, strict ? ctx.account : undefined)) } };
  }
  if (path === '/_vpclite/audit/network-interfaces' && method === 'GET') {
    return { status: 200, body: { networkInterfaces: await scoped('read', unattachedEniAges) } };
  }
  return undefined;
}

export async function handleOperatorAdmin(
  request: OperatorRequest,
  deps: { store: Store; auth: AuthOptions },
): Promise<AdminResult | undefined> {
  try {
    const now = new Date();
    const identity = () =>
      authenticate(
        deps.auth,
        { method: request.method, path: request.path, query: request.query, headers: request.headers, body: request.body },
        now,
      );
    const scoped: Scoped = async (kind, work) => {
      const { account, region } = identity();
      const requestId = randomUUID();
      const run = (tx: Tx) => work({ tx, account, region, requestId, now });
      return kind === 'read' ? deps.store.read(run) : deps.store.write(run);
    };
    return await route(request, scoped, deps.auth.mode === 'strict');
  } catch (error) {
    if (error instanceof AwsError) return { status: error.status, body: { error: error.code, message: error.message } };
    throw error;
  }
}
