/** CloudWatch Logs filter patterns (src/logs/filter-pattern.ts) against flow log records, and `--auth strict` for the Logs API. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilterPattern, eventFields } from '../src/logs/filter-pattern.js';
import { AwsError } from '../src/errors/aws-error.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { awsEnv, run } from './helpers/subprocess.js';

const ACCEPT = '2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.7 10.0.1.10 40000 22 6 20 4249 1418530010 1418530070 ACCEPT OK';
const REJECT = '2 123456789012 eni-0a1b2c3d4e5f60718 10.0.1.10 198.51.100.9 50000 3389 6 1 40 1418530010 1418530010 REJECT OK';
const NODATA = '2 123456789012 eni-0a1b2c3d4e5f60718 - - - - - - - 1431280876 1431280934 - NODATA';
const FLOW = '[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action, flowlogstatus]';

const matching = (pattern: string) => [ACCEPT, REJECT, NODATA].filter(compileFilterPattern(pattern)).map((m) => m.split(' ')[6]);

describe('filter patterns', () => {
  it('matches every event when empty', () => assert.deepEqual(matching(''), ['22', '3389', '-']));

  it('matches terms, phrases, optional and excluded terms, case-sensitively', () => {
    assert.deepEqual(matching('REJECT'), ['3389']);
    assert.deepEqual(matching('reject'), []);
    assert.deepEqual(matching('ACCEPT 203.0.113.7'), ['22']);
    assert.deepEqual(matching('"ACCEPT OK"'), ['22']);
    assert.deepEqual(matching('?REJECT ?NODATA'), ['3389', '-']);
    assert.deepEqual(matching('OK -REJECT'), ['22']);
  });

  it('matches space-delimited fields by value, number and wildcard', () => {
    assert.deepEqual(matching(FLOW.replace('destport', 'destport="22"')), ['22']);
    assert.deepEqual(matching(FLOW.replace('destport', 'destport=3389')), ['3389']);
    assert.deepEqual(matching(FLOW.replace('action', 'action=REJECT')), ['3389']);
    assert.deepEqual(matching(FLOW.replace('destination', 'destination=10.0.*')), ['22']);
    assert.deepEqual(matching(FLOW.replace('packets', 'packets>=20')), ['22']);
    assert.deepEqual(matching(FLOW.replace('packets', 'packets<5')), ['3389']);
    assert.deepEqual(matching(FLOW.replace('action', 'action!=ACCEPT')), ['3389', '-']);
    assert.deepEqual(matching(FLOW.replace('destport', 'destport=22 || destport=3389')), ['22', '3389']);
    assert.deepEqual(matching(FLOW.replace('destport', 'destport>20 && destport<100')), ['22']);
    assert.deepEqual(matching('[..., action="REJECT", status]'), ['3389']);
    assert.deepEqual(matching('[version, ..., status=NODATA]'), ['-']);
    // Without an ellipsis, the event has as many fields as the pattern.
    assert.deepEqual(matching('[version, account, eni]'), []);
  });

  it('reads quoted and bracketed text as one field', () => {
    assert.deepEqual(eventFields('127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'), [
      '127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /index.html HTTP/1.0', '404', '1534',
    ]);
  });

  it('refuses what it cannot read with InvalidParameterException', () => {
    for (const bad of ['[version, account', '{ $.level = "x" }', '[a, b=]', '[a, b="x]', '[a, b<x]', '[a, c=1 || b=2]']) {
      assert.throws(() => compileFilterPattern(bad), (e: unknown) => e instanceof AwsError && e.code === 'InvalidParameterException', bad);
    }
  });
});

describe('the Logs API under --auth strict', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      auth: { mode: 'strict', credentials: new Map([['AKIDLOGS', { accessKeyId: 'AKIDLOGS', secretAccessKey: 'secret', account: '444455556666' }]]) },
    });
  });
  after(() => server.close());

  const describeGroups = (accessKeyId: string, secretAccessKey: string) =>
    run(
      'aws',
      ['--endpoint-url', server.url, '--output', 'json', 'logs', 'describe-log-groups'],
      awsEnv({ accessKeyId, secretAccessKey }),
    );

  it('accepts requests signed for the logs service and refuses unknown keys and bad signatures', async () => {
    const ok = await describeGroups('AKIDLOGS', 'secret');
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).logGroups, []);
    const unknown = await describeGroups('AKIDNOPE', 'secret');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /UnrecognizedClientException/);
    const wrong = await describeGroups('AKIDLOGS', 'not-the-secret');
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /InvalidSignatureException/);
  });
});
