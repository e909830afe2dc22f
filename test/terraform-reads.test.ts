import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  CreateTagsCommand,
  DescribeAddressesAttributeCommand,
  DescribeInstanceCreditSpecificationsCommand,
  DescribeVolumesCommand,
  GetInstanceUefiDataCommand,
  type EC2Client,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { AL2023_ARM, AL2_X86, describeInstance, runOne } from './helpers/instance-fixtures.js';

const AMI_ID = AL2_X86;
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

  describe('for an account without instances, volumes or Elastic IPs', () => {
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

  describe('answering for real instances', () => {
    const launches: { type: _InstanceType; credits?: 'standard' | 'unlimited'; image?: string }[] = [
      { type: 't2.micro' },
      { type: 't3.small' },
      { type: 't3a.medium' },
      { type: 't4g.nano', image: AL2023_ARM },
      { type: 't3.small', credits: 'standard' },
      { type: 'm5.large' },
      { type: 't2.large', credits: 'unlimited' },
      { type: 't3.nano' },
      { type: 't3.micro' },
    ];
    /** The caller's instances, in the order of `launches`. */
    let ids: string[];
    let theirs: string;
    before(async () => {
      await server.reset();
      ids = [];
      for (const launch of launches) {
        ids.push(
          await runOne(ec2, {
            InstanceType: launch.type,
            ImageId: launch.image ?? AL2_X86,
            CreditSpecification: launch.credits ? { CpuCredits: launch.credits } : undefined,
          }),
        );
      }
      theirs = await runOne(server.client({ accessKeyId: OTHER }), { InstanceType: 't3.micro' });
    });

    it('reports cpuCredits: the launch choice, else standard for t2 and unlimited for t3/t3a/t4g', async () => {
      const { InstanceCreditSpecifications } = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: ids }),
      );
      assert.deepEqual(
        Object.fromEntries(InstanceCreditSpecifications!.map((s) => [s.InstanceId, s.CpuCredits])),
        {
          [ids[0]!]: 'standard',
          [ids[1]!]: 'unlimited',
          [ids[2]!]: 'unlimited',
          [ids[3]!]: 'unlimited',
          [ids[4]!]: 'standard',
          [ids[5]!]: 'standard',
          [ids[6]!]: 'unlimited',
          [ids[7]!]: 'unlimited',
          [ids[8]!]: 'unlimited',
        },
      );
      const e = await awsError(
        ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [ids[0]!, theirs] })),
      );
      assert.equal(e.code, 'InvalidInstanceID.NotFound', "another account's instance is not found");
      assert.match(e.message, new RegExp(theirs));
    });

    it('lists the unlimited instances when no id is given, with filters and pages', async () => {
      const unlimited = [ids[1]!, ids[2]!, ids[3]!, ids[6]!, ids[7]!, ids[8]!].sort();
      const all = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({}));
      assert.deepEqual(all.InstanceCreditSpecifications!.map((s) => s.InstanceId), unlimited);
      const first = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ MaxResults: 5 }));
      assert.equal(first.InstanceCreditSpecifications!.length, 5);
      const second = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ MaxResults: 5, NextToken: first.NextToken }),
      );
      assert.deepEqual(second.InstanceCreditSpecifications!.map((s) => s.InstanceId), [unlimited[5]]);
      assert.equal(second.NextToken, undefined);
      const one = await ec2.send(
        new DescribeInstanceCreditSpecificationsCommand({ Filters: [{ Name: 'instance-id', Values: [`*${ids[2]!.slice(-12)}`] }] }),
      );
      assert.deepEqual(one.InstanceCreditSpecifications!.map((s) => s.InstanceId), [ids[2]]);
      const c = await awsError(
        ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [ids[1]!], MaxResults: 5 })),
      );
      assert.equal(c.code, 'InvalidParameterCombination');
    });

    it('GetInstanceUefiData answers for the caller\'s instances only', async () => {
      const data = await ec2.send(new GetInstanceUefiDataCommand({ InstanceId: ids[7] }));
      assert.equal(data.InstanceId, ids[7]);
      const e = await awsError(ec2.send(new GetInstanceUefiDataCommand({ InstanceId: theirs })));
      assert.equal(e.code, 'InvalidInstanceID.NotFound');
    });
  });

  describe('answering for real root volumes', () => {
    /** Three instances whose gp3 root volumes are the caller's only volumes. */
    let instances: string[];
    let volumes: string[];
    before(async () => {
      await server.reset();
      instances = [];
      volumes = [];
      for (let n = 0; n < 3; n++) {
        const id = await runOne(ec2, { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', VolumeSize: 8 } }] });
        instances.push(id);
        volumes.push((await describeInstance(ec2, id)).BlockDeviceMappings![0]!.Ebs!.VolumeId!);
      }
      await ec2.send(new CreateTagsCommand({ Resources: [volumes[1]!], Tags: [{ Key: 'Name', Value: 'root-2' }] }));
    });

    it('DescribeVolumes answers root volumes by id and by filter', async () => {
      const byId = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumes[1]!] }));
      assert.equal(byId.Volumes!.length, 1);
      const v = byId.Volumes![0]!;
      assert.deepEqual([v.VolumeId, v.Size, v.VolumeType, v.Iops, v.Throughput, v.Encrypted], [
        volumes[1], 8, 'gp3', 3000, 125, false,
      ]);
      assert.deepEqual(v.Tags, [{ Key: 'Name', Value: 'root-2' }]);
      assert.equal(v.Attachments![0]!.InstanceId, instances[1]);
      const byInstance = await ec2.send(
        new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instances[2]!] }] }),
      );
      assert.deepEqual(byInstance.Volumes!.map((x) => x.VolumeId), [volumes[2]]);
      const byTag = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: ['root-*'] }] }));
      assert.deepEqual(byTag.Volumes!.map((x) => x.VolumeId), [volumes[1]]);
      const e = await awsError(
        ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumes[0]!, 'vol-0000000000000000f'] })),
      );
      assert.equal(e.code, 'InvalidVolume.NotFound');
      const page = await ec2.send(new DescribeVolumesCommand({ MaxResults: 5 }));
      assert.equal(page.Volumes!.length, 3);
      const small = await awsError(ec2.send(new DescribeVolumesCommand({ MaxResults: 4 })));
      assert.equal(small.code, 'InvalidParameterValue');
    });
  });

  describe('answering for real Elastic IPs', () => {
    it('DescribeAddressesAttribute knows the caller\'s addresses, none of which has a PTR record', async () => {
      await server.reset();
      const a = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const unset = await ec2.send(
        new DescribeAddressesAttributeCommand({ AllocationIds: [a.AllocationId!], Attribute: 'domain-name' }),
      );
      assert.deepEqual(unset.Addresses, []);
      const all = await ec2.send(new DescribeAddressesAttributeCommand({ Attribute: 'domain-name' }));
      assert.deepEqual(all.Addresses, []);
      const theirs = await server.client({ accessKeyId: OTHER }).send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const e = await awsError(
        ec2.send(new DescribeAddressesAttributeCommand({ AllocationIds: [a.AllocationId!, theirs.AllocationId!], Attribute: 'domain-name' })),
      );
      assert.equal(e.code, 'InvalidAllocationID.NotFound');
      assert.equal(e.message, `The allocation ID '${theirs.AllocationId}' does not exist`);
    });
  });
});
