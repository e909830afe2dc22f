import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssignIpv6AddressesCommand,
  AttachNetworkInterfaceCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfaceAttributeCommand,
  DescribeNetworkInterfacesCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ResetNetworkInterfaceAttributeCommand,
  type EC2Client,
  type ModifyNetworkInterfaceAttributeCommandInput,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { formatIpv6Cidr, parseIpv6Cidr } from '../src/net/ipv6.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import {
  attachForTest,
  bootstrap,
  defaultGroupOf,
  defaultSubnet,
  createTestGroup,
  createTestSubnet,
  type SubnetInfo,
} from './helpers/eni-fixtures.js';
import { runOne } from './helpers/instance-fixtures.js';

describe('Describe/Modify/ResetNetworkInterfaceAttribute', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnet: SubnetInfo;
  let eni: NetworkInterface;
  let id: string;

  const attribute = (Attribute: string, NetworkInterfaceId = id) =>
    ec2.send(new DescribeNetworkInterfaceAttributeCommand({ NetworkInterfaceId, Attribute: Attribute as 'description' }));
  const modify = (input: Partial<ModifyNetworkInterfaceAttributeCommandInput>) =>
    ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, ...input }));
  const current = async () =>
    (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces![0]!;
  /** Attaches the ENI to a new instance of its subnet (whose eth0 is not deleted on termination); the attachment id. */
  const attachToNewInstance = async (DeviceIndex: number) => {
    const InstanceId = await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.id, DeleteOnTermination: false }] });
    return (await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId, NetworkInterfaceId: id, DeviceIndex }))).AttachmentId!;
  };

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    subnet = await defaultSubnet(server);
    eni = await eniInSubnet(ec2, subnet.id, { Description: 'first' });
    id = eni.NetworkInterfaceId!;
  });

  it('describes one attribute at a time', async () => {
    const description = await attribute('description');
    assert.equal(description.NetworkInterfaceId, id);
    assert.deepEqual(description.Description, { Value: 'first' });
    assert.equal(description.Groups, undefined, 'only the requested attribute');
    assert.deepEqual((await attribute('groupSet')).Groups, [{ GroupId: await defaultGroupOf(ec2, subnet.vpc_id), GroupName: 'default' }]);
    assert.deepEqual((await attribute('sourceDestCheck')).SourceDestCheck, { Value: true });
    assert.equal((await attribute('attachment')).Attachment, undefined, 'no attachment element when unattached');
    assert.equal((await attribute('associatePublicIpAddress')).AssociatePublicIpAddress, true, 'default subnets map public IPs');

    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }));
    const privateSubnet = await createTestSubnet(ec2, { vpcId: Vpc!.VpcId!, cidr: '10.60.1.0/24' });
    const inside = await eniInSubnet(ec2, privateSubnet);
    assert.equal((await attribute('associatePublicIpAddress', inside.NetworkInterfaceId)).AssociatePublicIpAddress, false);

    const attachmentId = await attachToNewInstance(2);
    const attached = await attribute('attachment');
    assert.equal(attached.Attachment!.AttachmentId, attachmentId);
    assert.equal(attached.Attachment!.DeviceIndex, 2);
    assert.equal(attached.Attachment!.Status, 'attached');

    const missing = await awsError(ec2.send(new DescribeNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id })));
    assert.equal(missing.code, 'MissingParameter');
    const unknown = await awsError(attribute('macAddress'));
    assert.equal(unknown.code, 'InvalidParameterValue');
    const noEni = await awsError(attribute('description', 'eni-0123456789abcdef0'));
    assert.equal(noEni.code, 'InvalidNetworkInterfaceID.NotFound');
  });

  it('modifies the description, the source/destination check and the whole group set', async () => {
    await modify({ Description: { Value: 'second' } });
    assert.equal((await current()).Description, 'second');
    await modify({ SourceDestCheck: { Value: false } });
    assert.equal((await current()).SourceDestCheck, false);
    assert.deepEqual((await attribute('sourceDestCheck')).SourceDestCheck, { Value: false });

    const a = await createTestGroup(ec2, subnet.vpc_id, 'a');
    const b = await createTestGroup(ec2, subnet.vpc_id, 'b');
    await modify({ Groups: [b, a] });
    assert.deepEqual((await current()).Groups, [{ GroupId: b, GroupName: 'b' }, { GroupId: a, GroupName: 'a' }], 'the set is replaced');
    await modify({ Groups: [a] });
    assert.deepEqual((await attribute('groupSet')).Groups, [{ GroupId: a, GroupName: 'a' }]);

    const more = [a, b];
    for (let i = 0; i < 4; i++) more.push(await createTestGroup(ec2, subnet.vpc_id, `g${i}`));
    assert.equal((await awsError(modify({ Groups: more }))).code, 'SecurityGroupsPerInterfaceLimitExceeded');
    assert.equal((await awsError(modify({ Groups: ['sg-0123456789abcdef0'] }))).code, 'InvalidGroup.NotFound');
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.61.0.0/16' }));
    const foreign = await createTestGroup(ec2, Vpc!.VpcId!, 'foreign');
    assert.equal((await awsError(modify({ Groups: [foreign] }))).code, 'InvalidParameter');
    assert.deepEqual((await current()).Groups, [{ GroupId: a, GroupName: 'a' }], 'failed modifications change nothing');
  });

  it('takes exactly one attribute family per call', async () => {
    const two = await awsError(modify({ Description: { Value: 'x' }, SourceDestCheck: { Value: false } }));
    assert.equal(two.code, 'InvalidParameterCombination');
    assert.equal(two.message, 'Fields for multiple attribute types specified: description, sourceDestCheck');
    const none = await awsError(modify({}));
    assert.equal(none.code, 'InvalidParameterCombination');
    assert.equal(none.message, 'No attributes specified.');
    const unknown = await awsError(ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: 'eni-0123456789abcdef0', Description: { Value: 'x' } })));
    assert.equal(unknown.code, 'InvalidNetworkInterfaceID.NotFound');
    const malformed = await awsError(ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: 'nope', Description: { Value: 'x' } })));
    assert.equal(malformed.code, 'InvalidNetworkInterfaceId.Malformed');
    assert.equal((await current()).Description, 'first');
  });

  it('changes DeleteOnTermination only through the current attachment', async () => {
    const unattached = await awsError(modify({ Attachment: { AttachmentId: 'eni-attach-0123456789abcdef0', DeleteOnTermination: true } }));
    assert.equal(unattached.code, 'InvalidAttachmentID.NotFound');
    const attachmentId = await attachToNewInstance(1);
    const noId = await awsError(modify({ Attachment: { DeleteOnTermination: true } }));
    assert.equal(noId.code, 'MissingParameter');
    const wrong = await awsError(modify({ Attachment: { AttachmentId: 'eni-attach-0123456789abcdef0', DeleteOnTermination: true } }));
    assert.equal(wrong.code, 'InvalidAttachmentID.NotFound');
    await modify({ Attachment: { AttachmentId: attachmentId, DeleteOnTermination: true } });
    assert.equal((await attribute('attachment')).Attachment!.DeleteOnTermination, true);
    assert.equal((await current()).Attachment!.DeleteOnTermination, true);
    const filtered = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.delete-on-termination', Values: ['true'] }] }));
    assert.deepEqual(filtered.NetworkInterfaces!.map((e) => e.NetworkInterfaceId), [id]);
  });

  it('records AssociatePublicIpAddress, connection tracking and the primary IPv6 address', async () => {
    await modify({ AssociatePublicIpAddress: false });
    assert.equal((await attribute('associatePublicIpAddress')).AssociatePublicIpAddress, false);
    await modify({ ConnectionTrackingSpecification: { UdpStreamTimeout: 120 } });
    await modify({ ConnectionTrackingSpecification: { TcpEstablishedTimeout: 600 } });
    assert.deepEqual((await current()).ConnectionTrackingConfiguration, { TcpEstablishedTimeout: 600, UdpStreamTimeout: 120 });
    assert.equal((await awsError(modify({ ConnectionTrackingSpecification: { UdpTimeout: 10 } }))).code, 'InvalidParameterValue');

    const noIpv6 = await awsError(modify({ EnablePrimaryIpv6: true }));
    assert.equal(noIpv6.code, 'InvalidParameterValue', 'there is no IPv6 address to make primary');
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.62.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const v6 = formatIpv6Cidr({ base: parseIpv6Cidr(Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!)!.base, prefix: 64 });
    const dual = await createTestSubnet(ec2, { vpcId: Vpc!.VpcId!, cidr: '10.62.1.0/24', ipv6Cidr: v6 });
    id = (await eniInSubnet(ec2, dual)).NetworkInterfaceId!;
    const { AssignedIpv6Addresses } = await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6AddressCount: 2 }));
    await modify({ EnablePrimaryIpv6: true });
    const described = await current();
    assert.equal(described.Ipv6Address, AssignedIpv6Addresses![0]);
    assert.deepEqual(described.Ipv6Addresses!.map((a) => a.IsPrimaryIpv6), [true, false]);
  });

  it('resets only sourceDestCheck, back to true', async () => {
    await modify({ SourceDestCheck: { Value: false } });
    await ec2.send(new ResetNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, SourceDestCheck: 'sourceDestCheck' }));
    assert.equal((await current()).SourceDestCheck, true);
    const missing = await awsError(ec2.send(new ResetNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id })));
    assert.equal(missing.code, 'MissingParameter');
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new ResetNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, SourceDestCheck: 'x' })));
    assert.equal(foreign.code, 'InvalidNetworkInterfaceID.NotFound');
  });

  it('lets nobody modify a requester-managed ENI, which can still be deleted once detached', async () => {
    await server.store.write((tx) =>
      tx.run(`UPDATE network_interfaces SET requester_managed = 1, requester_id = 'amazon-elb' WHERE id = ?`, [id]),
    );
    assert.equal((await awsError(modify({ Description: { Value: 'x' } }))).code, 'OperationNotPermitted');
    assert.equal((await awsError(ec2.send(new ResetNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, SourceDestCheck: 'x' })))).code, 'OperationNotPermitted');
    const described = await current();
    assert.equal(described.RequesterManaged, true);
    assert.equal(described.RequesterId, 'amazon-elb');
    // AttachNetworkInterface refuses a requester-managed ENI: its service attaches it.
    await attachForTest(server, id, 'i-0123456789abcdef0', 1);
    const attached = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })));
    assert.equal(attached.code, 'InvalidParameterValue');
    await server.store.write((tx) =>
      tx.run(`UPDATE network_interfaces SET attachment_id = '', instance_id = '', status = 'available' WHERE id = ?`, [id]),
    );
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
  });
});
