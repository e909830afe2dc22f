// Routes to an ENI (a NAT instance or appliance): the target must be an ENI of the table's VPC, and the route turns
// into a blackhole when the ENI is deleted (routing-and-traffic.md §1).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRouteCommand,
  CreateRouteTableCommand,
  DeleteNetworkInterfaceCommand,
  DescribeRouteTablesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';

describe('Routes to network interfaces', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const vpcWithEni = async (cidr: string) => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, cidr, cidr.replace('/16', '/24'));
    const eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    const tableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    return { vpcId, eniId, tableId };
  };
  const routeTo = async (tableId: string, destination: string) =>
    (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableId] }))).RouteTables![0]!.Routes!.find(
      (r) => r.DestinationCidrBlock === destination,
    );

  it('routes 0.0.0.0/0 to an ENI of the VPC, and the route becomes a blackhole when the ENI is deleted', async () => {
    const { eniId, tableId } = await vpcWithEni('10.0.0.0/16');
    await ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: eniId }));
    const route = await routeTo(tableId, '0.0.0.0/0');
    assert.equal(route!.NetworkInterfaceId, eniId);
    assert.equal(route!.State, 'active');
    assert.equal(route!.Origin, 'CreateRoute');
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eniId }));
    assert.equal((await routeTo(tableId, '0.0.0.0/0'))!.State, 'blackhole');
  });

  it('refuses an ENI of another VPC with InvalidParameterValue', async () => {
    const first = await vpcWithEni('10.0.0.0/16');
    const second = await vpcWithEni('10.1.0.0/16');
    const e = await awsError(
      ec2.send(new CreateRouteCommand({ RouteTableId: first.tableId, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: second.eniId })),
    );
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(await routeTo(first.tableId, '0.0.0.0/0'), undefined);
  });
});
