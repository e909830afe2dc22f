import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT, seed } from './helpers/seed.js';

describe('Internet gateways', () => {
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
  const newVpc = async (cidr = '10.0.0.0/16') => (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const newGateway = async () => (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  const describe1 = async (igwId: string) =>
    (await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igwId] }))).InternetGateways![0]!;
  const ids = async (filters: Filter[]) =>
    (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: filters }))).InternetGateways!.map((g) => g.InternetGatewayId!);
  const attach = (igwId: string, vpcId: string) =>
    ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const detach = (igwId: string, vpcId: string) =>
    ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));

  describe('DescribeInternetGateways', () => {
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

    it('supports the filters of the spec', async () => {
      const detached = await newGateway();
      const vpcId = await defaultVpc();
      const [attached] = await ids([{ Name: 'attachment.vpc-id', Values: [vpcId] }]);
      assert.ok(attached);
      await ec2.send(new CreateTagsCommand({ Resources: [detached], Tags: [{ Key: 'Name', Value: 'spare' }] }));
      assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['available'] }]), [attached]);
      assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['*'] }]), [attached], 'a detached gateway has no attachment');
      assert.deepEqual(await ids([{ Name: 'attachment.state', Values: ['attached'] }]), []);
      assert.deepEqual(await ids([{ Name: 'attachment.vpc-id', Values: ['vpc-*'] }]), [attached]);
      assert.deepEqual(await ids([{ Name: 'internet-gateway-id', Values: [detached] }]), [detached]);
      assert.deepEqual((await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }])).sort(), [attached!, detached].sort());
      assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['spa*'] }]), [detached]);
      assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Name'] }]), [detached]);
      const e = await awsError(ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })));
      assert.equal(e.code, 'InvalidParameterValue');
    });

    it('fails the whole call for an unknown id and pages with MaxResults 5-1000', async () => {
      const detached = await newGateway();
      const e = await awsError(
        ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [detached, 'igw-0123456789abcdef0'] })),
      );
      assert.equal(e.code, 'InvalidInternetGatewayID.NotFound');
      assert.equal(e.message, "The internetGateway ID 'igw-0123456789abcdef0' does not exist");
      // Two pages of at least 5 need more gateways than the region quota of 5 lets the API create.
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

  describe('CreateInternetGateway', () => {
    it('creates a detached gateway with its tags', async () => {
      const { InternetGateway } = await ec2.send(
        new CreateInternetGatewayCommand({
          TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'edge' }] }],
        }),
      );
      assert.match(InternetGateway!.InternetGatewayId!, /^igw-[0-9a-f]{17}$/);
      assert.deepEqual(InternetGateway, {
        InternetGatewayId: InternetGateway!.InternetGatewayId,
        OwnerId: DEFAULT_ACCOUNT,
        Attachments: [],
        Tags: [{ Key: 'Name', Value: 'edge' }],
      });
      assert.deepEqual(await describe1(InternetGateway!.InternetGatewayId!), InternetGateway);
    });

    it('refuses tags for another resource type and creates nothing on a dry run', async () => {
      const wrongType = await awsError(
        ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })),
      );
      assert.equal(wrongType.code, 'InvalidParameterValue');
      const dry = await awsError(ec2.send(new CreateInternetGatewayCommand({ DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal(dry.status, 412);
      assert.equal((await ids([])).length, 1, 'only the default VPC\'s gateway');
    });

    it('allows 5 gateways per region, the default VPC\'s included', async () => {
      for (let i = 0; i < 4; i++) await newGateway();
      const e = await awsError(ec2.send(new CreateInternetGatewayCommand({})));
      assert.equal(e.code, 'InternetGatewayLimitExceeded');
      assert.equal((await ids([])).length, 5);
      const other = server.client({ accessKeyId: '111122223333' });
      await other.send(new CreateInternetGatewayCommand({}));
    });
  });

  describe('AttachInternetGateway', () => {
    it('attaches a gateway to a VPC, shown `available`', async () => {
      const [vpcId, igwId] = [await newVpc(), await newGateway()];
      await attach(igwId, vpcId);
      assert.deepEqual((await describe1(igwId)).Attachments, [{ VpcId: vpcId, State: 'available' }]);
      assert.deepEqual(await ids([{ Name: 'attachment.vpc-id', Values: [vpcId] }]), [igwId]);
    });

    it('refuses a gateway attached already, to this VPC or another, with Resource.AlreadyAssociated', async () => {
      const [vpcId, otherVpc, igwId] = [await newVpc(), await newVpc('10.1.0.0/16'), await newGateway()];
      await attach(igwId, vpcId);
      for (const target of [vpcId, otherVpc]) {
        const e = await awsError(attach(igwId, target));
        assert.equal(e.code, 'Resource.AlreadyAssociated');
        assert.equal(e.message, `resource ${igwId} is already attached to network ${vpcId}`);
      }
      assert.deepEqual((await describe1(igwId)).Attachments, [{ VpcId: vpcId, State: 'available' }]);
    });

    it('refuses a second gateway for a VPC', async () => {
      const vpcId = await defaultVpc();
      const igwId = await newGateway();
      const e = await awsError(attach(igwId, vpcId));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.message, `Network ${vpcId} already has an internet gateway attached`);
      assert.deepEqual((await describe1(igwId)).Attachments, []);
    });

    it('answers NotFound for unknown or foreign gateways and VPCs, Malformed for malformed ids', async () => {
      const [vpcId, igwId] = [await newVpc(), await newGateway()];
      const unknownGateway = await awsError(attach('igw-0123456789abcdef0', vpcId));
      assert.equal(unknownGateway.code, 'InvalidInternetGatewayID.NotFound');
      assert.equal(unknownGateway.message, "The internetGateway ID 'igw-0123456789abcdef0' does not exist");
      const unknownVpc = await awsError(attach(igwId, 'vpc-0123456789abcdef0'));
      assert.equal(unknownVpc.code, 'InvalidVpcID.NotFound');
      assert.equal((await awsError(attach('gateway-1', vpcId))).code, 'InvalidInternetGatewayId.Malformed');
      assert.equal((await awsError(attach(igwId, 'my-vpc'))).code, 'InvalidVpcID.Malformed');
      const other = server.client({ accessKeyId: '111122223333' });
      const foreign = await awsError(other.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })));
      assert.equal(foreign.code, 'InvalidInternetGatewayID.NotFound');
    });

    it('validates a dry run and changes nothing', async () => {
      const [vpcId, igwId] = [await newVpc(), await newGateway()];
      const dry = await awsError(ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual((await describe1(igwId)).Attachments, []);
      const invalid = await awsError(
        ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: await defaultVpc(), DryRun: true })),
      );
      assert.equal(invalid.code, 'InvalidParameterValue', 'a dry run that would fail gets the real error');
    });
  });

  describe('DetachInternetGateway', () => {
    it('detaches, after which the gateway can go to another VPC', async () => {
      const [vpcId, otherVpc, igwId] = [await newVpc(), await newVpc('10.1.0.0/16'), await newGateway()];
      await attach(igwId, vpcId);
      await detach(igwId, vpcId);
      assert.deepEqual((await describe1(igwId)).Attachments, []);
      await attach(igwId, otherVpc);
      assert.deepEqual((await describe1(igwId)).Attachments, [{ VpcId: otherVpc, State: 'available' }]);
    });

    it('answers Gateway.NotAttached for a detached gateway or another VPC', async () => {
      const [vpcId, otherVpc, igwId] = [await newVpc(), await newVpc('10.1.0.0/16'), await newGateway()];
      const detached = await awsError(detach(igwId, vpcId));
      assert.equal(detached.code, 'Gateway.NotAttached');
      assert.equal(detached.message, `resource ${igwId} is not attached to network ${vpcId}`);
      await attach(igwId, vpcId);
      const elsewhere = await awsError(detach(igwId, otherVpc));
      assert.equal(elsewhere.code, 'Gateway.NotAttached');
      assert.equal(elsewhere.message, `resource ${igwId} is not attached to network ${otherVpc}`);
      assert.equal((await awsError(detach('igw-0123456789abcdef0', vpcId))).code, 'InvalidInternetGatewayID.NotFound');
      assert.equal((await awsError(detach(igwId, 'vpc-0123456789abcdef0'))).code, 'InvalidVpcID.NotFound');
      const dry = await awsError(ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual((await describe1(igwId)).Attachments, [{ VpcId: vpcId, State: 'available' }]);
    });
  });

  describe('DeleteInternetGateway', () => {
    it('refuses an attached gateway and deletes a detached one with its tags', async () => {
      const [vpcId, igwId] = [await newVpc(), await newGateway()];
      await ec2.send(new CreateTagsCommand({ Resources: [igwId], Tags: [{ Key: 'Name', Value: 'edge' }] }));
      await attach(igwId, vpcId);
      const e = await awsError(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })));
      assert.equal(e.code, 'DependencyViolation');
      assert.equal(e.message, `The internetGateway '${igwId}' has dependencies and cannot be deleted.`);
      await detach(igwId, vpcId);
      const dry = await awsError(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await describe1(igwId);
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
      const gone = await awsError(ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igwId] })));
      assert.equal(gone.code, 'InvalidInternetGatewayID.NotFound');
      const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [igwId] }] }));
      assert.deepEqual(tags.Tags, []);
      const again = await awsError(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })));
      assert.equal(again.code, 'InvalidInternetGatewayID.NotFound');
    });

    it('lets the default VPC go once its subnets and its detached gateway are gone', async () => {
      const vpcId = await defaultVpc();
      const [igwId] = await ids([{ Name: 'attachment.vpc-id', Values: [vpcId] }]);
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets!;
      for (const s of subnets) await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId! }));
      const blocked = await awsError(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
      assert.equal(blocked.code, 'DependencyViolation', 'an attached gateway keeps its VPC');
      await detach(igwId!, vpcId);
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId! }));
      assert.deepEqual(await ids([]), []);
    });
  });
});
