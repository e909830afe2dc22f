import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssignIpv6AddressesCommand,
  AssignPrivateIpAddressesCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  DetachNetworkInterfaceCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilNetworkInterfaceAvailable,
  type CreateNetworkInterfaceCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { asCaller, bootstrap } from './helpers/eni-fixtures.js';
import { DEFAULT_ACCOUNT, seed } from './helpers/seed.js';
import { attachNewGateway, eniInSubnet } from './helpers/network.js';
import { requireSubnetSpace } from '../src/resources/network-interfaces/subnet-space.js';
import { insertNetworkInterface } from '../src/resources/network-interfaces/insert-network-interface.js';
import { placeInSubnet, readCreateRequest } from '../src/resources/network-interfaces/create-request.js';
import { attachEni } from '../src/resources/instances/attachments.js';
import {
  countingClient,
  createNetwork,
  describeEni,
  describeInstance,
  runOne,
  type TestNetwork,
} from './helpers/instance-fixtures.js';

describe('AttachNetworkInterface and DetachNetworkInterface', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;

  const createEni = async (input: Partial<CreateNetworkInterfaceCommandInput> = {}) =>
    eniInSubnet(ec2, net.subnetA, input);
  const attach = (InstanceId: string, NetworkInterfaceId: string, DeviceIndex = 1, NetworkCardIndex?: number) =>
    ec2.send(new AttachNetworkInterfaceCommand({ InstanceId, NetworkInterfaceId, DeviceIndex, NetworkCardIndex }));
  const detach = (AttachmentId: string) => ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId, Force: true }));

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

  it('attaches an ENI at once: attachment id, card index, in-use, DeleteOnTermination false, on the instance', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    const answer = await attach(id, eni.NetworkInterfaceId!);
    assert.match(answer.AttachmentId!, /^eni-attach-[0-9a-f]{17}$/);
    assert.equal(answer.NetworkCardIndex, 0);

    const seen = await describeEni(ec2, eni.NetworkInterfaceId!);
    assert.equal(seen.Status, 'in-use');
    assert.equal(seen.Attachment!.Status, 'attached');
    assert.equal(seen.Attachment!.AttachmentId, answer.AttachmentId);
    assert.equal(seen.Attachment!.InstanceId, id);
    assert.equal(seen.Attachment!.InstanceOwnerId, DEFAULT_ACCOUNT);
    assert.equal(seen.Attachment!.DeviceIndex, 1);
    assert.equal(seen.Attachment!.DeleteOnTermination, false);
    assert.ok(seen.Attachment!.AttachTime instanceof Date);

    const instance = await describeInstance(ec2, id);
    assert.deepEqual(instance.NetworkInterfaces!.map((n) => [n.Attachment!.DeviceIndex, n.NetworkInterfaceId]), [
      [0, instance.NetworkInterfaces![0]!.NetworkInterfaceId],
      [1, eni.NetworkInterfaceId],
    ]);
    const byAttachment = await ec2.send(new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'attachment.attachment-id', Values: [answer.AttachmentId!] }],
    }));
    assert.deepEqual(byAttachment.NetworkInterfaces!.map((n) => n.NetworkInterfaceId), [eni.NetworkInterfaceId]);
  });

  it('detaches at once: available, no attachment element, the waiter polls once', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    const { AttachmentId } = await attach(id, eni.NetworkInterfaceId!);
    const counting = countingClient(server);
    await counting.client.send(new DetachNetworkInterfaceCommand({ AttachmentId: AttachmentId!, Force: true }));
    const waited = await waitUntilNetworkInterfaceAvailable(
      { client: counting.client, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { NetworkInterfaceIds: [eni.NetworkInterfaceId!] },
    );
    assert.equal(waited.state, 'SUCCESS');
    assert.equal(counting.count('DescribeNetworkInterfacesCommand'), 1);

    const seen = await describeEni(ec2, eni.NetworkInterfaceId!);
    assert.equal(seen.Status, 'available');
    assert.equal(seen.Attachment, undefined);
    const byInstance = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }));
    assert.deepEqual(byInstance.NetworkInterfaces!.map((n) => n.Attachment!.DeviceIndex), [0]);
    assert.equal((await describeInstance(ec2, id)).NetworkInterfaces!.length, 1);
    // Terraform detaches an attachment it still has in its state after the attachment resource did: NotFound.
    const again = await awsError(detach(AttachmentId!));
    assert.equal(again.code, 'InvalidAttachmentID.NotFound');
    assert.equal(again.message, `The attachment ID '${AttachmentId}' does not exist`);
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId! }));
  });

  it('finds a just-detached attachment by its id, detached, for a minute and nowhere else', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    const { AttachmentId } = await attach(id, eni.NetworkInterfaceId!);
    await detach(AttachmentId!);
    const byAttachment = async (attachmentId = AttachmentId!) =>
      (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.attachment-id', Values: [attachmentId] }] })))
        .NetworkInterfaces!;
    // What Terraform's detach waiter reads: the attachment it waits on, `detached` (it accepts nothing else at once).
    const [found] = await byAttachment();
    assert.equal(found!.NetworkInterfaceId, eni.NetworkInterfaceId);
    assert.equal(found!.Status, 'available');
    assert.deepEqual(
      [found!.Attachment!.AttachmentId, found!.Attachment!.Status, found!.Attachment!.InstanceId, found!.Attachment!.DeviceIndex],
      [AttachmentId, 'detached', id, 1],
    );
    assert.equal((await describeEni(ec2, eni.NetworkInterfaceId!)).Attachment, undefined, 'reads by id never show it');
    const other = server.client({ accessKeyId: '111122223333' });
    assert.deepEqual(
      (await other.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.attachment-id', Values: [AttachmentId!] }] })))
        .NetworkInterfaces,
      [],
    );

    // A new attachment ends it at once.
    const second = await attach(id, eni.NetworkInterfaceId!, 2);
    assert.deepEqual(await byAttachment(), []);
    assert.equal((await byAttachment(second.AttachmentId!))[0]!.Attachment!.Status, 'attached');

    // And a minute ends it too.
    await detach(second.AttachmentId!);
    assert.equal((await byAttachment(second.AttachmentId!)).length, 1);
    await seed(server, 'UPDATE eni_detachments SET detached_at = ?', [new Date(Date.now() - 61_000).toISOString()]);
    assert.deepEqual(await byAttachment(second.AttachmentId!), []);
  });

  it('moves an ENI to a standby with its MAC, addresses, groups, Elastic IP and tags', async () => {
    const web = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: net.vpcId }))).GroupId!;
    const active = await runOne(ec2, { SubnetId: net.subnetA });
    const standby = await runOne(ec2, { SubnetId: net.subnetA2 });
    const eni = await createEni({ Groups: [web], SecondaryPrivateIpAddressCount: 2, Description: 'service' });
    await ec2.send(new CreateTagsCommand({ Resources: [eni.NetworkInterfaceId!], Tags: [{ Key: 'role', Value: 'vip' }] }));
    await attachNewGateway(ec2, net.vpcId);
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
    const first = await attach(active, eni.NetworkInterfaceId!);
    const before = await describeEni(ec2, eni.NetworkInterfaceId!);

    await detach(first.AttachmentId!);
    const second = await attach(standby, eni.NetworkInterfaceId!);
    assert.notEqual(second.AttachmentId, first.AttachmentId);
    const after = await describeEni(ec2, eni.NetworkInterfaceId!);
    assert.equal(after.Attachment!.InstanceId, standby);
    assert.equal(after.MacAddress, before.MacAddress);
    assert.deepEqual(after.PrivateIpAddresses, before.PrivateIpAddresses);
    assert.deepEqual(after.Groups, [{ GroupId: web, GroupName: 'web' }]);
    assert.deepEqual(after.TagSet, [{ Key: 'role', Value: 'vip' }]);
    assert.equal(after.Association!.PublicIp, eip.PublicIp);
    assert.equal(after.Association!.AllocationId, eip.AllocationId);
    assert.equal(after.Description, 'service');
    assert.equal(after.SubnetId, net.subnetA, 'an ENI never changes subnet; the standby is in another subnet of the zone');
    const standbyView = await describeInstance(ec2, standby);
    assert.equal(standbyView.NetworkInterfaces![1]!.Association!.PublicIp, eip.PublicIp);
    assert.equal((await describeInstance(ec2, active)).NetworkInterfaces!.length, 1);
  });

  it('refuses an occupied device index with AWS\'s message, and an ENI already attached', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.medium' });
    const a = await createEni();
    const b = await createEni();
    await attach(id, a.NetworkInterfaceId!, 1);
    const clash = await awsError(attach(id, b.NetworkInterfaceId!, 1));
    assert.equal(clash.code, 'InvalidParameterValue');
    assert.equal(clash.message, `Instance '${id}' already has an interface attached at device index '1'.`);
    const eth0 = await awsError(attach(id, b.NetworkInterfaceId!, 0));
    assert.equal(eth0.message, `Instance '${id}' already has an interface attached at device index '0'.`);
    const other = await runOne(ec2, { SubnetId: net.subnetA });
    const inUse = await awsError(attach(other, a.NetworkInterfaceId!, 1));
    assert.equal(inUse.code, 'InvalidNetworkInterface.InUse');
    const primary = (await describeInstance(ec2, other)).NetworkInterfaces![0]!.NetworkInterfaceId!;
    assert.equal((await awsError(attach(id, primary, 2))).code, 'InvalidNetworkInterface.InUse');
  });

  it('holds one ENI per device index even when two attaches race', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.medium' });
    const [a, b] = [await createEni(), await createEni()];
    const results = await Promise.allSettled([attach(id, a.NetworkInterfaceId!, 1), attach(id, b.NetworkInterfaceId!, 1)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal((await describeInstance(ec2, id)).NetworkInterfaces!.length, 2);
  });

  it('counts ENIs against the type: t2.micro holds 2', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't2.micro' });
    await attach(id, (await createEni()).NetworkInterfaceId!, 1);
    const over = await awsError(attach(id, (await createEni()).NetworkInterfaceId!, 2));
    assert.equal(over.code, 'AttachmentLimitExceeded');
    assert.equal(over.message, 'Interface count 3 exceeds the limit for t2.micro');
    const card = await awsError(attach(id, (await createEni()).NetworkInterfaceId!, 1, 1));
    assert.equal(card.code, 'InvalidParameterValue', 't2.micro has one network card');
  });

  it('applies the type\'s per-ENI address limits once attached (t2.micro: 2 IPv4 per ENI)', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't2.micro' });
    const eni = await createEni({ SecondaryPrivateIpAddressCount: 1 });
    await attach(id, eni.NetworkInterfaceId!);
    const over = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(over.code, 'PrivateIpAddressLimitExceeded');
    const eth0 = (await describeInstance(ec2, id)).NetworkInterfaces![0]!.NetworkInterfaceId!;
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eth0, SecondaryPrivateIpAddressCount: 1 }));
    const eth0Over = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eth0, SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(eth0Over.code, 'PrivateIpAddressLimitExceeded');

    const crowded = await createEni({ SecondaryPrivateIpAddressCount: 5 });
    const other = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't2.micro' });
    const tooMany = await awsError(attach(other, crowded.NetworkInterfaceId!));
    assert.equal(tooMany.code, 'InvalidInterface.IpAddressLimitExceeded');
    const t3large = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.large' });
    await attach(t3large, crowded.NetworkInterfaceId!);
  });

  it('applies IPv6 limits too, and none to an unattached ENI', async () => {
    const free = await createEni({ SecondaryPrivateIpAddressCount: 10 });
    assert.equal(free.PrivateIpAddresses!.length, 11, 'an unattached ENI has no type, hence no limit');
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const block56 = Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
    const { Subnet } = await ec2.send(new CreateSubnetCommand({
      VpcId: Vpc!.VpcId!, CidrBlock: '10.60.1.0/24', AvailabilityZone: 'us-east-1a', Ipv6CidrBlock: block56.replace('/56', '/64'),
    }));
    const id = await runOne(ec2, { SubnetId: Subnet!.SubnetId!, InstanceType: 't2.micro' });
    const eni = await eniInSubnet(ec2, Subnet!.SubnetId!, { Ipv6AddressCount: 1 });
    await attach(id, eni.NetworkInterfaceId!);
    await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv6AddressCount: 1 }));
    const e = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv6AddressCount: 1 })));
    assert.equal(e.code, 'PrivateIpAddressLimitExceeded', 't2.micro: 2 IPv6 addresses per ENI');
  });

  it('takes a secondary ENI from another VPC in the same zone, never from another zone', async () => {
    const other = await createNetwork(ec2, 41);
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const sameZone = await eniInSubnet(ec2, other.subnetA);
    await attach(id, sameZone.NetworkInterfaceId!);
    assert.equal((await describeInstance(ec2, id)).NetworkInterfaces![1]!.VpcId, other.vpcId);
    const otherZone = await eniInSubnet(ec2, net.subnetB);
    const e = await awsError(attach(id, otherZone.NetworkInterfaceId!, 2));
    assert.equal(e.code, 'InvalidParameterCombination');
  });

  it('attaches to stopped instances, not to terminated ones', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await attach(id, (await createEni()).NetworkInterfaceId!);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const e = await awsError(attach(id, (await createEni()).NetworkInterfaceId!));
    assert.equal(e.code, 'IncorrectInstanceState');
  });

  it('answers AWS\'s errors for unknown and malformed ids', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    assert.equal((await awsError(attach('i-0123456789abcdef0', eni.NetworkInterfaceId!))).code, 'InvalidInstanceID.NotFound');
    assert.equal((await awsError(attach('i-x', eni.NetworkInterfaceId!))).code, 'InvalidInstanceID.Malformed');
    assert.equal((await awsError(attach(id, 'eni-0123456789abcdef0'))).code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal((await awsError(attach(id, 'eni-x'))).code, 'InvalidNetworkInterfaceId.Malformed');
    assert.equal((await awsError(attach(id, eni.NetworkInterfaceId!, -1))).code, 'InvalidParameterValue');

    const malformed = await awsError(detach(eni.NetworkInterfaceId!));
    assert.equal(malformed.code, 'InvalidNetworkInterfaceAttachmentId.Malformed');
    assert.equal(malformed.message, `Invalid id: "${eni.NetworkInterfaceId}" (expecting "eni-attach-...")`);
    const service = await awsError(detach('ela-attach-0123456789abcdef0'));
    assert.equal(service.code, 'OperationNotPermitted');
    assert.equal(service.message, "You are not allowed to manage 'ela-attach' attachments.");
    assert.equal((await awsError(detach('eni-attach-0123456789abcdef0'))).code, 'InvalidAttachmentID.NotFound');
  });

  it('never detaches the primary ENI, and never deletes an attached one', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eth0 = (await describeInstance(ec2, id)).NetworkInterfaces![0]!;
    const e = await awsError(detach(eth0.Attachment!.AttachmentId!));
    assert.equal(e.code, 'OperationNotPermitted');
    assert.equal(e.message, 'The network interface at device index 0 and networkCard index 0 cannot be detached.');
    const del = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eth0.NetworkInterfaceId! })));
    assert.equal(del.code, 'InvalidParameterValue');
    assert.equal(del.message, `Network interface '${eth0.NetworkInterfaceId}' is currently in use.`);
  });

  it('never detaches or deletes a service-managed ENI', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.medium' });
    // Service-managed ENIs are made by services (NAT gateways, endpoints…), never by CreateNetworkInterface.
    const managed = await asCaller(server, {}, async (ctx) => {
      const space = await requireSubnetSpace(ctx, net.subnetA);
      const eniId = await insertNetworkInterface(ctx, {
        ...placeInSubnet(readCreateRequest({ SubnetId: net.subnetA }), space),
        groupIds: [],
        requesterManaged: true,
        requesterId: 'amazon-elb',
      });
      const attachmentId = await attachEni(ctx, { eniId, instanceId: id, deviceIndex: 1, networkCardIndex: 0, deleteOnTermination: false });
      return { eniId, attachmentId };
    });
    const e = await awsError(detach(managed.attachmentId));
    assert.equal(e.code, 'OperationNotPermitted');
    const del = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: managed.eniId })));
    assert.equal(del.code, 'InvalidParameterValue');
  });

  it('keeps accounts apart', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    const { AttachmentId } = await attach(id, eni.NetworkInterfaceId!);
    const other = server.client({ accessKeyId: '111122223333' });
    const theirSubnet = (await describeInstance(other, await runOne(other))).SubnetId!;
    const theirEni = await eniInSubnet(other, theirSubnet);
    assert.equal((await awsError(attach(id, theirEni.NetworkInterfaceId!))).code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal((await awsError(other.send(new AttachNetworkInterfaceCommand({ InstanceId: id, NetworkInterfaceId: theirEni.NetworkInterfaceId!, DeviceIndex: 1 })))).code, 'InvalidInstanceID.NotFound');
    assert.equal((await awsError(other.send(new DetachNetworkInterfaceCommand({ AttachmentId: AttachmentId! })))).code, 'InvalidAttachmentID.NotFound');
    assert.equal((await describeEni(ec2, eni.NetworkInterfaceId!)).Attachment!.AttachmentId, AttachmentId);
  });

  it('answers DryRunOperation without attaching or detaching', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const eni = await createEni();
    const dry = await awsError(ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: id, NetworkInterfaceId: eni.NetworkInterfaceId!, DeviceIndex: 1, DryRun: true })));
    assert.equal(dry.code, 'DryRunOperation');
    assert.equal((await describeEni(ec2, eni.NetworkInterfaceId!)).Status, 'available');
    const { AttachmentId } = await attach(id, eni.NetworkInterfaceId!);
    const dryDetach = await awsError(ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId: AttachmentId!, DryRun: true })));
    assert.equal(dryDetach.code, 'DryRunOperation');
    assert.equal((await describeEni(ec2, eni.NetworkInterfaceId!)).Status, 'in-use');
  });
});
