/**
 * Use case: failover of an ENI and its Elastic IP from a failed instance to a standby (network-interfaces.md §3
 * rules 6, 7, 8, 16; instances.md §3). The service address lives on an ENI of its own - secondary IPs, security
 * group, tags, MAC, Elastic IP - which moves from instance A to instance B at the same device index, first when A
 * is stopped, then back to A (stopped: a warm attach) when B is terminated. Nothing of the ENI changes on the way.
 * AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DescribeAddressesResult, DescribeInstancesResult, DescribeNetworkInterfacesResult, NetworkInterface } from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** What must survive a move: everything but the attachment. */
const identity = (eni: NetworkInterface) => ({
  mac: eni.MacAddress,
  addresses: eni.PrivateIpAddresses!.map((a) => [a.PrivateIpAddress, a.Primary, a.Association?.PublicIp]),
  groups: eni.Groups,
  tags: eni.TagSet,
  description: eni.Description,
  sourceDestCheck: eni.SourceDestCheck,
  association: eni.Association && {
    PublicIp: eni.Association.PublicIp,
    AllocationId: eni.Association.AllocationId,
    AssociationId: eni.Association.AssociationId,
  },
});

describe('use case: failover of an ENI with its Elastic IP to a standby instance, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('moves the ENI from a stopped instance to the standby and back from a terminated one, unchanged', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.50.0.0/16');
    const [subnet, gateway, group] = await Promise.all([
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.50.0.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('InternetGateway.InternetGatewayId', 'create-internet-gateway'),
      aws.text('GroupId', 'create-security-group', '--vpc-id', vpc, '--group-name', 'service', '--description', 'service address'),
    ]);
    await aws.run('attach-internet-gateway', '--internet-gateway-id', gateway, '--vpc-id', vpc);
    // The service ENI: a fixed primary address, one secondary, its group, a tag and an Elastic IP on the primary.
    // It comes first, so that the instances' own addresses are picked around it.
    const [created, eip] = await Promise.all([
      aws.run<{ NetworkInterface: NetworkInterface }>(
        'create-network-interface', '--subnet-id', subnet, '--groups', group, '--private-ip-address', '10.50.0.100',
        '--secondary-private-ip-address-count', '1', '--description', 'service vip',
        '--tag-specifications', 'ResourceType=network-interface,Tags=[{Key=role,Value=vip}]',
      ),
      aws.run<{ AllocationId: string; PublicIp: string }>('allocate-address', '--domain', 'vpc'),
    ]);
    const [active, standby] = (await aws.text(
      'Instances[].InstanceId',
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.small', '--count', '2', '--subnet-id', subnet,
    )).split(/\s+/) as [string, string];
    await aws.run('wait', 'instance-running', '--instance-ids', active, standby);
    const eni = created.NetworkInterface.NetworkInterfaceId!;
    const association = await aws.text('AssociationId', 'associate-address', '--allocation-id', eip.AllocationId, '--network-interface-id', eni);
    const first = await aws.text('AttachmentId', 'attach-network-interface', '--network-interface-id', eni, '--instance-id', active, '--device-index', '1');

    const describeEni = async () =>
      (await aws.run<DescribeNetworkInterfacesResult>('describe-network-interfaces', '--network-interface-ids', eni)).NetworkInterfaces![0]!;
    const original = await describeEni();
    const expected = identity(original);
    assert.equal(expected.mac, created.NetworkInterface.MacAddress);
    assert.deepEqual(expected.association, { PublicIp: eip.PublicIp, AllocationId: eip.AllocationId, AssociationId: association });
    assert.deepEqual(expected.groups, [{ GroupId: group, GroupName: 'service' }]);
    assert.deepEqual(expected.tags, [{ Key: 'role', Value: 'vip' }]);
    assert.equal(expected.addresses.length, 2);
    assert.deepEqual(expected.addresses[0], ['10.50.0.100', true, eip.PublicIp]);
    assert.deepEqual([original.Attachment!.InstanceId, original.Attachment!.DeviceIndex, original.Attachment!.DeleteOnTermination], [active, 1, false]);

    const expectAt = async (instanceId: string, attachmentId: string) => {
      const [now, addresses, instance] = await Promise.all([
        describeEni(),
        aws.run<DescribeAddressesResult>('describe-addresses', '--allocation-ids', eip.AllocationId),
        aws.run<DescribeInstancesResult>('describe-instances', '--instance-ids', instanceId),
      ]);
      assert.deepEqual(identity(now), expected, 'MAC, addresses, groups, tags and Elastic IP are unchanged');
      assert.equal(now.Status, 'in-use');
      assert.deepEqual(
        [now.Attachment!.InstanceId, now.Attachment!.AttachmentId, now.Attachment!.DeviceIndex, now.Attachment!.Status],
        [instanceId, attachmentId, 1, 'attached'],
      );
      const address = addresses.Addresses![0]!;
      assert.deepEqual(
        [address.AssociationId, address.NetworkInterfaceId, address.PrivateIpAddress, address.InstanceId],
        [association, eni, '10.50.0.100', instanceId],
        'the Elastic IP follows the ENI to its new instance',
      );
      const shown = instance.Reservations![0]!.Instances![0]!.NetworkInterfaces!.find((n) => n.NetworkInterfaceId === eni);
      assert.ok(shown, `describe-instances ${instanceId} lists the ENI`);
      assert.deepEqual([shown.Attachment!.DeviceIndex, shown.MacAddress, shown.Association?.PublicIp], [1, expected.mac, eip.PublicIp]);
    };
    await expectAt(active, first);

    // A fails: stop it, force the ENI off and put it on the standby at the same device index.
    await aws.run('stop-instances', '--instance-ids', active);
    await aws.run('wait', 'instance-stopped', '--instance-ids', active);
    assert.equal(await aws.text('NetworkInterfaces[0].Status', 'describe-network-interfaces', '--network-interface-ids', eni), 'in-use',
      'a stopped instance keeps its ENIs');
    await aws.run('detach-network-interface', '--attachment-id', first, '--force');
    await aws.run('wait', 'network-interface-available', '--network-interface-ids', eni);
    const second = await aws.text('AttachmentId', 'attach-network-interface', '--network-interface-id', eni, '--instance-id', standby, '--device-index', '1');
    assert.notEqual(second, first);
    await expectAt(standby, second);
    assert.equal(
      await aws.text('Reservations[0].Instances[0].NetworkInterfaces[].Attachment.DeviceIndex', 'describe-instances', '--instance-ids', active),
      '0', 'A is left with its eth0',
    );

    // Then B is lost for good: terminating it detaches the ENI (attached by hand, so it is not deleted) with its Elastic IP.
    await aws.run('terminate-instances', '--instance-ids', standby);
    await aws.run('wait', 'instance-terminated', '--instance-ids', standby);
    const orphan = await describeEni();
    assert.equal(orphan.Status, 'available');
    assert.equal(orphan.Attachment, undefined);
    assert.deepEqual(identity(orphan), expected);
    const parked = (await aws.run<DescribeAddressesResult>('describe-addresses', '--allocation-ids', eip.AllocationId)).Addresses![0]!;
    assert.deepEqual([parked.AssociationId, parked.NetworkInterfaceId, parked.InstanceId], [association, eni, undefined]);
    // A, still stopped, takes it back (a warm attach) and is started with it.
    const third = await aws.text('AttachmentId', 'attach-network-interface', '--network-interface-id', eni, '--instance-id', active, '--device-index', '1');
    await aws.run('start-instances', '--instance-ids', active);
    await aws.run('wait', 'instance-running', '--instance-ids', active);
    await expectAt(active, third);
  });
});
