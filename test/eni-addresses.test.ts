import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssignIpv6AddressesCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  AssignPrivateIpAddressesCommand,
  CreateNetworkInterfaceCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  UnassignIpv6AddressesCommand,
  UnassignPrivateIpAddressesCommand,
  type CreateNetworkInterfaceCommandInput,
  type EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { formatIpv4, parseIpv4, parseIpv4Cidr } from '../src/net/ipv4.js';
import { isUsableIpv4 } from '../src/net/ipv4-subnet-space.js';
import { formatIpv6Cidr, parseIpv6, parseIpv6Cidr } from '../src/net/ipv6.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { runOne } from './helpers/instance-fixtures.js';
import {
  availableIpCount,
  bootstrap,
  canonicalIpv6,
  checkSubnetAccounting,
  defaultSubnet,
  createTestSubnet,
  ipv6Stem,
  type SubnetInfo,
} from './helpers/eni-fixtures.js';

describe('ENI addresses: assign, unassign, reassign, exhaustion and concurrency', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnet: SubnetInfo;
  let vpcId: string;

  const create = async (input: Partial<CreateNetworkInterfaceCommandInput> = {}) =>
    eniInSubnet(ec2, subnet.id, input);
  const describeOne = async (id: string): Promise<NetworkInterface> =>
    (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces![0]!;
  const addressesOf = async (id: string) => (await describeOne(id)).PrivateIpAddresses!.map((a) => a.PrivateIpAddress!);

  /** A subnet `cidr` in a fresh VPC 10.30.0.0/16 (its IPv6 /64, when asked, from the VPC's /56). */
  async function smallSubnet(cidr: string, withIpv6 = false): Promise<string> {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16', AmazonProvidedIpv6CidrBlock: withIpv6 }));
    vpcId = Vpc!.VpcId!;
    const block56 = withIpv6 ? parseIpv6Cidr(Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!)! : undefined;
    return createTestSubnet(ec2, {
      vpcId, cidr, ipv6Cidr: block56 ? formatIpv6Cidr({ base: block56.base, prefix: 64 }) : undefined,
    });
  }

  /** Every usable address of a subnet, as text. */
  function usableAddresses(cidrText: string): string[] {
    const cidr = parseIpv4Cidr(cidrText)!;
    const all: string[] = [];
    for (let a = cidr.base; a < cidr.base + 2 ** (32 - cidr.prefix); a++) if (isUsableIpv4(cidr, a)) all.push(formatIpv4(a));
    return all;
  }

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

  it('assigns secondary addresses by count and by name, counting each one', async () => {
    const eni = await create();
    const counted = await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 3 }));
    assert.equal(counted.NetworkInterfaceId, eni.NetworkInterfaceId);
    assert.equal(counted.AssignedPrivateIpAddresses!.length, 3);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 4);
    // Two addresses the four random picks cannot all have taken.
    const held = new Set(await addressesOf(eni.NetworkInterfaceId!));
    const [x, y] = ['172.31.3.3', '172.31.3.4', '172.31.3.5', '172.31.3.6', '172.31.3.7', '172.31.3.8'].filter((a) => !held.has(a));
    const named = await ec2.send(
      new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, PrivateIpAddresses: [x!, y!] }),
    );
    assert.deepEqual(named.AssignedPrivateIpAddresses, [{ PrivateIpAddress: x }, { PrivateIpAddress: y }]);
    const described = await describeOne(eni.NetworkInterfaceId!);
    assert.equal(described.PrivateIpAddresses!.length, 6);
    assert.equal(described.PrivateIpAddresses![0]!.PrivateIpAddress, eni.PrivateIpAddress, 'the primary stays first');
    assert.deepEqual(described.PrivateIpAddresses!.slice(1).map((a) => a.Primary), [false, false, false, false, false]);
    assert.ok(described.PrivateIpAddresses!.some((a) => a.PrivateIpAddress === y));
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 6);
    await checkSubnetAccounting(server, subnet.id);
  });

  it('refuses bad Assign/UnassignPrivateIpAddresses requests without changing anything', async () => {
    const eni = await create();
    const id = eni.NetworkInterfaceId!;
    const cases: [object, string][] = [
      [{ PrivateIpAddresses: ['172.31.3.3'], SecondaryPrivateIpAddressCount: 1 }, 'InvalidParameterCombination'],
      [{ SecondaryPrivateIpAddressCount: 1, Ipv4PrefixCount: 1 }, 'InvalidParameterCombination'],
      [{ Ipv4Prefixes: ['172.31.4.16/28'], Ipv4PrefixCount: 1 }, 'InvalidParameterCombination'],
      [{}, 'MissingParameter'],
      [{ PrivateIpAddresses: ['172.31.16.9'] }, 'InvalidParameterValue'],
      [{ PrivateIpAddresses: ['172.31.15.255'] }, 'InvalidParameterValue'],
      [{ PrivateIpAddresses: ['172.31.0.2'] }, 'InvalidParameterValue'],
      [{ PrivateIpAddresses: ['999.1.1.1'] }, 'InvalidParameterValue'],
      [{ PrivateIpAddresses: ['172.31.3.3', '172.31.3.3'] }, 'InvalidParameterValue'],
      [{ Ipv4Prefixes: ['172.31.4.17/28'] }, 'InvalidParameterValue'],
    ];
    for (const [input, code] of cases) {
      const e = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: id, ...input })));
      assert.equal(e.code, code, JSON.stringify(input));
    }
    const unknown = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: 'eni-0123456789abcdef0', SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(unknown.code, 'InvalidNetworkInterfaceID.NotFound');
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: id, SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(foreign.code, 'InvalidNetworkInterfaceID.NotFound');
    const foreignUnassign = await awsError(other.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: [eni.PrivateIpAddress!] })));
    assert.equal(foreignUnassign.code, 'InvalidNetworkInterfaceID.NotFound');

    const primary = await awsError(ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: [eni.PrivateIpAddress!] })));
    assert.equal(primary.code, 'InvalidParameterValue', 'the primary address cannot be unassigned');
    const notOurs = await awsError(ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: ['172.31.3.9'] })));
    assert.equal(notOurs.code, 'InvalidParameterValue');
    const nothing = await awsError(ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id })));
    assert.equal(nothing.code, 'MissingParameter');
    assert.deepEqual(await addressesOf(id), [eni.PrivateIpAddress]);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 1);
  });

  it('unassigns secondary addresses, giving them back to the subnet and dropping their public association', async () => {
    const eni = await create({ PrivateIpAddresses: [{ PrivateIpAddress: '172.31.2.10', Primary: true }, { PrivateIpAddress: '172.31.2.11' }, { PrivateIpAddress: '172.31.2.12' }] });
    const id = eni.NetworkInterfaceId!;
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, NetworkInterfaceId: id, PrivateIpAddress: '172.31.2.11' }));
    const mixed = await awsError(ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: ['172.31.2.11', '172.31.2.99'] })));
    assert.equal(mixed.code, 'InvalidParameterValue', 'all or nothing');
    assert.equal((await addressesOf(id)).length, 3);
    await ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: ['172.31.2.11'] }));
    assert.deepEqual(await addressesOf(id), ['172.31.2.10', '172.31.2.12']);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 2);
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: id, PrivateIpAddresses: ['172.31.2.11'] }));
    const back = (await describeOne(id)).PrivateIpAddresses!.find((a) => a.PrivateIpAddress === '172.31.2.11')!;
    assert.equal(back.Association, undefined, 'the unassigned address lost its Elastic IP association');
    await checkSubnetAccounting(server, subnet.id);
  });

  it('moves a secondary address from another ENI only with AllowReassignment, association included', async () => {
    const from = await create({ PrivateIpAddresses: [{ PrivateIpAddress: '172.31.2.20', Primary: true }, { PrivateIpAddress: '172.31.2.21' }] });
    const to = await create();
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, NetworkInterfaceId: from.NetworkInterfaceId, PrivateIpAddress: '172.31.2.21' }));
    const before = await availableIpCount(ec2, subnet.id);
    const refused = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: to.NetworkInterfaceId!, PrivateIpAddresses: ['172.31.2.21'] })));
    assert.equal(refused.code, 'InvalidIPAddress.InUse');
    assert.equal(refused.message, 'The specified address is already in use.');
    const moved = await ec2.send(
      new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: to.NetworkInterfaceId!, PrivateIpAddresses: ['172.31.2.21'], AllowReassignment: true }),
    );
    assert.deepEqual(moved.AssignedPrivateIpAddresses, [{ PrivateIpAddress: '172.31.2.21' }]);
    assert.deepEqual(await addressesOf(from.NetworkInterfaceId!), ['172.31.2.20']);
    const arrived = (await describeOne(to.NetworkInterfaceId!)).PrivateIpAddresses!.find((a) => a.PrivateIpAddress === '172.31.2.21')!;
    assert.equal(arrived.Primary, false);
    assert.equal(arrived.Association?.PublicIp, eip.PublicIp, 'the Elastic IP moves with its private address');
    assert.equal(arrived.Association?.AllocationId, eip.AllocationId);
    assert.equal(await availableIpCount(ec2, subnet.id), before, 'a move takes and frees nothing');

    const primaryMove = await awsError(
      ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: to.NetworkInterfaceId!, PrivateIpAddresses: ['172.31.2.20'], AllowReassignment: true })),
    );
    assert.equal(primaryMove.code, 'InvalidIPAddress.InUse', "another ENI's primary address never moves");
    assert.deepEqual(await addressesOf(from.NetworkInterfaceId!), ['172.31.2.20']);
    await checkSubnetAccounting(server, subnet.id);
  });

  it('delegates and returns aligned /28 prefixes that never overlap addresses', async () => {
    // The named prefix before any random pick (the primary is named too), so that none can have landed in it.
    const eni = await create({ PrivateIpAddress: '172.31.2.5' });
    const id = eni.NetworkInterfaceId!;
    const named = await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: id, Ipv4Prefixes: ['172.31.7.32/28'] }));
    assert.deepEqual(named.AssignedIpv4Prefixes, [{ Ipv4Prefix: '172.31.7.32/28' }]);
    const counted = await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: id, Ipv4PrefixCount: 2 }));
    assert.equal(counted.AssignedIpv4Prefixes!.length, 2);
    assert.equal(counted.AssignedPrivateIpAddresses, undefined);
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 1 - 48);
    const prefixes = (await describeOne(id)).Ipv4Prefixes!.map((p) => p.Ipv4Prefix!);
    assert.equal(prefixes.length, 3);
    for (const p of prefixes) assert.equal(parseIpv4Cidr(p)!.base % 16, 0, `${p} is aligned`);
    const inside = await awsError(create({ PrivateIpAddress: '172.31.7.40' }));
    assert.equal(inside.code, 'InvalidIPAddress.InUse', 'an address inside a delegated prefix is taken');
    const other = await create();
    const inside2 = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: other.NetworkInterfaceId!, PrivateIpAddresses: ['172.31.7.33'], AllowReassignment: true })));
    assert.equal(inside2.code, 'InvalidIPAddress.InUse', 'prefix addresses are not reassignable');

    await ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, Ipv4Prefixes: ['172.31.7.32/28'] }));
    assert.equal(await availableIpCount(ec2, subnet.id), 4091 - 2 - 32);
    const notOurs = await awsError(ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: id, Ipv4Prefixes: ['172.31.7.32/28'] })));
    assert.equal(notOurs.code, 'InvalidParameterValue');
    await create({ PrivateIpAddress: '172.31.7.40' });
    await checkSubnetAccounting(server, subnet.id);
  });

  it('exhausts a /28 (11 usable) with no duplicate and no reserved address, then reuses a freed one', async () => {
    const small = await smallSubnet('10.30.0.0/28');
    subnet = { ...subnet, id: small };
    const usable = usableAddresses('10.30.0.0/28');
    assert.equal(usable.length, 11);
    assert.equal(await availableIpCount(ec2, small), 11);
    const enis: NetworkInterface[] = [];
    for (let i = 0; i < 11; i++) {
      enis.push(await create());
      assert.equal(await availableIpCount(ec2, small), 10 - i);
    }
    assert.deepEqual(enis.map((e) => e.PrivateIpAddress!).sort(), [...usable].sort(), 'exactly the usable addresses, once each');
    const full = await awsError(create());
    assert.equal(full.code, 'InsufficientFreeAddressesInSubnet');
    const fullAssign = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: enis[0]!.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(fullAssign.code, 'InsufficientFreeAddressesInSubnet');
    const prefix = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: enis[0]!.NetworkInterfaceId!, Ipv4PrefixCount: 1 })));
    assert.equal(prefix.code, 'InsufficientFreeAddressesInSubnet');

    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: enis[4]!.NetworkInterfaceId! }));
    assert.equal(await availableIpCount(ec2, small), 1);
    const again = await create();
    assert.equal(again.PrivateIpAddress, enis[4]!.PrivateIpAddress, 'the only free address');
    assert.equal(await availableIpCount(ec2, small), 0);
    await checkSubnetAccounting(server, small);
  });

  it('is all or nothing: a count larger than what is free takes nothing', async () => {
    const small = await smallSubnet('10.30.0.0/28');
    subnet = { ...subnet, id: small };
    const eni = await create({ SecondaryPrivateIpAddressCount: 7 });
    assert.equal(await availableIpCount(ec2, small), 3);
    const tooMany = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 4 })));
    assert.equal(tooMany.code, 'InsufficientFreeAddressesInSubnet');
    const tooManyCreate = await awsError(create({ SecondaryPrivateIpAddressCount: 3 }));
    assert.equal(tooManyCreate.code, 'InsufficientFreeAddressesInSubnet');
    assert.equal(await availableIpCount(ec2, small), 3);
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 3 }));
    const all = await addressesOf(eni.NetworkInterfaceId!);
    assert.deepEqual([...all].sort(), usableAddresses('10.30.0.0/28').sort());
    await checkSubnetAccounting(server, small);
  });

  it('fits /28 prefixes only where no reserved or held address is', async () => {
    const small = await smallSubnet('10.30.0.0/26');
    subnet = { ...subnet, id: small };
    const eni = await create({ PrivateIpAddress: '10.30.0.4' });
    const two = await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv4PrefixCount: 2 }));
    assert.deepEqual(two.AssignedIpv4Prefixes!.map((p) => p.Ipv4Prefix).sort(), ['10.30.0.16/28', '10.30.0.32/28']);
    const third = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv4PrefixCount: 1 })));
    assert.equal(third.code, 'InsufficientFreeAddressesInSubnet', 'the first and last /28 hold reserved addresses');
    assert.equal(await availableIpCount(ec2, small), 59 - 1 - 32);
    await checkSubnetAccounting(server, small);
  });

  it('picks addresses at random across the subnet, not the lowest free ones', async () => {
    const picked: number[] = [];
    for (let i = 0; i < 30; i++) picked.push(parseIpv4((await create()).PrivateIpAddress!)!);
    const lowest = usableAddresses(subnet.cidr_block).slice(0, 30).map((a) => parseIpv4(a)!);
    assert.notDeepEqual([...picked].sort((a, b) => a - b), lowest);
    assert.ok(new Set(picked.map((a) => a >>> 8)).size > 1, 'picks spread over more than one /24');
    await checkSubnetAccounting(server, subnet.id);
  });

  it('keeps addresses unique and counts exact under many concurrent creates in a small subnet', async () => {
    const small = await smallSubnet('10.30.0.0/27');
    const clients = [ec2, server.client(), server.client()];
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        clients[i % clients.length]!.send(new CreateNetworkInterfaceCommand({ SubnetId: small })),
      ),
    );
    const created = results.filter((r) => r.status === 'fulfilled').map((r) => r.value.NetworkInterface!);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { name: string }).name);
    assert.equal(created.length, 27, 'a /27 has 27 usable addresses');
    assert.deepEqual([...new Set(failed)], ['InsufficientFreeAddressesInSubnet']);
    const addresses = created.map((e) => e.PrivateIpAddress!);
    assert.equal(new Set(addresses).size, 27, 'no address handed out twice');
    assert.deepEqual([...addresses].sort(), usableAddresses('10.30.0.0/27').sort());
    assert.equal(await availableIpCount(ec2, small), 0);
    assert.equal(new Set(created.map((e) => e.MacAddress)).size, 27);

    // Half of them go away while others take secondary addresses, all at once.
    const churn = await Promise.allSettled([
      ...created.slice(0, 13).map((e) => ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: e.NetworkInterfaceId! }))),
      ...created.slice(13).map((e) =>
        ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: e.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 1 })),
      ),
    ]);
    const assigned = churn.slice(13).filter((r) => r.status === 'fulfilled').length;
    const held = await checkSubnetAccounting(server, small);
    assert.equal(held.length, 14 + assigned);
    assert.equal(new Set(held).size, held.length);
    assert.equal(await availableIpCount(ec2, small), 27 - held.length);
  });

  it('assigns and unassigns IPv6 addresses and /80 prefixes from the subnet /64', async () => {
    const dual = await smallSubnet('10.30.1.0/24', true);
    subnet = { ...subnet, id: dual };
    const eni = await create();
    const id = eni.NetworkInterfaceId!;
    const counted = await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6AddressCount: 2 }));
    assert.equal(counted.NetworkInterfaceId, id);
    assert.equal(counted.AssignedIpv6Addresses!.length, 2);
    const stem = ipv6Stem(await describeVpcBlock());
    const named = await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6Addresses: [`${stem}:0:0:0:ABC`] }));
    assert.deepEqual(named.AssignedIpv6Addresses, [canonicalIpv6(`${stem}::abc`)]);
    const described = await describeOne(id);
    assert.equal(described.Ipv6Addresses!.length, 3);
    assert.equal(await availableIpCount(ec2, dual), 251 - 1, 'IPv6 addresses do not count against IPv4 availability');

    const other = await create();
    const taken = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: other.NetworkInterfaceId!, Ipv6Addresses: [`${stem}::abc`] })));
    assert.equal(taken.code, 'InvalidIPAddress.InUse', 'IPv6 addresses are never reassigned');
    for (const address of [`${stem}::2`, '2001:db8::1', 'nope']) {
      const e = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6Addresses: [address] })));
      assert.equal(e.code, 'InvalidParameterValue', address);
    }
    const combo = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6AddressCount: 1, Ipv6PrefixCount: 1 })));
    assert.equal(combo.code, 'InvalidParameterCombination');
    const none = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id })));
    assert.equal(none.code, 'MissingParameter');

    const prefixes = await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6PrefixCount: 1 }));
    assert.equal(prefixes.AssignedIpv6Prefixes!.length, 1);
    const named80 = await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6Prefixes: [`${stem}:77::/80`] }));
    assert.deepEqual(named80.AssignedIpv6Prefixes, [canonicalIpv6(`${stem}:77::/80`)]);
    const insidePrefix = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: other.NetworkInterfaceId!, Ipv6Addresses: [`${stem}:77::9`] })));
    assert.equal(insidePrefix.code, 'InvalidIPAddress.InUse', 'an address inside a delegated /80 is taken');
    const edge = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: other.NetworkInterfaceId!, Ipv6Prefixes: [`${stem}::/80`] })));
    assert.equal(edge.code, 'InvalidParameterValue', 'the first /80 holds reserved addresses');

    const unassigned = await ec2.send(
      new UnassignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6Addresses: [`${stem}::ABC`], Ipv6Prefixes: [`${stem}:77::/80`] }),
    );
    assert.deepEqual(unassigned.UnassignedIpv6Addresses, [canonicalIpv6(`${stem}::abc`)]);
    assert.deepEqual(unassigned.UnassignedIpv6Prefixes, [canonicalIpv6(`${stem}:77::/80`)]);
    const after = await describeOne(id);
    assert.equal(after.Ipv6Addresses!.length, 2);
    assert.equal(after.Ipv6Prefixes!.length, 1);
    await ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: other.NetworkInterfaceId!, Ipv6Addresses: [`${stem}::abc`, `${stem}:77::9`] }));
    const notOurs = await awsError(ec2.send(new UnassignIpv6AddressesCommand({ NetworkInterfaceId: id, Ipv6Addresses: [`${stem}::abc`] })));
    assert.equal(notOurs.code, 'InvalidParameterValue');

    const v4only = await create({ SubnetId: (await defaultSubnet(server)).id });
    const noIpv6 = await awsError(ec2.send(new AssignIpv6AddressesCommand({ NetworkInterfaceId: v4only.NetworkInterfaceId!, Ipv6AddressCount: 1 })));
    assert.equal(noIpv6.code, 'InvalidParameterValue');

    async function describeVpcBlock(): Promise<string> {
      const row = await server.store.read((tx) => tx.get<{ cidr: string }>('SELECT cidr FROM subnet_ipv6_cidr_blocks WHERE subnet_id = ?', [dual]));
      return row!.cidr;
    }
  });

  it('keeps the primary IPv6 address', async () => {
    const dual = await smallSubnet('10.30.1.0/24', true);
    const eni = await eniInSubnet(ec2, dual, { Ipv6AddressCount: 1, EnablePrimaryIpv6: true });
    const e = await awsError(ec2.send(new UnassignIpv6AddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv6Addresses: [eni.Ipv6Address!] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.ok(parseIpv6(eni.Ipv6Address!) !== undefined);
  });

  it('applies per-ENI address limits only while attached, counting each prefix as one', async () => {
    const free = await create();
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: free.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 10 }));
    assert.equal((await addressesOf(free.NetworkInterfaceId!)).length, 11, 'an unattached ENI has no limit');

    const eni = await create({ SecondaryPrivateIpAddressCount: 1 });
    // A t3.small takes 4 private IPv4 addresses per interface.
    const instance = await runOne(ec2, { InstanceType: 't3.small', SubnetId: subnet.id });
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: instance, NetworkInterfaceId: eni.NetworkInterfaceId!, DeviceIndex: 1 }));
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv4PrefixCount: 1 }));
    await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 1 }));
    const over = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, SecondaryPrivateIpAddressCount: 1 })));
    assert.equal(over.code, 'PrivateIpAddressLimitExceeded');
    assert.equal(over.message, 'Number of private addresses will exceed limit.');
    const overPrefix = await awsError(ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: eni.NetworkInterfaceId!, Ipv4PrefixCount: 1 })));
    assert.equal(overPrefix.code, 'PrivateIpAddressLimitExceeded');
    assert.equal((await addressesOf(eni.NetworkInterfaceId!)).length, 3);
  });
});
