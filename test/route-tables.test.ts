import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT, seed } from './helpers/seed.js';

describe('DescribeRouteTables', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const ids = async (filters: Filter[]) =>
    (await ec2.send(new DescribeRouteTablesCommand({ Filters: filters }))).RouteTables!.map((t) => t.RouteTableId!).sort();
  const mainTableOf = async (vpcId: string) =>
    (
      await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [
            { Name: 'association.main', Values: ['true'] },
            { Name: 'vpc-id', Values: [vpcId] },
          ],
        }),
      )
    ).RouteTables!;
  const defaultVpc = async () =>
    (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;

  /**
   * A custom table in the default VPC explicitly associated with one of its subnets and with a route to an ENI
   * that is gone (blackhole), and a second custom table with no association - states no action of this branch
   * makes yet (CreateRouteTable, AssociateRouteTable, CreateRoute come with the routing work).
   */
  async function seedCustomTables(): Promise<{ associated: string; lonely: string; subnetId: string; associationId: string }> {
    const vpcId = await defaultVpc();
    const { NetworkAcls } = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }),
    );
    const subnetId = NetworkAcls![0]!.Associations![0]!.SubnetId!;
    const associated = 'rtb-0a0a0a0a0a0a0a0a1';
    const lonely = 'rtb-0a0a0a0a0a0a0a0a2';
    const associationId = 'rtbassoc-0b0b0b0b0b0b0b0b1';
    for (const table of [associated, lonely]) {
      await seed(server, 'INSERT INTO route_tables (id, account, region, vpc_id) VALUES (?, ?, ?, ?)', [
        table, DEFAULT_ACCOUNT, 'us-east-1', vpcId,
      ]);
      await seed(
        server,
        `INSERT INTO routes (route_table_id, destination, family, gateway_id, origin, state)
         VALUES (?, '172.31.0.0/16', 'ipv4', 'local', 'CreateRouteTable', 'active')`,
        [table],
      );
    }
    await seed(
      server,
      `INSERT INTO routes (route_table_id, destination, family, network_interface_id, origin, state)
       VALUES (?, '192.168.0.0/16', 'ipv4', 'eni-0c0c0c0c0c0c0c0c1', 'CreateRoute', 'blackhole')`,
      [associated],
    );
    await seed(
      server,
      `INSERT INTO route_table_associations (id, route_table_id, account, region, vpc_id, subnet_id, is_main)
       VALUES (?, ?, ?, ?, ?, ?, 0)`,
      [associationId, associated, DEFAULT_ACCOUNT, 'us-east-1', vpcId, subnetId],
    );
    return { associated, lonely, subnetId, associationId };
  }

  it('gives a new VPC exactly one main route table with its local route and main association', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const tables = await mainTableOf(Vpc!.VpcId!);
    assert.equal(tables.length, 1);
    const table = tables[0]!;
    assert.match(table.RouteTableId!, /^rtb-[0-9a-f]{17}$/);
    assert.match(table.Associations![0]!.RouteTableAssociationId!, /^rtbassoc-[0-9a-f]{17}$/);
    assert.deepEqual(table, {
      RouteTableId: table.RouteTableId,
      VpcId: Vpc!.VpcId,
      OwnerId: DEFAULT_ACCOUNT,
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
      Associations: [
        {
          Main: true,
          RouteTableAssociationId: table.Associations![0]!.RouteTableAssociationId,
          RouteTableId: table.RouteTableId,
          AssociationState: { State: 'associated' },
        },
      ],
      PropagatingVgws: [],
      Tags: [],
    });
  });

  it('has a local IPv6 route in a VPC with an Amazon-provided IPv6 block', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const ipv6 = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }))).Vpcs![0]!.Ipv6CidrBlockAssociationSet![0]!
      .Ipv6CidrBlock!;
    const [table] = await mainTableOf(Vpc!.VpcId!);
    assert.deepEqual(table!.Routes, [
      { DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationIpv6CidrBlock: ipv6, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
    ]);
  });

  it('routes 0.0.0.0/0 of the default VPC\'s main table to its internet gateway', async () => {
    const vpcId = await defaultVpc();
    const [table] = await mainTableOf(vpcId);
    const { InternetGateways } = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    );
    assert.deepEqual(table!.Routes, [
      { DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: InternetGateways![0]!.InternetGatewayId, Origin: 'CreateRoute', State: 'active' },
    ]);
  });

  it('shows explicit subnet associations and routes to other targets', async () => {
    const seeded = await seedCustomTables();
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [seeded.associated] }));
    const table = RouteTables![0]!;
    assert.deepEqual(table.Associations, [
      {
        Main: false,
        RouteTableAssociationId: seeded.associationId,
        RouteTableId: seeded.associated,
        SubnetId: seeded.subnetId,
        AssociationState: { State: 'associated' },
      },
    ]);
    assert.deepEqual(table.Routes![1], {
      DestinationCidrBlock: '192.168.0.0/16',
      NetworkInterfaceId: 'eni-0c0c0c0c0c0c0c0c1',
      Origin: 'CreateRoute',
      State: 'blackhole',
    });
  });

  it('supports every association, route and table filter of the API reference', async () => {
    const seeded = await seedCustomTables();
    const vpcId = await defaultVpc();
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    const [main] = await mainTableOf(vpcId);
    const [otherMain] = await mainTableOf(Vpc!.VpcId!);
    const mainId = main!.RouteTableId!;
    const otherId = otherMain!.RouteTableId!;
    const sorted = (...values: string[]) => [...values].sort();
    await ec2.send(new CreateTagsCommand({ Resources: [seeded.lonely], Tags: [{ Key: 'Name', Value: 'spare' }] }));

    assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }]), sorted(mainId, seeded.associated, seeded.lonely));
    assert.deepEqual(await ids([{ Name: 'association.main', Values: ['true'] }]), sorted(mainId, otherId));
    assert.deepEqual(await ids([{ Name: 'association.main', Values: ['false'] }]), [seeded.associated], 'a table with no association matches neither');
    assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: [seeded.subnetId] }]), [seeded.associated]);
    assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: ['*'] }]), [seeded.associated], 'the main association has no subnet');
    assert.deepEqual(await ids([{ Name: 'association.route-table-association-id', Values: [seeded.associationId] }]), [seeded.associated]);
    assert.deepEqual(await ids([{ Name: 'association.route-table-id', Values: [seeded.lonely, otherId] }]), [otherId]);
    assert.deepEqual(await ids([{ Name: 'association.gateway-id', Values: ['*'] }]), []);
    assert.deepEqual(await ids([{ Name: 'route-table-id', Values: [seeded.lonely] }]), [seeded.lonely]);
    assert.deepEqual(await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }]), sorted(mainId, otherId, seeded.associated, seeded.lonely));
    assert.deepEqual(await ids([{ Name: 'owner-id', Values: ['111122223333'] }]), []);
    assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['10.2.0.0/16'] }]), [otherId]);
    assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['0.0.0.0/0'] }]), [mainId]);
    assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['192.168.*'] }]), [seeded.associated]);
    assert.deepEqual(await ids([{ Name: 'route.destination-ipv6-cidr-block', Values: ['*'] }]), []);
    assert.deepEqual(await ids([{ Name: 'route.gateway-id', Values: ['igw-*'] }]), [mainId]);
    assert.deepEqual(await ids([{ Name: 'route.gateway-id', Values: ['local'] }]), sorted(mainId, otherId, seeded.associated, seeded.lonely));
    assert.deepEqual(await ids([{ Name: 'route.origin', Values: ['CreateRoute'] }]), sorted(mainId, seeded.associated));
    assert.deepEqual(await ids([{ Name: 'route.state', Values: ['blackhole'] }]), [seeded.associated]);
    assert.deepEqual(await ids([{ Name: 'route.instance-id', Values: ['*'] }]), []);
    for (const name of [
      'route.nat-gateway-id', 'route.transit-gateway-id', 'route.vpc-peering-connection-id',
      'route.egress-only-internet-gateway-id', 'route.destination-prefix-list-id',
    ]) {
      assert.deepEqual(await ids([{ Name: name, Values: ['*'] }]), [], name);
    }
    assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['spare'] }]), [seeded.lonely]);
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Name'] }]), [seeded.lonely]);
    assert.deepEqual(
      await ids([
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'route.origin', Values: ['CreateRoute'] },
        { Name: 'association.main', Values: ['false'] },
      ]),
      [seeded.associated],
    );
    const e = await awsError(ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.target', Values: ['x'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, "The filter 'route.target' is invalid");
  });

  it('describes tables by id and fails the whole call for an unknown one', async () => {
    const [main] = await mainTableOf(await defaultVpc());
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [main!.RouteTableId!] }));
    assert.equal(RouteTables!.length, 1);
    const e = await awsError(
      ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [main!.RouteTableId!, 'rtb-0123456789abcdef0'] })),
    );
    assert.equal(e.code, 'InvalidRouteTableID.NotFound');
    assert.equal(e.message, "The routeTable ID 'rtb-0123456789abcdef0' does not exist");
  });

  it('pages in creation order with MaxResults 5-100', async () => {
    await seedCustomTables();
    for (let i = 0; i < 4; i++) await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${10 + i}.0.0/16` }));
    const all = (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables!.map((t) => t.RouteTableId);
    assert.equal(all.length, 7);
    const first = await ec2.send(new DescribeRouteTablesCommand({ MaxResults: 5 }));
    assert.equal(first.RouteTables!.length, 5);
    assert.ok(first.NextToken);
    const second = await ec2.send(new DescribeRouteTablesCommand({ MaxResults: 5, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    assert.deepEqual([...first.RouteTables!, ...second.RouteTables!].map((t) => t.RouteTableId), all);
    for (const max of [4, 101]) {
      const e = await awsError(ec2.send(new DescribeRouteTablesCommand({ MaxResults: max })));
      assert.equal(e.code, 'InvalidParameterValue', String(max));
    }
    assert.equal((await ec2.send(new DescribeRouteTablesCommand({ MaxResults: 100 }))).RouteTables!.length, 7);
  });

  it('keeps accounts apart', async () => {
    const [main] = await mainTableOf(await defaultVpc());
    const other = server.client({ accessKeyId: '111122223333' });
    const e = await awsError(other.send(new DescribeRouteTablesCommand({ RouteTableIds: [main!.RouteTableId!] })));
    assert.equal(e.code, 'InvalidRouteTableID.NotFound');
    const { RouteTables } = await other.send(new DescribeRouteTablesCommand({}));
    assert.equal(RouteTables!.length, 1, 'only the other account\'s own default VPC table');
    assert.equal(RouteTables![0]!.OwnerId, '111122223333');
    assert.notEqual(RouteTables![0]!.RouteTableId, main!.RouteTableId);
  });
});
