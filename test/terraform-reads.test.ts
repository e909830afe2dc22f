import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAddressesAttributeCommand,
  DescribeInstanceCreditSpecificationsCommand,
  DescribeVolumesCommand,
  GetInstanceUefiDataCommand,
  type EC2Client,
  type Volume,
} from '@aws-sdk/client-ec2';
import { provideAddressLookup, resetAddressLookup } from '../src/resources/terraform-reads/address-lookup.js';
import {
  provideInstanceLookup,
  resetInstanceLookup,
  type InstanceFacts,
} from '../src/resources/terraform-reads/instance-lookup.js';
import { provideVolumeLookup, resetVolumeLookup } from '../src/resources/terraform-reads/volume-lookup.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

const AMI_ID = 'ami-0c9914fc68f617531';
const OWNER = '123456789012';
const OTHER = '111122223333';

describe('the reads Terraform makes for aws_instance, aws_ami and aws_eip', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: OWNER });
  });
  after(() => server.close());
  afterEach(() => {
    resetInstanceLookup();
    resetVolumeLookup();
    resetAddressLookup();
  });

  describe('before instances, volumes and Elastic IPs exist', () => {
    it('DescribeInstanceCreditSpecifications: unknown ids are InvalidInstanceID.NotFound, none asked is empty', async () => {
      const e = await awsError(
        ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
      );
      assert.equal(e.code, 'InvalidInstanceID.NotFound');
      assert.equal(e.message, "The instance ID 'i-0123456789abcdef0' does not exist");
      const m = await awsError(ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ['i-nope'] })));
      assert.equal(m.code, 'InvalidInstanceID.Malformed');
      const none = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({}));
      assert.deepEqual(none.InstanceCreditSpecifications, []);
    });

    it('GetInstanceUefiData: the AMI id the aws_ami data source passes is InvalidInstanceID.NotFound', async () => {
      const e = await awsError(ec2.send(new GetInstanceUefiDataCommand({ InstanceId: AMI_ID })));
      assert.equal(e.code, 'InvalidInstanceID.NotFound');
      const i = await awsError(ec2.send(new GetInstanceUefiDataCommand({ InstanceId: 'i-0123456789abcdef0' })));
      assert.equal(i.code, 'InvalidInstanceID.NotFound');
    });

    it('DescribeVolumes: an empty list, and InvalidVolume.NotFound for an id', async () => {
      assert.deepEqual((await ec2.send(new DescribeVolumesCommand({}))).Volumes, []);
      const filtered = await ec2.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: ['i-0123456789abcdef0'] }] }),
      );
      assert.deepEqual(filtered.Volumes, []);
      const e = await awsError(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-0123456789abcdef0'] })));
      assert.equal(e.code, 'InvalidVolume.NotFound');
      const m = await awsError(ec2.send(new DescribeVolumesCommand({ VolumeIds: ['volume-1'] })));
      assert.equal(m.code, 'InvalidVolumeID.Malformed');
      const f = await awsError(ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })));
      assert.equal(f.code, 'InvalidParameterValue');
    });

    it('DescribeAddressesAttribute: InvalidAllocationID.NotFound for an id, an empty list otherwise', async () => {
      const e = await awsError(
        ec2.send(
          new DescribeAddressesAttributeCommand({ AllocationIds: ['eipalloc-0123456789abcdef0'], Attribute: 'domain-name' }),
        ),
      );
      assert.equal(e.code, 'InvalidAllocationID.NotFound');
      assert.equal(e.message, "The allocation ID 'eipalloc-0123456789abcdef0' does not exist");
      const none = await ec2.send(new DescribeAddressesAttributeCommand({ Attribute: 'domain-name' }));
      assert.deepEqual(none.Addresses, []);
      const bad = await awsError(
        ec2.send(new DescribeAddressesAttributeCommand({ Attribute: 'reverse-dns' as 'domain-name' })),
      );
      assert.equal(bad.code, 'InvalidParameterValue');
    });
  });

  describe('answering from the lookups the instance and Elastic IP work provide', () => {
    const instances: (InstanceFacts & { owner: string })[] = [
      { owner: OWNER, instanceId: 'i-00000000000000001', instanceType: 't2.micro' },
      { owner: OWNER, instanceId: 'i-00000000000000002', instanceType: 't3.small' },
      { owner: OWNER, instanceId: 'i-00000000000000003', instanceType: 't3a.medium' },
      { owner: OWNER, instanceId: 'i-00000000000000004', instanceType: 't4g.nano' },
      { owner: OWNER, instanceId: 'i-00000000000000005', instanceType: 't3.small', cpuCredits: 'standard' },
      { owner: OWNER, instanceId: 'i-00000000000000006', instanceType: 'm5.large' },
      { owner: OWNER, instanceId: 'i-00000000000000007', instanceType: 't2.large', cpuCredits: 'unlimited' },
      { owner: OWNER, instanceId: 'i-00000000000000008', instanceType: 't3.nano', uefiData: 'UEFIDATA' },
      { owner: OWNER, instanceId: 'i-00000000000000009', instanceType: 't3.micro' },
      { owner: OTHER, instanceId: 'i-0000000000000000a', instanceType: 't3.micro' },
    ];
    const installInstances = () =>
      provideInstanceLookup(async (ctx, ids) =>
        instances.filter((i) => i.owner === ctx.account && (ids === undefined || ids.includes(i.instanceId))),
      );

    it('reports cpuCredits: the launch choice, else standard for t2 and unlimited for t3/t3a/t4g', async () => {
      installInstances();
      const ids = instances.filter((i) => i.owner === OWNER).map((i) => i.instanceId);
      const { InstanceCreditSpecifications } = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ids }),
      );
      assert.deepEqual(
        Object.fromEntries(InstanceCreditSpecifications!.map((s) => [s.InstanceId, s.CpuCredits])),
        {
          'i-00000000000000001': 'standard',
          'i-00000000000000002': 'unlimited',
          'i-00000000000000003': 'unlimited',
          'i-00000000000000004': 'unlimited',
          'i-00000000000000005': 'standard',
          'i-00000000000000006': 'standard',
          'i-00000000000000007': 'unlimited',
          'i-00000000000000008': 'unlimited',
          'i-00000000000000009': 'unlimited',
        },
      );
      const e = await awsError(
        ec2.send(
          new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ['i-00000000000000001', 'i-0000000000000000a'] }),
        ),
      );
      assert.equal(e.code, 'InvalidInstanceID.NotFound', "another account's instance is not found");
      assert.match(e.message, /i-0000000000000000a/);
    });

    it('lists the unlimited instances when no id is given, with filters and pages', async () => {
      installInstances();
      const all = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({}));
      assert.deepEqual(all.InstanceCreditSpecifications!.map((s) => s.InstanceId), [
        'i-00000000000000002', 'i-00000000000000003', 'i-00000000000000004', 'i-00000000000000007',
        'i-00000000000000008', 'i-00000000000000009',
      ]);
      const first = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ MaxResults: 5 }));
      assert.equal(first.InstanceCreditSpecifications!.length, 5);
      const second = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ MaxResults: 5, NextToken: first.NextToken }),
      );
      assert.deepEqual(second.InstanceCreditSpecifications!.map((s) => s.InstanceId), ['i-00000000000000009']);
      assert.equal(second.NextToken, undefined);
      const one = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ Filters: [{ Name: 'instance-id', Values: ['*3'] }] }),
      );
      assert.deepEqual(one.InstanceCreditSpecifications!.map((s) => s.InstanceId), ['i-00000000000000003']);
      const c = await awsError(
        ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ['i-00000000000000002'], MaxResults: 5 })),
      );
      assert.equal(c.code, 'InvalidParameterCombination');
    });

    it("GetInstanceUefiData answers an instance's UEFI data", async () => {
      installInstances();
      const data = await ec2.send(new GetInstanceUefiDataCommand({ InstanceId: 'i-00000000000000008' }));
      assert.equal(data.InstanceId, 'i-00000000000000008');
      assert.equal(data.UefiData, 'UEFIDATA');
      const e = await awsError(ec2.send(new GetInstanceUefiDataCommand({ InstanceId: 'i-0000000000000000a' })));
      assert.equal(e.code, 'InvalidInstanceID.NotFound');
    });

    it('DescribeVolumes answers root volumes by id and by filter', async () => {
      const volumes: Volume[] = [1, 2, 3].map((n) => ({
        VolumeId: `vol-0000000000000000${n}`,
        Size: 8,
        VolumeType: 'gp3',
        Iops: 3000,
        Throughput: 125,
        Encrypted: false,
        State: 'in-use',
        AvailabilityZone: 'us-east-1a',
        CreateTime: new Date('2025-01-01T00:00:00.000Z'),
        Attachments: [
          { VolumeId: `vol-0000000000000000${n}`, InstanceId: `i-0000000000000000${n}`, Device: '/dev/xvda',
            State: 'attached', DeleteOnTermination: true },
        ],
        Tags: n === 2 ? [{ Key: 'Name', Value: 'root-2' }] : [],
      }));
      provideVolumeLookup(async (_ctx, ids) => volumes.filter((v) => ids === undefined || ids.includes(v.VolumeId!)));
      const byId = await ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-00000000000000002'] }));
      assert.equal(byId.Volumes!.length, 1);
      const v = byId.Volumes![0]!;
      assert.deepEqual([v.VolumeId, v.Size, v.VolumeType, v.Iops, v.Throughput, v.Encrypted], [
        'vol-00000000000000002', 8, 'gp3', 3000, 125, false,
      ]);
      assert.deepEqual(v.Tags, [{ Key: 'Name', Value: 'root-2' }]);
      assert.equal(v.Attachments![0]!.InstanceId, 'i-00000000000000002');
      const byInstance = await ec2.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: ['i-00000000000000003'] }] }),
      );
      assert.deepEqual(byInstance.Volumes!.map((x) => x.VolumeId), ['vol-00000000000000003']);
      const byTag = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: ['root-*'] }] }));
      assert.deepEqual(byTag.Volumes!.map((x) => x.VolumeId), ['vol-00000000000000002']);
      const e = await awsError(
        ec2.send(new DescribeVolumesCommand({ VolumeIds: ['vol-00000000000000001', 'vol-0000000000000000f'] })),
      );
      assert.equal(e.code, 'InvalidVolume.NotFound');
      const page = await ec2.send(new DescribeVolumesCommand({ MaxResults: 5 }));
      assert.equal(page.Volumes!.length, 3);
      const small = await awsError(ec2.send(new DescribeVolumesCommand({ MaxResults: 4 })));
      assert.equal(small.code, 'InvalidParameterValue');
    });

    it('DescribeAddressesAttribute answers the PTR records that are set', async () => {
      provideAddressLookup(async (_ctx, ids) =>
        [
          { allocationId: 'eipalloc-00000000000000001', publicIp: '198.51.100.10', ptrRecord: 'mail.example.com.' },
          { allocationId: 'eipalloc-00000000000000002', publicIp: '198.51.100.11' },
        ].filter((a) => ids === undefined || ids.includes(a.allocationId)),
      );
      const set = await ec2.send(
        new DescribeAddressesAttributeCommand({ AllocationIds: ['eipalloc-00000000000000001'], Attribute: 'domain-name' }),
      );
      assert.deepEqual(set.Addresses, [
        { AllocationId: 'eipalloc-00000000000000001', PublicIp: '198.51.100.10', PtrRecord: 'mail.example.com.' },
      ]);
      const unset = await ec2.send(
        new DescribeAddressesAttributeCommand({ AllocationIds: ['eipalloc-00000000000000002'], Attribute: 'domain-name' }),
      );
      assert.deepEqual(unset.Addresses, []);
      const all = await ec2.send(new DescribeAddressesAttributeCommand({ Attribute: 'domain-name' }));
      assert.deepEqual(all.Addresses!.map((a) => a.AllocationId), ['eipalloc-00000000000000001']);
    });
  });
});
