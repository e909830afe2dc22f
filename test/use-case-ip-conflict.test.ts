/**
 * Use case: an IP conflict refused (network-interfaces.md §3 rule 17, §4.1, §4.9; instances.md §1). A private
 * address another ENI holds cannot be taken by a new ENI or a new instance; an existing ENI takes a secondary
 * address only with AllowReassignment, which moves it (and its Elastic IP) instead of duplicating it, and never
 * takes another ENI's primary address. AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DescribeAddressesResult, DescribeNetworkInterfacesResult } from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const IN_USE = ['InvalidIPAddress.InUse', 'The specified address is already in use.'];

describe('use case: an IP conflict refused, and a reassignment instead, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('refuses a held address to new ENIs and instances, and moves a secondary one with --allow-reassignment', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.70.0.0/16');
    const [subnet, gateway] = await Promise.all([
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.70.0.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('InternetGateway.InternetGatewayId', 'create-internet-gateway'),
    ]);
    await aws.run('attach-internet-gateway', '--internet-gateway-id', gateway, '--vpc-id', vpc);
    const free = async () => Number(await aws.text('Subnets[0].AvailableIpAddressCount', 'describe-subnets', '--subnet-ids', subnet));

    const [holder, taker] = await Promise.all([
      aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', subnet, '--private-ip-address', '10.70.0.50',
        '--description', 'holder'),
      aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', subnet, '--private-ip-address', '10.70.0.70',
        '--description', 'taker'),
    ]);
    await aws.run('assign-private-ip-addresses', '--network-interface-id', holder, '--private-ip-addresses', '10.70.0.60');
    const held = await free();
    assert.equal(held, 251 - 3);

    // 10.70.0.50 is taken: a new ENI asking for it, in either form, and a launch asking for it are refused (C).
    const [asPrimary, asListed, asLaunch] = await Promise.all([
      aws.refusal('create-network-interface', '--subnet-id', subnet, '--private-ip-address', '10.70.0.50'),
      aws.refusal('create-network-interface', '--subnet-id', subnet, '--private-ip-addresses', 'PrivateIpAddress=10.70.0.50,Primary=true'),
      aws.refusal('run-instances', '--image-id', AL2_X86, '--instance-type', 't3.small', '--subnet-id', subnet, '--private-ip-address', '10.70.0.50'),
    ]);
    assert.deepEqual([asPrimary.code, asPrimary.message], IN_USE);
    assert.deepEqual([asListed.code, asListed.message], IN_USE);
    assert.equal(asLaunch.code, 'InvalidIPAddress.InUse');
    assert.equal(asLaunch.operation, 'RunInstances');
    // So is a secondary address another ENI holds.
    const secondary = await aws.refusal('create-network-interface', '--subnet-id', subnet, '--private-ip-address', '10.70.0.60');
    assert.deepEqual([secondary.code, secondary.message], IN_USE);
    assert.equal(await free(), held, 'nothing was half-created');
    const launched = await aws.text('Reservations[].Instances[].InstanceId', 'describe-instances', '--filters', `Name=subnet-id,Values=${subnet}`);
    assert.equal(launched, '', 'no instance was launched');

    // The secondary address carries a site's Elastic IP.
    const eip = await aws.run<{ AllocationId: string; PublicIp: string }>('allocate-address', '--domain', 'vpc');
    const association = await aws.text('AssociationId',
      'associate-address', '--allocation-id', eip.AllocationId, '--network-interface-id', holder, '--private-ip-address', '10.70.0.60');

    // Without --allow-reassignment the other ENI cannot take it (code U: vpclite answers as CreateNetworkInterface does).
    const refused = await aws.refusal('assign-private-ip-addresses', '--network-interface-id', taker, '--private-ip-addresses', '10.70.0.60');
    assert.equal(refused.code, 'InvalidIPAddress.InUse');
    // With it, the address moves, its Elastic IP with it, and the subnet's count does not change.
    const moved = await aws.run<{ NetworkInterfaceId: string; AssignedPrivateIpAddresses: { PrivateIpAddress: string }[] }>(
      'assign-private-ip-addresses', '--network-interface-id', taker, '--private-ip-addresses', '10.70.0.60', '--allow-reassignment',
    );
    assert.deepEqual(moved, { NetworkInterfaceId: taker, AssignedPrivateIpAddresses: [{ PrivateIpAddress: '10.70.0.60' }] });
    const [enis, addresses] = await Promise.all([
      aws.run<DescribeNetworkInterfacesResult>('describe-network-interfaces', '--network-interface-ids', holder, taker),
      aws.run<DescribeAddressesResult>('describe-addresses', '--allocation-ids', eip.AllocationId),
    ]);
    const byId = new Map(enis.NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n]));
    assert.deepEqual(byId.get(holder)!.PrivateIpAddresses!.map((a) => a.PrivateIpAddress), ['10.70.0.50']);
    const takerAddresses = byId.get(taker)!.PrivateIpAddresses!;
    assert.deepEqual(takerAddresses.map((a) => [a.PrivateIpAddress, a.Primary]), [['10.70.0.70', true], ['10.70.0.60', false]]);
    assert.equal(takerAddresses[1]!.Association!.PublicIp, eip.PublicIp);
    const address = addresses.Addresses![0]!;
    assert.deepEqual([address.NetworkInterfaceId, address.PrivateIpAddress, address.AssociationId], [taker, '10.70.0.60', association]);
    assert.equal(await free(), held, 'a move is not an allocation');
    const owner = await aws.text('NetworkInterfaces[].NetworkInterfaceId', 'describe-network-interfaces',
      '--filters', 'Name=addresses.private-ip-address,Values=10.70.0.60');
    assert.equal(owner, taker, 'one ENI holds the address');

    // A primary address never moves, even with --allow-reassignment (code U).
    const primary = await aws.refusal('assign-private-ip-addresses', '--network-interface-id', taker, '--private-ip-addresses', '10.70.0.50',
      '--allow-reassignment');
    assert.equal(primary.code, 'InvalidIPAddress.InUse');
    assert.equal(await aws.text('NetworkInterfaces[0].PrivateIpAddress', 'describe-network-interfaces', '--network-interface-ids', holder), '10.70.0.50');
  });
});
