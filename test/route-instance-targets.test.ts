// Routes to an instance (a NAT instance): it must be an instance of the table's VPC with one ENI, the route shows
// the instance and its primary ENI, and it turns into a blackhole when the instance is terminated
// (routing-and-traffic.md §1).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  DescribeRouteTablesCommand,
  ReplaceRouteCommand,
  TerminateInstancesCommand,
  type CreateRouteCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { createNetwork, primaryEniOf, runOne, type TestNetwork } from './helpers/instance-fixtures.js';

const OWNER = '123456789012';

describe('Routes to instances', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  let tableId: string;

  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: OWNER });
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    net = await createNetwork(ec2);
    tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: net.vpcId }))).RouteTable!.RouteTableId!;
  });

  const createRoute = (input: Partial<CreateRouteCommandInput>) =>
    ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', ...input }));
  const routeTo = async (destination: string) =>
    (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!.Routes!.find(
      (r) => r.DestinationCidrBlock === destination,
    );

  it('routes to a one-ENI instance of the VPC, showing the instance and its primary ENI', async () => {
    const instance = await runOne(ec2, { SubnetId: net.subnetA });
    const eth0 = await primaryEniOf(ec2, instance);
    await createRoute({ InstanceId: instance });
    const route = await routeTo('0.0.0.0/0');
    assert.deepEqual(
      [route!.InstanceId, route!.InstanceOwnerId, route!.NetworkInterfaceId, route!.State, route!.Origin],
      [instance, OWNER, eth0.NetworkInterfaceId, 'active', 'CreateRoute'],
    );
    const found = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.instance-id', Values: [instance] }] }));
    assert.deepEqual(found.RouteTables!.map((t) => t.RouteTableId), [tableId]);
  });

  it('turns the route into a blackhole when the instance is terminated; the route stays', async () => {
    const instance = await runOne(ec2, { SubnetId: net.subnetA });
    await createRoute({ InstanceId: instance });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance] }));
    const route = await routeTo('0.0.0.0/0');
    assert.equal(route!.State, 'blackhole');
    assert.equal(route!.InstanceId, instance);
  });

  it('refuses an instance with several ENIs: the route must name one of them', async () => {
    const instance = await runOne(ec2, { SubnetId: net.subnetA });
    const second = await eniInSubnet(ec2, net.subnetA);
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: instance, NetworkInterfaceId: second.NetworkInterfaceId, DeviceIndex: 1 }));
    const e = await awsError(createRoute({ InstanceId: instance }));
    assert.equal(e.code, 'InvalidInstanceID');
    assert.equal(
      e.message,
      `There are multiple interfaces attached to instance '${instance}'. Please specify an interface ID for the operation instead.`,
    );
    assert.equal(await routeTo('0.0.0.0/0'), undefined);
    await createRoute({ NetworkInterfaceId: second.NetworkInterfaceId });
    assert.equal((await routeTo('0.0.0.0/0'))!.NetworkInterfaceId, second.NetworkInterfaceId);
  });

  it('refuses an instance of another VPC, another account\'s instance and a terminated one', async () => {
    const elsewhere = await createNetwork(ec2, 41);
    const outside = await runOne(ec2, { SubnetId: elsewhere.subnetA });
    assert.equal((await awsError(createRoute({ InstanceId: outside }))).code, 'InvalidParameterValue');
    const theirs = await runOne(server.client({ accessKeyId: '111122223333' }));
    const notFound = await awsError(createRoute({ InstanceId: theirs }));
    assert.equal(notFound.code, 'InvalidInstanceID.NotFound');
    assert.equal(notFound.message, `The instance ID '${theirs}' does not exist`);
    const gone = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    assert.equal((await awsError(createRoute({ InstanceId: gone }))).code, 'IncorrectInstanceState');
    assert.equal(await routeTo('0.0.0.0/0'), undefined);
  });

  it('takes a local route and a subnet\'s block, as interfaces do', async () => {
    const instance = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new ReplaceRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '10.40.0.0/16', InstanceId: instance }));
    assert.equal((await routeTo('10.40.0.0/16'))!.InstanceId, instance);
    await createRoute({ DestinationCidrBlock: '10.40.3.0/24', InstanceId: instance });
    assert.equal((await routeTo('10.40.3.0/24'))!.State, 'active');
  });
});
