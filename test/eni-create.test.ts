import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  waitUntilNetworkInterfaceAvailable,
  type CreateNetworkInterfaceCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { parseIpv4, parseIpv4Cidr } from '../src/net/ipv4.js';
import { isUsableIpv4 } from '../src/net/ipv4-subnet-space.js';
import { formatIpv6Cidr, parseIpv6, parseIpv6Cidr, type Ipv6Cidr } from '../src/net/ipv6.js';
import { isReservedIpv6 } from '../src/net/ipv6-subnet-space.js';
import { isAwsStyleMac } from '../src/net/mac-address.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import {
  availableIpCount,
  bootstrap,
  canonicalIpv6,
  checkSubnetAccounting,
  defaultGroupOf,
  defaultSubnet,
  createTestGroup,
  createTestSubnet,
  ipv6Stem,
  type SubnetInfo,
} from './helpers/eni-fixtures.js';
import { runOne } from './helpers/instance-fixtures.js';

describe('CreateNetworkInterface and DeleteNetworkInterface', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnet: SubnetInfo;
  const create = (input: Partial<CreateNetworkInterfaceCommandInput> = {}) =>
    ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.id, ...input }));

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    subnet = await defaultSubnet(server);
  });

  /** A VPC 10.20.0.0/16 with an Amazon-provided IPv6 /56. */
  async function dualStackVpc(): Promise<{ vpcId: string; block56: Ipv6Cidr }> {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    return { vpcId: Vpc!.VpcId!, block56: parseIpv6Cidr(Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!)! };
  }

  /** The n-th /64 of a /56. */
  const slash64 = (block56: Ipv6Cidr, n: number) => formatIpv6Cidr({ base: block56.base | (BigInt(n) << 64n), prefix: 64 });

  /** A dual-stack subnet 10.20.<n>.0/24 with the n-th /64 of a new dual-stack VPC. */
  async function dualStackSubnet(options: { assignIpv6OnCreation?: boolean } = {}) {
    const { vpcId, block56 } = await dualStackVpc();
    const ipv6Cidr = slash64(block56, 1);
    const subnetId = await createTestSubnet(ec2, {
      vpcId, cidr: '10.20.1.0/24', ipv6Cidr, assignIpv6OnCreation: options.assignIpv6OnCreation,
    });
    return { vpcId, block56, subnetId, ipv6Cidr };
  }

  it('creates an ENI with an automatic primary address and the default group: pending, then available', async () => {
    const { NetworkInterface: eni } = await create();
    assert.match(eni!.NetworkInterfaceId!, /^eni-[0-9a-f]{17}$/);
    assert.equal(eni!.Status, 'pending');
    assert.equal(eni!.SubnetId, subnet.id);
    assert.equal(eni!.VpcId, subnet.vpc_id);
    assert.equal(eni!.AvailabilityZone, 'us-east-1a');
    assert.equal(eni!.AvailabilityZoneId, 'use1-az1');
    assert.equal(eni!.Description, '');
    assert.equal(eni!.OwnerId, '123456789012');
    assert.equal(eni!.RequesterManaged, false);
    assert.equal(eni!.SourceDestCheck, true);
    assert.equal(eni!.InterfaceType, 'interface');
    assert.ok(isAwsStyleMac(eni!.MacAddress!), eni!.MacAddress);
    assert.ok(isUsableIpv4(parseIpv4Cidr(subnet.cidr_block)!, parseIpv4(eni!.PrivateIpAddress!)!));
    assert.equal(eni!.PrivateDnsName, `ip-${eni!.PrivateIpAddress!.replaceAll('.', '-')}.ec2.internal`);
    assert.deepEqual(eni!.PrivateIpAddresses, [
      { PrivateIpAddress: eni!.PrivateIpAddress, PrivateDnsName: eni!.PrivateDnsName, Primary: true },
    ]);
    assert.deepEqual(eni!.Groups, [{ GroupId: await defaultGroupOf(ec2, subnet.vpc_id), GroupName: 'default' }]);
    assert.deepEqual(eni!.TagSet, []);
    assert.deepEqual(eni!.Ipv6Addresses, []);
    assert.equal(eni!.Attachment, undefined);

    await waitUntilNetworkInterfaceAvailable({ client: ec2, maxWaitTime: 30 }, { NetworkInterfaceIds: [eni!.NetworkInterfaceId!] });
    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni!.NetworkInterfaceId!] }));
    assert.deepEqual(NetworkInterfaces, [{ ...eni, Status: 'available' }]);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 1);
    await checkSubnetAccounting(server, subnet.id);
  });

  it('takes an explicit primary address with counted secondaries, or a listed set with its primary', async () => {
    const listed = (
      await create({
        PrivateIpAddresses: [
          { PrivateIpAddress: '172.31.6.20' },
          { PrivateIpAddress: '172.31.6.21', Primary: true },
          { PrivateIpAddress: '172.31.6.22' },
        ],
      })
    ).NetworkInterface!;
    assert.equal(listed.PrivateIpAddress, '172.31.6.21');
    assert.deepEqual(listed.PrivateIpAddresses!.map((a) => a.PrivateIpAddress), ['172.31.6.21', '172.31.6.20', '172.31.6.22']);

    const unmarked = (await create({ PrivateIpAddresses: [{ PrivateIpAddress: '172.31.7.7' }, { PrivateIpAddress: '172.31.7.8' }] }))
      .NetworkInterface!;
    assert.equal(unmarked.PrivateIpAddress, '172.31.7.7', 'the first listed address is the primary when none is marked');
    const same = (await create({ PrivateIpAddress: '172.31.7.9', PrivateIpAddresses: [{ PrivateIpAddress: '172.31.7.9', Primary: true }] }))
      .NetworkInterface!;
    assert.deepEqual(same.PrivateIpAddresses!.map((a) => a.PrivateIpAddress), ['172.31.7.9']);

    // Counted secondaries last, so that no random pick can have taken an address named above.
    const first = (await create({ PrivateIpAddress: '172.31.5.10', SecondaryPrivateIpAddressCount: 3 })).NetworkInterface!;
    assert.equal(first.PrivateIpAddress, '172.31.5.10');
    assert.equal(first.PrivateIpAddresses!.length, 4);
    assert.deepEqual(first.PrivateIpAddresses!.map((a) => a.Primary), [true, false, false, false]);
    assert.equal(new Set(first.PrivateIpAddresses!.map((a) => a.PrivateIpAddress)).size, 4);
    for (const a of first.PrivateIpAddresses!) {
      assert.equal(a.PrivateDnsName, `ip-${a.PrivateIpAddress!.replaceAll('.', '-')}.ec2.internal`, 'each address has its name');
    }
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 4 - 3 - 2 - 1);
    await checkSubnetAccounting(server, subnet.id);
  });

  it('refuses addresses outside the subnet, reserved, malformed, repeated or already in use, taking nothing', async () => {
    await create({ PrivateIpAddress: '172.31.9.9' });
    const before = await availableIpCount(ec2, subnet.id);
    for (const address of ['172.31.0.0', '172.31.0.1', '172.31.0.2', '172.31.0.3', '172.31.15.255', '172.31.16.5', '10.0.0.5', '1.2.3', '172.31.1.256']) {
      const e = await awsError(create({ PrivateIpAddress: address }));
      assert.equal(e.code, 'InvalidParameterValue', address);
    }
    const dup = await awsError(create({ PrivateIpAddress: '172.31.9.50', PrivateIpAddresses: [{ PrivateIpAddress: '172.31.9.50' }, { PrivateIpAddress: '172.31.9.50' }] }));
    assert.equal(dup.code, 'InvalidParameterValue');
    const inUse = await awsError(create({ PrivateIpAddress: '172.31.9.9' }));
    assert.equal(inUse.code, 'InvalidIPAddress.InUse');
    assert.equal(inUse.message, 'The specified address is already in use.');
    const partly = await awsError(
      create({ PrivateIpAddresses: [{ PrivateIpAddress: '172.31.9.10', Primary: true }, { PrivateIpAddress: '172.31.9.9' }] }),
    );
    assert.equal(partly.code, 'InvalidIPAddress.InUse');
    assert.equal(await availableIpCount(ec2, subnet.id), before, 'a failed create takes no address');
    await checkSubnetAccounting(server, subnet.id);
  });

  it('refuses combinations AWS refuses with InvalidParameterCombination', async () => {
    const cases: Partial<CreateNetworkInterfaceCommandInput>[] = [
      { PrivateIpAddresses: [{ PrivateIpAddress: '172.31.2.4', Primary: true }, { PrivateIpAddress: '172.31.2.5', Primary: true }] },
      { PrivateIpAddress: '172.31.2.6', PrivateIpAddresses: [{ PrivateIpAddress: '172.31.2.7', Primary: true }] },
      { SecondaryPrivateIpAddressCount: 2, PrivateIpAddresses: [{ PrivateIpAddress: '172.31.2.8' }, { PrivateIpAddress: '172.31.2.9' }] },
      { SecondaryPrivateIpAddressCount: 1, Ipv4PrefixCount: 1 },
      { Ipv4Prefixes: [{ Ipv4Prefix: '172.31.4.16/28' }], Ipv4PrefixCount: 1 },
      { Ipv6Addresses: [{ Ipv6Address: '2600:1f00::10' }], Ipv6AddressCount: 1 },
      { Ipv6AddressCount: 1, Ipv6PrefixCount: 1 },
      { Ipv6Prefixes: [{ Ipv6Prefix: '2600:1f00:0:1::/80' }], Ipv6PrefixCount: 1 },
      { InterfaceType: 'efa-only', PrivateIpAddress: '172.31.2.10' },
    ];
    for (const input of cases) {
      const e = await awsError(create(input));
      assert.equal(e.code, 'InvalidParameterCombination', JSON.stringify(input));
    }
    const negative = await awsError(create({ SecondaryPrivateIpAddressCount: -1 }));
    assert.equal(negative.code, 'InvalidParameterValue');
    assert.equal(await availableIpCount(ec2, subnet.id), 4091);
  });

  it('refuses a missing, malformed, unknown or foreign subnet', async () => {
    const missing = await awsError(ec2.send(new CreateNetworkInterfaceCommand({} as CreateNetworkInterfaceCommandInput)));
    assert.equal(missing.code, 'MissingParameter');
    const malformed = await awsError(create({ SubnetId: 'subnet-nothex' }));
    assert.equal(malformed.code, 'InvalidSubnetID.Malformed');
    const unknown = await awsError(create({ SubnetId: 'subnet-0123456789abcdef0' }));
    assert.equal(unknown.code, 'InvalidSubnetID.NotFound');
    assert.equal(unknown.message, "The subnet ID 'subnet-0123456789abcdef0' does not exist");
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.id })));
    assert.equal(foreign.code, 'InvalidSubnetID.NotFound', "another account's subnet does not exist for the caller");
  });

  it('uses the groups given, in order, up to five of the same VPC', async () => {
    const groups = [];
    for (let i = 0; i < 6; i++) groups.push(await createTestGroup(ec2, subnet.vpc_id, `web-${i}`));
    const two = (await create({ Groups: [groups[1]!, groups[0]!] })).NetworkInterface!;
    assert.deepEqual(two.Groups, [
      { GroupId: groups[1], GroupName: 'web-1' },
      { GroupId: groups[0], GroupName: 'web-0' },
    ]);
    const five = (await create({ Groups: groups.slice(0, 5) })).NetworkInterface!;
    assert.equal(five.Groups!.length, 5);
    const six = await awsError(create({ Groups: groups }));
    assert.equal(six.code, 'SecurityGroupsPerInterfaceLimitExceeded');

    const unknown = await awsError(create({ Groups: ['sg-0123456789abcdef0'] }));
    assert.equal(unknown.code, 'InvalidGroup.NotFound');
    const malformed = await awsError(create({ Groups: ['default'] }));
    assert.equal(malformed.code, 'InvalidGroupId.Malformed');
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.5.0.0/16' }));
    const elsewhere = await createTestGroup(ec2, Vpc!.VpcId!, 'elsewhere');
    const otherVpc = await awsError(create({ Groups: [elsewhere] }));
    assert.equal(otherVpc.code, 'InvalidParameter');
    assert.equal(otherVpc.message, `Security group ${elsewhere} and subnet ${subnet.id} belong to different networks.`);
  });

  it('creates interface, efa, efa-only and trunk ENIs and refuses other types', async () => {
    for (const type of ['interface', 'efa', 'trunk']) {
      const eni = (await create({ InterfaceType: type as 'efa' })).NetworkInterface!;
      assert.equal(eni.InterfaceType, type);
      assert.ok(eni.PrivateIpAddress);
    }
    const before = await availableIpCount(ec2, subnet.id);
    const efaOnly = (await create({ InterfaceType: 'efa-only' })).NetworkInterface!;
    assert.equal(efaOnly.InterfaceType, 'efa-only');
    assert.equal(efaOnly.PrivateIpAddress, undefined, 'an efa-only ENI carries no IP address');
    assert.equal(efaOnly.PrivateDnsName, undefined);
    assert.deepEqual(efaOnly.PrivateIpAddresses, []);
    assert.equal(await availableIpCount(ec2, subnet.id), before);
    for (const type of ['branch', 'natGateway', 'bogus']) {
      const e = await awsError(create({ InterfaceType: type as 'efa' }));
      assert.equal(e.code, 'InvalidParameterValue', type);
    }
  });

  it('keeps the description and tags, and refuses bad ones', async () => {
    const eni = (
      await create({
        Description: 'web <front> & "back"',
        TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'env', Value: '' }] }],
      })
    ).NetworkInterface!;
    assert.equal(eni.Description, 'web <front> & "back"');
    assert.deepEqual(eni.TagSet, [{ Key: 'Name', Value: 'web' }, { Key: 'env', Value: '' }]);
    assert.equal((await awsError(create({ Description: 'x'.repeat(256) }))).code, 'InvalidParameterValue');
    const wrongType = await awsError(create({ TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'a', Value: 'b' }] }] }));
    assert.equal(wrongType.code, 'InvalidParameterValue');
    const reserved = await awsError(create({ TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'aws:x', Value: 'b' }] }] }));
    assert.equal(reserved.code, 'InvalidParameterValue');
  });

  it('gives every ENI its own MAC address, with varied locally administered first octets', async () => {
    const macs = new Set<string>();
    const firstOctets = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const mac = (await create()).NetworkInterface!.MacAddress!;
      assert.ok(isAwsStyleMac(mac), mac);
      macs.add(mac);
      firstOctets.add(mac.slice(0, 2));
    }
    assert.equal(macs.size, 40);
    assert.ok(firstOctets.size > 1, 'not always 02');
  });

  it('names private addresses by region: ec2.internal in us-east-1, <region>.compute.internal elsewhere', async () => {
    const west = server.client({ region: 'us-west-2' });
    await bootstrap(west);
    const westSubnet = await defaultSubnet(server, { region: 'us-west-2' }, 'us-west-2b');
    const eni = await eniInSubnet(west, westSubnet.id);
    assert.equal(eni.AvailabilityZone, 'us-west-2b');
    assert.equal(eni.AvailabilityZoneId, 'usw2-az2');
    assert.equal(eni.PrivateDnsName, `ip-${eni.PrivateIpAddress!.replaceAll('.', '-')}.us-west-2.compute.internal`);
    const e = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.NetworkInterfaceId!] })));
    assert.equal(e.code, 'InvalidNetworkInterfaceID.NotFound', 'regions are apart');
  });

  it('answers a repeated ClientToken with the same ENI and refuses it with other parameters', async () => {
    const first = (await create({ ClientToken: 'token-1', Description: 'one' })).NetworkInterface!;
    const again = (await create({ ClientToken: 'token-1', Description: 'one' })).NetworkInterface!;
    assert.equal(again.NetworkInterfaceId, first.NetworkInterfaceId);
    const { NetworkInterfaces } = await ec2.send(new DescribeNetworkInterfacesCommand({}));
    assert.equal(NetworkInterfaces!.length, 1);
    assert.equal(await availableIpCount(ec2, subnet.id), 4090);
    const e = await awsError(create({ ClientToken: 'token-1', Description: 'two' }));
    assert.equal(e.code, 'IdempotentParameterMismatch');
  });

  it('answers DryRunOperation for a valid request and the real error for an invalid one, creating nothing', async () => {
    const dry = await awsError(create({ DryRun: true }));
    assert.equal(dry.code, 'DryRunOperation');
    assert.equal(dry.status, 412);
    const bad = await awsError(create({ DryRun: true, SubnetId: 'subnet-0123456789abcdef0' }));
    assert.equal(bad.code, 'InvalidSubnetID.NotFound');
    assert.deepEqual((await ec2.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces, []);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091);
  });

  it('enforces 5000 ENIs per region with an exact count that deletions give back', async () => {
    await server.store.write((tx) =>
      tx.run(`INSERT INTO network_interface_counts (account, region, n) VALUES ('123456789012', 'us-east-1', 4999)`),
    );
    const last = (await create()).NetworkInterface!;
    const e = await awsError(create());
    assert.equal(e.code, 'NetworkInterfaceLimitExceeded');
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: last.NetworkInterfaceId! }));
    await create();
    const other = server.client({ accessKeyId: '111122223333' });
    await bootstrap(other);
    const otherSubnet = await defaultSubnet(server, { account: '111122223333' });
    await other.send(new CreateNetworkInterfaceCommand({ SubnetId: otherSubnet.id }));
  });

  it('assigns IPv6 addresses from the subnet /64: counted, explicit (canonical), primary, or by the subnet default', async () => {
    const { subnetId, ipv6Cidr } = await dualStackSubnet();
    const block = parseIpv6Cidr(ipv6Cidr)!;
    const counted = (await create({ SubnetId: subnetId, Ipv6AddressCount: 3 })).NetworkInterface!;
    assert.equal(counted.Ipv6Addresses!.length, 3);
    for (const a of counted.Ipv6Addresses!) {
      const value = parseIpv6(a.Ipv6Address!)!;
      assert.equal(value >> 64n, block.base >> 64n, `${a.Ipv6Address} in ${ipv6Cidr}`);
      assert.ok(!isReservedIpv6(block, value));
      assert.equal(a.IsPrimaryIpv6, false);
    }
    assert.ok(counted.PrivateIpAddress, 'dual-stack ENIs have IPv4 too');

    const prefix = ipv6Stem(ipv6Cidr);
    const explicit = (await create({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: `${prefix.toUpperCase()}:0:0:0:00AB` }] }))
      .NetworkInterface!;
    assert.deepEqual(explicit.Ipv6Addresses, [{ Ipv6Address: canonicalIpv6(`${prefix}::ab`), IsPrimaryIpv6: false }]);
    const inUse = await awsError(create({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: `${prefix}::ab` }] }));
    assert.equal(inUse.code, 'InvalidIPAddress.InUse');
    for (const address of [`${prefix}::1`, `${prefix}:ffff:ffff:ffff:ffff`, '2001:db8::10', 'not-an-address']) {
      const e = await awsError(create({ SubnetId: subnetId, Ipv6Addresses: [{ Ipv6Address: address }] }));
      assert.equal(e.code, 'InvalidParameterValue', address);
    }

    const primary = (await create({ SubnetId: subnetId, Ipv6AddressCount: 2, EnablePrimaryIpv6: true })).NetworkInterface!;
    assert.equal(primary.Ipv6Addresses!.filter((a) => a.IsPrimaryIpv6).length, 1);
    assert.equal(primary.Ipv6Address, primary.Ipv6Addresses!.find((a) => a.IsPrimaryIpv6)!.Ipv6Address);

    const none = (await create({ SubnetId: subnetId })).NetworkInterface!;
    assert.deepEqual(none.Ipv6Addresses, [], 'no IPv6 unless the subnet assigns it on creation');
    const auto = (await dualStackSubnet({ assignIpv6OnCreation: true })).subnetId;
    assert.equal((await create({ SubnetId: auto })).NetworkInterface!.Ipv6Addresses!.length, 1);
    assert.equal((await create({ SubnetId: auto, Ipv6AddressCount: 0 })).NetworkInterface!.Ipv6Addresses!.length, 0);

    const noIpv6 = await awsError(create({ Ipv6AddressCount: 1 }));
    assert.equal(noIpv6.code, 'InvalidParameterValue', 'a subnet without IPv6 cannot give IPv6 addresses');
  });

  it('creates IPv6-only ENIs in an IPv6-only subnet', async () => {
    const { vpcId, block56 } = await dualStackVpc();
    const only = await createTestSubnet(ec2, { vpcId, ipv6Cidr: slash64(block56, 2), ipv6Native: true });
    const eni = (await create({ SubnetId: only })).NetworkInterface!;
    assert.equal(eni.Ipv6Native, true);
    assert.equal(eni.PrivateIpAddress, undefined);
    assert.deepEqual(eni.PrivateIpAddresses, []);
    assert.equal(eni.Ipv6Addresses!.length, 1);
    const e = await awsError(create({ SubnetId: only, PrivateIpAddress: '10.20.3.5' }));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('delegates aligned IPv4 /28 and IPv6 /80 prefixes at creation', async () => {
    const counted = (await create({ Ipv4PrefixCount: 2 })).NetworkInterface!;
    assert.equal(counted.Ipv4Prefixes!.length, 2);
    const cidr = parseIpv4Cidr(subnet.cidr_block)!;
    for (const { Ipv4Prefix } of counted.Ipv4Prefixes!) {
      const p = parseIpv4Cidr(Ipv4Prefix!)!;
      assert.equal(p.prefix, 28);
      assert.equal(Ipv4Prefix, `${Ipv4Prefix!.split('/')[0]}/28`);
      assert.ok(isUsableIpv4(cidr, p.base) && isUsableIpv4(cidr, p.base + 15), Ipv4Prefix);
    }
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 1 - 32, 'each /28 takes 16 addresses');
    // Named prefixes in a /26 of their own, where nothing random lands first: its only eligible /28s are .16 and
    // .32 (the first holds the reserved addresses, the last the broadcast address).
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc!.VpcId!;
    const small = await createTestSubnet(ec2, { vpcId, cidr: '10.70.0.0/26' });
    await create({ SubnetId: small, PrivateIpAddress: '10.70.0.40' });
    const overAddress = await awsError(create({ SubnetId: small, Ipv4Prefixes: [{ Ipv4Prefix: '10.70.0.32/28' }] }));
    assert.equal(overAddress.code, 'InvalidIPAddress.InUse', 'a prefix may not cover an assigned address');
    const explicit = (await create({ SubnetId: small, Ipv4Prefixes: [{ Ipv4Prefix: '10.70.0.16/28' }] })).NetworkInterface!;
    assert.deepEqual(explicit.Ipv4Prefixes, [{ Ipv4Prefix: '10.70.0.16/28' }]);
    const primary = parseIpv4(explicit.PrivateIpAddress!)!;
    assert.ok(primary < parseIpv4('10.70.0.16')! || primary > parseIpv4('10.70.0.31')!, 'the primary is not inside the prefix');
    for (const prefix of ['10.70.0.17/28', '10.70.0.0/27', '10.70.0.0/28', '10.70.0.48/28', '10.0.0.16/28']) {
      const e = await awsError(create({ SubnetId: small, Ipv4Prefixes: [{ Ipv4Prefix: prefix }] }));
      assert.equal(e.code, 'InvalidParameterValue', prefix);
    }
    const overlap = await awsError(create({ SubnetId: small, Ipv4Prefixes: [{ Ipv4Prefix: '10.70.0.16/28' }] }));
    assert.equal(overlap.code, 'InvalidIPAddress.InUse');

    const { subnetId, ipv6Cidr } = await dualStackSubnet();
    // The named /80 first, so that no random pick can have taken it.
    const stem = ipv6Stem(ipv6Cidr);
    const chosen = (await create({ SubnetId: subnetId, Ipv6Prefixes: [{ Ipv6Prefix: `${stem}:1234::/80` }] })).NetworkInterface!;
    assert.deepEqual(chosen.Ipv6Prefixes, [{ Ipv6Prefix: canonicalIpv6(`${stem}:1234::/80`) }]);
    for (const prefix of [`${stem}::/80`, `${stem}:ffff::/80`, `${stem}:1234::/96`, `${stem}:1234::1/80`]) {
      const e = await awsError(create({ SubnetId: subnetId, Ipv6Prefixes: [{ Ipv6Prefix: prefix }] }));
      assert.equal(e.code, 'InvalidParameterValue', prefix);
    }
    const taken = await awsError(create({ SubnetId: subnetId, Ipv6Prefixes: [{ Ipv6Prefix: `${stem}:1234::/80` }] }));
    assert.equal(taken.code, 'InvalidIPAddress.InUse');
    const v6 = (await create({ SubnetId: subnetId, Ipv6PrefixCount: 2 })).NetworkInterface!;
    assert.equal(v6.Ipv6Prefixes!.length, 2);
    for (const { Ipv6Prefix } of v6.Ipv6Prefixes!) {
      const p = parseIpv6Cidr(Ipv6Prefix!)!;
      assert.equal(p.prefix, 80);
      assert.equal(p.base >> 64n, parseIpv6Cidr(ipv6Cidr)!.base >> 64n);
    }
    await checkSubnetAccounting(server, subnet.id);
  });

  it('keeps connection-tracking timeouts and refuses out-of-range ones', async () => {
    const eni = (await create({ ConnectionTrackingSpecification: { TcpEstablishedTimeout: 3600, UdpTimeout: 45 } })).NetworkInterface!;
    assert.deepEqual(eni.ConnectionTrackingConfiguration, { TcpEstablishedTimeout: 3600, UdpTimeout: 45 });
    for (const spec of [{ TcpEstablishedTimeout: 59 }, { UdpStreamTimeout: 181 }, { UdpTimeout: 61 }]) {
      assert.equal((await awsError(create({ ConnectionTrackingSpecification: spec }))).code, 'InvalidParameterValue');
    }
  });

  it('deletes an ENI, freeing all its addresses, and refuses while it is attached', async () => {
    const eni = (await create({ SecondaryPrivateIpAddressCount: 4, Ipv4PrefixCount: 0 })).NetworkInterface!;
    const withPrefix = (await create({ Ipv4PrefixCount: 1 })).NetworkInterface!;
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 5 - 17);
    const [mainTable] = (await ec2.send(new DescribeRouteTablesCommand({
      Filters: [{ Name: 'vpc-id', Values: [subnet.vpc_id] }, { Name: 'association.main', Values: ['true'] }],
    }))).RouteTables!;
    await ec2.send(new CreateRouteCommand({
      RouteTableId: mainTable!.RouteTableId, DestinationCidrBlock: '10.99.0.0/16', NetworkInterfaceId: eni.NetworkInterfaceId,
    }));
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId! }));
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 17);
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: withPrefix.NetworkInterfaceId! }));
    assert.equal(await availableIpCount(ec2, subnet.id), 4091);
    await checkSubnetAccounting(server, subnet.id);
    const route = await server.store.read((tx) => tx.get<{ state: string }>('SELECT state FROM routes WHERE network_interface_id = ?', [eni.NetworkInterfaceId!]));
    assert.equal(route!.state, 'blackhole', 'routes to a deleted ENI become blackholes');

    const gone = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.NetworkInterfaceId!] })));
    assert.equal(gone.code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal(gone.message, `The networkInterface ID '${eni.NetworkInterfaceId}' does not exist`);
    const twice = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId! })));
    assert.equal(twice.code, 'InvalidNetworkInterfaceID.NotFound');
    const missing = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({} as { NetworkInterfaceId: string })));
    assert.equal(missing.code, 'MissingParameter');
    assert.equal(missing.message, 'The request must contain the parameter NetworkInterfaceId');
    const malformed = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: 'eni-xyz' })));
    assert.equal(malformed.code, 'InvalidNetworkInterfaceId.Malformed');
    assert.equal(malformed.message, 'Invalid id: "eni-xyz" (expecting "eni-...")');

    const attached = (await create()).NetworkInterface!;
    const instance = await runOne(ec2, { SubnetId: subnet.id });
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: instance, NetworkInterfaceId: attached.NetworkInterfaceId!, DeviceIndex: 1 }));
    const inUse = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: attached.NetworkInterfaceId! })));
    assert.equal(inUse.code, 'InvalidParameterValue');
    assert.equal(inUse.message, `Network interface '${attached.NetworkInterfaceId}' is currently in use.`);
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: attached.NetworkInterfaceId! })));
    assert.equal(foreign.code, 'InvalidNetworkInterfaceID.NotFound');
  });
});
