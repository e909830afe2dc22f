/**
 * `serve --throttle aws` (wire-protocol.md §11): AWS's request token buckets per account, region and action
 * category, answered with RequestLimitExceeded (503, the EC2 error envelope) when a bucket is empty. The first
 * suite moves the buckets' clock by hand so every count is exact; the second runs `bin/vpclite serve --throttle
 * aws` and lets boto3's standard retries wait for the real refill.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import {
  DescribeNetworkInterfacesCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startServer, type RunningServer } from '../src/gateway/server.js';
import { Throttle } from '../src/gateway/throttle.js';
import { awsError } from './helpers/server.js';
import { openTestStore, type TestStore } from './helpers/test-store.js';
import { spawnServer, type SpawnedServer } from './helpers/spawn-server.js';
import { python } from './helpers/subprocess.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';

describe('throttling with a hand-moved clock', () => {
  let opened: TestStore;
  let running: RunningServer;
  let clockMs = 0;
  const clients: EC2Client[] = [];
  const client = (accessKeyId = '111122223333', region = 'us-east-1') => {
    const c = new EC2Client({ endpoint: running.url, region, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  /** Sends `n` calls one after the other and counts how many were throttled. */
  const throttledOf = async (n: number, call: () => Promise<unknown>) => {
    let throttled = 0;
    for (let i = 0; i < n; i++) {
      try {
        await call();
      } catch (error) {
        const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
        if (e.name !== 'RequestLimitExceeded') throw error;
        assert.equal(e.$metadata?.httpStatusCode, 503);
        throttled++;
      }
    }
    return throttled;
  };

  before(async () => {
    opened = await openTestStore();
    running = await startServer({
      host: '127.0.0.1',
      port: 0,
      store: opened.store,
      auth: { mode: 'any', credentials: new Map() },
      logger: pino({ level: 'silent' }),
      throttle: new Throttle(() => clockMs),
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await running.close();
    await opened.close();
  });

  it('lets a full non-mutating bucket of 100 through, refuses the 101st with RequestLimitExceeded 503, and refills 20 a second', async () => {
    const ec2 = client('111122223333');
    assert.equal(await throttledOf(100, () => ec2.send(new DescribeVpcsCommand({}))), 0);
    const refused = await awsError(ec2.send(new DescribeVpcsCommand({})));
    assert.deepEqual(refused, { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 });
    clockMs += 100; // 2 tokens
    assert.equal(await throttledOf(3, () => ec2.send(new DescribeVpcsCommand({}))), 1);
  });

  it('meters each account and each region on its own', async () => {
    const other = client('222233334444');
    assert.equal(await throttledOf(100, () => other.send(new DescribeVpcsCommand({}))), 0);
    const otherRegion = client('111122223333', 'eu-west-1');
    assert.equal(await throttledOf(1, () => otherRegion.send(new DescribeVpcsCommand({}))), 0);
  });

  it('gives unfiltered DescribeNetworkInterfaces a bucket of 50, and a filtered one the non-mutating bucket', async () => {
    const ec2 = client('333344445555');
    assert.equal(await throttledOf(50, () => ec2.send(new DescribeNetworkInterfacesCommand({}))), 0);
    assert.equal(await throttledOf(1, () => ec2.send(new DescribeNetworkInterfacesCommand({}))), 1);
    const filtered = () =>
      ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] }));
    assert.equal(await throttledOf(5, filtered), 0);
  });

  it('gives RunInstances its own bucket of 5 calls, refilled 2 a second, whether the calls succeed or not', async () => {
    const ec2 = client('444455556666');
    const run = () => ec2.send(new RunInstancesCommand({ ImageId: AL2_X86, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
    assert.equal(await throttledOf(5, run), 0);
    assert.equal(await throttledOf(2, run), 2);
    clockMs += 500;
    assert.equal(await throttledOf(2, run), 1);
    // TerminateInstances has a bucket of its own: RunInstances' being empty does not stop it.
    const done = await awsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    assert.equal(done.code, 'InvalidInstanceID.NotFound');
  });
});

describe('bin/vpclite serve --throttle aws with boto3 retries', () => {
  let server: SpawnedServer;
  before(async () => {
    server = await spawnServer(['--port', '0', '--data', ':memory:', '--log-level', 'warn', '--throttle', 'aws']);
  });
  after(() => server.stop());

  it('throttles a burst of mutating calls and lets a retrying client through once the bucket refills', async () => {
    // Drain the mutating bucket (50, 5 a second) with a client that never retries until it is refused, then call
    // with standard retries: its first attempt finds the bucket short and a retry finds a token. A refill that
    // happens to land between the two calls makes the first attempt pass; the script then drains again.
    const script = `
import boto3, json
from botocore.config import Config
from botocore.exceptions import ClientError
def client(attempts):
    return boto3.client('ec2', endpoint_url='${server.url}', config=Config(retries={'mode': 'standard', 'max_attempts': attempts}))
once, retrying = client(1), client(10)
vpc = once.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
seen = {'throttled': None, 'retried': 0}
for attempt in range(5):
    for i in range(500):
        try:
            once.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={'Value': True})
        except ClientError as e:
            seen['throttled'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
            break
    answer = retrying.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={'Value': True})
    seen['retried'] = answer['ResponseMetadata']['RetryAttempts']
    if seen['retried'] > 0:
        break
print(json.dumps(seen))
`;
    const result = await python(script, { accessKeyId: '555566667777', secretAccessKey: 'x' });
    assert.equal(result.code, 0, result.stderr);
    const seen = JSON.parse(result.stdout) as { throttled: [string, number]; retried: number };
    assert.deepEqual(seen.throttled, ['RequestLimitExceeded', 503]);
    assert.ok(seen.retried >= 1, `boto3 retried ${seen.retried} times`);
  });

  it('refuses an unknown throttle mode with a message that names the choices', async () => {
    await assert.rejects(spawnServer(['--port', '0', '--data', ':memory:', '--throttle', 'fast']), /--throttle must be "off" or "aws"/);
  });
});
