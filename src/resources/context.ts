/**
 * What an action handler receives: its transaction, who is asking (account and region, from the SigV4 scope) and
 * the request's clock. Handlers are plain async functions from typed input to typed output; the gateway does the
 * rest (parsing, DryRun, ClientToken, serialisation).
 */
import type { OperationName, Operations } from '../protocol/generated/ec2-shapes.js';
import type { Tx } from '../store/store.js';
import type { RegionInfo } from './regions/catalog.js';

export interface RequestContext {
  tx: Tx;
  account: string;
  region: RegionInfo;
  requestId: string;
  /** The request's time: every timestamp a request writes is this one. */
  now: Date;
}

export type Handler<A extends OperationName> = (
  ctx: RequestContext,
  input: Operations[A]['input'],
) => Promise<Operations[A]['output'] extends void ? void : Operations[A]['output']>;

export type ActionTable = { [A in OperationName]?: Handler<A> };

/** Describe* and Get* only read; everything else writes. */
export const isReadOnly = (action: string): boolean => /^(Describe|Get)/.test(action);
