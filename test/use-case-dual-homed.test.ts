/**
 * Use case: a dual-homed instance (network-interfaces.md §3 rule 2, §4.7). An application instance in one VPC takes
 * a second ENI from a data VPC of the same account in the same AZ (allowed for a secondary ENI since the 2023
 * multi-VPC attachments), each ENI with its own private addresses; an ENI of another AZ is refused. AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DescribeInstancesResult, DescribeNetworkInterfacesResult, InstanceNetworkInterface } from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const addressesOf = (eni: InstanceNetworkInterface) =>
  eni.PrivateIpAddresses!.map((a) => [a.PrivateIpAddress, a.Primary]);

describe('use case: a dual-homed instance across two VPCs, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('attaches an ENI of another VPC in the same AZ, with private addresses on both, and refuses one of another AZ', async () => {
    const [appVpc, dataVpc] = await Promise.all([
      aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.20.0.0/16'),
      aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.21.0.0/16'),
    ]);
    const subnet = (vpc: string, cidr: string, zone: string) =>
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', cidr, '--availability-zone', zone);
    const [appSubnet, dataSubnet, dataSubnetB] = await Promise.all([
      subnet(appVpc, '10.20.1.0/24', 'us-east-1a'),
      subnet(dataVpc, '10.21.1.0/24', 'us-east-1a'),
      subnet(dataVpc, '10.21.2.0/24', 'us-east-1b'),
    ]);

    const instanceId = await aws.text(
      'Instances[0].InstanceId',
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.small', '--subnet-id', appSubnet, '--private-ip-address', '10.20.1.10',
    );
    const [dataEni] = await Promise.all([
      aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', dataSubnet,
        '--private-ip-address', '10.21.1.10', '--description', 'data network'),
      aws.run('wait', 'instance-running', '--instance-ids', instanceId),
    ]);
    const eth0 = await aws.text('Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId', 'describe-instances', '--instance-ids', instanceId);
    // A second address on each side.
    const [onApp, onData] = await Promise.all([
      aws.run<{ AssignedPrivateIpAddresses: { PrivateIpAddress: string }[] }>(
        'assign-private-ip-addresses', '--network-interface-id', eth0, '--private-ip-addresses', '10.20.1.11'),
      aws.run<{ AssignedPrivateIpAddresses: { PrivateIpAddress: string }[] }>(
        'assign-private-ip-addresses', '--network-interface-id', dataEni, '--private-ip-addresses', '10.21.1.11'),
    ]);
    assert.deepEqual(onApp.AssignedPrivateIpAddresses, [{ PrivateIpAddress: '10.20.1.11' }]);
    assert.deepEqual(onData.AssignedPrivateIpAddresses, [{ PrivateIpAddress: '10.21.1.11' }]);

    // The data VPC's ENI joins the app VPC's instance: same account, same AZ, device index 1.
    const attached = await aws.run<{ AttachmentId: string; NetworkCardIndex: number }>(
      'attach-network-interface', '--network-interface-id', dataEni, '--instance-id', instanceId, '--device-index', '1',
    );
    assert.match(attached.AttachmentId, /^eni-attach-[0-9a-f]{17}$/);
    assert.equal(attached.NetworkCardIndex, 0);

    const instance = (await aws.run<DescribeInstancesResult>('describe-instances', '--instance-ids', instanceId)).Reservations![0]!.Instances![0]!;
    assert.equal(instance.VpcId, appVpc, "the instance's VPC is eth0's");
    assert.equal(instance.SubnetId, appSubnet);
    assert.equal(instance.PrivateIpAddress, '10.20.1.10');
    const [first, second] = [...instance.NetworkInterfaces!].sort((a, b) => a.Attachment!.DeviceIndex! - b.Attachment!.DeviceIndex!);
    assert.deepEqual([first!.NetworkInterfaceId, first!.VpcId, first!.SubnetId, first!.Attachment!.DeviceIndex], [eth0, appVpc, appSubnet, 0]);
    assert.deepEqual(addressesOf(first!), [['10.20.1.10', true], ['10.20.1.11', false]]);
    assert.deepEqual(
      [second!.NetworkInterfaceId, second!.VpcId, second!.SubnetId, second!.Attachment!.DeviceIndex, second!.Attachment!.AttachmentId],
      [dataEni, dataVpc, dataSubnet, 1, attached.AttachmentId],
    );
    assert.deepEqual(addressesOf(second!), [['10.21.1.10', true], ['10.21.1.11', false]]);
    assert.equal(second!.Attachment!.DeleteOnTermination, false, 'an ENI attached after launch stays when the instance goes');
    // Each ENI keeps the default security group of its own VPC.
    const [appDefault, dataDefault] = await Promise.all(
      [appVpc, dataVpc].map((vpc) =>
        aws.text('SecurityGroups[0].GroupId', 'describe-security-groups', '--filters', `Name=vpc-id,Values=${vpc}`, 'Name=group-name,Values=default')),
    );
    assert.deepEqual(first!.Groups!.map((g) => g.GroupId), [appDefault]);
    assert.deepEqual(second!.Groups!.map((g) => g.GroupId), [dataDefault]);

    // An ENI of the data VPC in us-east-1b cannot join an instance in us-east-1a, whatever the device index.
    const otherZoneEni = await aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', dataSubnetB);
    const refused = await aws.refusal('attach-network-interface', '--network-interface-id', otherZoneEni, '--instance-id', instanceId, '--device-index', '2');
    assert.equal(refused.code, 'InvalidParameterCombination');
    assert.equal(refused.operation, 'AttachNetworkInterface');

    // The data VPC's ENIs: the attached one in use by the instance, the refused one still available.
    const { NetworkInterfaces } = await aws.run<DescribeNetworkInterfacesResult>(
      'describe-network-interfaces', '--filters', `Name=vpc-id,Values=${dataVpc}`,
    );
    assert.deepEqual(
      NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n.AvailabilityZone, n.Status, n.Attachment?.InstanceId]).sort(),
      [
        [dataEni, 'us-east-1a', 'in-use', instanceId],
        [otherZoneEni, 'us-east-1b', 'available', undefined],
      ].sort(),
    );
    // The instance is found by either network's address.
    const found = await aws.text(
      'Reservations[].Instances[].InstanceId',
      'describe-instances', '--filters', 'Name=network-interface.addresses.private-ip-address,Values=10.21.1.11',
    );
    assert.equal(found, instanceId);

    // Leaving the data network: the ENI detaches with its addresses.
    await aws.run('detach-network-interface', '--attachment-id', attached.AttachmentId);
    await aws.run('wait', 'network-interface-available', '--network-interface-ids', dataEni);
    const detached = (await aws.run<DescribeNetworkInterfacesResult>('describe-network-interfaces', '--network-interface-ids', dataEni))
      .NetworkInterfaces![0]!;
    assert.equal(detached.Attachment, undefined);
    assert.deepEqual(detached.PrivateIpAddresses!.map((a) => a.PrivateIpAddress), ['10.21.1.10', '10.21.1.11']);
    const remaining = await aws.text('Reservations[0].Instances[0].NetworkInterfaces[].NetworkInterfaceId', 'describe-instances', '--instance-ids', instanceId);
    assert.equal(remaining, eth0);
  });
});
