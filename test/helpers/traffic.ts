/**
 * Sends packet descriptions to a test server's traffic extension (POST /_vpclite/traffic) and reads its answers;
 * moves its clock past aggregation windows and reads the flow-log records with the AWS CLI.
 */
import assert from 'node:assert/strict';
import { awsEnv, run } from './subprocess.js';

export interface TrafficAnswer {
  status: number;
  body: {
    accepted: boolean;
    code?: string;
    bypass?: string;
    reply: { accepted: boolean; code?: string; evaluated?: boolean };
    trace: Array<{
      step: string;
      component: string;
      outcome: 'pass' | 'drop';
      code?: string;
      rule?: string;
      direction: 'request' | 'reply';
      networkInterfaceId?: string;
      header: { sourceAddress: string; destinationAddress: string; sourcePort: number; destinationPort: number };
    }>;
    deliveredTo?: { networkInterfaceId: string; instanceId?: string };
    error?: string;
    message?: string;
  };
}

export async function sendTraffic(url: string, body: unknown, headers: Record<string, string> = {}): Promise<TrafficAnswer> {
  const response = await fetch(`${url}/_vpclite/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TrafficAnswer['body'] };
}

/** The first step that dropped the packet, in either direction. */
export const dropOf = (answer: TrafficAnswer) => answer.body.trace.find((s) => s.outcome === 'drop');

/** POST /_vpclite/clock: moves the node's clock forward by `seconds`. */
export async function advanceClock(url: string, seconds: number): Promise<void> {
  const response = await fetch(`${url}/_vpclite/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) });
  assert.equal(response.status, 200);
}

/** Every event of a log group, through the AWS CLI (`aws logs filter-log-events`), as `account` (an access key). */
export async function cliLogEvents(url: string, group: string, account = 'test'): Promise<{ logStreamName: string; message: string }[]> {
  const result = await run(
    'aws',
    ['logs', 'filter-log-events', '--endpoint-url', url, '--region', 'us-east-1', '--log-group-name', group, '--output', 'json'],
    awsEnv({ accessKeyId: account, secretAccessKey: 'x' }),
  );
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { events: { logStreamName: string; message: string }[] }).events;
}
