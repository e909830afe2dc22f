/**
 * The AWS CLI and boto3, as users run them against vpclite (subprocesses, `--endpoint-url` and AWS_ENDPOINT_URL):
 * create-vpc, describe-vpcs with filters, and what an error looks like to them (exit status, message, code).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCli, python } from './helpers/subprocess.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const CREDENTIALS = { accessKeyId: '246813579024', secretAccessKey: 'smoke' };

describe('AWS CLI and boto3 smoke tests', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates a VPC and finds it with filters through the AWS CLI', async () => {
    const created = await awsCli(server.url, CREDENTIALS, [
      'create-vpc',
      '--cidr-block', '10.20.0.0/16',
      '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=smoke cli}]',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const { Vpc } = JSON.parse(created.stdout) as { Vpc: { VpcId: string; CidrBlock: string; OwnerId: string; State: string } };
    assert.match(Vpc.VpcId, /^vpc-[0-9a-f]{17}$/);
    assert.equal(Vpc.CidrBlock, '10.20.0.0/16');
    assert.equal(Vpc.OwnerId, CREDENTIALS.accessKeyId);
    assert.equal(Vpc.State, 'pending');

    const described = await awsCli(server.url, CREDENTIALS, [
      'describe-vpcs',
      '--filters', 'Name=tag:Name,Values=smoke*', 'Name=cidr,Values=10.20.0.0/16,10.99.0.0/16',
    ]);
    assert.equal(described.code, 0, described.stderr);
    const { Vpcs } = JSON.parse(described.stdout) as { Vpcs: { VpcId: string; Tags: { Key: string; Value: string }[]; State: string }[] };
    assert.deepEqual(Vpcs.map((v) => v.VpcId), [Vpc.VpcId]);
    assert.deepEqual(Vpcs[0]!.Tags, [{ Key: 'Name', Value: 'smoke cli' }]);
    assert.equal(Vpcs[0]!.State, 'available');

    const text = await awsCli(server.url, CREDENTIALS, ['describe-vpcs', '--vpc-ids', Vpc.VpcId, '--query', 'Vpcs[0].CidrBlock', '--output', 'text']);
    assert.equal(text.stdout.trim(), '10.20.0.0/16');
    const deleted = await awsCli(server.url, CREDENTIALS, ['delete-vpc', '--vpc-id', Vpc.VpcId]);
    assert.equal(deleted.code, 0, deleted.stderr);
  });

  it('reports an AWS error with a failing exit status and AWS\'s message through the AWS CLI', async () => {
    const missing = await awsCli(server.url, CREDENTIALS, ['describe-vpcs', '--vpc-ids', 'vpc-0123456789abcdef0']);
    assert.notEqual(missing.code, 0);
    assert.equal(missing.code, 255, 'AWS CLI v1 exits 255 on a service error');
    assert.match(
      missing.stderr,
      /An error occurred \(InvalidVpcID\.NotFound\) when calling the DescribeVpcs operation( \(reached max retries: \d+\))?: The vpc ID 'vpc-0123456789abcdef0' does not exist/,
    );
    const dryRun = await awsCli(server.url, CREDENTIALS, ['create-vpc', '--cidr-block', '10.21.0.0/16', '--dry-run']);
    assert.equal(dryRun.code, 255);
    assert.match(dryRun.stderr, /\(DryRunOperation\).*Request would have succeeded, but DryRun flag is set\./);
  });

  it('works from boto3 through AWS_ENDPOINT_URL, including paginators and error codes', async () => {
    const script = `
import json, boto3, botocore.exceptions
ec2 = boto3.client('ec2')
vpc = ec2.create_vpc(CidrBlock='10.30.0.0/16', TagSpecifications=[{'ResourceType': 'vpc', 'Tags': [{'Key': 'Name', 'Value': 'boto'}]}])['Vpc']
pages = list(ec2.get_paginator('describe_vpcs').paginate(Filters=[{'Name': 'tag:Name', 'Values': ['boto']}], PaginationConfig={'PageSize': 5}))
found = [v['VpcId'] for p in pages for v in p['Vpcs']]
try:
    ec2.delete_vpc(VpcId='vpc-0123456789abcdef0')
    error = None
except botocore.exceptions.ClientError as e:
    error = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['ResponseMetadata']['RequestId']]
ec2.get_waiter('vpc_available').wait(VpcIds=[vpc['VpcId']], WaiterConfig={'Delay': 1, 'MaxAttempts': 3})
print(json.dumps({'vpc': vpc['VpcId'], 'found': found, 'error': error}))
`;
    const result = await python(script, CREDENTIALS, { AWS_ENDPOINT_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { vpc: string; found: string[]; error: [string, string, number, string] };
    assert.deepEqual(out.found, [out.vpc]);
    assert.deepEqual(out.error.slice(0, 3), ['InvalidVpcID.NotFound', "The vpc ID 'vpc-0123456789abcdef0' does not exist", 400]);
    assert.match(out.error[3], /^[0-9a-f-]{36}$/, 'boto3 finds the request id (RequestID) in the error body');
  });
});
