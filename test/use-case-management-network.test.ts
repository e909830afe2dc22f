/**
 * Use case: a management network on a second subnet (network-interfaces.md §3, instances.md §1). An instance serves
 * the public from one subnet and is administered through a second ENI in a management subnet of the same AZ, whose
 * security group lets SSH in from the admins' CIDR only. Driven end to end with the AWS CLI.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  DescribeInstancesResult,
  DescribeNetworkInterfacesResult,
  DescribeSecurityGroupsResult,
  InstanceNetworkInterface,
  Reservation,
} from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ADMIN_CIDR = '198.51.100.0/24';

const byDeviceIndex = (interfaces: InstanceNetworkInterface[]) =>
  new Map(interfaces.map((n) => [n.Attachment!.DeviceIndex!, n]));

describe('use case: a management network on a second subnet, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('launches an instance with its management ENI at device index 1 and shows both ENIs as AWS does', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.10.0.0/16');
    const [publicSubnet, managementSubnet] = await Promise.all([
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.10.0.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.10.1.0/24', '--availability-zone', 'us-east-1a'),
    ]);
    const [webGroup, sshGroup] = await Promise.all([
      aws.text('GroupId', 'create-security-group', '--vpc-id', vpc, '--group-name', 'web', '--description', 'HTTPS from anywhere'),
      aws.text('GroupId', 'create-security-group', '--vpc-id', vpc, '--group-name', 'admin-ssh', '--description', 'SSH from the admins'),
    ]);
    await aws.run('authorize-security-group-ingress', '--group-id', webGroup, '--protocol', 'tcp', '--port', '443', '--cidr', '0.0.0.0/0');
    await aws.run('authorize-security-group-ingress', '--group-id', sshGroup, '--protocol', 'tcp', '--port', '22', '--cidr', ADMIN_CIDR);

    // The management group lets in SSH from the admin CIDR and nothing else.
    const { SecurityGroups } = await aws.run<DescribeSecurityGroupsResult>('describe-security-groups', '--group-ids', sshGroup);
    assert.deepEqual(SecurityGroups![0]!.IpPermissions, [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: ADMIN_CIDR }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);

    // One launch creates both ENIs: eth0 in the public subnet, eth1 in the management subnet.
    const launched = await aws.run<Reservation>(
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.medium',
      '--network-interfaces',
      `DeviceIndex=0,SubnetId=${publicSubnet},Groups=${webGroup}`,
      `DeviceIndex=1,SubnetId=${managementSubnet},Groups=${sshGroup},PrivateIpAddress=10.10.1.10,Description=management`,
    );
    const instance = launched.Instances![0]!;
    assert.equal(instance.State!.Name, 'pending');
    assert.deepEqual(instance.NetworkInterfaces!.map((n) => n.Attachment!.DeviceIndex).sort(), [0, 1]);
    await aws.run('wait', 'instance-running', '--instance-ids', instance.InstanceId!);

    const described = (await aws.run<DescribeInstancesResult>('describe-instances', '--instance-ids', instance.InstanceId!))
      .Reservations![0]!.Instances![0]!;
    assert.equal(described.State!.Name, 'running');
    assert.equal(described.Placement!.AvailabilityZone, 'us-east-1a');
    // The instance's own subnet, address and groups are eth0's.
    assert.equal(described.SubnetId, publicSubnet);
    assert.equal(described.VpcId, vpc);
    assert.deepEqual(described.SecurityGroups, [{ GroupId: webGroup, GroupName: 'web' }]);
    const interfaces = byDeviceIndex(described.NetworkInterfaces!);
    assert.equal(interfaces.size, 2);
    const eth0 = interfaces.get(0)!;
    const eth1 = interfaces.get(1)!;
    assert.equal(described.PrivateIpAddress, eth0.PrivateIpAddress);
    assert.equal(eth0.SubnetId, publicSubnet);
    assert.deepEqual(eth0.Groups, [{ GroupId: webGroup, GroupName: 'web' }]);
    assert.match(eth0.PrivateIpAddress!, /^10\.10\.0\.\d+$/);
    assert.equal(eth1.SubnetId, managementSubnet);
    assert.equal(eth1.VpcId, vpc);
    assert.deepEqual(eth1.Groups, [{ GroupId: sshGroup, GroupName: 'admin-ssh' }]);
    assert.equal(eth1.PrivateIpAddress, '10.10.1.10');
    assert.equal(eth1.PrivateDnsName, 'ip-10-10-1-10.ec2.internal');
    assert.equal(eth1.Description, 'management');
    for (const eni of [eth0, eth1]) {
      assert.equal(eni.Status, 'in-use');
      assert.equal(eni.Attachment!.Status, 'attached');
      assert.equal(eni.Attachment!.NetworkCardIndex, 0);
      assert.equal(eni.Attachment!.DeleteOnTermination, true, 'ENIs the launch creates go with the instance');
      assert.equal(eni.SourceDestCheck, true);
    }
    assert.notEqual(eth0.MacAddress, eth1.MacAddress);

    // The management ENI as DescribeNetworkInterfaces shows it, found by its group.
    const { NetworkInterfaces: inAdminGroup } = await aws.run<DescribeNetworkInterfacesResult>(
      'describe-network-interfaces', '--filters', `Name=group-id,Values=${sshGroup}`,
    );
    assert.equal(inAdminGroup!.length, 1);
    const management = inAdminGroup![0]!;
    assert.equal(management.NetworkInterfaceId, eth1.NetworkInterfaceId);
    assert.equal(management.AvailabilityZone, 'us-east-1a');
    assert.equal(management.SubnetId, managementSubnet);
    assert.equal(management.Attachment!.InstanceId, instance.InstanceId);
    assert.equal(management.Attachment!.InstanceOwnerId, DEFAULT_ACCOUNT);
    assert.equal(management.Attachment!.DeviceIndex, 1);
    assert.equal(management.InterfaceType, 'interface');
    assert.equal(management.RequesterManaged, false);

    // The instance is found through its management subnet and address too.
    const [bySubnet, byAddress] = await Promise.all([
      aws.text('Reservations[].Instances[].InstanceId', 'describe-instances', '--filters', `Name=network-interface.subnet-id,Values=${managementSubnet}`),
      aws.text('Reservations[].Instances[].InstanceId', 'describe-instances', '--filters', 'Name=network-interface.addresses.private-ip-address,Values=10.10.1.10'),
    ]);
    assert.equal(bySubnet, instance.InstanceId);
    assert.equal(byAddress, instance.InstanceId);

    // Device index 1 is taken: a second management ENI is refused there (C).
    const spare = await aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', managementSubnet, '--groups', sshGroup);
    const [clash, eth0Detach] = await Promise.all([
      aws.refusal('attach-network-interface', '--network-interface-id', spare, '--instance-id', instance.InstanceId!, '--device-index', '1'),
      aws.refusal('detach-network-interface', '--attachment-id', eth0.Attachment!.AttachmentId!),
    ]);
    assert.equal(clash.code, 'InvalidParameterValue');
    assert.equal(clash.message, `Instance '${instance.InstanceId}' already has an interface attached at device index '1'.`);
    // And eth0 never detaches (C).
    assert.equal(eth0Detach.code, 'OperationNotPermitted');
    assert.equal(eth0Detach.message, 'The network interface at device index 0 and networkCard index 0 cannot be detached.');

    // Decommissioning: terminating deletes both launch ENIs, and the network comes apart without dependencies.
    await aws.run('terminate-instances', '--instance-ids', instance.InstanceId!);
    await aws.run('wait', 'instance-terminated', '--instance-ids', instance.InstanceId!);
    const left = await aws.text('NetworkInterfaces[].NetworkInterfaceId', 'describe-network-interfaces', '--filters', `Name=vpc-id,Values=${vpc}`);
    assert.equal(left, spare, 'only the ENI made by hand is left');
    await aws.run('delete-network-interface', '--network-interface-id', spare);
    await Promise.all([
      ...[webGroup, sshGroup].map((group) => aws.run('delete-security-group', '--group-id', group)),
      ...[publicSubnet, managementSubnet].map((subnet) => aws.run('delete-subnet', '--subnet-id', subnet)),
    ]);
    await aws.run('delete-vpc', '--vpc-id', vpc);
  });
});
