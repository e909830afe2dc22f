import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('VPCs', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('creates a VPC with its tags, pending in the answer and available afterwards', async () => {
    const created = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.0.0.18/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'main' }] }],
      }),
    );
    const vpc = created.Vpc!;
    assert.match(vpc.VpcId!, /^vpc-[0-9a-f]{17}$/);
    assert.equal(vpc.CidrBlock, '10.0.0.0/16', 'host bits are zeroed');
    assert.equal(vpc.State, 'pending');
    assert.equal(vpc.IsDefault, false);
    assert.deepEqual(vpc.Tags, [{ Key: 'Name', Value: 'main' }]);
    const described = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
    assert.equal(described.Vpcs![0]!.State, 'available');
    assert.equal(described.Vpcs![0]!.CidrBlockAssociationSet![0]!.CidrBlockState!.State, 'associated');
  });

  it('has a default VPC 172.31.0.0/16 in every new account and region', async () => {
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    assert.equal(Vpcs!.length, 1);
    assert.equal(Vpcs![0]!.CidrBlock, '172.31.0.0/16');
  });

  it('refuses blocks outside /16-/28 with InvalidVpc.Range and non-CIDRs with InvalidParameterValue', async () => {
    for (const cidr of ['10.0.0.0/8', '10.0.0.0/29', '169.254.0.0/16']) {
      const e = await awsError(ec2.send(new CreateVpcCommand({ CidrBlock: cidr })));
      assert.equal(e.code, 'InvalidVpc.Range', cidr);
      assert.equal(e.status, 400);
    }
    const e = await awsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.300/16' })));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('answers DryRunOperation (412) for a valid request and changes nothing', async () => {
    const before = await ec2.send(new DescribeVpcsCommand({}));
    const e = await awsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', DryRun: true })));
    assert.equal(e.code, 'DryRunOperation');
    assert.equal(e.status, 412);
    const after = await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(after.Vpcs!.length, before.Vpcs!.length);
    const invalid = await awsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/8', DryRun: true })));
    assert.equal(invalid.code, 'InvalidVpc.Range', 'an invalid DryRun request gets the real error');
  });

  it('enforces 5 VPCs per region, the default VPC included', async () => {
    for (let i = 0; i < 4; i++) await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
    const e = await awsError(ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' })));
    assert.equal(e.code, 'VpcLimitExceeded');
  });

  it('deletes a VPC, after which it is not found', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    await ec2.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId! }));
    const e = await awsError(ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })));
    assert.equal(e.code, 'InvalidVpcID.NotFound');
    assert.equal(e.message, `The vpc ID '${Vpc!.VpcId}' does not exist`);
  });

  it('keeps accounts apart: one account never sees another one\'s VPCs', async () => {
    const other = server.client({ accessKeyId: '111122223333' });
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }));
    const e = await awsError(other.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] })));
    assert.equal(e.code, 'InvalidVpcID.NotFound');
    const { Vpcs } = await other.send(new DescribeVpcsCommand({}));
    assert.ok(Vpcs!.every((v) => v.OwnerId === '111122223333'));
    const e2 = await awsError(other.send(new DeleteVpcCommand({ VpcId: Vpc!.VpcId! })));
    assert.equal(e2.code, 'InvalidVpcID.NotFound');
  });

  it('pages through VPCs in creation order with MaxResults and NextToken', async () => {
    for (let i = 0; i < 3; i++) await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${10 + i}.0.0/16` }));
    const first = await ec2.send(new DescribeVpcsCommand({ MaxResults: 5 }));
    assert.equal(first.Vpcs!.length, 4);
    assert.equal(first.NextToken, undefined);
    const page1 = await ec2.send(new DescribeVpcsCommand({ MaxResults: 5, Filters: [{ Name: 'cidr', Values: ['10.*'] }] }));
    assert.deepEqual(page1.Vpcs!.map((v) => v.CidrBlock), ['10.10.0.0/16', '10.11.0.0/16', '10.12.0.0/16']);
    const e = await awsError(ec2.send(new DescribeVpcsCommand({ MaxResults: 4 })));
    assert.equal(e.code, 'InvalidParameterValue');
  });
});
