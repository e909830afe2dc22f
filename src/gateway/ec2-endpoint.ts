/**
 * One EC2 Query request, start to finish - the request lifecycle, in order:
 *   parameters (query string + form body) → identity (SigV4 scope, optionally verified) → Action and Version →
 *   typed input from the model → the handler in one transaction, which first makes sure the account has its
 *   regional defaults (a rehearsal that always rolls back for DryRun; ClientToken replay) → XML, or the error
 *   envelope.
 * It is a function from a buffered request to a response, so tests and benchmarks can call it without sockets.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import {
  dryRunOperation,
  internalError,
  invalidAction,
  malformedQuery,
  missingAction,
  missingParameter,
  noSuchVersion,
} from '../errors/protocol.js';
import { decodeInput } from '../protocol/decode-input.js';
import { isEnvelopeKey } from '../protocol/envelope.js';
import { encodeError, encodeOutput } from '../protocol/encode-output.js';
import { parseForm } from '../protocol/form.js';
import { API_VERSION, clientTokenMember, operations } from '../protocol/model.js';
import { bootstrapAccountRegion, findAccountRegion } from '../resources/account/account-region.js';
import { isReadOnly, type RequestContext } from '../resources/context.js';
import { findHandler } from '../resources/registry.js';
import { bumpGeneration, WriterSlots } from '../store/generations.js';
import type { Store, Tx } from '../store/store.js';
import { authenticate, type AuthOptions, type Identity } from './auth.js';
import type { Throttle } from './throttle.js';
import { requestHash, withClientToken } from './idempotency.js';

export interface Ec2Request {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Ec2Response {
  status: number;
  body: string;
  requestId: string;
  action: string;
  errorCode?: string;
}

export interface Ec2EndpointOptions {
  store: Store;
  auth: AuthOptions;
  clock: () => Date;
  /**
   * The time signatures are checked against (RequestExpired): the real one, since clients sign with their own
   * clocks, which POST /_vpclite/clock does not move. Defaults to `clock`.
   */
  signatureClock?: () => Date;
  /** Called with anything thrown that is not an AWS error: a bug, logged with its stack. */
  onInternalError: (error: unknown, requestId: string) => void;
  /** `serve --throttle aws`: AWS's request token buckets; absent, nothing is throttled. */
  throttle?: Throttle;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readParameters(query: string, body: Buffer): Map<string, string> {
  let bodyText: string;
  try {
    bodyText = utf8.decode(body);
  } catch {
    throw malformedQuery('the body is not valid UTF-8');
  }
  const fromBody = parseForm(bodyText);
  const params = parseForm(query);
  for (const [k, v] of fromBody) params.set(k, v); // the body wins over the query string
  return params;
}

/**
 * A read-only transaction (a Describe, a DryRun rehearsal) found the account without its regional defaults: they
 * are created in a write transaction of their own and the request runs again.
 */
class DefaultsMissing extends Error {}

export class Ec2Endpoint {
  /** Writer names for account generations: one per write transaction running at once on this node. */
  private readonly writers = new WriterSlots();

  constructor(private readonly options: Ec2EndpointOptions) {}

  async handle(request: Ec2Request): Promise<Ec2Response> {
    const requestId = randomUUID();
    let action = '';
    try {
      const q = request.url.indexOf('?');
      const path = q === -1 ? request.url : request.url.slice(0, q);
      const queryText = q === -1 ? '' : request.url.slice(q + 1);
      const params = readParameters(queryText, request.body);
      const now = this.options.clock();
      const signedAt = (this.options.signatureClock ?? this.options.clock)();
      const identity = authenticate(
        this.options.auth,
        { method: request.method, path, query: queryText, headers: request.headers, body: request.body },
        signedAt,
      );
      action = params.get('Action') ?? '';
      if (action === '') throw missingAction();
      const version = params.get('Version');
      if (version === undefined) throw missingParameter('Version');
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
      const handler = operation ? findHandler(action) : undefined;
      if (!operation || !handler) throw invalidAction(action);
      if (version !== API_VERSION) throw noSuchVersion(version);
      this.options.throttle?.take(identity.account, identity.region.name, action, params);
      const input = decodeInput(operation.input?.shape, params, isEnvelopeKey);
      const output = await this.execute(action, input, identity, requestId, now);
      const body = encodeOutput(action, operation.output?.shape, output, requestId);
      return { status: 200, body, requestId, action };
    } catch (error) {
      const aws = error instanceof AwsError ? error : undefined;
      if (!aws) this.options.onInternalError(error, requestId);
      const e = aws ?? internalError();
      return { status: e.status, body: encodeError(e.code, e.message, requestId), requestId, action, errorCode: e.code };
    }
  }

  /**
   * Runs the action; creates the account's regional defaults first when the database has none. The check is one
   * primary-key read inside the request's own transaction, never a node's memory: another node may have run
   * POST /_vpclite/reset a moment ago, and then this request must find no default VPC and make one.
   */
  private async execute(
    action: string,
    input: Record<string, unknown>,
    identity: Identity,
    requestId: string,
    now: Date,
  ): Promise<unknown> {
    try {
      return await this.executeOnce(action, input, identity, requestId, now);
    } catch (error) {
      if (!(error instanceof DefaultsMissing)) throw error;
      await this.writeAccount(identity, (tx) =>
        bootstrapAccountRegion({ tx, account: identity.account, region: identity.region, requestId, now }),
      );
      return this.executeOnce(action, input, identity, requestId, now);
    }
  }

  private async executeOnce(
    action: string,
    input: Record<string, unknown>,
    identity: Identity,
    requestId: string,
    now: Date,
  ): Promise<unknown> {
    const handler = findHandler(action)!;
    const tokenMember = clientTokenMember(action);
    const token = tokenMember ? (input[tokenMember] as string | undefined) : undefined;
    const { store } = this.options;
    const writes = !isReadOnly(action) && input.DryRun !== true;
    const work = async (tx: RequestContext['tx']) => {
      const ctx: RequestContext = { tx, account: identity.account, region: identity.region, requestId, now };
      // A write creates missing defaults in its own transaction (they roll back with it if it fails); a read
      // or a rehearsal cannot keep what it writes, so it asks for a write of their own.
      if (writes) await bootstrapAccountRegion(ctx);
      else if (!(await findAccountRegion(ctx))) throw new DefaultsMissing();
      if (token === undefined || input.DryRun === true) return handler(ctx, input as never);
      return withClientToken(ctx, action, token, requestHash(input, tokenMember!), () => handler(ctx, input as never));
    };
    if (input.DryRun === true) {
      // Everything is validated and done, then rolled back: DryRunOperation only when the call would succeed.
      await store.rehearse(work);
      throw dryRunOperation();
    }
    return writes ? this.writeAccount(identity, work) : store.read(work);
  }

  /**
   * A write of the account's resources: its generation moves in the same transaction (src/store/generations.ts),
   * and it waits for the account's other writes instead of racing them (ADR 0007).
   */
  private writeAccount<T>(identity: Identity, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writers.with((writer) =>
      this.options.store.write(async (tx) => {
        const result = await work(tx);
        await bumpGeneration(tx, identity.account, identity.region.name, writer);
        return result;
      }, { queue: `${identity.account}/${identity.region.name}` }),
    );
  }
}
