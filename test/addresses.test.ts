import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateNetworkInterfaceCommand,
  CreateTagsCommand,
  DescribeAddressesAttributeCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeTagsCommand,
  ReleaseAddressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { parseIpv4, parseIpv4Cidr } from '../src/net/ipv4.js';
import { configureElasticIpPool, DEFAULT_ELASTIC_IP_POOL } from '../src/resources/public-ipv4/pool.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { bootstrap, defaultSubnet } from './helpers/eni-fixtures.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';

const OWNER = '123456789012';
const OTHER = '111122223333';
const inPool = (ip: string, pool = DEFAULT_ELASTIC_IP_POOL) => {
  const cidr = parseIpv4Cidr(pool)!;
  const a = parseIpv4(ip)!;
  return a >= cidr.base && a < cidr.base + 2 ** (32 - cidr.prefix);
};

describe('Elastic IPs: allocate, describe, release', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let other: EC2Client;

  const allocate = async (input: ConstructorParameters<typeof AllocateAddressCommand>[0] = {}) =>
    ec2.send(new AllocateAddressCommand({ Domain: 'vpc', ...input }));
  const describeAll = async (client = ec2) => (await client.send(new DescribeAddressesCommand({}))).Addresses!;

  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: OWNER });
    other = server.client({ accessKeyId: OTHER });
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
  });
  afterEach(() => configureElasticIpPool(DEFAULT_ELASTIC_IP_POOL));

  describe('AllocateAddress', () => {
    it('hands out an address of 198.18.0.0/15 in the vpc domain, Amazon pool, region border group', async () => {
      const a = await allocate();
      assert.match(a.AllocationId!, /^eipalloc-[0-9a-f]{17}$/);
      assert.ok(inPool(a.PublicIp!), `${a.PublicIp} is in ${DEFAULT_ELASTIC_IP_POOL}`);
      assert.equal(a.Domain, 'vpc');
      assert.equal(a.PublicIpv4Pool, 'amazon');
      assert.equal(a.NetworkBorderGroup, 'us-east-1');
      const [described] = await describeAll();
      // Unassociated and untagged: no association fields and no tagSet, as in the API reference's examples.
      assert.deepEqual(described, {
        AllocationId: a.AllocationId, PublicIp: a.PublicIp, Domain: 'vpc', PublicIpv4Pool: 'amazon',
        NetworkBorderGroup: 'us-east-1',
      });
    });

    it('answers Domain=standard (and no Domain) with a vpc address; refuses other domains', async () => {
      assert.equal((await allocate({ Domain: 'standard' })).Domain, 'vpc');
      assert.equal((await ec2.send(new AllocateAddressCommand({}))).Domain, 'vpc');
      const e = await awsError(allocate({ Domain: 'classic' as 'vpc' }));
      assert.equal(e.code, 'InvalidParameterValue');
    });

    it('stores TagSpecification tags (elastic-ip) and accepts CreateTags on eipalloc ids', async () => {
      const a = await allocate({ TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Name', Value: 'web' }] }] });
      await ec2.send(new CreateTagsCommand({ Resources: [a.AllocationId!], Tags: [{ Key: 'env', Value: 'test' }] }));
      const [described] = await describeAll();
      assert.deepEqual(described!.Tags, [{ Key: 'Name', Value: 'web' }, { Key: 'env', Value: 'test' }]);
      const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['elastic-ip'] }] }));
      assert.deepEqual(tags.Tags!.map((t) => [t.ResourceId, t.Key]), [[a.AllocationId, 'Name'], [a.AllocationId, 'env']]);
      const wrongType = await awsError(allocate({ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }));
      assert.equal(wrongType.code, 'InvalidParameterValue');
      const unknown = await awsError(
        ec2.send(new CreateTagsCommand({ Resources: ['eipalloc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
      );
      assert.equal(unknown.code, 'InvalidAllocationID.NotFound');
      assert.equal((await describeAll()).length, 1, 'the refused allocation left nothing behind');
    });

    it('enforces 5 addresses per region with AddressLimitExceeded, per account and region', async () => {
      for (let i = 0; i < 5; i++) await allocate();
      const e = await awsError(allocate());
      assert.equal(e.code, 'AddressLimitExceeded');
      assert.equal(e.message, 'The maximum number of addresses has been reached.');
      assert.equal(e.status, 400);
      // Another account and another region each have their own five.
      await other.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const west = server.client({ accessKeyId: OWNER, region: 'us-west-2' });
      assert.equal((await west.send(new AllocateAddressCommand({ Domain: 'vpc' }))).NetworkBorderGroup, 'us-west-2');
      // Releasing one frees its place.
      const [first] = await describeAll();
      await ec2.send(new ReleaseAddressCommand({ AllocationId: first!.AllocationId }));
      await allocate();
      assert.equal((await describeAll()).length, 5);
    });

    it('counts the quota exactly under concurrent allocations', async () => {
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => allocate()));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
      assert.equal((await describeAll()).length, 5);
    });

    it('recovers a released address with Address, unless another account holds it or it is outside the pool', async () => {
      const a = await allocate();
      await ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId }));
      const recovered = await allocate({ Address: a.PublicIp });
      assert.equal(recovered.PublicIp, a.PublicIp);
      assert.notEqual(recovered.AllocationId, a.AllocationId);

      const taken = await awsError(other.send(new AllocateAddressCommand({ Domain: 'vpc', Address: a.PublicIp })));
      assert.equal(taken.code, 'InvalidAddress.NotFound');
      const outside = await awsError(allocate({ Address: '203.0.113.7' }));
      assert.equal(outside.code, 'InvalidAddress.NotFound');
      const malformed = await awsError(allocate({ Address: '198.18.0.300' }));
      assert.equal(malformed.code, 'InvalidParameterValue');
    });

    it('refuses pools and border groups that do not exist here', async () => {
      assert.equal((await allocate({ PublicIpv4Pool: 'amazon', NetworkBorderGroup: 'us-east-1' })).PublicIpv4Pool, 'amazon');
      for (const input of [
        { PublicIpv4Pool: 'ipv4pool-ec2-0123456789abcdef0' },
        { CustomerOwnedIpv4Pool: 'ipv4pool-coip-0123456789abcdef0' },
        { IpamPoolId: 'ipam-pool-0123456789abcdef0' },
        { NetworkBorderGroup: 'us-west-2' },
      ]) {
        assert.equal((await awsError(allocate(input))).code, 'InvalidParameterValue', JSON.stringify(input));
      }
    });

    it('keeps public addresses unique across accounts and fills a small pool to its last address', async () => {
      // A /29 gives 6 addresses (network and broadcast skipped): five for one account, one for another, then none.
      configureElasticIpPool('198.18.7.0/29');
      const mine = await Promise.all(Array.from({ length: 5 }, () => allocate()));
      const theirs = await other.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      const all = [...mine.map((a) => a.PublicIp!), theirs.PublicIp!];
      assert.equal(new Set(all).size, 6);
      assert.deepEqual(all.sort(), ['198.18.7.1', '198.18.7.2', '198.18.7.3', '198.18.7.4', '198.18.7.5', '198.18.7.6']);
      const third = server.client({ accessKeyId: '444455556666' });
      const e = await awsError(third.send(new AllocateAddressCommand({ Domain: 'vpc' })));
      assert.equal(e.code, 'InsufficientAddressCapacity');
      // The refused allocation took no quota: after a release the same account allocates again.
      await other.send(new ReleaseAddressCommand({ AllocationId: theirs.AllocationId }));
      assert.equal((await third.send(new AllocateAddressCommand({ Domain: 'vpc' }))).PublicIp, theirs.PublicIp);
    });

    it('takes any IPv4 block as its pool, down to a single address, and refuses anything else', async () => {
      configureElasticIpPool('198.18.9.9/32');
      assert.equal((await allocate()).PublicIp, '198.18.9.9');
      assert.equal((await awsError(allocate())).code, 'InsufficientAddressCapacity');
      assert.throws(() => configureElasticIpPool('198.18.0.0'), /IPv4 CIDR block/);
    });

    it('DryRun answers DryRunOperation and allocates nothing', async () => {
      const e = await awsError(allocate({ DryRun: true }));
      assert.equal(e.code, 'DryRunOperation');
      assert.equal(e.status, 412);
      assert.deepEqual(await describeAll(), []);
    });
  });

  describe('DescribeAddresses', () => {
    it('finds addresses by AllocationId.N and PublicIp.N; unknown ones fail the whole call', async () => {
      const a = await allocate();
      const b = await allocate();
      const byId = await ec2.send(new DescribeAddressesCommand({ AllocationIds: [b.AllocationId!] }));
      assert.deepEqual(byId.Addresses!.map((x) => x.AllocationId), [b.AllocationId]);
      const byIp = await ec2.send(new DescribeAddressesCommand({ PublicIps: [a.PublicIp!, b.PublicIp!] }));
      assert.deepEqual(byIp.Addresses!.map((x) => x.PublicIp), [a.PublicIp, b.PublicIp]);

      const missing = await awsError(
        ec2.send(new DescribeAddressesCommand({ AllocationIds: [a.AllocationId!, 'eipalloc-0123456789abcdef0'] })),
      );
      assert.equal(missing.code, 'InvalidAllocationID.NotFound');
      assert.equal(missing.message, "The allocation ID 'eipalloc-0123456789abcdef0' does not exist");
      const malformed = await awsError(ec2.send(new DescribeAddressesCommand({ AllocationIds: ['eip-123'] })));
      assert.equal(malformed.code, 'InvalidAllocationID.Malformed');
      const unknownIp = await awsError(ec2.send(new DescribeAddressesCommand({ PublicIps: ['198.18.255.254'] })));
      assert.equal(unknownIp.code, 'InvalidAddress.NotFound');
      assert.equal(unknownIp.message, "Address '198.18.255.254' not found.");
    });

    it('never shows or finds another account\'s addresses', async () => {
      const a = await allocate();
      assert.deepEqual(await describeAll(other), []);
      const e = await awsError(other.send(new DescribeAddressesCommand({ AllocationIds: [a.AllocationId!] })));
      assert.equal(e.code, 'InvalidAllocationID.NotFound');
      const byIp = await awsError(other.send(new DescribeAddressesCommand({ PublicIps: [a.PublicIp!] })));
      assert.equal(byIp.code, 'InvalidAddress.NotFound');
    });

    it('supports every filter of the API reference, tags and wildcards', async () => {
      const subnet = await defaultSubnet(server);
      const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet.id, SecondaryPrivateIpAddressCount: 1 })))
        .NetworkInterface!;
      const secondary = eni.PrivateIpAddresses!.find((p) => !p.Primary)!.PrivateIpAddress!;
      const a = await allocate({ TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'role', Value: 'web-1' }] }] });
      const b = await allocate();
      const { AssociationId } = await ec2.send(
        new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIpAddress: secondary }),
      );
      const ids = async (Name: string, Values: string[]) =>
        (await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name, Values }] }))).Addresses!.map((x) => x.AllocationId);

      assert.deepEqual(await ids('allocation-id', [b.AllocationId!]), [b.AllocationId]);
      assert.deepEqual(await ids('association-id', [AssociationId!]), [a.AllocationId]);
      assert.deepEqual(await ids('network-interface-id', [eni.NetworkInterfaceId!]), [a.AllocationId]);
      assert.deepEqual(await ids('network-interface-owner-id', [OWNER]), [a.AllocationId]);
      assert.deepEqual(await ids('private-ip-address', [secondary]), [a.AllocationId]);
      assert.deepEqual(await ids('public-ip', [b.PublicIp!]), [b.AllocationId]);
      assert.deepEqual(await ids('public-ip', ['198.1*']), [a.AllocationId, b.AllocationId]);
      assert.deepEqual(await ids('network-border-group', ['us-east-1']), [a.AllocationId, b.AllocationId]);
      assert.deepEqual(await ids('domain', ['vpc']), [a.AllocationId, b.AllocationId]);
      assert.deepEqual(await ids('instance-id', ['i-0123456789abcdef0']), []);
      assert.deepEqual(await ids('tag:role', ['web-*']), [a.AllocationId]);
      assert.deepEqual(await ids('tag-key', ['role']), [a.AllocationId]);
      const bad = await awsError(ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'state', Values: ['x'] }] })));
      assert.equal(bad.code, 'InvalidParameterValue');
      assert.equal(bad.message, "The filter 'state' is invalid");
    });
  });

  describe('ReleaseAddress', () => {
    it('releases an unassociated address; twice is InvalidAllocationID.NotFound; its tags go with it', async () => {
      const a = await allocate({ TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'k', Value: 'v' }] }] });
      await ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId }));
      assert.deepEqual(await describeAll(), []);
      const again = await awsError(ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId })));
      assert.equal(again.code, 'InvalidAllocationID.NotFound');
      assert.equal(again.message, `The allocation ID '${a.AllocationId}' does not exist`);
      const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [a.AllocationId!] }] }));
      assert.deepEqual(tags.Tags, []);
    });

    it('refuses another account, a malformed id, a wrong border group and a missing id', async () => {
      const a = await allocate();
      assert.equal((await awsError(other.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId })))).code, 'InvalidAllocationID.NotFound');
      assert.equal((await awsError(ec2.send(new ReleaseAddressCommand({ AllocationId: 'eipalloc-xyz' })))).code, 'InvalidAllocationID.Malformed');
      const border = await awsError(ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId, NetworkBorderGroup: 'us-west-2' })));
      assert.equal(border.code, 'InvalidAddress.NotFound');
      assert.equal((await awsError(ec2.send(new ReleaseAddressCommand({})))).code, 'MissingParameter');
      assert.equal((await describeAll()).length, 1);
    });

    it('releases by the legacy PublicIp', async () => {
      const a = await allocate();
      await ec2.send(new ReleaseAddressCommand({ PublicIp: a.PublicIp }));
      assert.deepEqual(await describeAll(), []);
      assert.equal((await awsError(ec2.send(new ReleaseAddressCommand({ PublicIp: a.PublicIp })))).code, 'InvalidAddress.NotFound');
    });

    it('refuses an associated address outside the default VPC (InvalidIPAddress.InUse)', async () => {
      const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.40.0.0/16', '10.40.1.0/24', 'us-east-1a');
      await attachNewGateway(ec2, vpcId);
      const eni = await eniInSubnet(ec2, subnetId);
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      const e = await awsError(ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId })));
      assert.equal(e.code, 'InvalidIPAddress.InUse');
      assert.equal((await describeAll())[0]!.NetworkInterfaceId, eni.NetworkInterfaceId);
    });

    it('disassociates and releases an address associated in the default VPC', async () => {
      const subnet = await defaultSubnet(server);
      const eni = await eniInSubnet(ec2, subnet.id);
      const a = await allocate();
      await ec2.send(new AssociateAddressCommand({ AllocationId: a.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      await ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId }));
      assert.deepEqual(await describeAll(), []);
      const [after] = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni.NetworkInterfaceId!] }))).NetworkInterfaces!;
      assert.equal(after!.Association, undefined);
    });

    it('DryRun releases nothing', async () => {
      const a = await allocate();
      assert.equal((await awsError(ec2.send(new ReleaseAddressCommand({ AllocationId: a.AllocationId, DryRun: true })))).code, 'DryRunOperation');
      assert.equal((await describeAll()).length, 1);
    });
  });

  describe('DescribeAddressesAttribute', () => {
    it('knows the caller\'s allocations (no PTR records) and refuses unknown ones', async () => {
      const a = await allocate();
      const answer = await ec2.send(new DescribeAddressesAttributeCommand({ AllocationIds: [a.AllocationId!], Attribute: 'domain-name' }));
      assert.deepEqual(answer.Addresses, []);
      const e = await awsError(other.send(new DescribeAddressesAttributeCommand({ AllocationIds: [a.AllocationId!], Attribute: 'domain-name' })));
      assert.equal(e.code, 'InvalidAllocationID.NotFound');
    });
  });
});
