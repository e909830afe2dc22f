/**
 * Golden protocol tests: the wire format is checked against the code real clients run, not against our own idea
 * of it.
 * - Decoding: botocore's EC2 serializer (python3) and @aws-sdk/client-ec2 produce the exact bodies they send for
 *   REQUEST_CASES; src/protocol/decode-input.ts must recover the very parameters they were given.
 * - Encoding: src/protocol/encode-output.ts must write the pinned XML of test/fixtures/golden/, and botocore's
 *   parser and the JS SDK must both read that XML back as the output it was written from. Members are written in
 *   the model's order (no client depends on the order of elements).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ec2 from '@aws-sdk/client-ec2';
import { decodeInput } from '../src/protocol/decode-input.js';
import { encodeError, encodeOutput } from '../src/protocol/encode-output.js';
import { isEnvelopeKey } from '../src/protocol/envelope.js';
import { parseForm } from '../src/protocol/form.js';
import { API_VERSION, operations } from '../src/protocol/model.js';
import { botocoreBodies, botocoreParse, tagTimestamps, untagValues } from './helpers/botocore.js';
import { startStubServer, type StubServer } from './helpers/stub-http.js';
import { REQUEST_CASES } from './fixtures/request-cases.js';
import { ERROR_CASE, GOLDEN_REQUEST_ID, RESPONSE_CASES } from './fixtures/response-cases.js';

// Every command of the SDK, looked up by operation name; send() takes any of them.
type CommandClass = new (input: unknown) => Parameters<ec2.EC2Client["send"]>[0];
const commandOf = (operation: string) => (ec2 as unknown as Record<string, CommandClass>)[`${operation}Command`]!;

/** Decodes a form body the way the gateway does, checking the envelope on the way. */
function decodeBody(operation: string, body: string): Record<string, unknown> {
  const params = parseForm(body);
  assert.equal(params.get('Action'), operation);
  assert.equal(params.get('Version'), API_VERSION);
  return decodeInput(operations[operation]!.input?.shape, params, isEnvelopeKey);
}

/** Parameters as the JS SDK takes them: Date for timestamps, bytes for blobs. */
function forJsSdk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forJsSdk);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$timestamp === 'string') return new Date(record.$timestamp);
    if (typeof record.$blob === 'string') return new Uint8Array(Buffer.from(record.$blob, 'base64'));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, forJsSdk(v)]));
  }
  return value;
}

/** A golden file as the encoder writes it: the same document without the indentation between elements. */
function golden(file: string): string {
  const text = readFileSync(new URL(`../../test/fixtures/golden/${file}`, import.meta.url), 'utf8');
  return text.replace(/>\s+</g, '><').trimEnd().replace('?><', '?>\n<');
}

/** Output as a client hands it over: without response metadata and without members it left undefined. */
function withoutMetadata(value: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _m, ResponseMetadata: _r, ...rest } = value;
  return JSON.parse(JSON.stringify(tagTimestamps(rest))) as Record<string, unknown>;
}

