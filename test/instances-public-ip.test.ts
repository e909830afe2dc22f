import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DisassociateAddressCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { parseIpv4, parseIpv4Cidr, cidrContainsAddress } from '../src/net/ipv4.js';
import {
  configureElasticIpPool,
  configurePublicIpv4Pool,
  DEFAULT_ELASTIC_IP_POOL,
  DEFAULT_PUBLIC_IPV4_POOL,
} from '../src/resources/public-ipv4/pool.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import { DEFAULT_ACCOUNT, query } from './helpers/seed.js';
import { attachNewGateway, eniInSubnet } from './helpers/network.js';
import { createNetwork, describeEni, describeInstance, runInstances, runOne, type TestNetwork } from './helpers/instance-fixtures.js';

describe('auto-assigned public IPv4 (addressing.md §6)', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  const inDefaultPool = (ip: string | undefined) =>
    ip !== undefined && cidrContainsAddress(parseIpv4Cidr(DEFAULT_PUBLIC_IPV4_POOL)!, parseIpv4(ip)!);
  const mapPublicIp = (SubnetId: string, Value: boolean) =>
    ec2.send(new ModifySubnetAttributeCommand({ SubnetId, MapPublicIpOnLaunch: { Value } }));

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
  afterEach(() => {
    configurePublicIpv4Pool(DEFAULT_PUBLIC_IPV4_POOL);
    configureElasticIpPool(DEFAULT_ELASTIC_IP_POOL);
  });
  /** The auto-assigned addresses the pool's books hold (Elastic IPs are held there too, as kind 'elastic'). */
  const heldAuto = () => query<{ ip: string }>(server, `SELECT ip FROM public_ipv4_addresses WHERE kind = 'auto'`);

  it('gives eth0 an address from the pool when the subnet maps public IPs on launch, owned by amazon', async () => {
    await mapPublicIp(net.subnetA, true);
    const instance = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
    assert.ok(inDefaultPool(instance.PublicIpAddress), `${instance.PublicIpAddress} comes from ${DEFAULT_PUBLIC_IPV4_POOL}`);
    assert.equal(instance.PublicDnsName, `ec2-${instance.PublicIpAddress!.replaceAll('.', '-')}.compute-1.amazonaws.com`);
    const eth0 = instance.NetworkInterfaces![0]!;
    assert.deepEqual(eth0.Association, {
      PublicIp: instance.PublicIpAddress,
      PublicDnsName: instance.PublicDnsName,
      IpOwnerId: 'amazon',
    });
    const eni = await describeEni(ec2, eth0.NetworkInterfaceId!);
    assert.equal(eni.Association!.IpOwnerId, 'amazon');
    assert.equal(eni.Association!.AllocationId, undefined, 'not an Elastic IP');
    assert.equal(eni.PrivateIpAddresses![0]!.Association!.PublicIp, instance.PublicIpAddress);
  });

  it('lets the launch flag override the subnet in both directions', async () => {
    const asked = await describeInstance(
      ec2,
      await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, AssociatePublicIpAddress: true }] }),
    );
    assert.ok(inDefaultPool(asked.PublicIpAddress));
    await mapPublicIp(net.subnetA, true);
    const refused = await describeInstance(
      ec2,
      await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA, AssociatePublicIpAddress: false }] }),
    );
    assert.equal(refused.PublicIpAddress, undefined);
    assert.equal(refused.PublicDnsName, '');
  });

  it('gives none to an instance launched with several interfaces, even from a mapping subnet', async () => {
    await mapPublicIp(net.subnetA, true);
    const instance = await describeInstance(
      ec2,
      await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: net.subnetA }, { DeviceIndex: 1, SubnetId: net.subnetA }] }),
    );
    assert.equal(instance.PublicIpAddress, undefined);
  });

  it('lets an existing eth0 keep the setting its subnet had when the ENI was made', async () => {
    await mapPublicIp(net.subnetA, true);
    const snapshot = await eniInSubnet(ec2, net.subnetA);
    await mapPublicIp(net.subnetA, false);
    const instance = await describeInstance(
      ec2,
      await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: snapshot.NetworkInterfaceId }] }),
    );
    assert.ok(inDefaultPool(instance.PublicIpAddress));
  });

  it('shows a public DNS name only when the VPC has DNS hostnames on', async () => {
    await mapPublicIp(net.subnetA, true);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: net.vpcId, EnableDnsHostnames: { Value: false } }));
    const instance = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
    assert.ok(instance.PublicIpAddress);
    assert.equal(instance.PublicDnsName, '');
  });

  it('releases the address at stop, gives a new one at start, keeps it across a reboot, releases it at terminate', async () => {
    await mapPublicIp(net.subnetA, true);
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const first = (await describeInstance(ec2, id)).PublicIpAddress!;
    await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await describeInstance(ec2, id)).PublicIpAddress, first);

    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    const stopped = await describeInstance(ec2, id);
    assert.equal(stopped.PublicIpAddress, undefined);
    assert.equal(stopped.PublicDnsName, '');
    assert.equal(stopped.NetworkInterfaces![0]!.Association, undefined);
    const held = await query<{ ip: string }>(server, 'SELECT ip FROM public_ipv4_addresses');
    assert.deepEqual(held, [], 'the address went back to the pool');

    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    const started = await describeInstance(ec2, id);
    assert.ok(inDefaultPool(started.PublicIpAddress));
    assert.equal(started.PrivateIpAddress, stopped.PrivateIpAddress, 'private addresses are kept');

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(await query(server, 'SELECT ip FROM public_ipv4_addresses'), []);
  });

  it('does not give a new address at start to an instance with a second ENI or an Elastic IP on eth0', async () => {
    await mapPublicIp(net.subnetA, true);
    const twoEnis = await runOne(ec2, { SubnetId: net.subnetA });
    const extra = await eniInSubnet(ec2, net.subnetA);
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: twoEnis, NetworkInterfaceId: extra.NetworkInterfaceId, DeviceIndex: 1 }));
    assert.ok((await describeInstance(ec2, twoEnis)).PublicIpAddress, 'attaching keeps the running instance\'s address');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [twoEnis] }));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [twoEnis] }));
    assert.equal((await describeInstance(ec2, twoEnis)).PublicIpAddress, undefined);

    const withEip = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [withEip] }));
    await attachNewGateway(ec2, net.vpcId);
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: withEip }));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [withEip] }));
    const started = await describeInstance(ec2, withEip);
    assert.equal(started.PublicIpAddress, eip.PublicIp);
    assert.equal(started.NetworkInterfaces![0]!.Association!.IpOwnerId, DEFAULT_ACCOUNT);
  });

  it('hands out each pool address once, across accounts, and answers InsufficientAddressCapacity when none is left', async () => {
    configurePublicIpv4Pool('192.0.2.0/30'); // two usable addresses: .1 and .2
    await mapPublicIp(net.subnetA, true);
    const a = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
    const other = server.client({ accessKeyId: '111122223333' });
    // The other account launches into its default VPC, whose subnets map public IPs on launch.
    const otherInstance = await runInstances(other, {});
    const bIp = (await other.send(new DescribeInstancesCommand({ InstanceIds: [otherInstance.Instances![0]!.InstanceId!] })))
      .Reservations![0]!.Instances![0]!.PublicIpAddress;
    assert.deepEqual([a.PublicIpAddress, bIp].sort(), ['192.0.2.1', '192.0.2.2']);
    const none = await awsError(runInstances(ec2, { SubnetId: net.subnetA }));
    assert.equal(none.code, 'InsufficientAddressCapacity');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [a.InstanceId!] }));
    const again = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
    assert.equal(again.PublicIpAddress, a.PublicIpAddress, 'a released address can be handed out again');
  });

  it('is found by the ip-address, dns-name and association filters', async () => {
    await mapPublicIp(net.subnetA, true);
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    await runOne(ec2, { SubnetId: net.subnetA2 });
    const instance = await describeInstance(ec2, id);
    const ids = async (Name: string, Values: string[]) =>
      (await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name, Values }] }))).Reservations!.flatMap((r) =>
        r.Instances!.map((i) => i.InstanceId),
      );
    assert.deepEqual(await ids('ip-address', [instance.PublicIpAddress!]), [id]);
    assert.deepEqual(await ids('dns-name', [instance.PublicDnsName!]), [id]);
    assert.deepEqual(await ids('network-interface.association.public-ip', [instance.PublicIpAddress!]), [id]);
    assert.deepEqual(await ids('network-interface.association.ip-owner-id', ['amazon']), [id]);
    assert.deepEqual(await ids('network-interface.addresses.association.public-ip', ['198.1*']), [id]);
    const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'association.public-ip', Values: [instance.PublicIpAddress!] }] }));
    assert.equal(enis.NetworkInterfaces!.length, 1);
  });

  it('never hands out an address an Elastic IP holds, when the two ranges overlap', async () => {
    configurePublicIpv4Pool('192.0.2.0/30');
    configureElasticIpPool('192.0.2.0/30');
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc', Address: '192.0.2.1' }));
    assert.equal(eip.PublicIp, '192.0.2.1');
    await mapPublicIp(net.subnetA, true);
    for (let i = 0; i < 3; i++) {
      const instance = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetA }));
      assert.equal(instance.PublicIpAddress, '192.0.2.2');
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    }
    await runOne(ec2, { SubnetId: net.subnetA });
    assert.equal((await awsError(runInstances(ec2, { SubnetId: net.subnetA }))).code, 'InsufficientAddressCapacity');
    // Nor the other way round: the range is full for Elastic IPs too.
    assert.equal((await awsError(ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })))).code, 'InsufficientAddressCapacity');
  });

  it('gives way to an Elastic IP, and comes back when it leaves a running instance that asks for one', async () => {
    await mapPublicIp(net.subnetA, true);
    await attachNewGateway(ec2, net.vpcId);
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const noFlag = await runOne(ec2, { SubnetId: net.subnetA2 });
    const instance = await describeInstance(ec2, id);
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const associate = async (InstanceId: string) =>
      (await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId }))).AssociationId;
    const disassociate = (AssociationId: string | undefined) => ec2.send(new DisassociateAddressCommand({ AssociationId }));

    // An Elastic IP took the auto-assigned address's place: it goes back to the pool.
    const onto = await associate(id);
    assert.deepEqual(await heldAuto(), [], `${instance.PublicIpAddress} left the pool's books`);
    await disassociate(onto);
    const fresh = (await describeInstance(ec2, id)).PublicIpAddress;
    assert.ok(inDefaultPool(fresh));
    await disassociate(await associate(noFlag));
    assert.equal((await describeInstance(ec2, noFlag)).PublicIpAddress, undefined, 'an instance launched without one gets none');
    assert.deepEqual(await heldAuto(), [{ ip: fresh }], 'the released address left the pool\'s books, the new one is in them');

    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    await disassociate(await associate(id));
    assert.equal((await describeInstance(ec2, id)).PublicIpAddress, undefined, 'a stopped instance gets none');
  });
});
