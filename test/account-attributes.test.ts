import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('DescribeAccountAttributes', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const defaultVpcId = async (client: EC2Client) =>
    (await client.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;

  it('answers every attribute with its value; default-vpc is the account\'s default VPC', async () => {
    const { AccountAttributes } = await ec2.send(new DescribeAccountAttributesCommand({}));
    const values = Object.fromEntries(
      AccountAttributes!.map((a) => [a.AttributeName, a.AttributeValues!.map((v) => v.AttributeValue)]),
    );
    assert.deepEqual(values, {
      'supported-platforms': ['VPC'],
      'vpc-max-security-groups-per-interface': ['5'],
      'max-elastic-ips': ['5'],
      'max-instances': ['20'],
      'vpc-max-elastic-ips': ['5'],
      'default-vpc': [await defaultVpcId(ec2)],
    });
  });

  it('answers the attributes named by AttributeName.N, in the order asked', async () => {
    const { AccountAttributes } = await ec2.send(
      new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc', 'supported-platforms'] }),
    );
    assert.deepEqual(AccountAttributes!.map((a) => a.AttributeName), ['default-vpc', 'supported-platforms']);
    const e = await awsError(
      ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['max-coffee' as 'default-vpc'] })),
    );
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('says none when the account has no default VPC in the region', async () => {
    // The default VPC goes as a user removes it: subnets, then its internet gateway, then the VPC.
    const vpcId = await defaultVpcId(ec2);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    for (const { SubnetId } of Subnets!) await ec2.send(new DeleteSubnetCommand({ SubnetId }));
    const { InternetGateways } = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    );
    for (const { InternetGatewayId } of InternetGateways!) {
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId: vpcId }));
    }
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const { AccountAttributes } = await ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
    assert.deepEqual(AccountAttributes, [{ AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: 'none' }] }]);
  });

  it('names each account\'s and region\'s own default VPC', async () => {
    const other = server.client({ accessKeyId: '111122223333' });
    const west = server.client({ region: 'us-west-2' });
    for (const client of [other, west]) {
      const { AccountAttributes } = await client.send(
        new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }),
      );
      const id = AccountAttributes![0]!.AttributeValues![0]!.AttributeValue;
      assert.equal(id, await defaultVpcId(client));
      assert.notEqual(id, await defaultVpcId(ec2));
    }
  });
});
