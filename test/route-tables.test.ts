import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateRouteTableCommand,
  AssociateVpcCidrBlockCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  type CreateRouteCommandInput,
  type EC2Client,
  type Filter,
  type ReplaceRouteCommandInput,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';

describe('Route tables', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const sorted = (...values: string[]) => [...values].sort();
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
  const mainIdOf = async (vpcId: string) => (await mainTableOf(vpcId))[0]!.RouteTableId!;
  const table = async (tableId: string): Promise<RouteTable> =>
    (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!;
  const defaultVpc = async () =>
    (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
  const newVpc = async (cidr = '10.0.0.0/16', ipv6 = false) =>
    (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc!;
  const newSubnet = async (vpcId: string, cidr: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }))).Subnet!.SubnetId!;
  const newTable = async (vpcId: string) =>
    (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  /** A new internet gateway, attached to `vpcId` when given. */
  const newGateway = async (vpcId?: string) => {
    const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    if (vpcId) await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    return igwId;
  };
  const detach = (igwId: string, vpcId: string) =>
    ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const createRoute = (input: CreateRouteCommandInput) => ec2.send(new CreateRouteCommand(input));
  const replaceRoute = (input: ReplaceRouteCommandInput) => ec2.send(new ReplaceRouteCommand(input));
  const associate = async (tableId: string, target: { SubnetId?: string; GatewayId?: string }) =>
    (await ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, ...target }))).AssociationId!;
  const local = (cidr: string) =>
    cidr.includes(':')
      ? { DestinationIpv6CidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }
      : { DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
  const viaGateway = (cidr: string, igwId: string, state = 'active') =>
    cidr.includes(':')
      ? { DestinationIpv6CidrBlock: cidr, GatewayId: igwId, Origin: 'CreateRoute', State: state }
      : { DestinationCidrBlock: cidr, GatewayId: igwId, Origin: 'CreateRoute', State: state };

  /**
   * In a new VPC 10.0.0.0/16 with a subnet: a custom table explicitly associated with the subnet whose route to
   * 192.168.0.0/16 went `blackhole` when the VPC's internet gateway was detached, and a custom table with no
   * association.
   */
  async function customTables() {
    const vpcId = (await newVpc()).VpcId!;
    const subnetId = await newSubnet(vpcId, '10.0.1.0/24');
    const igwId = await newGateway(vpcId);
    const associated = await newTable(vpcId);
    const lonely = await newTable(vpcId);
    await createRoute({ RouteTableId: associated, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igwId });
    const associationId = await associate(associated, { SubnetId: subnetId });
    await detach(igwId, vpcId);
    return { vpcId, subnetId, igwId, associated, lonely, associationId };
  }

  describe('DescribeRouteTables', () => {
    it('gives a new VPC exactly one main route table with its local route and main association', async () => {
      const vpc = await newVpc();
      const tables = await mainTableOf(vpc.VpcId!);
      assert.equal(tables.length, 1);
      const main = tables[0]!;
      assert.match(main.RouteTableId!, /^rtb-[0-9a-f]{17}$/);
      assert.match(main.Associations![0]!.RouteTableAssociationId!, /^rtbassoc-[0-9a-f]{17}$/);
      assert.deepEqual(main, {
        RouteTableId: main.RouteTableId,
        VpcId: vpc.VpcId,
        OwnerId: DEFAULT_ACCOUNT,
        Routes: [local('10.0.0.0/16')],
        Associations: [
          {
            Main: true,
            RouteTableAssociationId: main.Associations![0]!.RouteTableAssociationId,
            RouteTableId: main.RouteTableId,
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        Tags: [],
      });
    });

    it('has a local IPv6 route in a VPC with an Amazon-provided IPv6 block', async () => {
      const vpc = await newVpc('10.1.0.0/16', true);
      const ipv6 = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const [main] = await mainTableOf(vpc.VpcId!);
      assert.deepEqual(main!.Routes, [local('10.1.0.0/16'), local(ipv6)]);
    });

    it("routes 0.0.0.0/0 of the default VPC's main table to its internet gateway", async () => {
      const vpcId = await defaultVpc();
      const [main] = await mainTableOf(vpcId);
      const { InternetGateways } = await ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
      );
      assert.deepEqual(main!.Routes, [local('172.31.0.0/16'), viaGateway('0.0.0.0/0', InternetGateways![0]!.InternetGatewayId!)]);
    });

    it('shows explicit subnet associations and blackhole routes', async () => {
      const c = await customTables();
      const described = await table(c.associated);
      assert.deepEqual(described.Associations, [
        {
          Main: false,
          RouteTableAssociationId: c.associationId,
          RouteTableId: c.associated,
          SubnetId: c.subnetId,
          AssociationState: { State: 'associated' },
        },
      ]);
      assert.deepEqual(described.Routes, [local('10.0.0.0/16'), viaGateway('192.168.0.0/16', c.igwId, 'blackhole')]);
    });

    it('supports every association, route and table filter of the API reference', async () => {
      const c = await customTables();
      const defaultId = await mainIdOf(await defaultVpc());
      const mainId = await mainIdOf(c.vpcId);
      const otherId = await mainIdOf((await newVpc('10.2.0.0/16')).VpcId!);
      const every = sorted(defaultId, mainId, otherId, c.associated, c.lonely);
      await ec2.send(new CreateTagsCommand({ Resources: [c.lonely], Tags: [{ Key: 'Name', Value: 'spare' }] }));

      assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [c.vpcId] }]), sorted(mainId, c.associated, c.lonely));
      assert.deepEqual(await ids([{ Name: 'association.main', Values: ['true'] }]), sorted(defaultId, mainId, otherId));
      assert.deepEqual(await ids([{ Name: 'association.main', Values: ['false'] }]), [c.associated], 'a table with no association matches neither');
      assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: [c.subnetId] }]), [c.associated]);
      assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: ['*'] }]), [c.associated], 'the main association has no subnet');
      assert.deepEqual(await ids([{ Name: 'association.route-table-association-id', Values: [c.associationId] }]), [c.associated]);
      assert.deepEqual(await ids([{ Name: 'association.route-table-id', Values: [c.lonely, otherId] }]), [otherId]);
      assert.deepEqual(await ids([{ Name: 'association.gateway-id', Values: ['*'] }]), []);
      assert.deepEqual(await ids([{ Name: 'route-table-id', Values: [c.lonely] }]), [c.lonely]);
      assert.deepEqual(await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }]), every);
      assert.deepEqual(await ids([{ Name: 'owner-id', Values: ['111122223333'] }]), []);
      assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['10.2.0.0/16'] }]), [otherId]);
      assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['0.0.0.0/0'] }]), [defaultId]);
      assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['192.168.*'] }]), [c.associated]);
      assert.deepEqual(await ids([{ Name: 'route.destination-ipv6-cidr-block', Values: ['*'] }]), []);
      assert.deepEqual(await ids([{ Name: 'route.gateway-id', Values: ['igw-*'] }]), sorted(defaultId, c.associated));
      assert.deepEqual(await ids([{ Name: 'route.gateway-id', Values: ['local'] }]), every);
      assert.deepEqual(await ids([{ Name: 'route.origin', Values: ['CreateRoute'] }]), sorted(defaultId, c.associated));
      assert.deepEqual(await ids([{ Name: 'route.state', Values: ['blackhole'] }]), [c.associated]);
      assert.deepEqual(await ids([{ Name: 'route.instance-id', Values: ['*'] }]), []);
      for (const name of [
        'route.nat-gateway-id', 'route.transit-gateway-id', 'route.vpc-peering-connection-id',
        'route.egress-only-internet-gateway-id', 'route.destination-prefix-list-id',
      ]) {
        assert.deepEqual(await ids([{ Name: name, Values: ['*'] }]), [], name);
      }
      assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['spare'] }]), [c.lonely]);
      assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Name'] }]), [c.lonely]);
      assert.deepEqual(
        await ids([
          { Name: 'vpc-id', Values: [c.vpcId] },
          { Name: 'route.origin', Values: ['CreateRoute'] },
          { Name: 'association.main', Values: ['false'] },
        ]),
        [c.associated],
      );
      const e = await awsError(ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.target', Values: ['x'] }] })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.message, "The filter 'route.target' is invalid");
    });

    it('describes tables by id and fails the whole call for an unknown one', async () => {
      const mainId = await mainIdOf(await defaultVpc());
      const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [mainId] }));
      assert.equal(RouteTables!.length, 1);
      const e = await awsError(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [mainId, 'rtb-0123456789abcdef0'] })));
      assert.equal(e.code, 'InvalidRouteTableID.NotFound');
      assert.equal(e.message, "The routeTable ID 'rtb-0123456789abcdef0' does not exist");
    });

    it('pages in creation order with MaxResults 5-100', async () => {
      await customTables();
      for (let i = 0; i < 3; i++) await newVpc(`10.${10 + i}.0.0/16`);
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
      const mainId = await mainIdOf(await defaultVpc());
      const other = server.client({ accessKeyId: '111122223333' });
      const e = await awsError(other.send(new DescribeRouteTablesCommand({ RouteTableIds: [mainId] })));
      assert.equal(e.code, 'InvalidRouteTableID.NotFound');
      const { RouteTables } = await other.send(new DescribeRouteTablesCommand({}));
      assert.equal(RouteTables!.length, 1, "only the other account's own default VPC table");
      assert.equal(RouteTables![0]!.OwnerId, '111122223333');
      assert.notEqual(RouteTables![0]!.RouteTableId, mainId);
    });
  });

  describe('CreateRouteTable', () => {
    it('starts with a local route for every VPC block, IPv4 and IPv6, no association, and its tags', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.1.0.0/16' }));
      const ipv6 = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const { RouteTable, ClientToken } = await ec2.send(
        new CreateRouteTableCommand({
          VpcId: vpc.VpcId!,
          ClientToken: 'rtb-1',
          TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'public' }] }],
        }),
      );
      assert.equal(ClientToken, 'rtb-1');
      assert.match(RouteTable!.RouteTableId!, /^rtb-[0-9a-f]{17}$/);
      assert.deepEqual(RouteTable, {
        RouteTableId: RouteTable!.RouteTableId,
        VpcId: vpc.VpcId,
        OwnerId: DEFAULT_ACCOUNT,
        Routes: [local('10.0.0.0/16'), local(ipv6), local('10.1.0.0/16')],
        Associations: [],
        PropagatingVgws: [],
        Tags: [{ Key: 'Name', Value: 'public' }],
      });
      assert.deepEqual(await table(RouteTable!.RouteTableId!), RouteTable);
      await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.2.0.0/16' }));
      assert.deepEqual((await table(RouteTable!.RouteTableId!)).Routes!.at(-1), local('10.2.0.0/16'), 'a later block reaches custom tables too');
    });

    it('answers a retry with the same ClientToken with the same table, and a changed retry with a mismatch', async () => {
      const [a, b] = [(await newVpc()).VpcId!, (await newVpc('10.1.0.0/16')).VpcId!];
      const first = await ec2.send(new CreateRouteTableCommand({ VpcId: a, ClientToken: 'retry-me' }));
      const again = await ec2.send(new CreateRouteTableCommand({ VpcId: a, ClientToken: 'retry-me' }));
      assert.equal(again.RouteTable!.RouteTableId, first.RouteTable!.RouteTableId);
      assert.equal((await ids([{ Name: 'vpc-id', Values: [a] }])).length, 2, 'the main table and one custom table');
      const e = await awsError(ec2.send(new CreateRouteTableCommand({ VpcId: b, ClientToken: 'retry-me' })));
      assert.equal(e.code, 'IdempotentParameterMismatch');
    });

    it('refuses unknown, malformed and foreign VPCs, and creates nothing on a dry run', async () => {
      const missing = await awsError(ec2.send(new CreateRouteTableCommand({ VpcId: 'vpc-0123456789abcdef0' })));
      assert.equal(missing.code, 'InvalidVpcID.NotFound');
      assert.equal((await awsError(ec2.send(new CreateRouteTableCommand({ VpcId: 'my-vpc' })))).code, 'InvalidVpcID.Malformed');
      const vpcId = (await newVpc()).VpcId!;
      const foreign = await awsError(server.client({ accessKeyId: '111122223333' }).send(new CreateRouteTableCommand({ VpcId: vpcId })));
      assert.equal(foreign.code, 'InvalidVpcID.NotFound');
      const dry = await awsError(ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      const wrongType = await awsError(
        ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })),
      );
      assert.equal(wrongType.code, 'InvalidParameterValue');
      assert.equal((await ids([{ Name: 'vpc-id', Values: [vpcId] }])).length, 1);
    });

    it('allows 200 tables per VPC, the main one included', async () => {
      const vpcId = (await newVpc()).VpcId!;
      for (let i = 0; i < 199; i++) await newTable(vpcId);
      const e = await awsError(ec2.send(new CreateRouteTableCommand({ VpcId: vpcId })));
      assert.equal(e.code, 'RouteTableLimitExceeded');
      await newTable((await newVpc('10.1.0.0/16')).VpcId!);
    });
  });

  describe('DeleteRouteTable', () => {
    it('deletes a table without associations, with its routes and tags; its VPC can go after', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
      await ec2.send(new CreateTagsCommand({ Resources: [tableId], Tags: [{ Key: 'Name', Value: 'x' }] }));
      await detach(igwId, vpcId);
      const blocked = await awsError(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
      assert.equal(blocked.code, 'DependencyViolation', 'a custom table keeps its VPC');
      const dry = await awsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await table(tableId);
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableId }));
      const gone = await awsError(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] })));
      assert.equal(gone.code, 'InvalidRouteTableID.NotFound');
      assert.deepEqual((await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [tableId] }] }))).Tags, []);
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    });

    it('refuses a table with a subnet association and the main table with DependencyViolation', async () => {
      const c = await customTables();
      const mainId = await mainIdOf(c.vpcId);
      for (const tableId of [c.associated, mainId]) {
        const e = await awsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableId })));
        assert.equal(e.code, 'DependencyViolation', tableId);
        assert.equal(e.message, `The routeTable '${tableId}' has dependencies and cannot be deleted.`);
      }
    });

    it('answers NotFound for unknown and foreign tables and Malformed for malformed ids', async () => {
      const missing = await awsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: 'rtb-0123456789abcdef0' })));
      assert.equal(missing.code, 'InvalidRouteTableID.NotFound');
      assert.equal(missing.message, "The routeTable ID 'rtb-0123456789abcdef0' does not exist");
      const malformed = await awsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: 'acl-0123456789abcdef0' })));
      assert.equal(malformed.code, 'InvalidRouteTableId.Malformed');
      const tableId = await newTable((await newVpc()).VpcId!);
      const foreign = await awsError(server.client({ accessKeyId: '111122223333' }).send(new DeleteRouteTableCommand({ RouteTableId: tableId })));
      assert.equal(foreign.code, 'InvalidRouteTableID.NotFound');
    });
  });

  describe('CreateRoute', () => {
    it('adds routes of every prefix length, canonicalised, after the local routes', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const vpcId = vpc.VpcId!;
      const ipv6 = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      const answer = await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
      assert.equal(answer.Return, true);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '192.168.1.77/24', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '203.0.113.9/32', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationIpv6CidrBlock: '::/0', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationIpv6CidrBlock: '2001:DB8:0:0::1/32', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '169.254.0.0/16', GatewayId: igwId });
      assert.deepEqual((await table(tableId)).Routes, [
        local('10.0.0.0/16'),
        local(ipv6),
        viaGateway('0.0.0.0/0', igwId),
        viaGateway('192.168.0.0/16', igwId),
        viaGateway('192.168.1.0/24', igwId),
        viaGateway('203.0.113.9/32', igwId),
        viaGateway('::/0', igwId),
        viaGateway('2001:db8::/32', igwId),
        viaGateway('169.254.0.0/16', igwId),
      ]);
      assert.deepEqual(await ids([{ Name: 'route.destination-cidr-block', Values: ['192.168.1.0/24'] }]), [tableId]);
      assert.deepEqual(await ids([{ Name: 'route.destination-ipv6-cidr-block', Values: ['2001:db8::/32'] }]), [tableId]);
    });

    it('refuses a destination the table already routes, local routes included, with RouteAlreadyExists', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
      for (const destination of ['0.0.0.0/0', '0.1.2.3/0']) {
        const e = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: destination, GatewayId: igwId }));
        assert.equal(e.code, 'RouteAlreadyExists', destination);
        assert.equal(e.message, 'The route identified by 0.0.0.0/0 already exists.');
      }
      const localRoute = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }));
      assert.equal(localRoute.code, 'RouteAlreadyExists');
      assert.equal(localRoute.message, 'The route identified by 10.0.0.0/16 already exists.');
      const newLocal = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '192.168.0.0/16', GatewayId: 'local' }));
      assert.equal(newLocal.code, 'InvalidParameterValue', 'only CreateRouteTable makes local routes');
    });

    it('sends destinations equal to or inside the VPC only to interfaces and instances', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const vpcId = vpc.VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      const ipv6Subnet = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!.replace('/56', '/64');
      for (const destination of ['10.0.0.0/16', '10.0.1.0/24', '10.0.9.9/32']) {
        const e = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: destination, GatewayId: igwId }));
        assert.equal(e.code, 'InvalidParameterValue', destination);
        assert.equal(
          e.message,
          `The destination CIDR block ${destination} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.`,
        );
      }
      const inside6 = await awsError(createRoute({ RouteTableId: tableId, DestinationIpv6CidrBlock: ipv6Subnet, GatewayId: igwId }));
      assert.equal(inside6.code, 'InvalidParameterValue');
      assert.match(inside6.message, /is equal to or more specific than one of this VPC's CIDR blocks/);
      assert.deepEqual((await table(tableId)).Routes!.length, 2, 'only the local routes');
    });

    it('refuses an internet gateway that is not attached to the table\'s VPC', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const tableId = await newTable(vpcId);
      const defaultGateway = (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways![0]!.InternetGatewayId!;
      const detached = await newGateway();
      for (const igwId of [defaultGateway, detached]) {
        const e = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
        assert.equal(e.code, 'InvalidParameterValue');
        assert.equal(e.message, `route table ${tableId} and network gateway ${igwId} belong to different networks`);
      }
    });

    it('answers the NotFound of each kind of unknown target', async () => {
      const tableId = await newTable((await newVpc()).VpcId!);
      const cases: [Partial<CreateRouteCommandInput>, string, string?][] = [
        [{ GatewayId: 'igw-0123456789abcdef0' }, 'InvalidGatewayID.NotFound', "The gateway ID 'igw-0123456789abcdef0' does not exist"],
        [{ GatewayId: 'vgw-0123456789abcdef0' }, 'InvalidGatewayID.NotFound'],
        [{ NetworkInterfaceId: 'eni-0123456789abcdef0' }, 'InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0123456789abcdef0' does not exist"],
        [{ InstanceId: 'i-0123456789abcdef0' }, 'InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist"],
        [{ NatGatewayId: 'nat-0123456789abcdef0' }, 'InvalidNatGatewayID.NotFound'],
        [{ VpcPeeringConnectionId: 'pcx-0123456789abcdef0' }, 'InvalidVpcPeeringConnectionID.NotFound'],
        [{ TransitGatewayId: 'tgw-0123456789abcdef0' }, 'InvalidTransitGatewayID.NotFound'],
        [{ EgressOnlyInternetGatewayId: 'eigw-0123456789abcdef0' }, 'InvalidEgressOnlyInternetGatewayId.NotFound'],
        [{ LocalGatewayId: 'lgw-0123456789abcdef0' }, 'InvalidLocalGatewayID.NotFound'],
        [{ CarrierGatewayId: 'cagw-0123456789abcdef0' }, 'InvalidCarrierGatewayID.NotFound'],
        [{ VpcEndpointId: 'vpce-0123456789abcdef0' }, 'InvalidVpcEndpointId.NotFound'],
        [{ CoreNetworkArn: 'arn:aws:networkmanager::123456789012:core-network/core-network-1' }, 'InvalidParameterValue'],
      ];
      for (const [target, code, message] of cases) {
        const e = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', ...target }));
        assert.equal(e.code, code, JSON.stringify(target));
        if (message) assert.equal(e.message, message);
      }
      // A destination inside the VPC passes the target rule for interfaces, then the interface is looked up.
      const inside = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.1.0/24', NetworkInterfaceId: 'eni-0123456789abcdef0' }));
      assert.equal(inside.code, 'InvalidNetworkInterfaceID.NotFound');
    });

    it('validates destinations and targets before anything else', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      const cases: [Partial<CreateRouteCommandInput>, string, string?][] = [
        [{ GatewayId: igwId }, 'MissingParameter'],
        [{ DestinationCidrBlock: '0.0.0.0/0' }, 'MissingParameter'],
        [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId, NatGatewayId: 'nat-0123456789abcdef0' }, 'InvalidParameterCombination'],
        [{ DestinationCidrBlock: '0.0.0.0/0', DestinationIpv6CidrBlock: '::/0', GatewayId: igwId }, 'InvalidParameterCombination'],
        [{ DestinationPrefixListId: 'pl-0123456789abcdef0', GatewayId: igwId }, 'InvalidPrefixListID.NotFound'],
        [{ DestinationCidrBlock: 'x', GatewayId: igwId }, 'InvalidParameterValue', 'Value (x) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.'],
        [{ DestinationCidrBlock: '::/0', GatewayId: igwId }, 'InvalidParameterValue', 'Value (::/0) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.'],
        [{ DestinationCidrBlock: '10.0.0.0/33', GatewayId: igwId }, 'InvalidParameterValue'],
        [{ DestinationIpv6CidrBlock: '0.0.0.0/0', GatewayId: igwId }, 'InvalidParameterValue'],
        [{ DestinationCidrBlock: '169.254.169.254/32', GatewayId: igwId }, 'InvalidParameterValue'],
        [{ DestinationCidrBlock: '169.254.168.0/22', GatewayId: igwId }, 'InvalidParameterValue'],
        [{ DestinationIpv6CidrBlock: 'fd00:ec2::254/128', GatewayId: igwId }, 'InvalidParameterValue'],
      ];
      for (const [input, code, message] of cases) {
        const e = await awsError(createRoute({ RouteTableId: tableId, ...input }));
        assert.equal(e.code, code, JSON.stringify(input));
        if (message) assert.equal(e.message, message);
      }
      const missingTable = await awsError(createRoute({ RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
      assert.equal(missingTable.code, 'InvalidRouteTableID.NotFound');
      const malformedTable = await awsError(createRoute({ RouteTableId: 'table', DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
      assert.equal(malformedTable.code, 'InvalidRouteTableId.Malformed');
      const foreign = await awsError(
        server.client({ accessKeyId: '111122223333' }).send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId })),
      );
      assert.equal(foreign.code, 'InvalidRouteTableID.NotFound');
      assert.equal((await table(tableId)).Routes!.length, 1);
    });

    it('validates a dry run fully and adds nothing', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      const dry = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId, DryRun: true }));
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal(dry.status, 412);
      assert.equal((await table(tableId)).Routes!.length, 1);
      const invalid = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', GatewayId: igwId, DryRun: true }));
      assert.equal(invalid.code, 'InvalidParameterValue');
    });

    it('allows 50 routes per table and family, the local route included', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const igwId = await newGateway(vpc.VpcId!);
      const tableId = await newTable(vpc.VpcId!);
      for (let i = 0; i < 49; i++) {
        await createRoute({ RouteTableId: tableId, DestinationCidrBlock: `192.168.${i}.0/24`, GatewayId: igwId });
      }
      const e = await awsError(createRoute({ RouteTableId: tableId, DestinationCidrBlock: '192.168.200.0/24', GatewayId: igwId }));
      assert.equal(e.code, 'RouteLimitExceeded');
      await createRoute({ RouteTableId: tableId, DestinationIpv6CidrBlock: '::/0', GatewayId: igwId });
      await createRoute({ RouteTableId: await newTable(vpc.VpcId!), DestinationCidrBlock: '192.168.200.0/24', GatewayId: igwId });
    });
  });

  describe('ReplaceRoute', () => {
    it('points a route at another target and makes it active again', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const first = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: first });
      await detach(first, vpcId);
      const second = await newGateway(vpcId);
      await replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: second });
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16'), viaGateway('0.0.0.0/0', second)]);
    });

    it('refuses a destination the table has no route for', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      const e = await awsError(replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.message, "There is no route defined for '0.0.0.0/0' in the route table. Use CreateRoute instead.");
      const missingTable = await awsError(replaceRoute({ RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
      assert.equal(missingTable.code, 'InvalidRouteTableID.NotFound');
    });

    it('restores a local route with LocalTarget and gives local routes only interfaces and instances', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      await replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', LocalTarget: true });
      await replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' });
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16')]);
      const toGateway = await awsError(replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', GatewayId: igwId }));
      assert.equal(toGateway.code, 'InvalidParameterValue');
      assert.match(toGateway.message, /is equal to or more specific than one of this VPC's CIDR blocks/);
      const toInterface = await awsError(
        replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', NetworkInterfaceId: 'eni-0123456789abcdef0' }),
      );
      assert.equal(toInterface.code, 'InvalidNetworkInterfaceID.NotFound');
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
      const notLocal = await awsError(replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', LocalTarget: true }));
      assert.equal(notLocal.code, 'InvalidParameterValue', 'only local routes take the local target');
      const both = await awsError(replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', LocalTarget: true, GatewayId: igwId }));
      assert.equal(both.code, 'InvalidParameterCombination');
      const dry = await awsError(replaceRoute({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16', LocalTarget: true, DryRun: true }));
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16'), viaGateway('0.0.0.0/0', igwId)]);
    });
  });

  describe('DeleteRoute', () => {
    it('deletes a route by its destination, canonicalised', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const igwId = await newGateway(vpc.VpcId!);
      const tableId = await newTable(vpc.VpcId!);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '192.168.1.0/24', GatewayId: igwId });
      await createRoute({ RouteTableId: tableId, DestinationIpv6CidrBlock: '2001:db8::/32', GatewayId: igwId });
      const dry = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '192.168.1.0/24', DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '192.168.1.99/24' }));
      await ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationIpv6CidrBlock: '2001:DB8:0::/32' }));
      assert.equal((await table(tableId)).Routes!.length, 2, 'the two local routes');
    });

    it('answers InvalidRoute.NotFound for a missing route and refuses to delete local routes', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const tableId = await newTable(vpc.VpcId!);
      const missing = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '10.1.0.0/16' })));
      assert.equal(missing.code, 'InvalidRoute.NotFound');
      assert.equal(missing.message, `no route with destination-cidr-block 10.1.0.0/16 in route table ${tableId}`);
      const missing6 = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationIpv6CidrBlock: '::/0' })));
      assert.equal(missing6.code, 'InvalidRoute.NotFound');
      assert.equal(missing6.message, `no route with destination-ipv6-cidr-block ::/0 in route table ${tableId}`);
      const ipv6 = vpc.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!;
      const localRoute = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '10.0.0.0/16' })));
      assert.equal(localRoute.code, 'InvalidParameterValue');
      assert.equal(localRoute.message, `cannot remove local route 10.0.0.0/16 in route table ${tableId}`);
      const local6 = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationIpv6CidrBlock: ipv6 })));
      assert.equal(local6.code, 'InvalidParameterValue');
      const noDestination = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: tableId })));
      assert.equal(noDestination.code, 'MissingParameter');
      const missingTable = await awsError(ec2.send(new DeleteRouteCommand({ RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '0.0.0.0/0' })));
      assert.equal(missingTable.code, 'InvalidRouteTableID.NotFound');
      assert.equal((await table(tableId)).Routes!.length, 2);
    });
  });

  describe('blackhole routes', () => {
    it('turns routes to a detached gateway blackhole, active again on re-attach, and keeps them when it is deleted', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const tableId = await newTable(vpcId);
      await createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
      await detach(igwId, vpcId);
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16'), viaGateway('0.0.0.0/0', igwId, 'blackhole')]);
      assert.deepEqual(await ids([{ Name: 'route.state', Values: ['blackhole'] }]), [tableId]);
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16'), viaGateway('0.0.0.0/0', igwId)]);
      await detach(igwId, vpcId);
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16'), viaGateway('0.0.0.0/0', igwId, 'blackhole')]);
      await ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0' }));
      assert.deepEqual((await table(tableId)).Routes, [local('10.0.0.0/16')]);
    });

    it("blackholes the default VPC's internet route when its gateway is detached", async () => {
      const vpcId = await defaultVpc();
      const [main] = await mainTableOf(vpcId);
      const igwId = main!.Routes![1]!.GatewayId!;
      await detach(igwId, vpcId);
      assert.deepEqual((await table(main!.RouteTableId!)).Routes, [local('172.31.0.0/16'), viaGateway('0.0.0.0/0', igwId, 'blackhole')]);
    });
  });

  describe('AssociateRouteTable', () => {
    it('associates a subnet explicitly and refuses a second explicit association for it', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const subnetId = await newSubnet(vpcId, '10.0.1.0/24');
      const [first, second] = [await newTable(vpcId), await newTable(vpcId)];
      const answer = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: first, SubnetId: subnetId }));
      assert.match(answer.AssociationId!, /^rtbassoc-[0-9a-f]{17}$/);
      assert.deepEqual(answer.AssociationState, { State: 'associated' });
      assert.deepEqual((await table(first)).Associations, [
        { Main: false, RouteTableAssociationId: answer.AssociationId, RouteTableId: first, SubnetId: subnetId, AssociationState: { State: 'associated' } },
      ]);
      for (const tableId of [first, second]) {
        const e = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: subnetId })));
        assert.equal(e.code, 'Resource.AlreadyAssociated');
        assert.equal(e.message, `the specified association for route table ${tableId} conflicts with an existing association`);
      }
      assert.deepEqual((await table(second)).Associations, []);
    });

    it('refuses subnets of another VPC, unknown subnets and tables, and bad parameter sets', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const otherVpc = (await newVpc('10.1.0.0/16')).VpcId!;
      const tableId = await newTable(vpcId);
      const foreignSubnet = await newSubnet(otherVpc, '10.1.1.0/24');
      const subnetId = await newSubnet(vpcId, '10.0.1.0/24');
      const cases: [{ RouteTableId?: string; SubnetId?: string; GatewayId?: string; PublicIpv4Pool?: string }, string][] = [
        [{ SubnetId: foreignSubnet }, 'InvalidParameterValue'],
        [{ SubnetId: 'subnet-0123456789abcdef0' }, 'InvalidSubnetID.NotFound'],
        [{ SubnetId: 'my-subnet' }, 'InvalidSubnetID.Malformed'],
        [{ RouteTableId: 'rtb-0123456789abcdef0', SubnetId: subnetId }, 'InvalidRouteTableID.NotFound'],
        [{}, 'MissingParameter'],
        [{ SubnetId: subnetId, GatewayId: 'igw-0123456789abcdef0' }, 'InvalidParameterCombination'],
        [{ PublicIpv4Pool: 'ipv4pool-ec2-0123456789abcdef0' }, 'InvalidPublicIpv4PoolID.NotFound'],
      ];
      for (const [input, code] of cases) {
        const e = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, ...input })));
        assert.equal(e.code, code, JSON.stringify(input));
      }
      const dry = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: subnetId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual((await table(tableId)).Associations, []);
    });

    it('gives an attached internet gateway one edge association, removed when the gateway is detached', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const igwId = await newGateway(vpcId);
      const [edge, other] = [await newTable(vpcId), await newTable(vpcId)];
      const associationId = await associate(edge, { GatewayId: igwId });
      assert.deepEqual((await table(edge)).Associations, [
        { Main: false, RouteTableAssociationId: associationId, RouteTableId: edge, GatewayId: igwId, AssociationState: { State: 'associated' } },
      ]);
      assert.deepEqual(await ids([{ Name: 'association.gateway-id', Values: [igwId] }]), [edge]);
      const again = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, GatewayId: igwId })));
      assert.equal(again.code, 'Resource.AlreadyAssociated');
      const unknown = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, GatewayId: 'igw-0123456789abcdef0' })));
      assert.equal(unknown.code, 'InvalidGatewayID.NotFound');
      const detached = await newGateway();
      const elsewhere = await awsError(ec2.send(new AssociateRouteTableCommand({ RouteTableId: other, GatewayId: detached })));
      assert.equal(elsewhere.code, 'InvalidParameterValue');
      assert.equal(elsewhere.message, `route table ${other} and network gateway ${detached} belong to different networks`);
      await detach(igwId, vpcId);
      assert.deepEqual((await table(edge)).Associations, []);
      assert.deepEqual(await ids([{ Name: 'association.gateway-id', Values: [igwId] }]), []);
    });
  });

  describe('DisassociateRouteTable', () => {
    it('returns a subnet to the main table, after which its table can be deleted', async () => {
      const c = await customTables();
      const dry = await awsError(ec2.send(new DisassociateRouteTableCommand({ AssociationId: c.associationId, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await ec2.send(new DisassociateRouteTableCommand({ AssociationId: c.associationId }));
      assert.deepEqual((await table(c.associated)).Associations, []);
      assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: [c.subnetId] }]), []);
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: c.associated }));
      const again = await awsError(ec2.send(new DisassociateRouteTableCommand({ AssociationId: c.associationId })));
      assert.equal(again.code, 'InvalidAssociationID.NotFound');
      assert.equal(again.message, `The association ID '${c.associationId}' does not exist`);
    });

    it('never removes the main association', async () => {
      const [main] = await mainTableOf((await newVpc()).VpcId!);
      const associationId = main!.Associations![0]!.RouteTableAssociationId!;
      const e = await awsError(ec2.send(new DisassociateRouteTableCommand({ AssociationId: associationId })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.deepEqual((await table(main!.RouteTableId!)).Associations, main!.Associations);
    });
  });

  describe('ReplaceRouteTableAssociation', () => {
    it('moves a subnet to another table under a new association id', async () => {
      const c = await customTables();
      const { NewAssociationId, AssociationState } = await ec2.send(
        new ReplaceRouteTableAssociationCommand({ AssociationId: c.associationId, RouteTableId: c.lonely }),
      );
      assert.match(NewAssociationId!, /^rtbassoc-[0-9a-f]{17}$/);
      assert.notEqual(NewAssociationId, c.associationId);
      assert.deepEqual(AssociationState, { State: 'associated' });
      assert.deepEqual((await table(c.associated)).Associations, []);
      assert.deepEqual((await table(c.lonely)).Associations, [
        { Main: false, RouteTableAssociationId: NewAssociationId, RouteTableId: c.lonely, SubnetId: c.subnetId, AssociationState: { State: 'associated' } },
      ]);
      const old = await awsError(ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: c.associationId, RouteTableId: c.associated })));
      assert.equal(old.code, 'InvalidAssociationID.NotFound');
    });

    it('moves the main association, making the new table main and the old one an ordinary table', async () => {
      const vpcId = (await newVpc()).VpcId!;
      const [oldMain] = await mainTableOf(vpcId);
      const custom = await newTable(vpcId);
      const { NewAssociationId } = await ec2.send(
        new ReplaceRouteTableAssociationCommand({ AssociationId: oldMain!.Associations![0]!.RouteTableAssociationId!, RouteTableId: custom }),
      );
      assert.deepEqual(await mainTableOf(vpcId).then((tables) => tables.map((t) => t.RouteTableId)), [custom]);
      assert.deepEqual((await table(custom)).Associations, [
        { Main: true, RouteTableAssociationId: NewAssociationId, RouteTableId: custom, AssociationState: { State: 'associated' } },
      ]);
      assert.deepEqual((await table(oldMain!.RouteTableId!)).Associations, []);
      const blocked = await awsError(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
      assert.equal(blocked.code, 'DependencyViolation', 'the old main table is now a custom table');
      const mainGone = await awsError(ec2.send(new DeleteRouteTableCommand({ RouteTableId: custom })));
      assert.equal(mainGone.code, 'DependencyViolation');
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: oldMain!.RouteTableId! }));
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    });

    it('refuses a table of another VPC and unknown associations or tables', async () => {
      const c = await customTables();
      const otherTable = await newTable((await newVpc('10.1.0.0/16')).VpcId!);
      const e = await awsError(ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: c.associationId, RouteTableId: otherTable })));
      assert.equal(e.code, 'InvalidParameterValue');
      const missing = await awsError(
        ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: 'rtbassoc-0123456789abcdef0', RouteTableId: c.lonely })),
      );
      assert.equal(missing.code, 'InvalidAssociationID.NotFound');
      const missingTable = await awsError(
        ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: c.associationId, RouteTableId: 'rtb-0123456789abcdef0' })),
      );
      assert.equal(missingTable.code, 'InvalidRouteTableID.NotFound');
      const dry = await awsError(
        ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: c.associationId, RouteTableId: c.lonely, DryRun: true })),
      );
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal((await table(c.associated)).Associations![0]!.RouteTableAssociationId, c.associationId);
    });
  });

  it('removes a deleted subnet\'s explicit association', async () => {
    const c = await customTables();
    await ec2.send(new DeleteSubnetCommand({ SubnetId: c.subnetId }));
    assert.deepEqual((await table(c.associated)).Associations, []);
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: c.associated }));
  });
});
