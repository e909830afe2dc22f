/**
 * Flow logs end to end (ISSUE-5 items 3, 4 and 6): packets sent through POST /_vpclite/traffic, the clock moved
 * past the aggregation window with POST /_vpclite/clock, the records read with the AWS CLI (`aws logs
 * filter-log-events`) and from the S3 files. The seed: a network ACL that lets a request in but not its reply out
 * gives an ACCEPT record for the request and a REJECT record for the reply on the destination's ENI
 * (routing-and-traffic.md §3 "Flow-log view").
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { advanceClock, cliLogEvents, sendTraffic } from './helpers/traffic.js';

const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';

async function objectsUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

/** A VPC whose second subnet (the database's) has an ACL that takes 5432 in but lets replies out only to 1024-32767. */
async function databaseBehindAcl(ec2: EC2Client) {
  const { vpcId, subnetId: appSubnet } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
  const dbSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24' }))).Subnet!.SubnetId!;
  const group = await newGroup(ec2, 'db', vpcId);
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: group,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.1.0/24' }] }],
    }),
  );
  const db = await eniInSubnet(ec2, dbSubnet, { Groups: [group] });
  const app = await eniInSubnet(ec2, appSubnet);
  const aclId = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
  const entry = (Egress: boolean, From: number, To: number) =>
    ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From, To } }));
  await entry(false, 5432, 5432);
  await entry(true, 1024, 32767);
  const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [dbSubnet] }] }));
  const association = NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === dbSubnet)!;
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: aclId }));
  return { vpcId, db, app };
}

describe('flow logs of traffic sent through the traffic endpoint', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let s3Dir: string;

  before(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'vpclite-flow-s3-'));
    server = await startTestServer({ s3Dir });
    ec2 = server.client();
  });
  after(async () => {
    await server.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('records the accepted request and the rejected reply, readable with the AWS CLI and in S3 once the window closes', async () => {
    const { vpcId, db, app } = await databaseBehindAcl(ec2);
    const created = await ec2.send(
      new CreateFlowLogsCommand({ ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'vpc-flows', DeliverLogsPermissionArn: ROLE, MaxAggregationInterval: 60 }),
    );
    assert.equal(created.Unsuccessful?.length ?? 0, 0);
    await ec2.send(
      new CreateFlowLogsCommand({ ResourceIds: [db.NetworkInterfaceId!], ResourceType: 'NetworkInterface', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket/db/', MaxAggregationInterval: 60 }),
    );

    const answer = await sendTraffic(server.url, { source: app.NetworkInterfaceId, destination: db.PrivateIpAddress, protocol: 'tcp', port: 5432, sourcePort: 50000, packets: 3, bytes: 180 });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.accepted, true);
    assert.equal(answer.body.reply.accepted, false);

    // Nothing is delivered while the window is open (AWS delivers after the aggregation interval).
    assert.deepEqual(await objectsUnder(s3Dir), []);
    await advanceClock(server.url, 120);

    const events = await cliLogEvents(server.url, 'vpc-flows');
    const onDb = events.filter((e) => e.logStreamName === `${db.NetworkInterfaceId}-all`).map((e) => e.message.split(' '));
    // version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
    const request = onDb.find((f) => f[6] === '5432');
    const reply = onDb.find((f) => f[5] === '5432');
    assert.ok(request, `an ingress record on the database ENI: ${JSON.stringify(events)}`);
    assert.deepEqual(
      [request[2], request[3], request[4], request[5], request[7], request[8], request[9], request[12], request[13]],
      [db.NetworkInterfaceId, app.PrivateIpAddress, db.PrivateIpAddress, '50000', '6', '3', '180', 'ACCEPT', 'OK'],
    );
    assert.ok(reply, 'a record for the reply on the database ENI');
    assert.deepEqual([reply[3], reply[4], reply[6], reply[12]], [db.PrivateIpAddress, app.PrivateIpAddress, '50000', 'REJECT']);
    const onApp = events.filter((e) => e.logStreamName === `${app.NetworkInterfaceId}-all`).map((e) => e.message.split(' '));
    assert.ok(onApp.some((f) => f[6] === '5432' && f[12] === 'ACCEPT'), 'the request leaving the app ENI is accepted there');
    assert.ok(!onApp.some((f) => f[5] === '5432'), 'the reply never reached the app ENI');

    // The REJECT-only S3 flow log of the database ENI holds the reply alone.
    const files = await objectsUnder(s3Dir);
    assert.equal(files.length, 1, `one object: ${files.join(', ')}`);
    assert.match(files[0]!, /flow-bucket\/db\/AWSLogs\/\d{12}\/vpcflowlogs\/us-east-1\/\d{4}\/\d{2}\/\d{2}\/\d{12}_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_\d{8}T\d{4}Z_[0-9a-f]+\.log\.gz$/);
    const lines = gunzipSync(await readFile(files[0]!)).toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status');
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[1]!.split(' ').slice(5, 7).concat(lines[1]!.split(' ')[12]!), ['5432', '50000', 'REJECT']);
  });

  it('counts every packet of requests sent all at once: each answered request is in its window exactly once', async () => {
    const { vpcId, db, app } = await databaseBehindAcl(ec2);
    await ec2.send(
      new CreateFlowLogsCommand({ ResourceIds: [vpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'burst', DeliverLogsPermissionArn: ROLE, MaxAggregationInterval: 60 }),
    );
    const REQUESTS = 300;
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        sendTraffic(server.url, { source: app.NetworkInterfaceId, destination: db.PrivateIpAddress, protocol: 'tcp', port: 5432, sourcePort: 50000, packets: 1 + (i % 3), bytes: 100 }),
      ),
    );
    assert.ok(answers.every((a) => a.status === 200 && a.body.accepted));
    await advanceClock(server.url, 120);
    const records = (await cliLogEvents(server.url, 'burst')).map((e) => e.message.split(' '));
    const packets = Array.from({ length: REQUESTS }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    // The request leaves the app ENI and reaches the database ENI: one record each, every packet counted once.
    const requestRecords = records.filter((f) => f[6] === '5432');
    assert.equal(requestRecords.length, 2, JSON.stringify(records));
    for (const f of requestRecords) assert.deepEqual([f[8], f[9]], [String(packets), String(REQUESTS * 100)]);
  });
});
