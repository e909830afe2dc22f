/**
 * Runs botocore's own EC2 serializer and parser (test/fixtures/botocore_wire.py, python3) so golden tests compare
 * vpclite with the code the AWS CLI and boto3 really run. Timestamps cross the JSON boundary as
 * {"$timestamp": ISO-8601} and blobs as {"$blob": base64}.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../test/fixtures/botocore_wire.py', import.meta.url));

function run<T>(command: 'serialize' | 'parse', input: unknown): T {
  const output = execFileSync('python3', [SCRIPT, command], { input: JSON.stringify(input), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString('utf8')) as T;
}

/** The form bodies botocore sends for each `{operation, params}`. */
export const botocoreBodies = (cases: { operation: string; params: unknown }[]): string[] =>
  run<{ body: string }[]>('serialize', cases).map((r) => r.body);

/** What boto3 makes of each response body. */
export const botocoreParse = (responses: { operation: string; status: number; body: string }[]): Record<string, unknown>[] =>
  run('parse', responses);

/** Dates as botocore_wire.py writes them, so JS values and botocore's answers compare with deepEqual. */
export function tagTimestamps(value: unknown): unknown {
  if (value instanceof Date) return { $timestamp: value.toISOString() };
  if (Array.isArray(value)) return value.map(tagTimestamps);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tagTimestamps(v)]));
  }
  return value;
}

/** The reverse: {"$timestamp"} becomes a Date and {"$blob"} the base64 text the wire carries. */
export function untagValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untagValues);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$timestamp === 'string') return new Date(record.$timestamp);
    if (typeof record.$blob === 'string') return record.$blob;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, untagValues(v)]));
  }
  return value;
}
