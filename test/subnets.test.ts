import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateSubnetCidrBlockCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeSubnetsCommand,
  DisassociateSubnetCidrBlockCommand,
  ModifySubnetAttributeCommand,
  type EC2Client,
  type Filter,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { formatIpv6Cidr, parseIpv6Cidr } from '../src/net/ipv6.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';

const ACCOUNT = '123456789012';

/** The i-th /64 of a VPC /56. */
function slash64(vpcBlock: string, i: number): string {
  const base = parseIpv6Cidr(vpcBlock)!.base;
  return formatIpv6Cidr({ base: base + (BigInt(i) << 64n), prefix: 64 });
}

describe('subnets', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const newVpc = async (cidr = '10.0.0.0/16', ipv6 = false) =>
    (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc!;
  const newSubnet = async (vpcId: string, cidr: string, extra: Partial<ConstructorParameters<typeof CreateSubnetCommand>[0]> = {}) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, ...extra }))).Subnet!;
  const describe1 = async (subnetId: string): Promise<Subnet> =>
    (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets![0]!;
  const ids = async (filters: Filter[]): Promise<string[]> =>
    (await ec2.send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets!.map((s) => s.SubnetId!);

  describe('CreateSubnet', () => {
    it('answers pending with the full Subnet shape, then describes it available', async () => {
      const vpc = await newVpc();
      const created = await newSubnet(vpc.VpcId!, '10.0.1.77/24', {
        AvailabilityZone: 'us-east-1b',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'web' }] }],
      });
      assert.match(created.SubnetId!, /^subnet-[0-9a-f]{17}$/);
      assert.equal(created.State, 'pending');
      assert.equal(created.CidrBlock, '10.0.1.0/24', 'host bits are zeroed');
      assert.deepEqual(created.Tags, [{ Key: 'Name', Value: 'web' }]);
      const subnet = await describe1(created.SubnetId!);
      assert.deepEqual(subnet, {
        AvailabilityZoneId: 'use1-az2',
        MapCustomerOwnedIpOnLaunch: false,
        OwnerId: ACCOUNT,
        AssignIpv6AddressOnCreation: false,
        Ipv6CidrBlockAssociationSet: [],
        Tags: [{ Key: 'Name', Value: 'web' }],
        SubnetArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${created.SubnetId}`,
        EnableDns64: false,
        Ipv6Native: false,
        PrivateDnsNameOptionsOnLaunch: {
          HostnameType: 'ip-name',
          EnableResourceNameDnsARecord: false,
          EnableResourceNameDnsAAAARecord: false,
        },
        BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
        SubnetId: created.SubnetId,
        State: 'available',
        VpcId: vpc.VpcId,
        CidrBlock: '10.0.1.0/24',
        AvailableIpAddressCount: 251,
        AvailabilityZone: 'us-east-1b',
        DefaultForAz: false,
        MapPublicIpOnLaunch: false,
      });
    });

    it('counts available addresses exactly: block size less the 5 reserved', async () => {
      const vpc = await newVpc();
      assert.equal((await newSubnet(vpc.VpcId!, '10.0.0.0/28')).AvailableIpAddressCount, 11);
      assert.equal((await newSubnet(vpc.VpcId!, '10.0.1.0/24')).AvailableIpAddressCount, 251);
      assert.equal((await newSubnet(vpc.VpcId!, '10.0.128.0/17')).AvailableIpAddressCount, 32763);
      const whole = await newVpc('10.1.0.0/16');
      assert.equal((await newSubnet(whole.VpcId!, '10.1.0.0/16')).AvailableIpAddressCount, 65531);
    });

    it('places the subnet in the zone named by AvailabilityZoneId, or picks a zone of the region', async () => {
      const vpc = await newVpc();
      const byId = await newSubnet(vpc.VpcId!, '10.0.1.0/24', { AvailabilityZoneId: 'use1-az3' });
      assert.equal(byId.AvailabilityZone, 'us-east-1c');
      assert.equal(byId.AvailabilityZoneId, 'use1-az3');
      assert.equal(byId.Tags, undefined, 'AWS leaves tagSet out of an untagged subnet');
      const picked = await newSubnet(vpc.VpcId!, '10.0.2.0/24');
      assert.match(picked.AvailabilityZone!, /^us-east-1[a-f]$/);
      const other = server.client({ region: 'eu-west-1' });
      const euVpc = (await other.send(new CreateVpcCommand({ CidrBlock: '10.5.0.0/16' }))).Vpc!;
      const eu = (await other.send(new CreateSubnetCommand({ VpcId: euVpc.VpcId!, CidrBlock: '10.5.0.0/24' }))).Subnet!;
      assert.match(eu.AvailabilityZone!, /^eu-west-1[abc]$/);
      assert.equal(eu.SubnetArn, `arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/${eu.SubnetId}`);
    });

    it('refuses a zone outside the region with the list of zones it accepts', async () => {
      const vpc = await newVpc();
      const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1z' })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.status, 400);
      assert.equal(
        e.message,
        'Value (us-east-1z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.',
      );
      const byId = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', AvailabilityZoneId: 'use1-az9' })));
      assert.equal(byId.code, 'InvalidParameterValue');
      const clash = await awsError(
        ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az2' })),
      );
      assert.equal(clash.code, 'InvalidParameterCombination');
    });

    it('refuses blocks outside the VPC, outside /16-/28, overlapping, or not CIDRs', async () => {
      const vpc = await newVpc();
      const outside = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.10.1.0/24' })));
      assert.equal(outside.code, 'InvalidSubnet.Range');
      assert.equal(outside.message, "The CIDR '10.10.1.0/24' is invalid.");
      for (const cidr of ['10.0.0.0/29', '10.0.0.0/15', '10.0.0.0/32']) {
        const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr })));
        assert.equal(e.code, 'InvalidSubnet.Range', cidr);
      }
      await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const conflict = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.128/25' })));
      assert.equal(conflict.code, 'InvalidSubnet.Conflict');
      assert.equal(conflict.message, "The CIDR '10.0.1.128/25' conflicts with another subnet");
      const wider = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.0.0/20' })));
      assert.equal(wider.code, 'InvalidSubnet.Conflict');
      for (const cidr of ['10.0.2.0', '10.0.300.0/24', 'banana', '10.0.2.0/33']) {
        const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr })));
        assert.equal(e.code, 'InvalidParameterValue', cidr);
      }
      const missing = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId! })));
      assert.equal(missing.code, 'MissingParameter');
    });

    it('refuses an unknown or malformed VPC', async () => {
      const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.1.0/24' })));
      assert.equal(e.code, 'InvalidVpcID.NotFound');
      assert.equal(e.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
      const malformed = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: 'banana', CidrBlock: '10.0.1.0/24' })));
      assert.equal(malformed.code, 'InvalidVpcID.Malformed');
    });

    it('enforces 200 subnets per VPC with SubnetLimitExceeded', async () => {
      const vpc = await newVpc();
      for (let i = 0; i < 200; i++) {
        await newSubnet(vpc.VpcId!, `10.0.${i}.0/28`);
      }
      const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.250.0/28' })));
      assert.equal(e.code, 'SubnetLimitExceeded');
      // The quota is per VPC: another VPC still takes subnets.
      const other = await newVpc('10.1.0.0/16');
      await newSubnet(other.VpcId!, '10.1.0.0/28');
    });

    it('answers DryRunOperation (412) for a valid create and changes nothing; an invalid one gets its real error', async () => {
      const vpc = await newVpc();
      const e = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', DryRun: true })));
      assert.equal(e.code, 'DryRunOperation');
      assert.equal(e.status, 412);
      assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpc.VpcId!] }]), []);
      const invalid = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.9.1.0/24', DryRun: true })));
      assert.equal(invalid.code, 'InvalidSubnet.Range');
    });

    it('refuses a TagSpecification for another resource type and leaves no subnet behind', async () => {
      const vpc = await newVpc();
      const e = await awsError(
        ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })),
      );
      assert.equal(e.code, 'InvalidParameterValue');
      assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpc.VpcId!] }]), []);
    });
  });

  describe('IPv6', () => {
    it('creates a dual-stack subnet with a /64 of the VPC /56', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24', { Ipv6CidrBlock: slash64(block, 3) });
      const association = subnet.Ipv6CidrBlockAssociationSet![0]!;
      assert.match(association.AssociationId!, /^subnet-cidr-assoc-[0-9a-f]{17}$/);
      assert.equal(association.Ipv6CidrBlock, slash64(block, 3));
      assert.equal(association.Ipv6CidrBlockState!.State, 'associated');
      assert.equal(subnet.AssignIpv6AddressOnCreation, false);
      assert.equal(subnet.AvailableIpAddressCount, 251);
    });

    it('refuses IPv6 blocks that are not /64, outside the VPC, already used, or in a VPC without IPv6', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const wide = slash64(block, 0).replace('/64', '/60');
      const notSixtyFour = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: wide })));
      assert.equal(notSixtyFour.code, 'InvalidParameterValue');
      const outside = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: '2001:db8::/64' })));
      assert.equal(outside.code, 'InvalidSubnet.Range');
      await newSubnet(vpc.VpcId!, '10.0.1.0/24', { Ipv6CidrBlock: slash64(block, 1) });
      const taken = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.2.0/24', Ipv6CidrBlock: slash64(block, 1) })));
      assert.equal(taken.code, 'InvalidSubnet.Conflict');
      const v4only = await newVpc('10.1.0.0/16');
      const noIpv6 = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: v4only.VpcId!, CidrBlock: '10.1.1.0/24', Ipv6CidrBlock: slash64(block, 2) })));
      assert.equal(noIpv6.code, 'InvalidSubnet.Range');
    });

    it('creates an IPv6-only subnet: no IPv4 block, no IPv4 addresses, IPv6 assigned on creation', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, Ipv6Native: true, Ipv6CidrBlock: slash64(block, 5) }))).Subnet!;
      assert.equal(subnet.Ipv6Native, true);
      assert.equal(subnet.CidrBlock, undefined);
      assert.equal(subnet.AvailableIpAddressCount, 0);
      assert.equal(subnet.AssignIpv6AddressOnCreation, true);
      assert.equal(subnet.PrivateDnsNameOptionsOnLaunch!.HostnameType, 'resource-name');
      assert.deepEqual(await ids([{ Name: 'ipv6-native', Values: ['true'] }]), [subnet.SubnetId]);
      const withIpv4 = await awsError(
        ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, Ipv6Native: true, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: slash64(block, 6) })),
      );
      assert.equal(withIpv4.code, 'InvalidParameterCombination');
      const withoutIpv6 = await awsError(ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, Ipv6Native: true })));
      assert.equal(withoutIpv6.code, 'MissingParameter');
      const ipName = await awsError(
        ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, PrivateDnsHostnameTypeOnLaunch: 'ip-name' })),
      );
      assert.equal(ipName.code, 'InvalidParameterValue');
    });

    it('associates and disassociates a subnet IPv6 block, refused while addresses are assigned on creation', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const associated = await ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: subnet.SubnetId!, Ipv6CidrBlock: slash64(block, 9) }));
      assert.equal(associated.SubnetId, subnet.SubnetId);
      const association = associated.Ipv6CidrBlockAssociation!;
      assert.match(association.AssociationId!, /^subnet-cidr-assoc-[0-9a-f]{17}$/);
      assert.equal(association.Ipv6CidrBlockState!.State, 'associating');
      assert.equal(association.Ipv6CidrBlock, slash64(block, 9));
      const described = await describe1(subnet.SubnetId!);
      assert.equal(described.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlockState!.State, 'associated');
      assert.deepEqual(
        await ids([{ Name: 'ipv6-cidr-block-association.association-id', Values: [association.AssociationId!] }]),
        [subnet.SubnetId],
      );
      assert.deepEqual(await ids([{ Name: 'ipv6-cidr-block-association.state', Values: ['associated'] }]), [subnet.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'ipv6-cidr-block-association.ipv6-cidr-block', Values: [slash64(block, 9)] }]), [subnet.SubnetId]);

      const second = await awsError(ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: subnet.SubnetId!, Ipv6CidrBlock: slash64(block, 10) })));
      assert.equal(second.code, 'InvalidParameterValue');

      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, AssignIpv6AddressOnCreation: { Value: true } }));
      const inUse = await awsError(ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: association.AssociationId! })));
      assert.equal(inUse.code, 'InvalidCidrBlock.InUse');
      assert.equal(
        inUse.message,
        `The subnet IPv6 CIDR block with association ID ${association.AssociationId} may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true.`,
      );
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, AssignIpv6AddressOnCreation: { Value: false } }));
      const gone = await ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: association.AssociationId! }));
      assert.equal(gone.SubnetId, subnet.SubnetId);
      assert.equal(gone.Ipv6CidrBlockAssociation!.Ipv6CidrBlockState!.State, 'disassociating');
      assert.deepEqual((await describe1(subnet.SubnetId!)).Ipv6CidrBlockAssociationSet, []);

      const again = await awsError(ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: association.AssociationId! })));
      assert.equal(again.code, 'InvalidSubnetCidrBlockAssociationID.NotFound');
      const malformed = await awsError(ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: 'banana' })));
      assert.equal(malformed.code, 'InvalidSubnetCidrBlockAssociationId.Malformed');
      // The /64 is free again for another subnet.
      const reuse = await newSubnet(vpc.VpcId!, '10.0.2.0/24', { Ipv6CidrBlock: slash64(block, 9) });
      assert.equal(reuse.Ipv6CidrBlockAssociationSet!.length, 1);
    });

    it('refuses associating a block outside the VPC, to an unknown subnet, or without a block', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const outside = await awsError(ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: subnet.SubnetId!, Ipv6CidrBlock: '2001:db8::/64' })));
      assert.equal(outside.code, 'InvalidSubnet.Range');
      const unknown = await awsError(
        ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: 'subnet-0123456789abcdef0', Ipv6CidrBlock: '2001:db8::/64' })),
      );
      assert.equal(unknown.code, 'InvalidSubnetID.NotFound');
      const none = await awsError(ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: subnet.SubnetId! })));
      assert.equal(none.code, 'MissingParameter');
    });
  });

  describe('DescribeSubnets', () => {
    it('fails the whole call when any id is unknown', async () => {
      const vpc = await newVpc();
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const one = await awsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!, 'subnet-0123456789abcdef0'] })));
      assert.equal(one.code, 'InvalidSubnetID.NotFound');
      assert.equal(one.message, "The subnet ID 'subnet-0123456789abcdef0' does not exist");
      const two = await awsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-00000000000000001', 'subnet-00000000000000002'] })));
      assert.equal(two.message, "The subnet IDs 'subnet-00000000000000001, subnet-00000000000000002' do not exist");
    });

    it('has the default subnets of the default VPC: one /20 per zone, default for its zone, public IPs on', async () => {
      const defaults = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets!;
      assert.equal(defaults.length, 6);
      assert.deepEqual(defaults.map((s) => s.CidrBlock), ['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20', '172.31.48.0/20', '172.31.64.0/20', '172.31.80.0/20']);
      assert.ok(defaults.every((s) => s.MapPublicIpOnLaunch === true && s.AvailableIpAddressCount === 4091));
      assert.deepEqual(await ids([{ Name: 'defaultForAz', Values: ['true'] }]), defaults.map((s) => s.SubnetId));
      assert.deepEqual(await ids([{ Name: 'map-public-ip-on-launch', Values: ['true'] }]), defaults.map((s) => s.SubnetId));
    });

    it('filters on every attribute, with wildcards, values ORed and filters ANDed', async () => {
      const vpc = await newVpc();
      const other = await newVpc('10.1.0.0/16');
      const a = await newSubnet(vpc.VpcId!, '10.0.1.0/24', {
        AvailabilityZone: 'us-east-1a',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'web-a' }, { Key: 'tier', Value: 'public' }] }],
      });
      const b = await newSubnet(vpc.VpcId!, '10.0.2.0/28', {
        AvailabilityZone: 'us-east-1b',
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'db-b' }] }],
      });
      const c = await newSubnet(other.VpcId!, '10.1.1.0/24', { AvailabilityZone: 'us-east-1b' });
      const mine = { Name: 'vpc-id', Values: [vpc.VpcId!, other.VpcId!] };

      assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpc.VpcId!] }]), [a.SubnetId, b.SubnetId]);
      assert.deepEqual(await ids([mine]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      for (const name of ['cidr-block', 'cidr', 'cidrBlock']) {
        assert.deepEqual(await ids([{ Name: name, Values: ['10.0.2.0/28'] }]), [b.SubnetId], name);
      }
      assert.deepEqual(await ids([mine, { Name: 'cidr-block', Values: ['10.?.1.0/24'] }]), [a.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'availability-zone', Values: ['us-east-1b'] }]), [b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'availabilityZone', Values: ['us-east-1a'] }]), [a.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'availability-zone-id', Values: ['use1-az1'] }]), [a.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'available-ip-address-count', Values: ['11'] }]), [b.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'available-ip-address-count', Values: ['251', '11'] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'default-for-az', Values: ['false'] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'map-public-ip-on-launch', Values: ['false'] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'ipv6-native', Values: ['false'] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'owner-id', Values: [ACCOUNT] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'owner-id', Values: ['111122223333'] }]), []);
      assert.deepEqual(await ids([mine, { Name: 'state', Values: ['available'] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'subnet-id', Values: [b.SubnetId!, c.SubnetId!] }]), [b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'subnet-arn', Values: [a.SubnetArn!] }]), [a.SubnetId]);
      assert.deepEqual(await ids([mine, { Name: 'subnet-arn', Values: [`arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/*`] }]), [a.SubnetId, b.SubnetId, c.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['web-*'] }]), [a.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['web-a', 'db-b'] }]), [a.SubnetId, b.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['tier'] }]), [a.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'tag-value', Values: ['db-?'] }]), [b.SubnetId]);
      assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['*'] }, { Name: 'availability-zone', Values: ['us-east-1b'] }]), [b.SubnetId]);
      assert.deepEqual(
        await ids([mine, { Name: 'private-dns-name-options-on-launch.hostname-type', Values: ['ip-name'] }]),
        [a.SubnetId, b.SubnetId, c.SubnetId],
      );
      assert.deepEqual(await ids([mine, { Name: 'enable-dns64', Values: ['true'] }]), []);
      assert.deepEqual(await ids([mine, { Name: 'outpost-arn', Values: ['*'] }]), []);
      assert.deepEqual(await ids([mine, { Name: 'customer-owned-ipv4-pool', Values: ['*'] }]), []);
      // Ids and filters intersect.
      const both = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [a.SubnetId!, b.SubnetId!], Filters: [{ Name: 'availability-zone', Values: ['us-east-1b'] }] }));
      assert.deepEqual(both.Subnets!.map((s) => s.SubnetId), [b.SubnetId]);

      const bad = await awsError(ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'public-ip', Values: ['x'] }] })));
      assert.equal(bad.code, 'InvalidParameterValue');
      assert.equal(bad.message, "The filter 'public-ip' is invalid");
    });

    it('pages in creation order with MaxResults and NextToken', async () => {
      const vpc = await newVpc();
      const created: string[] = [];
      for (let i = 0; i < 12; i++) created.push((await newSubnet(vpc.VpcId!, `10.0.${i}.0/24`)).SubnetId!);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await ec2.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: token, Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
        assert.ok(page.Subnets!.length <= 5);
        seen.push(...page.Subnets!.map((s) => s.SubnetId!));
        token = page.NextToken;
        pages++;
      } while (token);
      assert.deepEqual(seen, created);
      assert.equal(pages, 3);
      const tooSmall = await awsError(ec2.send(new DescribeSubnetsCommand({ MaxResults: 4 })));
      assert.equal(tooSmall.code, 'InvalidParameterValue');
      const badToken = await awsError(ec2.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: 'garbage' })));
      assert.equal(badToken.code, 'InvalidNextToken');
    });
  });

  describe('DeleteSubnet', () => {
    it('deletes a subnet with its tags, IPv6 block and network ACL association, then frees the VPC', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24', {
        Ipv6CidrBlock: slash64(block, 0),
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'x' }] }],
      });
      const dependency = await awsError(ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId! })));
      assert.equal(dependency.code, 'DependencyViolation');
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! }));
      const e = await awsError(ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] })));
      assert.equal(e.code, 'InvalidSubnetID.NotFound');
      const leftovers = await server.store.read((tx) =>
        tx.all(
          `SELECT 'acl' AS k FROM network_acl_associations WHERE subnet_id = ?
           UNION ALL SELECT 'ipv6' FROM subnet_ipv6_cidr_blocks WHERE subnet_id = ?
           UNION ALL SELECT 'tag' FROM tags WHERE resource_id = ?`,
          [subnet.SubnetId!, subnet.SubnetId!, subnet.SubnetId!],
        ),
      );
      assert.deepEqual(leftovers, []);
      await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId! }));
    });

    it('refuses with DependencyViolation while addresses of the subnet are in use', async () => {
      const vpc = await newVpc();
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      // An ENI holding one address.
      const eni = await eniInSubnet(ec2, subnet.SubnetId!);
      assert.equal((await describe1(subnet.SubnetId!)).AvailableIpAddressCount, 250);
      const e = await awsError(ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! })));
      assert.equal(e.code, 'DependencyViolation');
      assert.equal(e.message, `The subnet '${subnet.SubnetId}' has dependencies and cannot be deleted.`);
      await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! }));
    });

    it('answers NotFound for an unknown subnet and Malformed for a bad id', async () => {
      const e = await awsError(ec2.send(new DeleteSubnetCommand({ SubnetId: 'subnet-0123456789abcdef0' })));
      assert.equal(e.code, 'InvalidSubnetID.NotFound');
      const m = await awsError(ec2.send(new DeleteSubnetCommand({ SubnetId: 'sg-0123456789abcdef0' })));
      assert.equal(m.code, 'InvalidSubnetID.Malformed');
    });
  });

  describe('ModifySubnetAttribute', () => {
    it('changes one attribute per call, each visible in DescribeSubnets', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24', { Ipv6CidrBlock: slash64(block, 0) });
      const id = subnet.SubnetId!;
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, MapPublicIpOnLaunch: { Value: true } }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, AssignIpv6AddressOnCreation: { Value: true } }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, EnableDns64: { Value: true } }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, PrivateDnsHostnameTypeOnLaunch: 'resource-name' }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, EnableResourceNameDnsARecordOnLaunch: { Value: true } }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, EnableResourceNameDnsAAAARecordOnLaunch: { Value: true } }));
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, MapCustomerOwnedIpOnLaunch: { Value: false } }));
      const s = await describe1(id);
      assert.equal(s.MapPublicIpOnLaunch, true);
      assert.equal(s.AssignIpv6AddressOnCreation, true);
      assert.equal(s.EnableDns64, true);
      assert.equal(s.MapCustomerOwnedIpOnLaunch, false);
      assert.deepEqual(s.PrivateDnsNameOptionsOnLaunch, {
        HostnameType: 'resource-name',
        EnableResourceNameDnsARecord: true,
        EnableResourceNameDnsAAAARecord: true,
      });
      assert.deepEqual(await ids([{ Name: 'map-public-ip-on-launch', Values: ['true'] }, { Name: 'vpc-id', Values: [vpc.VpcId!] }]), [id]);
      assert.deepEqual(await ids([{ Name: 'private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record', Values: ['true'] }]), [id]);
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, MapPublicIpOnLaunch: { Value: false } }));
      assert.equal((await describe1(id)).MapPublicIpOnLaunch, false);
    });

    it('refuses several attributes at once, and none at all', async () => {
      const vpc = await newVpc();
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const e = await awsError(
        ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, MapPublicIpOnLaunch: { Value: true }, EnableDns64: { Value: false } })),
      );
      assert.equal(e.code, 'InvalidParameterCombination');
      assert.equal((await describe1(subnet.SubnetId!)).MapPublicIpOnLaunch, false, 'nothing changed');
      const none = await awsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId! })));
      assert.equal(none.code, 'MissingParameter');
    });

    it('refuses AssignIpv6AddressOnCreation without an IPv6 block, with AWS\'s message', async () => {
      const vpc = await newVpc();
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const e = await awsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, AssignIpv6AddressOnCreation: { Value: true } })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(
        e.message,
        `Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to true unless the subnet (${subnet.SubnetId}) has an IPv6 CIDR block associated with it.`,
      );
      await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, AssignIpv6AddressOnCreation: { Value: false } }));
      const dns64 = await awsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, EnableDns64: { Value: true } })));
      assert.equal(dns64.code, 'InvalidParameterValue');
    });

    it('refuses an unknown hostname type, Outpost-only attributes and unknown subnets', async () => {
      const vpc = await newVpc();
      const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
      const hostname = await awsError(
        ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, PrivateDnsHostnameTypeOnLaunch: 'dns-name' as 'ip-name' })),
      );
      assert.equal(hostname.code, 'InvalidParameterValue');
      const coip = await awsError(
        ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, MapCustomerOwnedIpOnLaunch: { Value: true }, CustomerOwnedIpv4Pool: 'ipv4pool-coip-1' })),
      );
      assert.equal(coip.code, 'InvalidParameterValue', 'the pool and the flag are one attribute; the subnet is no Outpost subnet');
      const lni = await awsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, EnableLniAtDeviceIndex: 1 })));
      assert.equal(lni.code, 'InvalidParameterValue');
      const unknown = await awsError(ec2.send(new ModifySubnetAttributeCommand({ SubnetId: 'subnet-0123456789abcdef0', MapPublicIpOnLaunch: { Value: true } })));
      assert.equal(unknown.code, 'InvalidSubnetID.NotFound');
    });
  });

  it('keeps accounts apart: another account neither sees nor touches a subnet', async () => {
    const other = server.client({ accessKeyId: '111122223333' });
    const vpc = await newVpc();
    const subnet = await newSubnet(vpc.VpcId!, '10.0.1.0/24');
    const describe = await awsError(other.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] })));
    assert.equal(describe.code, 'InvalidSubnetID.NotFound');
    const listed = (await other.send(new DescribeSubnetsCommand({}))).Subnets!;
    assert.ok(listed.length > 0 && listed.every((s) => s.OwnerId === '111122223333'));
    assert.deepEqual((await other.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets, []);
    for (const call of [
      other.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! })),
      other.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId!, MapPublicIpOnLaunch: { Value: true } })),
    ]) {
      assert.equal((await awsError(call)).code, 'InvalidSubnetID.NotFound');
    }
    const create = await awsError(other.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.2.0/24' })));
    assert.equal(create.code, 'InvalidVpcID.NotFound');
    assert.equal((await describe1(subnet.SubnetId!)).MapPublicIpOnLaunch, false);
  });
});
