import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  DescribeInternetGatewaysCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT, seed } from './helpers/seed.js';

describe('DescribeInternetGateways', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const defaultVpc = async () =>
    (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
  const ids = async (filters: Filter[]) =>
    (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: filters }))).InternetGateways!.map((g) => g.InternetGatewayId!);
  const DETACHED = 'igw-0d0d0d0d0d0d0d0d1';
  /** A gateway attached to nothing (CreateInternetGateway comes with the gateway work). */
  const seedDetached = () =>
    seed(server, `INSERT INTO internet_gateways (id, account, region, vpc_id, created_at) VALUES (?, ?, 'us-east-1', '', ?)`, [
      DETACHED, DEFAULT_ACCOUNT, new Date().toISOString(),
    ]);

  it('shows the default VPC\'s gateway attached, with the attachment state `available`', async () => {
    const vpcId = await defaultVpc();
    const { InternetGateways } = await ec2.send(new DescribeInternetGatewaysCommand({}));
    assert.equal(InternetGateways!.length, 1);
    const gateway = InternetGateways![0]!;
    assert.match(gateway.InternetGatewayId!, /^igw-[0-9a-f]{17}$/);
    assert.deepEqual(gateway, {
      InternetGatewayId: gateway.InternetGatewayId,
      OwnerId: DEFAULT_ACCOUNT,
      Attachments: [{ VpcId: vpcId, State: 'available' }],
      Tags: [],
    });
  });

  it('shows a detached gateway without attachments', async () => {
    await seedDetached();
    const { InternetGateways } = await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [DETACHED] }));
    assert.deepEqual(InternetGateways, [{ InternetGatewayId: DETACHED, OwnerId: DEFAULT_ACCOUNT, Attachments: [], Tags: [] }]);
  });

  it('supports the filters of the spec', async () => {
    await seedDetached();
    const vpcId = await defaultVpc();
    const [attached] = (await ids([{ Name: 'attachment.vpc-id', Values: [vpcId] }]));
    assert.ok(attached);
    await ec2.send(new CreateTagsCommand({ Resources: [DETACHED], Tags: [{ Key: 'Name', Value: 'spare' }] }));
    assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['available'] }]), [attached]);
    assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['*'] }]), [attached], 'a detached gateway has no attachment');
    assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['attached'] }]), []);
    assert.deepEqual(await ids([{ Name: 'attachment.vpc-id', Values: ['vpc-*'] }]), [attached]);
    assert.deepEqual(await ids([{ Name: 'internet-gateway-id', Values: [DETACHED] }]), [DETACHED]);
    assert.deepEqual((await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }])).sort(), [attached!, DETACHED].sort());
    assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['spa*'] }]), [DETACHED]);
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Name'] }]), [DETACHED]);
    const e = await awsError(ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('fails the whole call for an unknown id and pages with MaxResults 5-1000', async () => {
    await seedDetached();
    const e = await awsError(
      ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [DETACHED, 'igw-0123456789abcdef0'] })),
    );
    assert.equal(e.code, 'InvalidInternetGatewayID.NotFound');
    assert.equal(e.message, "The internetGateway ID 'igw-0123456789abcdef0' does not exist");
    for (let i = 2; i <= 6; i++) {
      await seed(server, `INSERT INTO internet_gateways (id, account, region, vpc_id, created_at) VALUES (?, ?, 'us-east-1', '', ?)`, [
        `igw-0d0d0d0d0d0d0d0d${i}`, DEFAULT_ACCOUNT, new Date().toISOString(),
      ]);
    }
    const all = await ids([]);
    assert.equal(all.length, 7);
    const first = await ec2.send(new DescribeInternetGatewaysCommand({ MaxResults: 5 }));
    const second = await ec2.send(new DescribeInternetGatewaysCommand({ MaxResults: 5, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    assert.deepEqual([...first.InternetGateways!, ...second.InternetGateways!].map((g) => g.InternetGatewayId), all);
    for (const max of [4, 1001]) {
      const bad = await awsError(ec2.send(new DescribeInternetGatewaysCommand({ MaxResults: max })));
      assert.equal(bad.code, 'InvalidParameterValue', String(max));
    }
  });

  it('keeps accounts apart', async () => {
    const [mine] = await ids([]);
    const other = server.client({ accessKeyId: '111122223333' });
    const e = await awsError(other.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [mine!] })));
    assert.equal(e.code, 'InvalidInternetGatewayID.NotFound');
    const { InternetGateways } = await other.send(new DescribeInternetGatewaysCommand({}));
    assert.equal(InternetGateways!.length, 1);
    assert.equal(InternetGateways![0]!.OwnerId, '111122223333');
  });
});
