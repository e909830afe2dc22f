/**
 * The benchmark harness's signed client (bench/): both of its SigV4 signers sign exactly alike, and vpclite in
 * `--auth strict` accepts what they sign and refuses a wrong secret. No timing here: speed belongs in bench/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BenchClient, errorCode, xmlValue } from '../bench/client.js';
import { FastSigner, SmithySigner, formBody, type Credentials } from '../bench/sign.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '210987654321';
const credentials: Credentials = { accessKeyId: 'AKIABENCHSTRICT', secretAccessKey: 'bench/secret+key', region: 'eu-west-1' };

describe('bench signer', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer({
      auth: { mode: 'strict', credentials: new Map([[credentials.accessKeyId, { ...credentials, account: ACCOUNT }]]) },
    });
    port = Number(new URL(server.url).port);
  });
  after(() => server.close());

  it('signs byte for byte as the SDK signer (@smithy/signature-v4) does', async () => {
    const now = new Date('2026-03-04T23:59:59.999Z');
    const requests: Record<string, string>[] = [
      { Action: 'DescribeVpcs' },
      { Action: 'DescribeSecurityGroups', 'Filter.1.Name': 'tag:a b', 'Filter.1.Value.1': "x*?/é'()" },
    ];
    for (const params of requests) {
      const body = formBody(params);
      const reference = await new SmithySigner(credentials).sign('127.0.0.1:4599', body, now);
      assert.deepEqual(new FastSigner(credentials).sign('127.0.0.1:4599', body, now), reference);
    }
  });

  for (const signer of ['fast', 'smithy'] as const) {
    it(`passes --auth strict with the ${signer} signer, as the credentials' account and region`, async () => {
      const client = new BenchClient(port, { maxSockets: 2, signer, credentials });
      try {
        const reply = await client.call({ Action: 'DescribeVpcs', 'Filter.1.Name': 'is-default', 'Filter.1.Value.1': 'true' });
        assert.equal(reply.status, 200, reply.body);
        assert.equal(xmlValue(reply.body, 'ownerId'), ACCOUNT);
        assert.equal(xmlValue(reply.body, 'cidrBlock'), '172.31.0.0/16');
      } finally {
        client.close();
      }
    });
  }

  it('is refused under --auth strict when signed with another secret', async () => {
    const client = new BenchClient(port, { maxSockets: 1, credentials: { ...credentials, secretAccessKey: 'wrong' } });
    try {
      const reply = await client.call({ Action: 'DescribeVpcs' });
      assert.equal(reply.status, 403);
      assert.equal(errorCode(reply), 'SignatureDoesNotMatch');
    } finally {
      client.close();
    }
  });
});
