/**
 * The protocol's own errors and transport rules over raw HTTP (wire-protocol.md §1, §4): what a request gets when
 * its Action, Version or parameters are wrong, GET and POST alike, the merge of query string and body, and the
 * request id in body and header.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { errorOf, post, requestIdOf, send, type RawResponse } from './helpers/raw-http.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

const V = 'Version=2016-11-15';

function assertError(response: RawResponse, status: number, code: string, message?: string): void {
  const e = errorOf(response);
  assert.equal(response.status, status, response.body);
  assert.equal(e.code, code, response.body);
  if (message !== undefined) assert.equal(e.message, message);
  assert.match(response.headers['content-type'] ?? '', /^text\/xml;charset=UTF-8$/);
  assert.ok(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'));
  assert.equal(e.requestId, response.headers['x-amzn-requestid'], 'request id in body and header');
}

describe('protocol errors over raw HTTP', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('answers MissingAction when there is no Action', async () => {
    assertError(await post(server.url, V), 400, 'MissingAction', 'The request must contain the parameter Action');
    assertError(await post(server.url, `Action=&${V}`), 400, 'MissingAction');
  });

  it('answers InvalidAction for an unknown action and for a real EC2 action vpclite does not serve', async () => {
    assertError(
      await post(server.url, `Action=DescribeFoo&${V}`),
      400,
      'InvalidAction',
      'The action DescribeFoo is not valid for this web service.',
    );
    assertError(
      await post(server.url, `Action=DescribeSnapshots&${V}`),
      400,
      'InvalidAction',
      'The action DescribeSnapshots is not valid for this web service.',
    );
    // Action names are case-sensitive, as in the model.
    assertError(await post(server.url, `Action=describevpcs&${V}`), 400, 'InvalidAction');
    // Not an own property of the operation table: no prototype lookups.
    assertError(await post(server.url, `Action=__proto__&${V}`), 400, 'InvalidAction');
    assertError(await post(server.url, `Action=constructor&${V}`), 400, 'InvalidAction');
  });

  it('answers MissingParameter without Version and NoSuchVersion for another version', async () => {
    assertError(
      await post(server.url, 'Action=DescribeVpcs'),
      400,
      'MissingParameter',
      'The request must contain the parameter Version',
    );
    assertError(
      await post(server.url, 'Action=DescribeVpcs&Version=2010-01-01'),
      400,
      'NoSuchVersion',
      'The requested version (2010-01-01) of service AmazonEC2 does not exist',
    );
  });

  it('answers UnknownParameter for a parameter the action does not have, at the top level and nested', async () => {
    assertError(
      await post(server.url, `Action=DescribeVpcs&${V}&Bogus=1`),
      400,
      'UnknownParameter',
      'The parameter Bogus is not recognized',
    );
    assertError(
      await post(server.url, `Action=DescribeVpcs&${V}&Filter.1.Name=vpc-id&Filter.1.Bogus=x`),
      400,
      'UnknownParameter',
      'The parameter Filter.1.Bogus is not recognized',
    );
    // A member name in the SDK's spelling is not its wire name (VpcIds travels as VpcId.N).
    assertError(await post(server.url, `Action=DescribeVpcs&${V}&VpcIds.1=vpc-1`), 400, 'UnknownParameter');
    // A list given as a scalar, a scalar given as a list.
    assertError(await post(server.url, `Action=DescribeVpcs&${V}&VpcId=vpc-1`), 400, 'UnknownParameter');
    assertError(await post(server.url, `Action=DescribeVpcs&${V}&MaxResults.1=5`), 400, 'UnknownParameter');
    // Actions without input members know no parameters at all.
    assertError(await post(server.url, `Action=DeleteVpc&${V}&VpcId=vpc-1&Extra=1`), 400, 'UnknownParameter');
  });

  it('answers MissingParameter for a required member that is absent', async () => {
    assertError(
      await post(server.url, `Action=DeleteVpc&${V}`),
      400,
      'MissingParameter',
      'The request must contain the parameter VpcId',
    );
  });

  it('answers InvalidParameterValue for a value of the wrong type', async () => {
    for (const bad of ['MaxResults=abc', 'MaxResults=5.5', 'MaxResults=', 'MaxResults=99999999999', 'DryRun=maybe', 'DryRun=1', 'DryRun=']) {
      assertError(await post(server.url, `Action=DescribeVpcs&${V}&${bad}`), 400, 'InvalidParameterValue');
    }
    // Booleans are accepted in any case, as EC2 does.
    assert.equal((await post(server.url, `Action=DescribeVpcs&${V}&DryRun=FALSE`)).status, 200);
  });

  it('serves GET with the parameters in the query string like POST', async () => {
    const response = await send(server.url, { method: 'GET', path: `/?Action=DescribeVpcs&${V}&Filter.1.Name=is-default&Filter.1.Value.1=true`, headers: {} });
    assert.equal(response.status, 200, response.body);
    assert.match(response.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeVpcsResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>/);
    assert.match(response.body, /<cidrBlock>172\.31\.0\.0\/16<\/cidrBlock>/);
    assert.equal(response.headers['content-type'], 'text/xml;charset=UTF-8');
    assert.equal(response.headers.server, 'AmazonEC2');
  });

  it('merges query string and body on POST, the body winning a clash', async () => {
    const response = await send(server.url, {
      method: 'POST',
      path: `/?Action=DescribeVpcs&${V}&Filter.1.Name=is-default&Filter.1.Value.1=false`,
      body: 'Filter.1.Value.1=true',
    });
    assert.equal(response.status, 200, response.body);
    assert.match(response.body, /<isDefault>true<\/isDefault>/, 'the body value (true) is the one applied');
    assert.doesNotMatch(response.body, /<isDefault>false<\/isDefault>/);
  });

  it('puts the same request id in the body and in x-amzn-RequestId, on success and on error', async () => {
    const ok = await post(server.url, `Action=DescribeVpcs&${V}`);
    assert.equal(ok.status, 200);
    assert.match(requestIdOf(ok)!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(requestIdOf(ok), ok.headers['x-amzn-requestid']);
    const failed = await post(server.url, `Action=DeleteVpc&${V}`);
    assert.equal(errorOf(failed).requestId, failed.headers['x-amzn-requestid']);
    assert.notEqual(requestIdOf(ok), errorOf(failed).requestId, 'every request has its own id');
  });

  it('hands the request id to the JS SDK, on success and on error', async () => {
    const result = await ec2.send(new DescribeVpcsCommand({}));
    assert.match(result.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    try {
      await ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] }));
      assert.fail('expected InvalidVpcID.NotFound');
    } catch (error) {
      const e = error as { $metadata: { requestId?: string } };
      assert.match(e.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    }
    const e = await awsError(ec2.send(new DescribeVpcsCommand({ MaxResults: 1 })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, 'Value ( 1 ) for parameter maxResults is invalid. Expecting a value greater than 5.');
  });
});
