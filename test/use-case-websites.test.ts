/**
 * Use case: several websites on one instance (network-interfaces.md §4.9-4.10, addressing.md §5, §7). Each site has
 * a secondary private address of eth0 and its own Elastic IP on it; a new Elastic IP on an address replaces the old
 * one, the instance type caps the addresses per ENI, and taking a site's address away frees its Elastic IP.
 * AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DescribeAddressesResult, DescribeNetworkInterfacesResult } from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('use case: several websites on one instance through secondary IPs and Elastic IPs, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('maps one Elastic IP per secondary address, replaces one, and stops at the type limit', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.40.0.0/16');
    const [subnet, gateway] = await Promise.all([
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.40.0.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('InternetGateway.InternetGatewayId', 'create-internet-gateway'),
    ]);
    await aws.run('attach-internet-gateway', '--internet-gateway-id', gateway, '--vpc-id', vpc);
    const [instanceId, eni] = (await aws.text(
      'Instances[0].[InstanceId,NetworkInterfaces[0].NetworkInterfaceId]',
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.small', '--subnet-id', subnet, '--private-ip-address', '10.40.0.10',
    )).split(/\s+/) as [string, string];

    // Three sites: two addresses the operator chooses, one EC2 picks. With the primary that is t3.small's 4 per ENI.
    const chosen = await aws.run<{ NetworkInterfaceId: string; AssignedPrivateIpAddresses: { PrivateIpAddress: string }[] }>(
      'assign-private-ip-addresses', '--network-interface-id', eni, '--private-ip-addresses', '10.40.0.11', '10.40.0.12',
    );
    assert.deepEqual(chosen, { NetworkInterfaceId: eni, AssignedPrivateIpAddresses: [{ PrivateIpAddress: '10.40.0.11' }, { PrivateIpAddress: '10.40.0.12' }] });
    const picked = await aws.run<{ AssignedPrivateIpAddresses: { PrivateIpAddress: string }[] }>(
      'assign-private-ip-addresses', '--network-interface-id', eni, '--secondary-private-ip-address-count', '1',
    );
    assert.equal(picked.AssignedPrivateIpAddresses.length, 1);
    const siteA = picked.AssignedPrivateIpAddresses[0]!.PrivateIpAddress;
    assert.match(siteA, /^10\.40\.0\.\d+$/);
    assert.ok(!['10.40.0.10', '10.40.0.11', '10.40.0.12'].includes(siteA), 'EC2 picks a free address');
    const sites = [siteA, '10.40.0.11', '10.40.0.12'];

    // A fourth site does not fit: both forms are refused whole (C), and the ENI keeps its four addresses.
    const [byCount, byAddress] = await Promise.all([
      aws.refusal('assign-private-ip-addresses', '--network-interface-id', eni, '--secondary-private-ip-address-count', '1'),
      aws.refusal('assign-private-ip-addresses', '--network-interface-id', eni, '--private-ip-addresses', siteA === '10.40.0.13' ? '10.40.0.14' : '10.40.0.13'),
    ]);
    for (const refused of [byCount, byAddress]) {
      assert.deepEqual([refused.code, refused.message], ['PrivateIpAddressLimitExceeded', 'Number of private addresses will exceed limit.']);
    }
    const addressesOnEni = async () =>
      (await aws.run<DescribeNetworkInterfacesResult>('describe-network-interfaces', '--network-interface-ids', eni)).NetworkInterfaces![0]!
        .PrivateIpAddresses!;
    assert.deepEqual((await addressesOnEni()).map((a) => a.PrivateIpAddress).sort(), ['10.40.0.10', ...sites].sort());

    // One Elastic IP per site, associated with that site's private address.
    const allocations = await Promise.all(
      [0, 1, 2, 3].map(() => aws.run<{ AllocationId: string; PublicIp: string; Domain: string }>('allocate-address', '--domain', 'vpc')),
    );
    const [eipA, eipB, eipC, spare] = allocations;
    const associations = await Promise.all(
      sites.map((site, i) =>
        aws.text('AssociationId', 'associate-address', '--allocation-id', allocations[i]!.AllocationId, '--network-interface-id', eni, '--private-ip-address', site)),
    );
    for (const association of associations) assert.match(association, /^eipassoc-[0-9a-f]{17}$/);

    const mappings = async () =>
      (await aws.run<DescribeAddressesResult>('describe-addresses', '--filters', `Name=network-interface-id,Values=${eni}`)).Addresses!
        .map((a) => [a.PrivateIpAddress, a.PublicIp, a.AllocationId, a.AssociationId, a.InstanceId, a.NetworkInterfaceOwnerId])
        .sort();
    assert.deepEqual(await mappings(), [
      [siteA, eipA.PublicIp, eipA.AllocationId, associations[0], instanceId, DEFAULT_ACCOUNT],
      ['10.40.0.11', eipB.PublicIp, eipB.AllocationId, associations[1], instanceId, DEFAULT_ACCOUNT],
      ['10.40.0.12', eipC.PublicIp, eipC.AllocationId, associations[2], instanceId, DEFAULT_ACCOUNT],
    ].sort());
    // The ENI shows each site's public address on its private one; the primary has none.
    const publicByPrivate = async () =>
      Object.fromEntries((await addressesOnEni()).map((a) => [a.PrivateIpAddress, a.Association?.PublicIp ?? null]));
    assert.deepEqual(await publicByPrivate(), {
      '10.40.0.10': null,
      [siteA]: eipA.PublicIp,
      '10.40.0.11': eipB.PublicIp,
      '10.40.0.12': eipC.PublicIp,
    });

    // Site B moves to the spare Elastic IP: it replaces B's, which stays allocated to the account, unassociated.
    const replacement = await aws.text('AssociationId', 'associate-address', '--allocation-id', spare.AllocationId, '--network-interface-id', eni,
      '--private-ip-address', '10.40.0.11');
    const [onB, oldB] = await Promise.all([
      aws.run<DescribeAddressesResult>('describe-addresses', '--filters', 'Name=private-ip-address,Values=10.40.0.11'),
      aws.run<DescribeAddressesResult>('describe-addresses', '--allocation-ids', eipB.AllocationId),
    ]);
    assert.deepEqual(onB.Addresses!.map((a) => [a.AllocationId, a.AssociationId, a.NetworkInterfaceId]), [[spare.AllocationId, replacement, eni]]);
    assert.deepEqual(oldB.Addresses!.map((a) => [a.PublicIp, a.AssociationId, a.NetworkInterfaceId, a.PrivateIpAddress]),
      [[eipB.PublicIp, undefined, undefined, undefined]]);
    assert.equal((await publicByPrivate())['10.40.0.11'], spare.PublicIp);

    // Site C is retired: unassigning its address takes its Elastic IP off, and the Elastic IP can then be released.
    await aws.run('unassign-private-ip-addresses', '--network-interface-id', eni, '--private-ip-addresses', '10.40.0.12');
    const freedC = (await aws.run<DescribeAddressesResult>('describe-addresses', '--allocation-ids', eipC.AllocationId)).Addresses![0]!;
    assert.equal(freedC.AssociationId, undefined);
    assert.equal(freedC.PublicIp, eipC.PublicIp);
    await Promise.all([eipB, eipC].map((eip) => aws.run('release-address', '--allocation-id', eip.AllocationId)));
    // Still associated: releasing is refused (C code).
    const inUse = await aws.refusal('release-address', '--allocation-id', eipA.AllocationId);
    assert.equal(inUse.code, 'InvalidIPAddress.InUse');
    assert.deepEqual((await mappings()).map((m) => [m[0], m[1]]).sort(), [[siteA, eipA.PublicIp], ['10.40.0.11', spare.PublicIp]].sort());
  });
});
