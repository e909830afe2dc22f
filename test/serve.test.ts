/**
 * `vpclite serve` as a process (DESIGN.md contracts): the one ready line, health right after start, one log line
 * per request with action, status, ms and request id, the flags that choose auth, and clear refusals of bad flags.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorOf, post, requestIdOf, send } from './helpers/raw-http.js';
import { signPost } from './helpers/sign.js';
import { spawnServer } from './helpers/spawn-server.js';

const V = 'Version=2016-11-15';

interface LogLine {
  action?: string;
  status?: number;
  ms?: number;
  requestId?: string;
  error?: string;
  msg?: string;
}

describe('vpclite serve', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-serve-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is healthy as soon as it prints its one ready line', async () => {
    const server = await spawnServer(['--port', '0', '--data', join(dir, 'health')]);
    const health = await send(server.url, { method: 'GET', path: '/_vpclite/health', headers: {} });
    try {
      assert.equal(health.status, 200);
      const body = JSON.parse(health.body) as { status: string; version: string; store: { engine: string } };
      assert.equal(body.status, 'ok');
      assert.match(body.version, /^\d+\.\d+\.\d+/);
      assert.equal(body.store.engine, 'sqlite');
      // How fast it gets there is measured by bench/ (startup workload), not asserted here.
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      assert.equal(await server.stop(), 0, server.stderr());
    }
    const ready = server.lines.filter((l) => l.startsWith('vpclite listening on'));
    assert.deepEqual(ready, [`vpclite listening on ${server.url}`]);
  });

  it('logs one line per request with its action, status, milliseconds and request id', async () => {
    const server = await spawnServer(['--port', '0', '--data', ':memory:']);
    const created = await post(server.url, `Action=CreateVpc&${V}&CidrBlock=10.0.0.0/16`);
    const missing = await post(server.url, `Action=DescribeVpcs&${V}&VpcId.1=vpc-0123456789abcdef0`);
    const noAction = await post(server.url, V);
    assert.equal(await server.stop('SIGTERM'), 0, server.stderr());

    const logs = server.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
    const expectations: [string, string, number, string | undefined][] = [
      [requestIdOf(created)!, 'CreateVpc', 200, undefined],
      [errorOf(missing).requestId!, 'DescribeVpcs', 400, 'InvalidVpcID.NotFound'],
      [errorOf(noAction).requestId!, '', 400, 'MissingAction'],
    ];
    for (const [requestId, action, status, error] of expectations) {
      const lines = logs.filter((l) => l.requestId === requestId);
      assert.equal(lines.length, 1, `one log line for ${requestId}: ${server.lines.join('\n')}`);
      const line = lines[0]!;
      assert.equal(line.action ?? '', action);
      assert.equal(line.status, status);
      assert.equal(typeof line.ms, 'number');
      assert.ok(line.ms! >= 0);
      assert.equal(line.error, error);
    }
    assert.equal(logs.filter((l) => l.msg === 'request').length, 3, 'no other request lines');
  });

  it('keeps the state in --data across a clean restart and nothing with --data :memory:', async () => {
    const data = join(dir, 'restart');
    const first = await spawnServer(['--port', '0', '--data', data]);
    const created = await post(first.url, `Action=CreateVpc&${V}&CidrBlock=10.9.0.0/16`);
    const vpcId = /<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/.exec(created.body)![1]!;
    assert.equal(await first.stop(), 0);
    const second = await spawnServer(['--port', '0', '--data', data]);
    assert.equal((await post(second.url, `Action=DescribeVpcs&${V}&VpcId.1=${vpcId}`)).status, 200);
    assert.equal(await second.stop(), 0);

    const volatile = await spawnServer(['--port', '0', '--data', ':memory:']);
    await post(volatile.url, `Action=CreateVpc&${V}&CidrBlock=10.9.0.0/16`);
    assert.equal(await volatile.stop(), 0);
    const fresh = await spawnServer(['--port', '0', '--data', ':memory:']);
    const all = await post(fresh.url, `Action=DescribeVpcs&${V}`);
    assert.equal((all.body.match(/<vpcId>/g) ?? []).length, 1, 'only the default VPC');
    assert.equal(await fresh.stop(), 0);
  });

  it('verifies signatures with --auth strict --credentials FILE', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, 'AKIASERVE000000000001 serve-secret 333333333333\n');
    const server = await spawnServer(['--port', '0', '--data', ':memory:', '--auth', 'strict', '--credentials', file]);
    try {
      const unsigned = await post(server.url, `Action=DescribeVpcs&${V}`);
      assert.equal(errorOf(unsigned).code, 'MissingParameter');
      const signed = await signPost(server.url, `Action=DescribeVpcs&${V}`, {
        accessKeyId: 'AKIASERVE000000000001',
        secretAccessKey: 'serve-secret',
      });
      const ok = await send(server.url, signed);
      assert.equal(ok.status, 200, ok.body);
      assert.match(ok.body, /<ownerId>333333333333<\/ownerId>/);
    } finally {
      await server.stop();
    }
  });

  it('refuses bad flags with one clear line and exit status 1', async () => {
    const file = join(dir, 'bad-credentials');
    writeFileSync(file, 'only-two fields\n');
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port must be 0-65535/],
      [['--port', '70000'], /--port must be 0-65535/],
      [['--auth', 'maybe'], /--auth must be "any" or "strict"/],
      [['--auth', 'strict'], /--auth strict needs --credentials FILE/],
      [['--auth', 'strict', '--credentials', file], /bad-credentials:1: expected/],
      [['--auth', 'strict', '--credentials', join(dir, 'no-such-file')], /no-such-file/],
    ];
    for (const [args, message] of cases) {
      await assert.rejects(spawnServer(['--data', ':memory:', ...args]), (error: Error) => {
        assert.match(error.message, /exited with 1/);
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
        return true;
      });
    }
  });
});
