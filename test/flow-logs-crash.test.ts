/**
 * A traffic request answers only after its flow-log window rows are committed (src/flow-logs/window-writer.ts
 * batches them), so every packet an answered request carried is in its flow log after `kill -9` of the node in
 * the middle of a burst and a restart on the same database (DESIGN.md invariant 4). Packets of requests the
 * kill cut off may or may not be there; none is counted twice.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthorizeSecurityGroupIngressCommand, CreateFlowLogsCommand } from '@aws-sdk/client-ec2';
import { startCluster, type NodeCluster } from './helpers/node-cluster.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { advanceClock, cliLogEvents, sendTraffic } from './helpers/traffic.js';
import { testEngine } from './helpers/test-store.js';

const ACCOUNT = '400000000001';

describe(`flow-log records survive kill -9 (${testEngine()})`, () => {
  let cluster: NodeCluster;
  before(async () => {
    cluster = await startCluster(1);
  });
  after(async () => {
    await cluster.close();
  });

  it('holds every packet of every answered request after the node is killed mid-burst and restarted', async () => {
    const ec2 = cluster.client(0, ACCOUNT);
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    const groupId = await newGroup(ec2, 'web', vpcId);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
      }),
    );
    const source = (await eniInSubnet(ec2, subnetId, { Groups: [groupId] })).NetworkInterfaceId!;
    const destination = (await eniInSubnet(ec2, subnetId, { Groups: [groupId] })).PrivateIpAddress!;
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogGroupName: 'crash-flows',
        DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs`,
        MaxAggregationInterval: 600,
      }),
    );

    const url = cluster.nodes[0]!.url;
    const packet = { source, destination, protocol: 'tcp', port: 443, sourcePort: 41000, account: ACCOUNT, region: 'us-east-1' };
    let answered = 0;
    let stop = false;
    // Eight senders in a loop until the kill; each counts the requests it got an accepted answer for.
    const senders = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          const answer = await sendTraffic(url, packet);
          if (answer.status === 200 && answer.body.accepted) answered++;
        } catch {
          return; // the node is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await cluster.kill(0);
    stop = true;
    await Promise.all(senders);
    assert.ok(answered > 20, `the burst was under way when the node died (${answered} answered)`);

    await cluster.restart(0);
    const restarted = cluster.nodes[0]!.url;
    await advanceClock(restarted, 1200);
    const records = (await cliLogEvents(restarted, 'crash-flows', ACCOUNT)).map((e) => e.message.split(' '));
    // The request's records (to port 443): one leaving the source ENI, one reaching the destination, per window.
    const requestRecords = records.filter((f) => f[6] === '443');
    assert.ok(requestRecords.length >= 2, JSON.stringify(records));
    const byEni = new Map<string, number>();
    for (const f of requestRecords) byEni.set(f[2]!, (byEni.get(f[2]!) ?? 0) + Number(f[8]));
    assert.equal(byEni.size, 2, 'records at the two ENIs');
    for (const [eni, packets] of byEni) {
      assert.ok(packets >= answered, `${eni}: ${packets} packets recorded, ${answered} requests answered`);
      // At most the answered ones plus those in flight when the node died (eight senders).
      assert.ok(packets <= answered + 8, `${eni}: ${packets} packets recorded, ${answered} answered`);
    }
  });
});
