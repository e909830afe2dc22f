/**
 * ClientToken idempotency (wire-protocol.md §6), for every action whose model input has a token: the first
 * request's answer is stored with a hash of its parameters, in the same transaction as its effects; a retry with
 * the same token and parameters gets that answer back and changes nothing, one with other parameters gets
 * IdempotentParameterMismatch. Tokens are scoped to account, region and action.
 */
import { createHash } from 'node:crypto';
import { idempotentParameterMismatch, invalidParameterValue } from '../errors/protocol.js';
import type { RequestContext } from '../resources/context.js';

const MAX_TOKEN_LENGTH = 64;

/** JSON with object keys sorted, so the hash does not depend on parameter order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(input: Record<string, unknown>, tokenMember: string): string {
  const { DryRun: _dryRun, [tokenMember]: _token, ...rest } = input;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

export async function withClientToken<T>(
  ctx: RequestContext,
  action: string,
  token: string,
  hash: string,
  run: () => Promise<T>,
): Promise<T> {
  if (token.length > MAX_TOKEN_LENGTH || !/^[\x20-\x7e]*$/.test(token)) {
    throw invalidParameterValue(`Value (${token}) for parameter clientToken is invalid. The token must be at most 64 ASCII characters.`);
  }
  const previous = await ctx.tx.get<{ request_hash: string; response: string }>(
    'SELECT request_hash, response FROM idempotency_tokens WHERE account = ? AND region = ? AND action = ? AND token = ?',
    [ctx.account, ctx.region.name, action, token],
  );
  if (previous) {
    if (previous.request_hash !== hash) throw idempotentParameterMismatch(token);
    return JSON.parse(previous.response) as T;
  }
  const result = await run();
  await ctx.tx.run(
    `INSERT INTO idempotency_tokens (account, region, action, token, request_hash, response, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [ctx.account, ctx.region.name, action, token, hash, JSON.stringify(result ?? null), ctx.now.toISOString()],
  );
  return result;
}