describe('golden protocol: decoding what real clients send', () => {
  let stub: StubServer;
  let client: ec2.EC2Client;
  before(async () => {
    stub = await startStubServer();
    stub.answer(412, encodeError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', GOLDEN_REQUEST_ID));
    client = new ec2.EC2Client({
      endpoint: stub.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await stub.close();
  });

  it('recovers every parameter botocore (AWS CLI, boto3) serialises, for every shape kind', () => {
    const bodies = botocoreBodies(REQUEST_CASES);
    for (const [i, testCase] of REQUEST_CASES.entries()) {
      assert.deepStrictEqual(
        decodeBody(testCase.operation, bodies[i]!),
        untagValues(testCase.params),
        `${testCase.operation}: ${testCase.title}\n${bodies[i]}`,
      );
    }
  });

  it('recovers every parameter @aws-sdk/client-ec2 serialises, for every shape kind', async () => {
    for (const testCase of REQUEST_CASES) {
      stub.requests.length = 0;
      await assert.rejects(client.send(new (commandOf(testCase.operation))(forJsSdk(testCase.params))), {
        name: 'DryRunOperation',
      });
      const body = stub.requests[0]!.body;
      assert.deepStrictEqual(
        decodeBody(testCase.operation, body),
        untagValues(testCase.params),
        `${testCase.operation}: ${testCase.title}\n${body}`,
      );
    }
  });

  it('decodes the queryName / locationName rules as the wire shows them', () => {
    const [body] = botocoreBodies([REQUEST_CASES.find((c) => c.operation === 'RunInstances')!]);
    const keys = [...parseForm(body!).keys()];
    // queryName wins over locationName inside NetworkInterface.N; a capitalised locationName elsewhere.
    for (const key of [
      'NetworkInterface.1.PrivateIpAddresses.1.PrivateIpAddress',
      'NetworkInterface.1.Ipv6Addresses.1.Ipv6Address',
      'NetworkInterface.1.SecurityGroupId.2',
      'SecurityGroupId.1',
      'SecurityGroup.1',
      'TagSpecification.2.Tag.1.Key',
      'InstanceMarketOptions.SpotOptions.ValidUntil',
    ]) {
      assert.ok(keys.includes(key), `${key} in ${keys.join(' ')}`);
    }
  });
});

describe('golden protocol: encoding what real clients read', () => {
  let stub: StubServer;
  let client: ec2.EC2Client;
  before(async () => {
    stub = await startStubServer();
    client = new ec2.EC2Client({
      endpoint: stub.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await stub.close();
  });

  it('writes exactly the golden XML', () => {
    for (const testCase of RESPONSE_CASES) {
      const shape = operations[testCase.operation]!.output?.shape;
      assert.equal(encodeOutput(testCase.operation, shape, testCase.output, GOLDEN_REQUEST_ID), golden(testCase.file), testCase.file);
    }
    assert.equal(encodeError(ERROR_CASE.code, ERROR_CASE.message, GOLDEN_REQUEST_ID), golden(ERROR_CASE.file));
  });

  it('is read back by botocore (AWS CLI, boto3) as the output it was written from', () => {
    const parsed = botocoreParse(
      RESPONSE_CASES.map((c) => ({ operation: c.operation, status: 200, body: golden(c.file) })),
    );
    for (const [i, testCase] of RESPONSE_CASES.entries()) {
      assert.equal((parsed[i]!.ResponseMetadata as { RequestId: string }).RequestId, GOLDEN_REQUEST_ID);
      assert.deepStrictEqual(withoutMetadata(parsed[i]!), tagTimestamps(testCase.output ?? {}), testCase.file);
    }
  });

  it('is read back by @aws-sdk/client-ec2 as the output it was written from', async () => {
    for (const testCase of RESPONSE_CASES) {
      stub.answer(200, golden(testCase.file));
      const result = (await client.send(new (commandOf(testCase.operation))({}))) as unknown as Record<string, unknown>;
      assert.deepStrictEqual(withoutMetadata(result), tagTimestamps(testCase.output ?? {}), testCase.file);
    }
  });

  it('writes an error envelope both clients read: code, message, request id and status', async () => {
    const [parsed] = botocoreParse([{ operation: ERROR_CASE.operation, status: ERROR_CASE.status, body: golden(ERROR_CASE.file) }]);
    assert.deepStrictEqual(parsed!.Error, { Code: ERROR_CASE.code, Message: ERROR_CASE.message });
    assert.equal((parsed!.ResponseMetadata as { RequestId: string }).RequestId, GOLDEN_REQUEST_ID);

    stub.answer(ERROR_CASE.status, golden(ERROR_CASE.file));
    const error = (await client.send(new ec2.DescribeVpcsCommand({})).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    )) as { name: string; Code: string; message: string; $metadata: { httpStatusCode: number } };
    assert.equal(error.Code, ERROR_CASE.code);
    assert.equal(error.name, ERROR_CASE.code);
    assert.equal(error.message, ERROR_CASE.message);
    assert.equal(error.$metadata.httpStatusCode, ERROR_CASE.status);
    // The JS SDK takes the request id from the x-amzn-RequestId header, not the body: protocol-errors.test.ts
    // checks that the server sends both, equal.
  });
});
