// Routes to an instance (CreateRoute / ReplaceRoute with InstanceId, routing-and-traffic.md §1.1): the route goes
// to the instance's one ENI and shows both ids; the instance must be in the table's VPC and have exactly one ENI.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRouteCommand,
  CreateRouteTableCommand,
  DescribeRouteTablesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { createNetwork, primaryEniOf, runOne } from './helpers/instance-fixtures.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('Routes to instances', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const tableIn = async (vpcId: string) => (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  const routeToAnywhere = (tableId: string, InstanceId: string) =>
    ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', InstanceId }));
  const routesOf = async (tableId: string) =>
    (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!.Routes!;

  it("stores the instance and its one ENI, and shows the instance's owner", async () => {
    const network = await createNetwork(ec2, 41);
    const instanceId = await runOne(ec2, { SubnetId: network.subnetA });
    const eth0 = await primaryEniOf(ec2, instanceId);
    const tableId = await tableIn(network.vpcId);
    await routeToAnywhere(tableId, instanceId);
    assert.deepEqual((await routesOf(tableId))[1], {
      DestinationCidrBlock: '0.0.0.0/0',
      InstanceId: instanceId,
      InstanceOwnerId: DEFAULT_ACCOUNT,
      NetworkInterfaceId: eth0.NetworkInterfaceId,
      Origin: 'CreateRoute',
      State: 'active',
    });
  });

  it('refuses an instance of another VPC, an unknown or malformed id and a terminated instance', async () => {
    const [home, other] = [await createNetwork(ec2, 42), await createNetwork(ec2, 43)];
    const tableId = await tableIn(home.vpcId);
    const elsewhere = await runOne(ec2, { SubnetId: other.subnetA });
    assert.equal((await awsError(routeToAnywhere(tableId, elsewhere))).code, 'InvalidParameterValue');
    const unknown = await awsError(routeToAnywhere(tableId, 'i-0123456789abcdef0'));
    assert.deepEqual([unknown.code, unknown.message], ['InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist"]);
    assert.equal((await awsError(routeToAnywhere(tableId, 'i-nope'))).code, 'InvalidInstanceID.Malformed');
    const gone = await runOne(ec2, { SubnetId: home.subnetA });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    assert.equal((await awsError(routeToAnywhere(tableId, gone))).code, 'IncorrectInstanceState');
    assert.equal((await routesOf(tableId)).length, 1, 'only the local route');
  });
});
