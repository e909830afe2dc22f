/**
 * Accounts and authentication (wire-protocol.md §7, DESIGN.md invariant 5): `--auth strict` verifies SigV4
 * against a credentials file, answered through the JS SDK, the AWS CLI, boto3 and hand-made requests; the default
 * mode derives the account from the access key and keeps accounts apart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { loadCredentialsFile } from '../src/gateway/auth.js';
import { errorOf, requestIdOf, send } from './helpers/raw-http.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { presignGet, signPost } from './helpers/sign.js';
import { awsCli, python } from './helpers/subprocess.js';

const ALICE = { accessKeyId: 'AKIAALICE000000000001', secretAccessKey: 'alice/secret+KEY', account: '111111111111' };
const BOB = { accessKeyId: 'AKIABOB00000000000002', secretAccessKey: 'bob-secret', account: '222222222222' };
const DESCRIBE = 'Action=DescribeVpcs&Version=2016-11-15';

describe('--auth strict', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-auth-'));
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      `# access key, secret, account\n${ALICE.accessKeyId} ${ALICE.secretAccessKey} ${ALICE.account}\n\n` +
        `${BOB.accessKeyId}\t${BOB.secretAccessKey}\t${BOB.account}\n`,
    );
    server = await startTestServer({ auth: { mode: 'strict', credentials: loadCredentialsFile(file) } });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a correct key and secret and maps it to that line\'s account (JS SDK)', async () => {
    const alice = server.client(ALICE);
    const { Vpc } = await alice.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    assert.equal(Vpc!.OwnerId, ALICE.account);
    const { Vpcs } = await alice.send(new DescribeVpcsCommand({}));
    assert.ok(Vpcs!.length >= 2 && Vpcs!.every((v) => v.OwnerId === ALICE.account));
    // Bob, another account, neither sees nor deletes Alice's VPC.
    const bob = server.client(BOB);
    assert.equal((await awsError(bob.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })))).code, 'InvalidVpcID.NotFound');
    assert.equal((await awsError(bob.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId! })))).code, 'InvalidVpcID.NotFound');
  });

  it('answers SignatureDoesNotMatch (403) for a wrong secret and AuthFailure (401) for an unknown key (JS SDK)', async () => {
    const wrong = await awsError(server.client({ ...ALICE, secretAccessKey: 'not-the-secret' }).send(new DescribeVpcsCommand({})));
    assert.deepEqual([wrong.code, wrong.status], ['SignatureDoesNotMatch', 403]);
    assert.equal(
      wrong.message,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    const unknown = await awsError(server.client({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).send(new DescribeVpcsCommand({})));
    assert.deepEqual([unknown.code, unknown.status], ['AuthFailure', 401]);
    assert.equal(unknown.message, 'AWS was not able to validate the provided access credentials');
  });

  it('answers AuthFailure for a region vpclite does not have', async () => {
    const e = await awsError(server.client({ ...ALICE, region: 'mars-north-1' }).send(new DescribeVpcsCommand({})));
    assert.deepEqual([e.code, e.status], ['AuthFailure', 401]);
    const signed = await signPost(server.url, DESCRIBE, { ...ALICE, region: 'xx-nowhere-9' });
    const raw = await send(server.url, signed);
    assert.equal(errorOf(raw).code, 'AuthFailure');
  });

  it('works with the AWS CLI, and the CLI reports both auth errors', async () => {
    const ok = await awsCli(server.url, ALICE, ['describe-vpcs', '--filters', 'Name=is-default,Values=true']);
    assert.equal(ok.code, 0, ok.stderr);
    const { Vpcs } = JSON.parse(ok.stdout) as { Vpcs: { OwnerId: string; CidrBlock: string }[] };
    assert.deepEqual(Vpcs.map((v) => [v.OwnerId, v.CidrBlock]), [[ALICE.account, '172.31.0.0/16']]);

    const wrong = await awsCli(server.url, { ...ALICE, secretAccessKey: 'nope' }, ['describe-vpcs']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /An error occurred \(SignatureDoesNotMatch\) when calling the DescribeVpcs operation/);
    const unknown = await awsCli(server.url, { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }, ['describe-vpcs']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /An error occurred \(AuthFailure\) when calling the DescribeVpcs operation( \(reached max retries: \d+\))?: AWS was not able to validate the provided access credentials/);
  });

  it('checks signatures against the real time, not the simulated clock that POST /_vpclite/clock moves', async () => {
    const advanced = await fetch(`${server.url}/_vpclite/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 3600 }) });
    assert.equal(advanced.status, 200);
    const { Vpcs } = await server.client(ALICE).send(new DescribeVpcsCommand({}));
    assert.ok(Vpcs!.every((v) => v.OwnerId === ALICE.account), 'a request signed now is still accepted an hour later on the simulated clock');
  });

  it('answers MissingParameter for an unsigned request', async () => {
    const response = await send(server.url, { body: DESCRIBE });
    assert.equal(response.status, 400);
    assert.deepEqual(
      [errorOf(response).code, errorOf(response).message],
      ['MissingParameter', 'The request must contain the parameter AWSAccessKeyId'],
    );
    const get = await send(server.url, { method: 'GET', path: `/?${DESCRIBE}`, headers: {} });
    assert.equal(errorOf(get).code, 'MissingParameter');
  });

  it('answers IncompleteSignature when the Authorization header lacks a part', async () => {
    const signed = await signPost(server.url, DESCRIBE, ALICE);
    const authorization = signed.headers.authorization!;
    for (const part of ['Credential', 'SignedHeaders', 'Signature']) {
      const without = authorization.replace(new RegExp(`,? ?${part}=[^,]*`), '');
      assert.notEqual(without, authorization);
      const response = await send(server.url, { ...signed, headers: { ...signed.headers, authorization: without } });
      assert.equal(errorOf(response).code, 'IncompleteSignature', `${part}: ${response.body}`);
      assert.equal(response.status, 400);
    }
    const badScope = authorization.replace(/Credential=[^,]*/, `Credential=${ALICE.accessKeyId}/20240101/us-east-1`);
    const scoped = await send(server.url, { ...signed, headers: { ...signed.headers, authorization: badScope } });
    assert.equal(errorOf(scoped).code, 'IncompleteSignature');
    // The signed request itself, untouched, is fine.
    assert.equal((await send(server.url, signed)).status, 200);
  });

  it('answers RequestExpired for a request signed 20 minutes ago, and accepts one signed 10 minutes ago', async () => {
    const old = await signPost(server.url, DESCRIBE, { ...ALICE, date: new Date(Date.now() - 20 * 60 * 1000) });
    const expired = await send(server.url, old);
    assert.equal(errorOf(expired).code, 'RequestExpired', expired.body);
    assert.equal(expired.status, 400);
    const future = await send(server.url, await signPost(server.url, DESCRIBE, { ...ALICE, date: new Date(Date.now() + 20 * 60 * 1000) }));
    assert.equal(errorOf(future).code, 'RequestExpired');
    const recent = await send(server.url, await signPost(server.url, DESCRIBE, { ...ALICE, date: new Date(Date.now() - 10 * 60 * 1000) }));
    assert.equal(recent.status, 200, recent.body);
  });

  it('rejects a body changed after signing', async () => {
    const signed = await signPost(server.url, DESCRIBE, ALICE);
    const tampered = await send(server.url, { ...signed, body: `${DESCRIBE}&MaxResults=5` });
    assert.equal(errorOf(tampered).code, 'SignatureDoesNotMatch');
  });

  it('accepts a presigned GET URL (JS SDK signer and boto3) until it expires', async () => {
    const params = { Action: 'DescribeVpcs', Version: '2016-11-15', 'Filter.1.Name': 'is-default', 'Filter.1.Value.1': 'true' };
    const path = await presignGet(server.url, params, ALICE);
    const ok = await send(server.url, { method: 'GET', path, headers: {} });
    assert.equal(ok.status, 200, ok.body);
    assert.match(ok.body, new RegExp(`<ownerId>${ALICE.account}</ownerId>`));
    assert.equal(requestIdOf(ok), ok.headers['x-amzn-requestid']);

    const stale = await presignGet(server.url, params, { ...ALICE, date: new Date(Date.now() - 10 * 60 * 1000), expiresIn: 60 });
    assert.equal(errorOf(await send(server.url, { method: 'GET', path: stale, headers: {} })).code, 'RequestExpired');
    const forged = path.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
    assert.equal(errorOf(await send(server.url, { method: 'GET', path: forged, headers: {} })).code, 'SignatureDoesNotMatch');

    const boto = await python(
      `import boto3, os
ec2 = boto3.client('ec2', endpoint_url=os.environ['ENDPOINT'])
# botocore signs for the operation's POST unless told the URL is for a GET.
print(ec2.generate_presigned_url('describe_vpcs', Params={'VpcIds': ['vpc-0123456789abcdef0']}, ExpiresIn=300, HttpMethod='GET'))`,
      ALICE,
      { ENDPOINT: server.url },
    );
    assert.equal(boto.code, 0, boto.stderr);
    const url = new URL(boto.stdout.trim());
    assert.match(url.search, /VpcId\.1=vpc-0123456789abcdef0/);
    const viaBoto = await send(server.url, { method: 'GET', path: `${url.pathname}${url.search}`, headers: {} });
    // Signed and authenticated: the answer is about the (unknown) VPC id, not about the signature.
    assert.equal(errorOf(viaBoto).code, 'InvalidVpcID.NotFound', viaBoto.body);
  });
});

