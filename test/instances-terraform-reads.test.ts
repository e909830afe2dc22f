import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  DescribeInstanceCreditSpecificationsCommand,
  DescribeInstanceTypesCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  GetInstanceUefiDataCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import { AL2_X86, createNetwork, describeInstance, runOne, type TestNetwork } from './helpers/instance-fixtures.js';

/** What Terraform's aws_instance reads besides DescribeInstances (shared/acceptance/terraform/ACTIONS.md), for real instances. */
describe('the reads Terraform makes for aws_instance', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    net = await createNetwork(ec2);
  });

  it('DescribeInstanceCreditSpecifications: the launch choice, else the type\'s default', async () => {
    const t3 = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.small' });
    const t2 = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't2.micro' });
    const chosen = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.small', CreditSpecification: { CpuCredits: 'standard' } });
    const m5 = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 'm5.large', CreditSpecification: { CpuCredits: 'unlimited' } });
    const { InstanceCreditSpecifications } = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [t3, t2, chosen, m5] }));
    assert.deepEqual(Object.fromEntries(InstanceCreditSpecifications!.map((s) => [s.InstanceId, s.CpuCredits])), {
      [t3]: 'unlimited',
      [t2]: 'standard',
      [chosen]: 'standard',
      [m5]: 'standard',
    });
    const unlimited = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({}));
    assert.deepEqual(unlimited.InstanceCreditSpecifications!.map((s) => s.InstanceId), [t3]);
    const bad = await awsError(runOne(ec2, { SubnetId: net.subnetA, CreditSpecification: { CpuCredits: 'turbo' } }));
    assert.equal(bad.code, 'InvalidParameterValue');
    const other = server.client({ accessKeyId: '111122223333' });
    assert.equal((await awsError(other.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [t3] })))).code, 'InvalidInstanceID.NotFound');
  });

  it('GetInstanceUefiData: an instance answers, the AMI id Terraform passes does not', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const answer = await ec2.send(new GetInstanceUefiDataCommand({ InstanceId: id }));
    assert.equal(answer.InstanceId, id);
    assert.equal(answer.UefiData, undefined);
    assert.equal((await awsError(ec2.send(new GetInstanceUefiDataCommand({ InstanceId: AL2_X86 })))).code, 'InvalidInstanceID.NotFound');
  });

  it('DescribeVolumes for the root volume in blockDeviceMapping, with what Terraform reads', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeType: 'gp3', VolumeSize: 16 } }] });
    const volumeId = (await describeInstance(ec2, id)).BlockDeviceMappings![0]!.Ebs!.VolumeId!;
    await ec2.send(new CreateTagsCommand({ Resources: [volumeId], Tags: [{ Key: 'backup', Value: 'daily' }] }));
    const { Volumes } = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }));
    const v = Volumes![0]!;
    assert.deepEqual(
      { size: v.Size, type: v.VolumeType, iops: v.Iops, throughput: v.Throughput, encrypted: v.Encrypted, kms: v.KmsKeyId, tags: v.Tags },
      { size: 16, type: 'gp3', iops: 3000, throughput: 125, encrypted: false, kms: undefined, tags: [{ Key: 'backup', Value: 'daily' }] },
    );
    const filtered = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }));
    assert.deepEqual(filtered.Volumes!.map((x) => x.VolumeId), [volumeId]);
    const other = server.client({ accessKeyId: '111122223333' });
    assert.equal((await awsError(other.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] })))).code, 'InvalidVolume.NotFound');
  });

  it('DescribeInstanceTypes for the instance\'s type, and DescribeTags for the launch-template tag (none)', async () => {
    const instance = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
    const { InstanceTypes } = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [instance.InstanceType!] }));
    assert.equal(InstanceTypes![0]!.BurstablePerformanceSupported, true);
    const tags = await ec2.send(new DescribeTagsCommand({
      Filters: [{ Name: 'key', Values: ['aws:ec2launchtemplate:id'] }, { Name: 'resource-id', Values: [instance.InstanceId!] }],
    }));
    assert.deepEqual(tags.Tags, []);
  });
});
