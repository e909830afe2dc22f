/**
 * Use case: a NAT instance (security.md source/destination check, routing-and-traffic.md §1). The instance forwards
 * the private subnet's traffic, so its source/destination check goes off - through the ENI API and through
 * ModifyInstanceAttribute on its one ENI - and the private subnet's route table sends 0.0.0.0/0 to it. AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DescribeRouteTablesResult, Route } from '@aws-sdk/client-ec2';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('use case: a NAT instance with its source/destination check off, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('turns the check off, routes the private subnet through the instance and blackholes the route when it goes', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.30.0.0/16');
    const [publicSubnet, privateSubnet, gateway, publicTable, privateTable] = await Promise.all([
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.30.0.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.30.1.0/24', '--availability-zone', 'us-east-1a'),
      aws.text('InternetGateway.InternetGatewayId', 'create-internet-gateway'),
      aws.text('RouteTable.RouteTableId', 'create-route-table', '--vpc-id', vpc),
      aws.text('RouteTable.RouteTableId', 'create-route-table', '--vpc-id', vpc),
    ]);
    await aws.run('attach-internet-gateway', '--internet-gateway-id', gateway, '--vpc-id', vpc);
    await Promise.all([
      aws.run('create-route', '--route-table-id', publicTable, '--destination-cidr-block', '0.0.0.0/0', '--gateway-id', gateway),
      aws.run('associate-route-table', '--route-table-id', publicTable, '--subnet-id', publicSubnet),
      aws.run('associate-route-table', '--route-table-id', privateTable, '--subnet-id', privateSubnet),
    ]);

    // The NAT instance sits in the public subnet with a public address.
    const nat = await aws.text(
      'Instances[0].InstanceId',
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.micro', '--subnet-id', publicSubnet, '--associate-public-ip-address',
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=nat}]',
    );
    await aws.run('wait', 'instance-running', '--instance-ids', nat);
    const [natEni, publicIp] = (await aws.text(
      'Reservations[0].Instances[0].[NetworkInterfaces[0].NetworkInterfaceId,PublicIpAddress]', 'describe-instances', '--instance-ids', nat,
    )).split(/\s+/);
    assert.match(natEni!, /^eni-[0-9a-f]{17}$/);
    assert.match(publicIp!, /^\d+\.\d+\.\d+\.\d+$/);

    // Off through the ENI API: the ENI, its filter and the instance all say so.
    await aws.run('modify-network-interface-attribute', '--network-interface-id', natEni!, '--no-source-dest-check');
    const [eniCheck, forwarding, instanceCheck] = await Promise.all([
      aws.run<{ NetworkInterfaceId: string; SourceDestCheck: { Value: boolean } }>(
        'describe-network-interface-attribute', '--network-interface-id', natEni!, '--attribute', 'sourceDestCheck'),
      aws.text('NetworkInterfaces[].NetworkInterfaceId', 'describe-network-interfaces', '--filters', 'Name=source-dest-check,Values=false'),
      aws.text('Reservations[0].Instances[0].[SourceDestCheck,NetworkInterfaces[0].SourceDestCheck]', 'describe-instances', '--instance-ids', nat),
    ]);
    assert.deepEqual(eniCheck, { NetworkInterfaceId: natEni, SourceDestCheck: { Value: false } });
    assert.equal(forwarding, natEni, 'only the NAT ENI forwards');
    assert.deepEqual(instanceCheck.split(/\s+/), ['False', 'False']);

    // Back on with ResetNetworkInterfaceAttribute, then off again through the instance, which has one ENI.
    await aws.run('reset-network-interface-attribute', '--network-interface-id', natEni!, '--source-dest-check', 'true');
    assert.equal(await aws.text('NetworkInterfaces[0].SourceDestCheck', 'describe-network-interfaces', '--network-interface-ids', natEni!), 'True');
    await aws.run('modify-instance-attribute', '--instance-id', nat, '--no-source-dest-check');
    const [attribute, eniNow] = await Promise.all([
      aws.run<{ InstanceId: string; SourceDestCheck: { Value: boolean } }>('describe-instance-attribute', '--instance-id', nat, '--attribute', 'sourceDestCheck'),
      aws.text('NetworkInterfaces[0].SourceDestCheck', 'describe-network-interfaces', '--network-interface-ids', natEni!),
    ]);
    assert.deepEqual(attribute, { InstanceId: nat, SourceDestCheck: { Value: false } });
    assert.equal(eniNow, 'False', "the instance attribute is its primary ENI's");

    // The private subnet's default route goes to the NAT instance's ENI.
    await aws.run('create-route', '--route-table-id', privateTable, '--destination-cidr-block', '0.0.0.0/0', '--network-interface-id', natEni!);
    const natRoute: Route = {
      DestinationCidrBlock: '0.0.0.0/0',
      InstanceId: nat,
      InstanceOwnerId: DEFAULT_ACCOUNT,
      NetworkInterfaceId: natEni,
      Origin: 'CreateRoute',
      State: 'active',
    };
    const routesOf = async (table: string) =>
      (await aws.run<DescribeRouteTablesResult>('describe-route-tables', '--route-table-ids', table)).RouteTables![0]!.Routes;
    assert.deepEqual(await routesOf(privateTable), [
      { DestinationCidrBlock: '10.30.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      natRoute,
    ]);
    const [viaInstance, viaSubnet] = await Promise.all([
      aws.text('RouteTables[].RouteTableId', 'describe-route-tables', '--filters', `Name=route.instance-id,Values=${nat}`),
      aws.text('RouteTables[].RouteTableId', 'describe-route-tables', '--filters', `Name=association.subnet-id,Values=${privateSubnet}`),
    ]);
    assert.equal(viaInstance, privateTable);
    assert.equal(viaSubnet, privateTable);
    // The same route named by the instance, as the NAT-instance guides write it, lands on the same ENI.
    await aws.run('replace-route', '--route-table-id', privateTable, '--destination-cidr-block', '0.0.0.0/0', '--instance-id', nat);
    assert.deepEqual((await routesOf(privateTable))![1], natRoute);

    // With a second ENI the instance-level forms are refused: the ENI must be named (C).
    const inside = await aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', privateSubnet);
    const attachment = await aws.text('AttachmentId', 'attach-network-interface', '--network-interface-id', inside, '--instance-id', nat, '--device-index', '1');
    const multiple = `There are multiple interfaces attached to instance '${nat}'. Please specify an interface ID for the operation instead.`;
    const [attributeRefused, routeRefused] = await Promise.all([
      aws.refusal('modify-instance-attribute', '--instance-id', nat, '--source-dest-check'),
      aws.refusal('replace-route', '--route-table-id', privateTable, '--destination-cidr-block', '0.0.0.0/0', '--instance-id', nat),
    ]);
    assert.deepEqual([attributeRefused.code, attributeRefused.message], ['InvalidInstanceID', multiple]);
    assert.deepEqual([routeRefused.code, routeRefused.message], ['InvalidInstanceID', multiple]);
    await aws.run('detach-network-interface', '--attachment-id', attachment);

    // The NAT instance is terminated: its route stays, as a blackhole, until someone replaces it.
    await aws.run('terminate-instances', '--instance-ids', nat);
    await aws.run('wait', 'instance-terminated', '--instance-ids', nat);
    assert.deepEqual((await routesOf(privateTable))![1], { ...natRoute, State: 'blackhole' });
    const blackholes = await aws.text('RouteTables[].RouteTableId', 'describe-route-tables', '--filters', 'Name=route.state,Values=blackhole');
    assert.equal(blackholes, privateTable);
  });
});
