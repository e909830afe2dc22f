import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssignPrivateIpAddressesCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  DeleteNetworkInterfaceCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DisassociateAddressCommand,
  ModifyVpcAttributeCommand,
  TerminateInstancesCommand,
  UnassignPrivateIpAddressesCommand,
  type Address,
  type AssociateAddressCommandInput,
  type EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { setReassociationDefault } from '../src/resources/addresses/address-settings.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { query, seed } from './helpers/seed.js';
import { bootstrap, defaultSubnet, type SubnetInfo } from './helpers/eni-fixtures.js';
import { primaryEniOf, runOne } from './helpers/instance-fixtures.js';
import { attachNewGateway, vpcWithSubnet } from './helpers/network.js';

const OWNER = '123456789012';
const OTHER = '111122223333';
const INSTANCE = 'i-0123456789abcdef0';

describe('Elastic IPs: associate and disassociate', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let other: EC2Client;
  let subnet: SubnetInfo;

  const allocate = async () => ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const createEni = async (secondaries = 0, client = ec2, subnetId = subnet.id) =>
    (await client.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, SecondaryPrivateIpAddressCount: secondaries || undefined })))
      .NetworkInterface!;
  const eniNow = async (id: string): Promise<NetworkInterface> =>
    (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces![0]!;
  const addressNow = async (allocationId: string): Promise<Address> =>
    (await ec2.send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }))).Addresses![0]!;
  const secondaryOf = (eni: NetworkInterface, n = 0) => eni.PrivateIpAddresses!.filter((p) => !p.Primary)[n]!.PrivateIpAddress!;
  const associationOf = (eni: NetworkInterface, ip: string) =>
    eni.PrivateIpAddresses!.find((p) => p.PrivateIpAddress === ip)!.Association;
  const eth0Of = async (instanceId: string) => primaryEniOf(ec2, instanceId);
  const attach = (InstanceId: string, NetworkInterfaceId: string, DeviceIndex: number) =>
    ec2.send(new AttachNetworkInterfaceCommand({ InstanceId, NetworkInterfaceId, DeviceIndex }));

  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: OWNER });
    other = server.client({ accessKeyId: OTHER });
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    subnet = await defaultSubnet(server);
  });
  afterEach(() => setReassociationDefault(true));

  describe('AssociateAddress to a network interface', () => {
    it('maps to the primary private IP by default; the ENI and DescribeAddresses agree', async () => {
      const eni = await createEni(1);
      const a = await allocate();
      const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.match(AssociationId!, /^eipassoc-[0-9a-f]{17}$/);
      const seen = await eniNow(eni.NetworkInterfaceId!);
      const expected = {
        PublicIp: a.PublicIp, AllocationId: a.AllocationId, AssociationId, IpOwnerId: OWNER,
        PublicDnsName: `ec2-${a.PublicIp!.replaceAll('.', '-')}.compute-1.amazonaws.com`,
      };
      assert.deepEqual(seen.Association, expected);
      assert.deepEqual(associationOf(seen, seen.PrivateIpAddress!), expected);
      assert.equal(associationOf(seen, secondaryOf(seen)), undefined);
      assert.deepEqual(await addressNow(a.AllocationId!), {
        AllocationId: a.AllocationId, PublicIp: a.PublicIp, Domain: 'vpc', PublicIpv4Pool: 'amazon', NetworkBorderGroup: 'us-east-1',
        AssociationId, NetworkInterfaceId: eni.NetworkInterfaceId, NetworkInterfaceOwnerId: OWNER, PrivateIpAddress: seen.PrivateIpAddress,
      });
    });

    it('maps to a named secondary private IP, which the ENI shows on that address only', async () => {
      const eni = await createEni(2);
      const secondary = secondaryOf(eni, 1);
      const a = await allocate();
      const { AssociationId } = await ec2.send(
        new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: secondary }),
      );
      const seen = await eniNow(eni.NetworkInterfaceId!);
      assert.equal(seen.Association, undefined, 'the primary address has no public IPv4');
      assert.equal(associationOf(seen, secondary)!.AssociationId, AssociationId);
      assert.equal((await addressNow(a.AllocationId!)).PrivateIpAddress, secondary);
    });

    it('omits the public DNS name when the VPC has no DNS hostnames', async () => {
      const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.41.0.0/16', '10.41.0.0/24', 'us-east-1a');
      await attachNewGateway(ec2, vpcId);
      const eni = await createEni(0, ec2, subnetId);
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association!.PublicDnsName, undefined);
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
      assert.ok((await eniNow(eni.NetworkInterfaceId!)).Association!.PublicDnsName!.startsWith('ec2-'));
    });

    it('refuses a private IP that is not the ENI\'s, and parameter mistakes, in AWS\'s order', async () => {
      const eni = await createEni();
      const elsewhere = await createEni();
      const a = await allocate();
      const send = (input: AssociateAddressCommandInput) => awsError(ec2.send(new AssociateAddressCommand(input)));

      const notMine = await send({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: elsewhere.PrivateIpAddress });
      assert.equal(notMine.code, 'InvalidParameterValue');
      assert.equal((await send({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: 'x' })).code, 'InvalidParameterValue');
      assert.equal((await send({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: INSTANCE })).code, 'InvalidParameterCombination');
      assert.equal((await send({ AllocationId: a.AllocationId })).code, 'MissingParameter');
      assert.equal((await send({ NetworkInterfaceId: eni.NetworkInterfaceId })).code, 'MissingParameter');

      const unknown = await send({ AllocationId: 'eipalloc-0123456789abcdef0', NetworkInterfaceId: eni.NetworkInterfaceId });
      assert.equal(unknown.code, 'InvalidAllocationID.NotFound');
      assert.equal(unknown.message, "The allocation ID 'eipalloc-0123456789abcdef0' does not exist");
      assert.equal((await send({ AllocationId: 'eipalloc-1', NetworkInterfaceId: eni.NetworkInterfaceId })).code, 'InvalidAllocationID.Malformed');
      assert.equal((await send({ AllocationId: a.AllocationId, NetworkInterfaceId: 'eni-0123456789abcdef0' })).code, 'InvalidNetworkInterfaceID.NotFound');
      assert.equal((await send({ AllocationId: a.AllocationId, NetworkInterfaceId: 'eni-zz' })).code, 'InvalidNetworkInterfaceId.Malformed');
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, undefined, 'nothing was associated');
    });

    it('needs an internet gateway attached to the ENI\'s VPC (Gateway.NotAttached)', async () => {
      const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.42.0.0/16', '10.42.0.0/24', 'us-east-1b');
      const eni = await createEni(0, ec2, subnetId);
      const a = await allocate();
      const e = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId })));
      assert.equal(e.code, 'Gateway.NotAttached');
      assert.equal(e.message, `Network ${vpcId} is not attached to any internet gateway`);
      await attachNewGateway(ec2, vpcId);
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.equal((await addressNow(a.AllocationId!)).NetworkInterfaceId, eni.NetworkInterfaceId);
    });

    it('refuses an ENI that denies all internet gateway traffic', async () => {
      const eni = await createEni();
      // No action sets denyAllIgwTraffic (AWS sets it on ENIs of its own services).
      await seed(server, 'UPDATE network_interfaces SET deny_all_igw_traffic = 1 WHERE id = ?', [eni.NetworkInterfaceId!]);
      const a = await allocate();
      const e = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, undefined);
    });

    it('associates by the legacy PublicIp', async () => {
      const eni = await createEni();
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ PublicIp: a.PublicIp, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.equal((await addressNow(a.AllocationId!)).NetworkInterfaceId, eni.NetworkInterfaceId);
      const e = await awsError(ec2.send(new AssociateAddressCommand({ PublicIp: '198.18.0.9', NetworkInterfaceId: eni.NetworkInterfaceId })));
      assert.equal(e.code, 'InvalidAddress.NotFound');
    });

    it('DryRun associates nothing', async () => {
      const eni = await createEni();
      const a = await allocate();
      const e = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, DryRun: true })));
      assert.equal(e.code, 'DryRunOperation');
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association, undefined);
    });
  });

  describe('one Elastic IP per private IP, one private IP per Elastic IP', () => {
    it('moves an associated EIP to a new target by default; the old place loses it, the old id stays disassociable', async () => {
      const first = await createEni();
      const second = await createEni(1);
      const a = await allocate();
      const one = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: first.NetworkInterfaceId }));
      const two = await ec2.send(
        new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: second.NetworkInterfaceId, PrivateIpAddress: secondaryOf(second) }),
      );
      assert.notEqual(two.AssociationId, one.AssociationId);
      assert.equal((await eniNow(first.NetworkInterfaceId!)).Association, undefined);
      const now = await addressNow(a.AllocationId!);
      assert.deepEqual([now.AssociationId, now.NetworkInterfaceId, now.PrivateIpAddress], [two.AssociationId, second.NetworkInterfaceId, secondaryOf(second)]);
      // The first association ended: disassociating it again is a no-op, not an error, and leaves the new one alone.
      await ec2.send(new DisassociateAddressCommand({ AssociationId: one.AssociationId }));
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, two.AssociationId);
    });

    it('refuses to move an associated EIP with AllowReassociation=false (Resource.AlreadyAssociated)', async () => {
      const first = await createEni();
      const second = await createEni();
      const a = await allocate();
      const one = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: first.NetworkInterfaceId }));
      const e = await awsError(
        ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: second.NetworkInterfaceId, AllowReassociation: false })),
      );
      assert.equal(e.code, 'Resource.AlreadyAssociated');
      assert.equal(e.message, `resource ${a.AllocationId} is already associated with associate-id ${one.AssociationId}`);
      assert.equal((await addressNow(a.AllocationId!)).NetworkInterfaceId, first.NetworkInterfaceId);
    });

    it('re-associating to the same address is idempotent, even with AllowReassociation=false', async () => {
      const eni = await createEni();
      const a = await allocate();
      const one = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      const again = await ec2.send(
        new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: eni.PrivateIpAddress, AllowReassociation: false }),
      );
      assert.equal(again.AssociationId, one.AssociationId);
    });

    it('a server set to strict reassociation refuses when the flag is omitted and moves when it is true', async () => {
      setReassociationDefault(false);
      const first = await createEni();
      const second = await createEni();
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: first.NetworkInterfaceId }));
      const e = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: second.NetworkInterfaceId })));
      assert.equal(e.code, 'Resource.AlreadyAssociated');
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: second.NetworkInterfaceId, AllowReassociation: true }));
      assert.equal((await addressNow(a.AllocationId!)).NetworkInterfaceId, second.NetworkInterfaceId);
    });

    it('a private IP that holds an EIP takes a new one: the old EIP is disassociated and stays allocated', async () => {
      const eni = await createEni();
      const a = await allocate();
      const b = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      const second = await ec2.send(new AssociateAddressCommand({ AllocationId: b.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      const oldOne = await addressNow(a.AllocationId!);
      assert.equal(oldOne.AssociationId, undefined);
      assert.equal(oldOne.PublicIp, a.PublicIp, 'still allocated');
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association!.AssociationId, second.AssociationId);
    });

    it('holds under concurrent associations of one EIP to many addresses: it ends up on exactly one', async () => {
      const enis = await Promise.all(Array.from({ length: 6 }, () => createEni()));
      const a = await allocate();
      await Promise.all(
        enis.map((e) => ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: e.NetworkInterfaceId }))),
      );
      const holders = (
        await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'association.allocation-id', Values: [a.AllocationId!] }] }))
      ).NetworkInterfaces!;
      assert.equal(holders.length, 1);
      assert.equal(holders[0]!.NetworkInterfaceId, (await addressNow(a.AllocationId!)).NetworkInterfaceId);
    });
  });

  describe('DisassociateAddress', () => {
    it('removes the mapping (the EIP stays allocated); repeating it succeeds; an id that never existed is NotFound', async () => {
      const eni = await createEni();
      const a = await allocate();
      const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new DisassociateAddressCommand({ AssociationId }));
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association, undefined);
      const now = await addressNow(a.AllocationId!);
      assert.deepEqual([now.AssociationId, now.NetworkInterfaceId, now.PrivateIpAddress], [undefined, undefined, undefined]);
      await ec2.send(new DisassociateAddressCommand({ AssociationId }));

      const never = await awsError(ec2.send(new DisassociateAddressCommand({ AssociationId: 'eipassoc-0123456789abcdef0' })));
      assert.equal(never.code, 'InvalidAssociationID.NotFound');
      assert.equal(never.message, "The association ID 'eipassoc-0123456789abcdef0' does not exist");
      assert.equal((await awsError(ec2.send(new DisassociateAddressCommand({})))).code, 'MissingParameter');
      // Another account cannot end (or even see) the caller's association.
      const again = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.equal((await awsError(other.send(new DisassociateAddressCommand({ AssociationId: again.AssociationId })))).code, 'InvalidAssociationID.NotFound');
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, again.AssociationId);
    });

    it('disassociates by the legacy PublicIp', async () => {
      const eni = await createEni();
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new DisassociateAddressCommand({ PublicIp: a.PublicIp }));
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, undefined);
    });

    it('DryRun disassociates nothing', async () => {
      const eni = await createEni();
      const a = await allocate();
      const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      assert.equal((await awsError(ec2.send(new DisassociateAddressCommand({ AssociationId, DryRun: true })))).code, 'DryRunOperation');
      assert.equal((await addressNow(a.AllocationId!)).AssociationId, AssociationId);
    });
  });

  describe('what the ENI\'s own life does to its Elastic IPs', () => {
    it('DeleteNetworkInterface disassociates its EIPs, which stay allocated', async () => {
      const eni = await createEni(1);
      const a = await allocate();
      const b = await allocate();
      const one = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new AssociateAddressCommand({ AllocationId: b.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: secondaryOf(eni) }));
      await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId }));
      const left = (await ec2.send(new DescribeAddressesCommand({}))).Addresses!;
      assert.deepEqual(left.map((x) => [x.AllocationId, x.AssociationId]), [[a.AllocationId, undefined], [b.AllocationId, undefined]]);
      await ec2.send(new DisassociateAddressCommand({ AssociationId: one.AssociationId }));
      // The address can serve elsewhere at once.
      const next = await createEni();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: next.NetworkInterfaceId }));
      assert.equal((await addressNow(a.AllocationId!)).NetworkInterfaceId, next.NetworkInterfaceId);
    });

    it('an unassigned secondary address loses its EIP; a reassigned one takes it along', async () => {
      const source = await createEni(2);
      const target = await createEni();
      const [keep, move] = [secondaryOf(source, 0), secondaryOf(source, 1)];
      const a = await allocate();
      const b = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: source.NetworkInterfaceId, PrivateIpAddress: keep }));
      await ec2.send(new AssociateAddressCommand({ AllocationId: b.AllocationId, NetworkInterfaceId: source.NetworkInterfaceId, PrivateIpAddress: move }));

      await ec2.send(new AssignPrivateIpAddressesCommand({ NetworkInterfaceId: target.NetworkInterfaceId, PrivateIpAddresses: [move], AllowReassignment: true }));
      assert.deepEqual(
        [(await addressNow(b.AllocationId!)).NetworkInterfaceId, (await addressNow(b.AllocationId!)).PrivateIpAddress],
        [target.NetworkInterfaceId, move],
      );
      assert.equal(associationOf(await eniNow(target.NetworkInterfaceId!), move)!.AllocationId, b.AllocationId);

      await ec2.send(new UnassignPrivateIpAddressesCommand({ NetworkInterfaceId: source.NetworkInterfaceId, PrivateIpAddresses: [keep] }));
      const unmapped = await addressNow(a.AllocationId!);
      assert.deepEqual([unmapped.AssociationId, unmapped.PublicIp], [undefined, a.PublicIp]);
    });

    it('DescribeNetworkInterfaces association.* and addresses.association.* filters find EIPs', async () => {
      const eni = await createEni(1);
      const a = await allocate();
      const b = await allocate();
      const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new AssociateAddressCommand({ AllocationId: b.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: secondaryOf(eni) }));
      // An instance in a default subnet gets an auto-assigned address on its eth0.
      const plain = await eth0Of(await runOne(ec2, { SubnetId: subnet.id }));
      const ids = async (Name: string, Values: string[]) =>
        (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name, Values }] }))).NetworkInterfaces!.map((n) => n.NetworkInterfaceId);
      const dns = `ec2-${a.PublicIp!.replaceAll('.', '-')}.compute-1.amazonaws.com`;

      assert.deepEqual(await ids('association.allocation-id', [a.AllocationId!]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('association.allocation-id', [b.AllocationId!]), [], 'association.* is the primary address only');
      assert.deepEqual(await ids('association.association-id', [AssociationId!]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('association.public-ip', [a.PublicIp!]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('association.ip-owner-id', [OWNER]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('association.ip-owner-id', ['amazon']), [plain.NetworkInterfaceId]);
      assert.deepEqual(await ids('association.public-dns-name', [dns]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('addresses.association.public-ip', [b.PublicIp!]), [eni.NetworkInterfaceId]);
      assert.deepEqual(await ids('addresses.association.owner-id', [OWNER]), [eni.NetworkInterfaceId]);
    });
  });

  describe('instances as targets', () => {
    it('maps to the only ENI\'s primary address and reports the instance', async () => {
      const instance = await runOne(ec2, { SubnetId: subnet.id });
      const eni = await eth0Of(instance);
      const a = await allocate();
      const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: instance }));
      const now = await addressNow(a.AllocationId!);
      assert.deepEqual(
        [now.AssociationId, now.InstanceId, now.NetworkInterfaceId, now.PrivateIpAddress],
        [AssociationId, instance, eni.NetworkInterfaceId, eni.PrivateIpAddress],
      );
      const byInstance = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [instance] }] }));
      assert.deepEqual(byInstance.Addresses!.map((x) => x.AllocationId), [a.AllocationId]);
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association!.AssociationId, AssociationId);
    });

    it('an instance with several ENIs must be addressed through one of them', async () => {
      const instance = await runOne(ec2, { SubnetId: subnet.id });
      const secondary = await createEni();
      await attach(instance, secondary.NetworkInterfaceId!, 1);
      const a = await allocate();
      const e = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: instance })));
      assert.equal(e.code, 'InvalidInstanceID');
      assert.equal(e.message, `There are multiple interfaces attached to instance '${instance}'. Please specify an interface ID for the operation instead.`);
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: secondary.NetworkInterfaceId }));
      assert.equal((await addressNow(a.AllocationId!)).InstanceId, instance);
    });

    it('refuses unknown, malformed, other accounts\' and terminated instances', async () => {
      const a = await allocate();
      const unknown = await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: INSTANCE })));
      assert.equal(unknown.code, 'InvalidInstanceID.NotFound');
      assert.equal(unknown.message, `The instance ID '${INSTANCE}' does not exist`);
      assert.equal((await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: 'instance-1' })))).code, 'InvalidInstanceID.Malformed');

      const theirs = await runOne(other);
      assert.equal((await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: theirs })))).code, 'InvalidInstanceID.NotFound');

      const gone = await runOne(ec2, { SubnetId: subnet.id });
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
      assert.equal((await awsError(ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: gone })))).code, 'IncorrectInstanceState');
    });
  });

  describe('auto-assigned public IPv4 (addressing.md §6)', () => {
    const heldAutoAddresses = async () => (await query<{ ip: string }>(server, `SELECT ip FROM public_ipv4_addresses WHERE kind = 'auto'`)).map((r) => r.ip);

    it('an EIP releases the auto-assigned address of that private IP', async () => {
      const instance = await runOne(ec2, { SubnetId: subnet.id });
      const eni = await eth0Of(instance);
      const auto = eni.Association!.PublicIp!;
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association!.IpOwnerId, 'amazon');
      assert.deepEqual(await heldAutoAddresses(), [auto]);
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: instance }));
      assert.deepEqual(await heldAutoAddresses(), [], `${auto} went back to the pool`);
      const association = (await eniNow(eni.NetworkInterfaceId!)).Association!;
      assert.deepEqual([association.PublicIp, association.IpOwnerId], [a.PublicIp, OWNER]);
    });

    it('disassociation gives a new auto address only to the primary IP of an instance\'s only ENI', async () => {
      const instance = await runOne(ec2, {
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.id, SecondaryPrivateIpAddressCount: 1, AssociatePublicIpAddress: true }],
      });
      const eni = await eth0Of(instance);
      const [a, b] = [await allocate(), await allocate()];
      const toPrimary = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: instance }));
      const toSecondary = await ec2.send(
        new AssociateAddressCommand({ AllocationId: b.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: secondaryOf(eni) }),
      );
      // A secondary address still holds an EIP: no auto address for the primary.
      await ec2.send(new DisassociateAddressCommand({ AssociationId: toPrimary.AssociationId }));
      assert.deepEqual(await heldAutoAddresses(), []);
      assert.equal((await eniNow(eni.NetworkInterfaceId!)).Association, undefined);
      // A secondary address is never given one.
      await ec2.send(new DisassociateAddressCommand({ AssociationId: toSecondary.AssociationId }));
      assert.deepEqual(await heldAutoAddresses(), []);
      // The primary, with no EIP left on the ENI: a new auto-assigned address.
      const again = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, InstanceId: instance }));
      await ec2.send(new DisassociateAddressCommand({ AssociationId: again.AssociationId }));
      const association = (await eniNow(eni.NetworkInterfaceId!)).Association!;
      assert.deepEqual(await heldAutoAddresses(), [association.PublicIp]);
      assert.deepEqual([association.IpOwnerId, association.AllocationId], ['amazon', undefined]);
    });

    it('no auto address after disassociation when the instance has several ENIs, or the ENI none', async () => {
      const loose = await createEni();
      const a = await allocate();
      const one = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: loose.NetworkInterfaceId }));
      await ec2.send(new DisassociateAddressCommand({ AssociationId: one.AssociationId }));
      assert.equal((await eniNow(loose.NetworkInterfaceId!)).Association, undefined);

      // eth0 asks for an auto address, but the instance has a second ENI.
      const instance = await runOne(ec2, { SubnetId: subnet.id });
      const primary = await eth0Of(instance);
      await attach(instance, (await createEni()).NetworkInterfaceId!, 1);
      const two = await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: primary.NetworkInterfaceId }));
      await ec2.send(new DisassociateAddressCommand({ AssociationId: two.AssociationId }));
      assert.deepEqual(await heldAutoAddresses(), []);
      assert.equal((await eniNow(primary.NetworkInterfaceId!)).Association, undefined);
    });
  });

  describe('account isolation', () => {
    it('an account can neither use another\'s address nor put its own on another\'s ENI', async () => {
      await bootstrap(other);
      const mine = await allocate();
      const theirEni = await createEni(0, other, (await defaultSubnet(server, { account: OTHER })).id);
      const myEni = await createEni();
      const theirs = await other.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      assert.equal(
        (await awsError(other.send(new AssociateAddressCommand({ AllocationId: mine.AllocationId, NetworkInterfaceId: theirEni.NetworkInterfaceId })))).code,
        'InvalidAllocationID.NotFound',
      );
      assert.equal(
        (await awsError(other.send(new AssociateAddressCommand({ AllocationId: theirs.AllocationId, NetworkInterfaceId: myEni.NetworkInterfaceId })))).code,
        'InvalidNetworkInterfaceID.NotFound',
      );
      assert.equal((await addressNow(mine.AllocationId!)).AssociationId, undefined);
    });
  });
});
