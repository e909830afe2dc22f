/** CreateFlowLogs, DescribeFlowLogs, DeleteFlowLogs through @aws-sdk/client-ec2 (routing-and-traffic.md §4.1). */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateFlowLogsCommand,
  CreateTagsCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  type CreateFlowLogsCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';

const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';
const DEFAULT_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

describe('flow logs: the EC2 API', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let vpcId: string;
  let subnetId: string;
  let eniId: string;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    ({ vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24'));
    eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
  });

  const create = (input: Partial<CreateFlowLogsCommandInput>) =>
    ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogGroupName: 'flows',
        DeliverLogsPermissionArn: ROLE,
        ...input,
      } as CreateFlowLogsCommandInput),
    );

  it('creates a CloudWatch Logs flow log and describes it with the effective default format', async () => {
    const out = await create({ TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'team', Value: 'net' }] }] });
    assert.equal(out.FlowLogIds!.length, 1);
    assert.match(out.FlowLogIds![0]!, /^fl-[0-9a-f]{17}$/);
    assert.deepEqual(out.Unsuccessful ?? [], []);
    const [log] = (await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: out.FlowLogIds }))).FlowLogs!;
    assert.equal(log!.ResourceId, vpcId);
    assert.equal(log!.TrafficType, 'ALL');
    assert.equal(log!.LogDestinationType, 'cloud-watch-logs');
    assert.equal(log!.LogGroupName, 'flows');
    assert.equal(log!.LogDestination, 'arn:aws:logs:us-east-1:123456789012:log-group:flows');
    assert.equal(log!.DeliverLogsPermissionArn, ROLE);
    assert.equal(log!.DeliverLogsStatus, 'SUCCESS');
    assert.equal(log!.FlowLogStatus, 'ACTIVE');
    assert.equal(log!.LogFormat, DEFAULT_FORMAT);
    assert.equal(log!.MaxAggregationInterval, 600);
    assert.ok(log!.CreationTime instanceof Date);
    assert.deepEqual(log!.Tags, [{ Key: 'team', Value: 'net' }]);
  });

  it('creates S3 flow logs for a subnet and an ENI with destination options, a custom format and a 60 s interval', async () => {
    const format = '${version} ${interface-id} ${pkt-srcaddr} ${flow-direction}';
    const out = await create({
      ResourceType: 'NetworkInterface',
      ResourceIds: [eniId],
      TrafficType: 'REJECT',
      LogGroupName: undefined,
      DeliverLogsPermissionArn: undefined,
      LogDestinationType: 's3',
      LogDestination: 'arn:aws:s3:::my-flow-bucket/team-a/',
      LogFormat: format,
      MaxAggregationInterval: 60,
      DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: true, PerHourPartition: false },
    });
    const [log] = (await ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: out.FlowLogIds }))).FlowLogs!;
    assert.equal(log!.LogDestinationType, 's3');
    assert.equal(log!.LogDestination, 'arn:aws:s3:::my-flow-bucket/team-a/');
    assert.equal(log!.LogGroupName, undefined);
    assert.equal(log!.LogFormat, format);
    assert.equal(log!.MaxAggregationInterval, 60);
    assert.deepEqual(log!.DestinationOptions, { FileFormat: 'plain-text', HiveCompatiblePartitions: true, PerHourPartition: false });
  });

  it('reports unknown resources and duplicate flow logs in unsuccessful, creating the rest', async () => {
    const first = await create({});
    assert.equal(first.FlowLogIds!.length, 1);
    const second = await create({ ResourceIds: [vpcId, 'vpc-0123456789abcdef0'] });
    assert.deepEqual(second.FlowLogIds, []);
    const byResource = new Map(second.Unsuccessful!.map((u) => [u.ResourceId, u.Error!.Code]));
    assert.equal(byResource.get(vpcId), 'FlowLogAlreadyExists');
    assert.equal(byResource.get('vpc-0123456789abcdef0'), 'InvalidVpcID.NotFound');
    const dup = second.Unsuccessful!.find((u) => u.ResourceId === vpcId)!;
    assert.equal(dup.Error!.Message, 'Error. There is an existing Flow Log with the same configuration and log destination.');
    // Another traffic type is another configuration.
    assert.equal((await create({ TrafficType: 'REJECT' })).FlowLogIds!.length, 1);
    const subnets = await create({ ResourceType: 'Subnet', ResourceIds: [subnetId, 'subnet-0123456789abcdef0'] });
    assert.equal(subnets.FlowLogIds!.length, 1);
    assert.equal(subnets.Unsuccessful![0]!.Error!.Code, 'InvalidSubnetID.NotFound');
    const enis = await create({ ResourceType: 'NetworkInterface', ResourceIds: ['eni-0123456789abcdef0'] });
    assert.equal(enis.Unsuccessful![0]!.Error!.Code, 'InvalidNetworkInterfaceID.NotFound');
  });

  it('refuses bad combinations for the whole request', async () => {
    const cases: [Partial<CreateFlowLogsCommandInput>, string][] = [
      [{ LogDestination: 'arn:aws:logs:us-east-1:123456789012:log-group:other' }, 'InvalidParameter'],
      [{ DeliverLogsPermissionArn: undefined }, 'InvalidParameter'],
      [{ LogGroupName: undefined }, 'InvalidParameter'],
      [{ MaxAggregationInterval: 300 }, 'InvalidParameterValue'],
      [{ LogFormat: '${version} ${no-such-field}' }, 'InvalidParameter'],
      [{ LogFormat: 'version srcaddr' }, 'InvalidParameter'],
      [{ TrafficType: undefined }, 'InvalidParameter'],
      [{ TrafficType: 'SOME' as 'ALL' }, 'InvalidParameterValue'],
      [{ LogDestinationType: 's3', LogGroupName: undefined, DeliverLogsPermissionArn: undefined }, 'InvalidParameter'],
      [
        { LogDestinationType: 's3', LogGroupName: undefined, DeliverLogsPermissionArn: undefined, LogDestination: 'arn:aws:s3:::bucket-x/AWSLogs/' },
        'InvalidParameterValue',
      ],
      [
        { LogDestinationType: 's3', LogGroupName: undefined, DeliverLogsPermissionArn: undefined, LogDestination: 'not-an-arn' },
        'InvalidParameterValue',
      ],
      [{ LogDestinationType: 's3', LogGroupName: undefined, LogDestination: 'arn:aws:s3:::bucket-x' }, 'InvalidParameter'],
      [{ DestinationOptions: { FileFormat: 'plain-text' } }, 'InvalidParameter'],
      [{ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }, 'InvalidParameterValue'],
    ];
    for (const [input, code] of cases) {
      const e = await awsError(create(input));
      assert.equal(e.code, code, JSON.stringify(input));
      assert.equal(e.status, 400);
    }
    assert.deepEqual((await ec2.send(new DescribeFlowLogsCommand({}))).FlowLogs, []);
  });

  it('describes with filters, tags and pages, and deletes with per-id failures', async () => {
    const a = (await create({})).FlowLogIds![0]!;
    const b = (await create({ ResourceType: 'Subnet', ResourceIds: [subnetId], TrafficType: 'REJECT', LogGroupName: 'other' })).FlowLogIds![0]!;
    const c = (
      await create({
        ResourceType: 'NetworkInterface',
        ResourceIds: [eniId],
        LogGroupName: undefined,
        DeliverLogsPermissionArn: undefined,
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::bucket-x',
      })
    ).FlowLogIds![0]!;
    await ec2.send(new CreateTagsCommand({ Resources: [b], Tags: [{ Key: 'env', Value: 'prod' }] }));
    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      ((await ec2.send(new DescribeFlowLogsCommand({ Filter: filters }))).FlowLogs ?? []).map((f) => f.FlowLogId);
    assert.deepEqual(await ids([{ Name: 'resource-id', Values: [subnetId] }]), [b]);
    assert.deepEqual(await ids([{ Name: 'traffic-type', Values: ['ALL'] }]), [a, c]);
    assert.deepEqual(await ids([{ Name: 'log-destination-type', Values: ['s3'] }]), [c]);
    assert.deepEqual(await ids([{ Name: 'log-group-name', Values: ['flo*'] }]), [a]);
    assert.deepEqual(await ids([{ Name: 'flow-log-id', Values: [a, c] }]), [a, c]);
    assert.deepEqual(await ids([{ Name: 'deliver-log-status', Values: ['SUCCESS'] }]), [a, b, c]);
    assert.deepEqual(await ids([{ Name: 'deliver-log-status', Values: ['FAILED'] }]), []);
    assert.deepEqual(await ids([{ Name: 'tag:env', Values: ['prod'] }]), [b]);
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['env'] }]), [b]);
    assert.equal((await awsError(ids([{ Name: 'no-such-filter', Values: ['x'] }]))).code, 'InvalidParameterValue');

    const page1 = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 5 }));
    assert.equal(page1.FlowLogs!.length, 3);
    assert.equal(page1.NextToken, undefined);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 5, NextToken: token, Filter: [] }));
      seen.push(...page.FlowLogs!.map((f) => f.FlowLogId!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(seen, [a, b, c]);

    const deleted = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [a, 'fl-0123456789abcdef0'] }));
    assert.deepEqual(
      deleted.Unsuccessful!.map((u) => [u.ResourceId, u.Error!.Code]),
      [['fl-0123456789abcdef0', 'InvalidFlowLogId.NotFound']],
    );
    assert.deepEqual(await ids([]), [b, c]);
    const again = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [a] }));
    assert.equal(again.Unsuccessful![0]!.Error!.Code, 'InvalidFlowLogId.NotFound');
  });

  it('pages DescribeFlowLogs by MaxResults', async () => {
    const { FlowLogIds } = await create({ ResourceType: 'Subnet', ResourceIds: [subnetId] });
    const more = await create({ TrafficType: 'ACCEPT' });
    const again = await create({ TrafficType: 'REJECT' });
    const eni = await create({ ResourceType: 'NetworkInterface', ResourceIds: [eniId] });
    const vpc = await create({});
    const subnetAccepts = await create({ ResourceType: 'Subnet', ResourceIds: [subnetId], TrafficType: 'ACCEPT' });
    const all = [FlowLogIds!, more.FlowLogIds!, again.FlowLogIds!, eni.FlowLogIds!, vpc.FlowLogIds!, subnetAccepts.FlowLogIds!].flat();
    assert.equal(all.length, 6);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...page.FlowLogs!.map((f) => f.FlowLogId!));
      token = page.NextToken;
      pages++;
    } while (token);
    assert.deepEqual(seen, all);
    assert.equal(pages, 2);
    const two = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 5, Filter: [{ Name: 'resource-id', Values: [vpcId, subnetId, eniId] }] }));
    assert.equal(two.FlowLogs!.length, 5);
  });

  it('replays a ClientToken and refuses it with other parameters; DryRun creates nothing', async () => {
    const first = await create({ ClientToken: 'token-1' });
    const replay = await create({ ClientToken: 'token-1' });
    assert.deepEqual(replay.FlowLogIds, first.FlowLogIds);
    assert.equal(replay.ClientToken, 'token-1');
    assert.equal((await awsError(create({ ClientToken: 'token-1', TrafficType: 'REJECT' }))).code, 'IdempotentParameterMismatch');
    assert.equal((await awsError(create({ DryRun: true, TrafficType: 'ACCEPT' }))).code, 'DryRunOperation');
    assert.equal((await ec2.send(new DescribeFlowLogsCommand({}))).FlowLogs!.length, 1);
  });

  it('keeps flow logs to each account', async () => {
    const id = (await create({})).FlowLogIds![0]!;
    const other = server.client({ accessKeyId: '111122223333' });
    assert.deepEqual((await other.send(new DescribeFlowLogsCommand({ FlowLogIds: [id] }))).FlowLogs, []);
    const deleted = await other.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }));
    assert.equal(deleted.Unsuccessful![0]!.Error!.Code, 'InvalidFlowLogId.NotFound');
    const created = await other.send(
      new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogGroupName: 'x', DeliverLogsPermissionArn: ROLE }),
    );
    assert.equal(created.Unsuccessful![0]!.Error!.Code, 'InvalidVpcID.NotFound');
  });
});
