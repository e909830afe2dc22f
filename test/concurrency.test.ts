/**
 * Quotas and first-use bootstrap under concurrency: requests that race must be answered as if they had come one
 * after another (each request is one transaction).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('concurrency', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('lets exactly 4 of 20 concurrent CreateVpc in a fresh account succeed; the other 16 get VpcLimitExceeded', async () => {
    const ec2 = server.client({ accessKeyId: '555500000001' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }))),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(succeeded.length, 4);
    assert.equal(failed.length, 16);
    for (const f of failed) assert.equal((f.reason as { name: string }).name, 'VpcLimitExceeded');
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(Vpcs!.length, 5, 'the default VPC and the 4 new ones');
    assert.equal(Vpcs!.filter((v) => v.IsDefault).length, 1, 'the racing first requests made one default VPC');
  });

  it('gives each of several fresh accounts exactly one default VPC when their first requests race', async () => {
    const accounts = Array.from({ length: 6 }, (_, i) => `55550000010${i}`);
    await Promise.all(
      accounts.flatMap((accessKeyId) =>
        Array.from({ length: 5 }, () => server.client({ accessKeyId }).send(new DescribeVpcsCommand({}))),
      ),
    );
    for (const accessKeyId of accounts) {
      const { Vpcs } = await server.client({ accessKeyId }).send(new DescribeVpcsCommand({}));
      assert.equal(Vpcs!.length, 1, accessKeyId);
      assert.equal(Vpcs![0]!.IsDefault, true);
    }
  });

  it('deletes a VPC exactly once when deletes race', async () => {
    const ec2 = server.client({ accessKeyId: '555500000002' });
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId! }))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.equal((r.reason as { name: string }).name, 'InvalidVpcID.NotFound');
    }
    assert.equal((await awsError(ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })))).code, 'InvalidVpcID.NotFound');
  });
});
