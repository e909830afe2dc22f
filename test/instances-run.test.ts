import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVolumesCommand,
  RunInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { isAwsStyleMac } from '../src/net/mac-address.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { deleteDefaultVpc, eniInSubnet } from './helpers/network.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import {
  AL2023_ARM,
  AL2_X86,
  createNetwork,
  describeEni,
  describeInstance,
  runInstances,
  runOne,
  type TestNetwork,
} from './helpers/instance-fixtures.js';

describe('RunInstances', () => {
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

  describe('what a launch creates', () => {
    it('answers one reservation with the instance pending, then reads it running with its network section', async () => {
      const reservation = await runInstances(ec2, { SubnetId: net.subnetA, Placement: { AvailabilityZone: '' } });
      assert.match(reservation.ReservationId!, /^r-[0-9a-f]{17}$/);
      assert.equal(reservation.OwnerId, '123456789012');
      assert.deepEqual(reservation.Groups, []);
      const launched = reservation.Instances![0]!;
      assert.match(launched.InstanceId!, /^i-[0-9a-f]{17}$/);
      assert.deepEqual(launched.State, { Code: 0, Name: 'pending' });
      assert.equal(launched.AmiLaunchIndex, 0);

      const instance = await describeInstance(ec2, launched.InstanceId!);
      assert.deepEqual(instance.State, { Code: 16, Name: 'running' });
      assert.equal(instance.SubnetId, net.subnetA);
      assert.equal(instance.VpcId, net.vpcId);
      assert.equal(instance.Placement!.AvailabilityZone, 'us-east-1a', 'the zone is the subnet\'s (Placement was empty)');
      assert.equal(instance.InstanceType, 't3.small');
      assert.equal(instance.ImageId, AL2_X86);
      assert.equal(instance.Architecture, 'x86_64');
      assert.equal(instance.Hypervisor, 'xen');
      assert.equal(instance.VirtualizationType, 'hvm');
      assert.equal(instance.RootDeviceType, 'ebs');
      assert.equal(instance.RootDeviceName, '/dev/xvda');
      assert.equal(instance.Monitoring!.State, 'disabled');
      assert.equal(instance.ClientToken, launched.ClientToken);
      assert.equal(instance.StateTransitionReason, '');
      assert.equal(instance.PublicDnsName, '', 'no public address: an empty dnsName');
      assert.equal(instance.PublicIpAddress, undefined, 'no public address: no ipAddress');

      // eth0: created in the subnet at device 0 / card 0, with the VPC's default group.
      assert.equal(instance.NetworkInterfaces!.length, 1);
      const eth0 = instance.NetworkInterfaces![0]!;
      assert.equal(eth0.Attachment!.DeviceIndex, 0);
      assert.equal(eth0.Attachment!.NetworkCardIndex, 0);
      assert.equal(eth0.Attachment!.Status, 'attached');
      assert.equal(eth0.Attachment!.DeleteOnTermination, true);
      assert.match(eth0.Attachment!.AttachmentId!, /^eni-attach-[0-9a-f]{17}$/);
      assert.equal(eth0.Status, 'in-use');
      assert.equal(eth0.Description, '');
      assert.equal(eth0.SubnetId, net.subnetA);
      assert.ok(isAwsStyleMac(eth0.MacAddress!));
      assert.equal(instance.PrivateIpAddress, eth0.PrivateIpAddress);
      assert.equal(instance.PrivateDnsName, `ip-${eth0.PrivateIpAddress!.replaceAll('.', '-')}.ec2.internal`);
      assert.deepEqual(instance.SecurityGroups, eth0.Groups);
      assert.equal(instance.SecurityGroups![0]!.GroupName, 'default');
      assert.equal(instance.SourceDestCheck, true);

      const eni = await describeEni(ec2, eth0.NetworkInterfaceId!);
      assert.equal(eni.Status, 'in-use');
      assert.equal(eni.RequesterManaged, false);
      assert.equal(eni.Attachment!.InstanceId, launched.InstanceId);
      assert.equal(eni.Attachment!.InstanceOwnerId, '123456789012');
      assert.equal(eni.Attachment!.AttachmentId, eth0.Attachment!.AttachmentId);
    });

    it('creates the root volume from the image, found by DescribeVolumes with its tags', async () => {
      const id = await runOne(ec2, {
        SubnetId: net.subnetA,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'disk', Value: 'root' }] },
          { ResourceType: 'network-interface', Tags: [{ Key: 'nic', Value: 'eth0' }] },
        ],
      });
      const instance = await describeInstance(ec2, id);
      assert.deepEqual(instance.Tags, [{ Key: 'Name', Value: 'web' }]);
      const [root] = instance.BlockDeviceMappings!;
      assert.equal(root!.DeviceName, '/dev/xvda');
      assert.match(root!.Ebs!.VolumeId!, /^vol-[0-9a-f]{17}$/);
      assert.equal(root!.Ebs!.DeleteOnTermination, true);
      assert.equal(root!.Ebs!.Status, 'attached');

      const { Volumes } = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [root!.Ebs!.VolumeId!] }));
      const volume = Volumes![0]!;
      assert.equal(volume.Size, 8);
      assert.equal(volume.VolumeType, 'gp2');
      assert.equal(volume.State, 'in-use');
      assert.equal(volume.Encrypted, false);
      assert.equal(volume.AvailabilityZone, 'us-east-1a');
      assert.deepEqual(volume.Tags, [{ Key: 'disk', Value: 'root' }]);
      assert.equal(volume.Attachments![0]!.InstanceId, id);
      assert.equal(volume.Attachments![0]!.Device, '/dev/xvda');

      const eni = await describeEni(ec2, instance.NetworkInterfaces![0]!.NetworkInterfaceId!);
      assert.deepEqual(eni.TagSet, [{ Key: 'nic', Value: 'eth0' }]);
      const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['instance'] }] }));
      assert.deepEqual(tags.Tags!.map((t) => [t.ResourceId, t.Key]), [[id, 'Name']]);
    });

    it('resizes the root volume and adds EBS volumes from BlockDeviceMapping', async () => {
      const id = await runOne(ec2, {
        SubnetId: net.subnetA,
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, VolumeType: 'gp3' } },
          { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 50, DeleteOnTermination: false } },
        ],
      });
      const devices = (await describeInstance(ec2, id)).BlockDeviceMappings!;
      assert.deepEqual(devices.map((d) => [d.DeviceName, d.Ebs!.DeleteOnTermination]), [['/dev/xvda', true], ['/dev/sdf', false]]);
      const { Volumes } = await ec2.send(new DescribeVolumesCommand({ VolumeIds: devices.map((d) => d.Ebs!.VolumeId!) }));
      const byDevice = new Map(Volumes!.map((v) => [v.Attachments![0]!.Device, v]));
      assert.equal(byDevice.get('/dev/xvda')!.Size, 20);
      assert.equal(byDevice.get('/dev/xvda')!.VolumeType, 'gp3');
      assert.equal(byDevice.get('/dev/xvda')!.Iops, 3000);
      assert.equal(byDevice.get('/dev/sdf')!.Size, 50);
      const small = await awsError(
        runInstances(ec2, { SubnetId: net.subnetA, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 4 } }] }),
      );
      assert.equal(small.code, 'InvalidParameterValue', 'a root volume smaller than its snapshot');
    });

    it('launches MaxCount instances in one reservation, each with its own ENI and launch index', async () => {
      const reservation = await runInstances(ec2, { SubnetId: net.subnetA, MinCount: 2, MaxCount: 3 });
      assert.equal(reservation.Instances!.length, 3);
      assert.deepEqual(reservation.Instances!.map((i) => i.AmiLaunchIndex), [0, 1, 2]);
      const enis = reservation.Instances!.map((i) => i.NetworkInterfaces![0]!.NetworkInterfaceId);
      assert.equal(new Set(enis).size, 3);
      const ips = reservation.Instances!.map((i) => i.PrivateIpAddress);
      assert.equal(new Set(ips).size, 3);
      const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
      assert.equal(Reservations!.length, 1);
      assert.equal(Reservations![0]!.ReservationId, reservation.ReservationId);
      assert.equal(Reservations![0]!.Instances!.length, 3);
    });

    it('launches fewer than MaxCount when the subnet only has room for that many, never fewer than MinCount', async () => {
      // A /28 holds 11 usable addresses.
      const tiny = (await ec2.send(new CreateSubnetCommand({ VpcId: net.vpcId, CidrBlock: '10.40.9.0/28', AvailabilityZone: 'us-east-1a' })))
        .Subnet!.SubnetId!;
      const reservation = await runInstances(ec2, { SubnetId: tiny, MinCount: 5, MaxCount: 20 });
      assert.equal(reservation.Instances!.length, 11);
      const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [tiny] }));
      assert.equal(Subnets![0]!.AvailableIpAddressCount, 0);
      const full = await awsError(runInstances(ec2, { SubnetId: tiny }));
      assert.equal(full.code, 'InsufficientFreeAddressesInSubnet');
    });

    it('launches into the default VPC without a subnet, in the Placement zone when one is named', async () => {
      const anywhere = await describeInstance(ec2, await runOne(ec2));
      const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [anywhere.SubnetId!] }));
      assert.equal(Subnets![0]!.DefaultForAz, true);
      const inC = await describeInstance(ec2, await runOne(ec2, { Placement: { AvailabilityZone: 'us-east-1c' } }));
      assert.equal(inC.Placement!.AvailabilityZone, 'us-east-1c');
      const defaultVpcSubnet = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [inC.SubnetId!] }));
      assert.equal(defaultVpcSubnet.Subnets![0]!.AvailabilityZone, 'us-east-1c');
    });

    it('takes security groups by id, and by name in the default VPC only', async () => {
      const web = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: net.vpcId }))).GroupId!;
      const withId = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA, SecurityGroupIds: [web] }));
      assert.deepEqual(withId.SecurityGroups, [{ GroupId: web, GroupName: 'web' }]);

      const byName = await describeInstance(ec2, await runOne(ec2, { SecurityGroups: ['default'] }));
      assert.equal(byName.SecurityGroups![0]!.GroupName, 'default');
      const outside = await awsError(runInstances(ec2, { SubnetId: net.subnetA, SecurityGroups: ['web'] }));
      assert.equal(outside.code, 'InvalidParameterCombination');
      assert.equal(outside.message, 'The parameter groupName cannot be used with the parameter subnet');
      const unknown = await awsError(runInstances(ec2, { SecurityGroups: ['nope'] }));
      assert.equal(unknown.code, 'InvalidGroup.NotFound');

      const defaultVpcGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' }))).GroupId!;
      const otherNetwork = await awsError(runInstances(ec2, { SubnetId: net.subnetA, SecurityGroupIds: [defaultVpcGroup] }));
      assert.equal(otherNetwork.code, 'InvalidParameter');
      assert.equal(otherNetwork.message, `Security group ${defaultVpcGroup} and subnet ${net.subnetA} belong to different networks.`);
    });

    it('takes a primary private address and IPv6 addresses at the instance level', async () => {
      const instance = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA, PrivateIpAddress: '10.40.1.50' }));
      assert.equal(instance.PrivateIpAddress, '10.40.1.50');
      const taken = await awsError(runInstances(ec2, { SubnetId: net.subnetA, PrivateIpAddress: '10.40.1.50' }));
      assert.equal(taken.code, 'InvalidIPAddress.InUse');
      const outside = await awsError(runInstances(ec2, { SubnetId: net.subnetA, PrivateIpAddress: '10.40.2.50' }));
      assert.equal(outside.code, 'InvalidParameterValue');
      const several = await awsError(runInstances(ec2, { SubnetId: net.subnetA, PrivateIpAddress: '10.40.1.51', MaxCount: 2 }));
      assert.equal(several.code, 'InvalidParameterCombination');
      const noIpv6 = await awsError(runInstances(ec2, { SubnetId: net.subnetA, Ipv6AddressCount: 1 }));
      assert.equal(noIpv6.code, 'InvalidParameterValue', 'the subnet has no IPv6 block');
    });
    it('accepts what Terraform\'s aws_instance sends, and tags added later', async () => {
      const id = await runOne(ec2, {
        SubnetId: net.subnetA,
        SecurityGroupIds: [(await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }))).SecurityGroups![0]!.GroupId!],
        Placement: { AvailabilityZone: '' },
        CreditSpecification: { CpuCredits: 'unlimited' },
        DisableApiTermination: false,
        EbsOptimized: false,
        HibernationOptions: { Configured: false },
        Monitoring: { Enabled: false },
        ClientToken: 'terraform-20240101000000000000000001',
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Scenario', Value: 'acceptance' }] }],
      });
      await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Owner', Value: 'ops' }] }));
      const instance = await describeInstance(ec2, id);
      assert.deepEqual(instance.Tags, [{ Key: 'Owner', Value: 'ops' }, { Key: 'Scenario', Value: 'acceptance' }]);
      assert.deepEqual(instance.HibernationOptions, { Configured: false });
      assert.equal(instance.MetadataOptions!.State, 'applied');
      assert.deepEqual(instance.CpuOptions, { CoreCount: 1, ThreadsPerCore: 2 });
      assert.deepEqual(instance.CapacityReservationSpecification, { CapacityReservationPreference: 'open' });
      assert.deepEqual(instance.EnclaveOptions, { Enabled: false });
      assert.deepEqual(instance.MaintenanceOptions, { AutoRecovery: 'default' });
      assert.equal(instance.PrivateDnsNameOptions!.HostnameType, 'ip-name');
      assert.equal((await awsError(ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })))).code,
        'InvalidInstanceID.NotFound');
    });
  });

  describe('NetworkInterface.N', () => {
    it('creates the interfaces it describes, in their subnets, with the secondary ones kept on termination by default', async () => {
      const web = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: net.vpcId }))).GroupId!;
      const id = await runOne(ec2, {
        InstanceType: 't3.medium',
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: net.subnetA, Groups: [web], Description: 'front', SecondaryPrivateIpAddressCount: 2 },
          { DeviceIndex: 1, SubnetId: net.subnetA2, PrivateIpAddress: '10.40.2.20', DeleteOnTermination: false },
        ],
      });
      const instance = await describeInstance(ec2, id);
      const [eth0, eth1] = instance.NetworkInterfaces!;
      assert.equal(eth0!.Description, 'front');
      assert.equal(eth0!.PrivateIpAddresses!.length, 3);
      assert.deepEqual(eth0!.Groups, [{ GroupId: web, GroupName: 'web' }]);
      assert.equal(eth1!.Attachment!.DeviceIndex, 1);
      assert.equal(eth1!.SubnetId, net.subnetA2);
      assert.equal(eth1!.PrivateIpAddress, '10.40.2.20');
      assert.equal(eth1!.Attachment!.DeleteOnTermination, false);
      assert.equal(instance.SubnetId, net.subnetA, 'the instance is in eth0\'s subnet');
    });

    it('attaches an existing available ENI, which defaults to DeleteOnTermination false', async () => {
      const eni = await eniInSubnet(ec2, net.subnetA);
      const id = await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni.NetworkInterfaceId }] });
      const instance = await describeInstance(ec2, id);
      assert.equal(instance.NetworkInterfaces![0]!.NetworkInterfaceId, eni.NetworkInterfaceId);
      assert.equal(instance.NetworkInterfaces![0]!.Attachment!.DeleteOnTermination, false);
      assert.equal(instance.NetworkInterfaces![0]!.MacAddress, eni.MacAddress);

      const inUse = await awsError(runInstances(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni.NetworkInterfaceId }] }));
      assert.equal(inUse.code, 'InvalidNetworkInterface.InUse');
      assert.equal(inUse.message, `Interface: [${eni.NetworkInterfaceId}] in use.`);
      const missing = await awsError(runInstances(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: 'eni-0123456789abcdef0' }] }));
      assert.equal(missing.code, 'InvalidNetworkInterfaceID.NotFound');
      const malformed = await awsError(runInstances(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: 'eni-nope' }] }));
      assert.equal(malformed.code, 'InvalidNetworkInterfaceId.Malformed');
    });

    it('takes a secondary ENI from another VPC of the account in the same zone, never from another zone', async () => {
      const other = await createNetwork(ec2, 41);
      const id = await runOne(ec2, {
        NetworkInterfaces: [
          { DeviceIndex: 0, SubnetId: net.subnetA },
          { DeviceIndex: 1, SubnetId: other.subnetA },
        ],
      });
      const instance = await describeInstance(ec2, id);
      assert.deepEqual(instance.NetworkInterfaces!.map((n) => n.VpcId), [net.vpcId, other.vpcId]);
      const crossZone = await awsError(
        runInstances(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA }, { DeviceIndex: 1, SubnetId: net.subnetB }] }),
      );
      assert.equal(crossZone.code, 'InvalidParameterCombination');
    });

    it('refuses the combinations instances.md §1 lists', async () => {
      const eni = (await eniInSubnet(ec2, net.subnetA)).NetworkInterfaceId!;
      const ni = [{ DeviceIndex: 0, SubnetId: net.subnetA }];
      const cases: [string, Parameters<typeof runInstances>[1], string, string?][] = [
        ['subnet at both levels', { SubnetId: net.subnetA, NetworkInterfaces: ni }, 'InvalidParameterCombination',
          'Network interfaces and an instance-level subnet ID may not be specified on the same request'],
        ['groups at both levels', { SecurityGroupIds: ['sg-0123456789abcdef0'], NetworkInterfaces: ni }, 'InvalidParameterCombination'],
        ['private IP at both levels', { PrivateIpAddress: '10.40.1.9', NetworkInterfaces: ni }, 'InvalidParameterCombination'],
        ['public IP with several interfaces', {
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, AssociatePublicIpAddress: true }, { DeviceIndex: 1, SubnetId: net.subnetA }],
        }, 'InvalidParameterCombination',
          'The associatePublicIPAddress parameter cannot be specified when launching with multiple network interfaces.'],
        ['public IP on an existing ENI', { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni, AssociatePublicIpAddress: true }] },
          'InvalidParameterCombination'],
        ['DeleteOnTermination on an existing ENI', { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni, DeleteOnTermination: true }] },
          'InvalidParameterCombination'],
        ['an existing ENI for several instances', { MaxCount: 2, NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni }] },
          'InvalidParameterCombination'],
        ['a device index twice', { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA }, { DeviceIndex: 0, SubnetId: net.subnetA2 }] },
          'InvalidParameterValue'],
        ['no eth0', { NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: net.subnetA }] }, 'InvalidParameterValue'],
        ['a trunk interface', { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, InterfaceType: 'trunk' }] }, 'InvalidParameterValue'],
        ['an unknown subnet', { SubnetId: 'subnet-0123456789abcdef0' }, 'InvalidSubnetID.NotFound'],
        ['a malformed subnet', { SubnetId: 'subnet-x' }, 'InvalidSubnetID.Malformed'],
      ];
      for (const [what, input, code, message] of cases) {
        const e = await awsError(runInstances(ec2, input));
        assert.equal(e.code, code, what);
        if (message) assert.equal(e.message, message, what);
      }
    });
  });

  describe('images, types, counts and zones', () => {
    it('refuses unknown and malformed images, unknown types and bad counts', async () => {
      const notFound = await awsError(runInstances(ec2, { ImageId: 'ami-0123456789abcdef0' }));
      assert.equal(notFound.code, 'InvalidAMIID.NotFound');
      assert.equal(notFound.message, "The image id '[ami-0123456789abcdef0]' does not exist");
      const malformed = await awsError(runInstances(ec2, { ImageId: 'x' }));
      assert.equal(malformed.code, 'InvalidAMIID.Malformed');
      assert.equal(malformed.message, 'Invalid id: "x" (expecting "ami-...")');
      const type = await awsError(runInstances(ec2, { InstanceType: 't9.huge' as 't3.small' }));
      assert.equal(type.code, 'InvalidParameterValue');
      assert.equal(type.message, "Invalid value 't9.huge' for InstanceType.");
      const noImage = await awsError(ec2.send(new RunInstancesCommand({ InstanceType: 't3.small', MinCount: 1, MaxCount: 1 })));
      assert.equal(noImage.code, 'MissingParameter');
      assert.equal((await awsError(runInstances(ec2, { MinCount: 0 }))).code, 'InvalidParameterValue');
      assert.equal((await awsError(runInstances(ec2, { MinCount: 3, MaxCount: 2 }))).code, 'InvalidParameterValue');
    });

    it('refuses an image of another architecture than the type', async () => {
      const e = await awsError(runInstances(ec2, { ImageId: AL2023_ARM, InstanceType: 't3.small' }));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.match(e.message, /^The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'/);
      const graviton = await describeInstance(ec2, await runOne(ec2, { ImageId: AL2023_ARM, InstanceType: 't4g.small', SubnetId: net.subnetA }));
      assert.equal(graviton.Architecture, 'arm64');
      assert.equal(graviton.CurrentInstanceBootMode, 'uefi');
      assert.equal(graviton.MetadataOptions!.HttpTokens, 'required', 'AL2023 is an IMDSv2-only image');
    });

    it('checks Placement.AvailabilityZone against the subnet', async () => {
      const e = await awsError(runInstances(ec2, { SubnetId: net.subnetA, Placement: { AvailabilityZone: 'us-east-1b' } }));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.message, `Value (us-east-1b) for parameter availabilityZone is invalid. Subnet '${net.subnetA}' is in the availability zone us-east-1a`);
      const unknown = await awsError(runInstances(ec2, { Placement: { AvailabilityZone: 'us-east-1z' } }));
      assert.equal(unknown.code, 'InvalidParameterValue');
    });

    it('needs a default VPC when no subnet is given', async () => {
      await deleteDefaultVpc(ec2);
      const e = await awsError(runInstances(ec2));
      assert.equal(e.code, 'VPCIdNotSpecified');
      await runOne(ec2, { SubnetId: net.subnetA });
    });
  });

  describe('limits of the instance type', () => {
    it('refuses more interfaces than the type holds (t2.micro: 2)', async () => {
      const e = await awsError(
        runInstances(ec2, {
          InstanceType: 't2.micro',
          NetworkInterfaces: [0, 1, 2].map((i) => ({ DeviceIndex: i, SubnetId: net.subnetA })),
        }),
      );
      assert.equal(e.code, 'AttachmentLimitExceeded');
      assert.equal(e.message, 'Interface count 3 exceeds the limit for t2.micro');
    });

    it('refuses an interface with more addresses than the type allows per ENI (t2.micro: 2 IPv4)', async () => {
      const e = await awsError(
        runInstances(ec2, { InstanceType: 't2.micro', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, SecondaryPrivateIpAddressCount: 2 }] }),
      );
      assert.equal(e.code, 'InvalidInterface.IpAddressLimitExceeded');
      const eni = await eniInSubnet(ec2, net.subnetA, { SecondaryPrivateIpAddressCount: 3 });
      const existing = await awsError(
        runInstances(ec2, { InstanceType: 't2.micro', NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni.NetworkInterfaceId }] }),
      );
      assert.equal(existing.code, 'InvalidInterface.IpAddressLimitExceeded');
      const fits = await runOne(ec2, { InstanceType: 't2.micro', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, SecondaryPrivateIpAddressCount: 1 }] });
      assert.equal((await describeInstance(ec2, fits)).NetworkInterfaces![0]!.PrivateIpAddresses!.length, 2);
    });

    it('refuses a network card the type does not have', async () => {
      const e = await awsError(
        runInstances(ec2, {
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA }, { DeviceIndex: 1, NetworkCardIndex: 1, SubnetId: net.subnetA }],
        }),
      );
      assert.equal(e.code, 'InvalidParameterValue');
    });
  });

  describe('DryRun, ClientToken and accounts', () => {
    it('answers DryRunOperation for a valid launch and changes nothing; a bad one gets its own error', async () => {
      const dry = await awsError(runInstances(ec2, { SubnetId: net.subnetA, DryRun: true }));
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal(dry.status, 412);
      assert.deepEqual((await ec2.send(new DescribeInstancesCommand({}))).Reservations, []);
      const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [net.subnetA] }] }));
      assert.deepEqual(enis.NetworkInterfaces, []);
      const bad = await awsError(runInstances(ec2, { ImageId: 'ami-0123456789abcdef0', DryRun: true }));
      assert.equal(bad.code, 'InvalidAMIID.NotFound');
    });

    it('replays a launch with the same ClientToken and refuses it with other parameters', async () => {
      const first = await runInstances(ec2, { SubnetId: net.subnetA, ClientToken: 'launch-1' });
      const again = await runInstances(ec2, { SubnetId: net.subnetA, ClientToken: 'launch-1' });
      assert.equal(again.Instances![0]!.InstanceId, first.Instances![0]!.InstanceId);
      assert.equal((await ec2.send(new DescribeInstancesCommand({}))).Reservations!.length, 1);
      const instance = await describeInstance(ec2, first.Instances![0]!.InstanceId!);
      assert.equal(instance.ClientToken, 'launch-1');
      const mismatch = await awsError(runInstances(ec2, { SubnetId: net.subnetA2, ClientToken: 'launch-1' }));
      assert.equal(mismatch.code, 'IdempotentParameterMismatch');
    });

    it('keeps accounts apart', async () => {
      const id = await runOne(ec2, { SubnetId: net.subnetA });
      const other = server.client({ accessKeyId: '111122223333' });
      assert.deepEqual((await other.send(new DescribeInstancesCommand({}))).Reservations, []);
      const e = await awsError(other.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
      assert.equal(e.code, 'InvalidInstanceID.NotFound');
      const subnet = await awsError(runInstances(other, { SubnetId: net.subnetA }));
      assert.equal(subnet.code, 'InvalidSubnetID.NotFound');
    });
  });
});
