/**
 * Malformed requests (DESIGN.md invariant 6): each gets an AWS-shaped 4xx - the EC2 error envelope, or a bare 400
 * for bytes that are not HTTP at all - never a 5xx, a crash or a hang, and the server answers the next request.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { errorOf, post, rawExchange, send, type RawResponse } from './helpers/raw-http.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { MAX_BODY_BYTES } from '../src/gateway/server.js';

const V = 'Version=2016-11-15';

/** An EC2 error envelope with a 4xx status and, when given, the code. */
function assertClientError(response: RawResponse, code?: string): void {
  assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}: ${response.body.slice(0, 300)}`);
  const e = errorOf(response);
  assert.ok(e.code, `an EC2 error envelope: ${response.body.slice(0, 300)}`);
  assert.equal(e.requestId, response.headers['x-amzn-requestid']);
  if (code) assert.equal(e.code, code, e.message);
}

describe('bad input', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function assertHealthy(): Promise<void> {
    const health = await send(server.url, { method: 'GET', path: '/_vpclite/health', headers: {} });
    assert.equal(health.status, 200);
    assert.equal((JSON.parse(health.body) as { status: string }).status, 'ok');
    assert.equal((await post(server.url, `Action=DescribeVpcs&${V}`)).status, 200);
  }

  it('refuses a body over the size limit with 413 and stays up, whether its length is declared or chunked', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 'a');
    const declared = await post(server.url, Buffer.concat([Buffer.from(`Action=DescribeVpcs&${V}&NextToken=`), big]));
    assertClientError(declared, 'RequestEntityTooLarge');
    assert.equal(declared.status, 413);
    const chunked = await send(server.url, {
      body: big,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    });
    assertClientError(chunked, 'RequestEntityTooLarge');
    // Only the declared length is checked up front: a lie is caught while reading.
    const lying = await rawExchange(
      server.url,
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${MAX_BODY_BYTES * 10}\r\n\r\nAction=DescribeVpcs`,
      1_000,
    );
    assert.match(lying, /^HTTP\/1\.1 413 /);
    await assertHealthy();
  });

  it('refuses invalid UTF-8 and invalid percent-encoding', async () => {
    assertClientError(await post(server.url, Buffer.from([...Buffer.from(`Action=DescribeVpcs&${V}&NextToken=`), 0xff, 0xfe, 0xc3])), 'MalformedQueryString');
    for (const bad of ['%zz', '%', '%4', '%C3', '%ED%A0%80', '%C0%AF', '%FF']) {
      assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&NextToken=${bad}`), 'MalformedQueryString');
      assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&${bad}=1`), 'MalformedQueryString');
      assertClientError(
        await send(server.url, { method: 'GET', path: `/?Action=DescribeVpcs&${V}&NextToken=${bad}`, headers: {} }),
        'MalformedQueryString',
      );
    }
    await assertHealthy();
  });

  it('refuses NUL characters, escaped or raw, in names and values, on every engine', async () => {
    assertClientError(await post(server.url, `Action=CreateTags&${V}&ResourceId.1=vpc-1&Tag.1.Key=a%00b`), 'MalformedQueryString');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&Filter.1.Name%00=x`), 'MalformedQueryString');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&NextToken=a\u0000b`), 'MalformedQueryString');
    await assertHealthy();
  });

  it('refuses a parameter given twice, in one source or as two spellings of one list index', async () => {
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.1=vpc-1&VpcId.1=vpc-2`), 'MalformedQueryString');
    assertClientError(await post(server.url, `Action=DescribeVpcs&Action=DescribeVpcs&${V}`), 'MalformedQueryString');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.1=vpc-1&VpcId.01=vpc-2`), 'UnknownParameter');
  });

  it('refuses list indexes that are zero, not numbers, or absurdly large, and keeps sparse ones in order', async () => {
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.999999999=vpc-1`), 'InvalidParameterValue');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.0=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.abc=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.-1=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.1e3=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&Filter.99999999999999999999.Name=x`), 'InvalidParameterValue');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&.VpcId=vpc-1`), 'UnknownParameter');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&=x`), 'UnknownParameter');
    const sparse = await post(server.url, `Action=DescribeVpcs&${V}&Filter.7.Name=is-default&Filter.7.Value.3=true`);
    assert.equal(sparse.status, 200, sparse.body);
  });

  it('refuses deep nesting and enormous parameter counts', async () => {
    const deep = `Action=DescribeVpcs&${V}&Filter.1.Value.1${'.1'.repeat(5_000)}=x`;
    assertClientError(await post(server.url, deep));
    const nested = `Action=DescribeVpcs&${V}&Filter.1.Name.x.y.z=x`;
    assertClientError(await post(server.url, nested), 'UnknownParameter');
    const many = [`Action=DescribeVpcs`, V, ...Array.from({ length: 50_000 }, (_, i) => `P${i}=1`)].join('&');
    assertClientError(await post(server.url, many), 'MalformedQueryString');
    const longList = [`Action=DescribeVpcs`, V, ...Array.from({ length: 5_000 }, (_, i) => `VpcId.${i + 1}=vpc-${i}`)].join('&');
    assertClientError(await post(server.url, longList), 'InvalidParameterValue');
    const longKey = `Action=DescribeVpcs&${V}&${'K'.repeat(100_000)}=1`;
    assertClientError(await post(server.url, longKey), 'MalformedQueryString');
    const longValue = `Action=DescribeVpcs&${V}&NextToken=${'v'.repeat(1_500_000)}`;
    assertClientError(await post(server.url, longValue));
    await assertHealthy();
  });

  it('refuses invalid CIDRs and ids with the resource\'s own errors', async () => {
    for (const cidr of ['10.0.0.0/33', '999.1.1.1/16', 'abc', '', '10.0.0.0', '10.0.0.0/-1', '::/0', '10.0.0.0/16/16', '1'.repeat(10_000)]) {
      assertClientError(await post(server.url, `Action=CreateVpc&${V}&CidrBlock=${encodeURIComponent(cidr)}`));
    }
    for (const id of ['garbage', 'vpc-', 'vpc-xyz', 'vpc-0123456789abcdef0123', 'subnet-0123456789abcdef0', '']) {
      assertClientError(await post(server.url, `Action=DeleteVpc&${V}&VpcId=${encodeURIComponent(id)}`));
      assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId.1=${encodeURIComponent(id)}`));
    }
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&NextToken=not-a-token`), 'InvalidNextToken');
    assertClientError(await post(server.url, `Action=DescribeVpcs&${V}&Filter.1.Name=no-such-filter&Filter.1.Value.1=x`), 'InvalidParameterValue');
    await assertHealthy();
  });

  it('answers bytes that are not HTTP with a bare 400 and carries on', async () => {
    const garbage = [
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), // a TLS ClientHello
      Buffer.from('GET / HTTP/9.9\r\n\r\n'),
      Buffer.from('\x00\x01\x02\x03\r\n\r\n'),
      Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`),
      Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nAction\r\n0\r\n\r\n`),
      Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`),
    ];
    for (const bytes of garbage) {
      const answer = await rawExchange(server.url, bytes, 1_000);
      assert.match(answer, /^(HTTP\/1\.1 4\d\d |$)/, JSON.stringify(answer.slice(0, 80)));
    }
    await assertHealthy();
  });

  it('answers other paths, methods and content types without a 5xx', async () => {
    const agent = new Agent({ keepAlive: true });
    const cases: Parameters<typeof send>[1][] = [
      { method: 'PUT', body: `Action=DescribeVpcs&${V}` },
      { method: 'DELETE', path: `/?Action=DescribeVpcs&${V}`, headers: {} },
      { method: 'POST', path: '/some/other/path', body: `Action=DescribeVpcs&${V}` },
      { method: 'POST', body: '{"Action":"DescribeVpcs"}', headers: { 'content-type': 'application/json' } },
      { method: 'POST', body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff]), headers: { 'content-encoding': 'gzip' } },
      { method: 'GET', path: '/_vpclite/nope', headers: {} },
      { method: 'POST', path: '/_vpclite/health', headers: {} },
    ];
    for (const c of cases) {
      const response = await send(server.url, { ...c, agent });
      assert.ok(response.status < 500, `${c.method} ${c.path ?? '/'}: ${response.status} ${response.body.slice(0, 200)}`);
    }
    agent.destroy();
    await assertHealthy();
  });
});