describe('default auth mode: the account comes from the access key', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('makes a 12-digit access key that account and any other key 123456789012', async () => {
    const { Vpc: mine } = await server
      .client({ accessKeyId: '444455556666' })
      .send(new CreateVpcCommand({ CidrBlock: '10.4.0.0/16' }));
    assert.equal(mine!.OwnerId, '444455556666');
    for (const accessKeyId of ['AKIAIOSFODNN7EXAMPLE', 'test', '12345678901', '1234567890123']) {
      const { Vpcs } = await server.client({ accessKeyId }).send(new DescribeVpcsCommand({}));
      assert.ok(Vpcs!.length > 0 && Vpcs!.every((v) => v.OwnerId === '123456789012'), accessKeyId);
    }
    // Any secret will do in this mode, and an unsigned request is the default account too.
    const unsigned = await send(server.url, { body: DESCRIBE });
    assert.match(unsigned.body, /<ownerId>123456789012<\/ownerId>/);
  });

  it('never lets two accounts see each other\'s VPCs, by id, by filter or by listing', async () => {
    const a = server.client({ accessKeyId: '777700000001', secretAccessKey: 'whatever' });
    const b = server.client({ accessKeyId: '777700000002', secretAccessKey: 'anything' });
    const { Vpc: va } = await a.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'o', Value: 'a' }] }] }));
    const { Vpc: vb } = await b.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'o', Value: 'b' }] }] }));
    const listA = (await a.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
    const listB = (await b.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
    assert.ok(listA.includes(va!.VpcId) && !listA.includes(vb!.VpcId));
    assert.ok(listB.includes(vb!.VpcId) && !listB.includes(va!.VpcId));
    assert.equal((await awsError(a.send(new DescribeVpcsCommand({ VpcIds: [vb!.VpcId!] })))).code, 'InvalidVpcID.NotFound');
    const byTag = await a.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:o', Values: ['a', 'b'] }] }));
    assert.deepEqual(byTag.Vpcs!.map((v) => v.VpcId), [va!.VpcId]);
    const byId = await a.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vb!.VpcId!] }] }));
    assert.deepEqual(byId.Vpcs, []);
    assert.equal((await awsError(a.send(new DeleteVpcCommand({ VpcId: vb!.VpcId! })))).code, 'InvalidVpcID.NotFound');
    // The default VPCs are distinct too: each account has its own.
    const defaults = await Promise.all([a, b].map((c) => c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))));
    assert.notEqual(defaults[0].Vpcs![0]!.VpcId, defaults[1].Vpcs![0]!.VpcId);
    // Regions are apart as well: the same account in another region starts with only its default VPC there.
    const west = server.client({ accessKeyId: '777700000001', region: 'us-west-2' });
    const { Vpcs: westVpcs } = await west.send(new DescribeVpcsCommand({}));
    assert.equal(westVpcs!.length, 1);
    assert.equal(westVpcs![0]!.IsDefault, true);
  });
});
