import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  DescribeInstanceAttributeCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type InstanceAttributeName,
  type ModifyInstanceAttributeCommandInput,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import { createNetwork, describeInstance, primaryEniOf, runOne, type TestNetwork } from './helpers/instance-fixtures.js';

describe('DescribeInstanceAttribute and ModifyInstanceAttribute', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  let id: string;

  const attribute = (Attribute: string, InstanceId = id) =>
    ec2.send(new DescribeInstanceAttributeCommand({ InstanceId, Attribute: Attribute as InstanceAttributeName }));
  const modify = (input: Partial<ModifyInstanceAttributeCommandInput>) =>
    ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, ...input }));

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    net = await createNetwork(ec2);
    id = await runOne(ec2, { SubnetId: net.subnetA, UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') });
  });

  it('answers the four attributes Terraform reads on every refresh', async () => {
    const shutdown = await attribute('instanceInitiatedShutdownBehavior');
    assert.equal(shutdown.InstanceId, id);
    assert.deepEqual(shutdown.InstanceInitiatedShutdownBehavior, { Value: 'stop' });
    assert.deepEqual((await attribute('disableApiStop')).DisableApiStop, { Value: false });
    assert.deepEqual((await attribute('disableApiTermination')).DisableApiTermination, { Value: false });
    const userData = await attribute('userData');
    assert.equal(Buffer.from(userData.UserData!.Value!, 'base64').toString(), '#!/bin/sh\necho hi\n');
    const none = await runOne(ec2, { SubnetId: net.subnetA });
    assert.equal((await attribute('userData', none)).UserData!.Value, undefined, 'an empty userData element when there is none');
    assert.equal((await attribute('groupSet')).DisableApiStop, undefined, 'only the attribute asked for');
  });

  it('answers the other attributes', async () => {
    const instance = await describeInstance(ec2, id);
    assert.deepEqual((await attribute('instanceType')).InstanceType, { Value: 't3.small' });
    assert.deepEqual((await attribute('rootDeviceName')).RootDeviceName, { Value: '/dev/xvda' });
    assert.deepEqual((await attribute('blockDeviceMapping')).BlockDeviceMappings!.map((b) => b.Ebs!.VolumeId),
      instance.BlockDeviceMappings!.map((b) => b.Ebs!.VolumeId));
    assert.deepEqual((await attribute('sourceDestCheck')).SourceDestCheck, { Value: true });
    assert.deepEqual((await attribute('groupSet')).Groups, instance.SecurityGroups);
    assert.deepEqual((await attribute('ebsOptimized')).EbsOptimized, { Value: false });
    assert.deepEqual((await attribute('enaSupport')).EnaSupport, { Value: true });
    assert.deepEqual((await attribute('productCodes')).ProductCodes, []);
    assert.deepEqual((await attribute('enclaveOptions')).EnclaveOptions, { Enabled: false });
    assert.equal((await attribute('kernel')).KernelId!.Value, undefined);
    const unknown = await awsError(attribute('colour'));
    assert.equal(unknown.code, 'InvalidParameterValue');
    assert.equal(unknown.message, 'Value (colour) for parameter attribute is invalid. Unknown attribute.');
    assert.equal((await awsError(attribute('instanceType', 'i-0123456789abcdef0'))).code, 'InvalidInstanceID.NotFound');
  });

  it('sets sourceDestCheck on eth0, in both wire forms', async () => {
    await modify({ SourceDestCheck: { Value: false } });
    assert.equal((await primaryEniOf(ec2, id)).SourceDestCheck, false);
    assert.equal((await describeInstance(ec2, id)).SourceDestCheck, false);
    assert.deepEqual((await attribute('sourceDestCheck')).SourceDestCheck, { Value: false });
    await modify({ Attribute: 'sourceDestCheck', Value: 'true' });
    assert.equal((await primaryEniOf(ec2, id)).SourceDestCheck, true);
    assert.equal((await awsError(modify({ Attribute: 'sourceDestCheck', Value: 'maybe' }))).code, 'InvalidParameterValue');
  });

  it('replaces eth0\'s groups with groupSet', async () => {
    const web = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: net.vpcId }))).GroupId!;
    const admin = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'admin', Description: 'admin', VpcId: net.vpcId }))).GroupId!;
    await modify({ Groups: [web, admin] });
    assert.deepEqual((await primaryEniOf(ec2, id)).Groups, [{ GroupId: web, GroupName: 'web' }, { GroupId: admin, GroupName: 'admin' }]);
    assert.deepEqual((await describeInstance(ec2, id)).SecurityGroups!.map((g) => g.GroupId), [web, admin]);
    assert.equal((await awsError(modify({ Groups: ['sg-0123456789abcdef0'] }))).code, 'InvalidGroup.NotFound');
  });

  it('refuses sourceDestCheck and groupSet on an instance with several interfaces', async () => {
    const eni = await eniInSubnet(ec2, net.subnetA);
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: id, NetworkInterfaceId: eni.NetworkInterfaceId, DeviceIndex: 1 }));
    const e = await awsError(modify({ SourceDestCheck: { Value: false } }));
    assert.equal(e.code, 'InvalidInstanceID');
    assert.equal(e.message, `There are multiple interfaces attached to instance '${id}'. Please specify an interface ID for the operation instead.`);
    assert.equal((await awsError(modify({ Groups: [(await describeInstance(ec2, id)).SecurityGroups![0]!.GroupId!] }))).code, 'InvalidInstanceID');
  });

  it('takes one attribute per call', async () => {
    const none = await awsError(modify({}));
    assert.equal(none.code, 'InvalidParameterCombination');
    assert.equal(none.message, 'No attributes specified.');
    const two = await awsError(modify({ DisableApiStop: { Value: true }, DisableApiTermination: { Value: true } }));
    assert.equal(two.code, 'InvalidParameterCombination');
  });

  it('protects the instance with disableApiTermination and disableApiStop', async () => {
    await modify({ DisableApiTermination: { Value: true } });
    assert.deepEqual((await attribute('disableApiTermination')).DisableApiTermination, { Value: true });
    assert.equal((await awsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })))).code, 'OperationNotPermitted');
    await modify({ DisableApiStop: { Value: true } });
    assert.equal((await awsError(ec2.send(new StopInstancesCommand({ InstanceIds: [id] })))).code, 'OperationNotPermitted');
    await modify({ Attribute: 'disableApiStop', Value: 'false' });
    await modify({ DisableApiTermination: { Value: false } });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  });

  it('changes the instance type, user data and EBS optimisation only while stopped', async () => {
    const running = await awsError(modify({ InstanceType: { Value: 't3.large' } }));
    assert.equal(running.code, 'IncorrectInstanceState');
    assert.equal(running.message, `The instance '${id}' is not in the 'stopped' state.`);
    assert.equal((await awsError(modify({ UserData: { Value: Buffer.from('x') } }))).code, 'IncorrectInstanceState');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await modify({ InstanceType: { Value: 't3.large' } });
    await modify({ UserData: { Value: Buffer.from('new data') } });
    await modify({ EbsOptimized: { Value: true } });
    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    const instance = await describeInstance(ec2, id);
    assert.equal(instance.InstanceType, 't3.large');
    assert.equal(instance.EbsOptimized, true);
    assert.equal(Buffer.from((await attribute('userData')).UserData!.Value!, 'base64').toString(), 'new data');
  });

  it('checks a new instance type against the image and the attached ENIs', async () => {
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await awsError(modify({ InstanceType: { Value: 't9.huge' } }))).code, 'InvalidParameterValue');
    assert.equal((await awsError(modify({ InstanceType: { Value: 't4g.small' } }))).code, 'InvalidParameterValue', 'arm64 type, x86_64 image');
    const big = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.medium' });
    const eni = await eniInSubnet(ec2, net.subnetA);
    const eni2 = await eniInSubnet(ec2, net.subnetA);
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: big, NetworkInterfaceId: eni.NetworkInterfaceId, DeviceIndex: 1 }));
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: big, NetworkInterfaceId: eni2.NetworkInterfaceId, DeviceIndex: 2 }));
    await ec2.send(new StopInstancesCommand({ InstanceIds: [big] }));
    const e = await awsError(ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: big, InstanceType: { Value: 't3.micro' } })));
    assert.equal(e.code, 'AttachmentLimitExceeded');
  });

  it('changes DeleteOnTermination of a block device', async () => {
    await modify({ BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: false } }] });
    assert.equal((await describeInstance(ec2, id)).BlockDeviceMappings![0]!.Ebs!.DeleteOnTermination, false);
    const e = await awsError(modify({ BlockDeviceMappings: [{ DeviceName: '/dev/sdz', Ebs: { DeleteOnTermination: false } }] }));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('answers DryRunOperation without changing anything', async () => {
    const dry = await awsError(modify({ SourceDestCheck: { Value: false }, DryRun: true }));
    assert.equal(dry.code, 'DryRunOperation');
    assert.equal((await primaryEniOf(ec2, id)).SourceDestCheck, true);
  });
});
