/**
 * The traffic endpoint keeps compiled topologies and flow-log coverage in memory while the account's generation
 * stands still (src/store/generations.ts). A node's memory must never carry stale state: every write of the
 * account, through any node, and every reset must reach the next verdict and the next flow-log record of a flow
 * another node has already answered. On PostgreSQL the writes go through a second node; on SQLite (one file, one
 * process) through the same one. The generation itself is tested on the store: reads and refused writes leave
 * it, accepted writes and resets move it, and it never comes back to a value it had.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateTagsCommand,
  DescribeVpcsCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { readGeneration } from '../src/store/generations.js';
import { startCluster, type NodeCluster } from './helpers/node-cluster.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { advanceClock, cliLogEvents, dropOf, sendTraffic } from './helpers/traffic.js';
import { testEngine } from './helpers/test-store.js';

const HTTPS_FROM_VPC: IpPermission[] = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }];
let accountSerial = 0;
const freshAccount = () => `3000${String(process.pid % 10000).padStart(4, '0')}${String(++accountSerial).padStart(4, '0')}`;

describe(`cached topologies follow every write (${testEngine()})`, () => {
  let cluster: NodeCluster;
  /** The node that answers traffic, and the node every write goes through (the same one on SQLite). */
  let reader: string;
  let writerIndex: number;
  before(async () => {
    cluster = await startCluster(2);
    reader = cluster.nodes[0]!.url;
    writerIndex = cluster.size - 1;
  });
  after(async () => {
    await cluster.close();
  });

  /** Two ENIs of one subnet in a fresh account, the destination's group taking HTTPS from the VPC. */
  async function flowIn(ec2: EC2Client) {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    const groupId = await newGroup(ec2, 'web', vpcId);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: HTTPS_FROM_VPC }));
    const source = (await eniInSubnet(ec2, subnetId, { Groups: [groupId] })).NetworkInterfaceId!;
    const destination = (await eniInSubnet(ec2, subnetId, { Groups: [groupId] })).PrivateIpAddress!;
    return { vpcId, groupId, source, destination };
  }

  it('a security-group change made through another node decides the next packet of a flow already answered', async () => {
    const account = freshAccount();
    const writes = cluster.client(writerIndex, account);
    const { groupId, source, destination } = await flowIn(writes);
    const packet = { source, destination, protocol: 'tcp', port: 443, account, region: 'us-east-1' };
    for (let i = 0; i < 3; i++) assert.equal((await sendTraffic(reader, packet)).body.accepted, true);

    await writes.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: HTTPS_FROM_VPC }));
    const dropped = await sendTraffic(reader, packet);
    assert.equal(dropped.body.accepted, false);
    // The destination's group has no rule left: no rule of its groups matches.
    assert.equal(dropOf(dropped)?.code, 'ENI_SG_RULES_MISMATCH');

    await writes.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: HTTPS_FROM_VPC }));
    assert.equal((await sendTraffic(reader, packet)).body.accepted, true);
  });

  it('a reset through another node leaves no cached ENI behind', async () => {
    const account = freshAccount();
    const { source, destination } = await flowIn(cluster.client(writerIndex, account));
    const packet = { source, destination, protocol: 'tcp', port: 443, account, region: 'us-east-1' };
    assert.equal((await sendTraffic(reader, packet)).body.accepted, true);
    await cluster.reset(writerIndex);
    const after = await sendTraffic(reader, packet);
    assert.equal(after.status, 400, JSON.stringify(after.body));
    assert.match(after.body.error ?? '', /NotFound/);
  });

  it('a flow log created through another node records the next packets of a flow already answered', async () => {
    const account = freshAccount();
    const writes = cluster.client(writerIndex, account);
    const { vpcId, source, destination } = await flowIn(writes);
    const packet = { source, destination, protocol: 'tcp', port: 443, account, region: 'us-east-1' };
    // Answered (and its coverage known) while the account has no flow log: nothing is written.
    assert.equal((await sendTraffic(reader, packet)).body.accepted, true);
    const created = await writes.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogGroupName: 'cached-flows',
        DeliverLogsPermissionArn: `arn:aws:iam::${account}:role/flow-logs`,
        MaxAggregationInterval: 60,
      }),
    );
    assert.deepEqual(created.Unsuccessful ?? [], []);
    assert.equal((await sendTraffic(reader, packet)).body.accepted, true);
    // The reader's clock passes the window; its Logs API delivers and answers.
    await advanceClock(reader, 120);
    const messages = (await cliLogEvents(reader, 'cached-flows', account)).map((e) => e.message);
    // Request and reply, each leaving one ENI and reaching the other: four ACCEPT records of port 443's flow.
    assert.equal(messages.length, 4, messages.join('\n'));
    for (const message of messages) assert.match(message, / 443 6 1 \d+ \d+ \d+ ACCEPT OK$|^2 \d+ eni-\S+ \S+ \S+ 443 \d+ 6 1 \d+ \d+ \d+ ACCEPT OK$/);
  });
});

describe(`account generations (${testEngine()})`, () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(async () => {
    await server.close();
  });

  const generation = () => server.store.read((tx) => readGeneration(tx, '123456789012', 'us-east-1'));

  it('moves with every accepted write and reset, never with a read or a refused write, and never goes back', async () => {
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    const seen = [await generation()];

    await ec2.send(new DescribeVpcsCommand({}));
    assert.equal(await generation(), seen.at(-1), 'a read leaves it');

    await assert.rejects(ec2.send(new CreateTagsCommand({ Resources: ['vpc-0000000000000dead'], Tags: [{ Key: 'a', Value: 'b' }] })), {
      name: 'InvalidVpcID.NotFound',
    });
    assert.equal(await generation(), seen.at(-1), 'a refused write rolls back with its bump');

    await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'a', Value: 'b' }] }));
    seen.push(await generation());
    assert.ok(seen.at(-1)! > seen.at(-2)!, 'an accepted write moves it');

    await server.reset();
    seen.push(await generation());
    assert.ok(seen.at(-1)! > seen.at(-2)!, 'a reset moves it, though every resource row is gone');

    await ec2.send(new DescribeVpcsCommand({})); // the defaults are made again: a write
    seen.push(await generation());
    assert.ok(seen.at(-1)! > seen.at(-2)!);
    assert.equal(new Set(seen).size, seen.length, `never a value twice: ${seen.join(', ')}`);
  });
});
