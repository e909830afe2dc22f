// How ENIs hold other resources: subnets, security groups and tags see the ENIs in them (joins of the subnet,
// security-group, tag and ENI work).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';

describe('ENIs as dependents of subnets, security groups and tags', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let vpcId: string;
  let subnetId: string;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    ({ vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24'));
  });

  const availableIps = async () =>
    (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets![0]!.AvailableIpAddressCount;

  it('counts every address of every ENI in AvailableIpAddressCount, and gives them back on delete', async () => {
    assert.equal(await availableIps(), 251);
    const eni = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, SecondaryPrivateIpAddressCount: 2 }));
    assert.equal(await availableIps(), 248);
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterface!.NetworkInterfaceId! }));
    assert.equal(await availableIps(), 251);
  });

  it('refuses DeleteSubnet while an ENI lives in it, and allows it afterwards', async () => {
    const eni = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }));
    const e = await awsError(ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
    assert.equal(e.code, 'DependencyViolation');
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterface!.NetworkInterfaceId! }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    const gone = await awsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })));
    assert.equal(gone.code, 'InvalidSubnetID.NotFound');
  });

  it('refuses DeleteSecurityGroup while an ENI uses the group', async () => {
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }));
    const eni = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: [GroupId!] }));
    const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId })));
    assert.equal(e.code, 'DependencyViolation');
    assert.equal(e.message, `resource ${GroupId} has a dependent object`);
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterface!.NetworkInterfaceId! }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }));
  });

  it('tags ENIs with CreateTags and refuses an unknown ENI id with its NotFound code', async () => {
    const eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    await ec2.send(new CreateTagsCommand({ Resources: [eniId], Tags: [{ Key: 'role', Value: 'db' }] }));
    const { NetworkInterfaces } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'tag:role', Values: ['db'] }] }),
    );
    assert.deepEqual(NetworkInterfaces!.map((n) => n.NetworkInterfaceId), [eniId]);
    const e = await awsError(
      ec2.send(new CreateTagsCommand({ Resources: ['eni-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    assert.equal(e.code, 'InvalidNetworkInterfaceID.NotFound');
  });
});
