/**
 * The invariant checker (helpers/invariant-checker.ts) is what the race and crash tests rest on, so it must see
 * what it claims to see: a database made through the API passes, and each kind of damage written into it behind
 * the server's back - a wrong address count, an ENI count off by one, an attachment to an instance that is gone, an
 * Elastic IP mapping to a released address - is named.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AllocateAddressCommand, AssociateAddressCommand, AttachNetworkInterfaceCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import Database from 'better-sqlite3';
import pg from 'pg';
import { brokenInvariants, type DatabaseLocation } from './helpers/invariant-checker.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { startCluster, type NodeCluster } from './helpers/node-cluster.js';
import { testEngine } from './helpers/test-store.js';

/** Runs statements on the database directly, as damage the server did not do. */
async function damage(where: DatabaseLocation, statements: [string, (string | number)[]][]): Promise<void> {
  if ('sqliteFile' in where) {
    const db = new Database(where.sqliteFile);
    try {
      for (const [sql, params] of statements) db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: where.postgresUrl });
  await client.connect();
  try {
    for (const [sql, params] of statements) {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    }
  } finally {
    await client.end();
  }
}

describe(`the invariant checker (${testEngine()})`, () => {
  let cluster: NodeCluster;
  before(async () => {
    cluster = await startCluster(1);
  });
  after(() => cluster.close());

  it('passes a database made through the API and names each kind of damage done behind its back', async () => {
    const ec2 = cluster.client(0, '444455556666');
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24', 'us-east-1a');
    await attachNewGateway(ec2, vpcId);
    const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: AL2_X86, InstanceType: 't3.small', MinCount: 2, MaxCount: 2, SubnetId: subnetId }));
    const [kept, doomed] = Instances!.map((i) => i.InstanceId!);
    const eni = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eni, InstanceId: doomed, DeviceIndex: 1 }));
    const { AllocationId } = await ec2.send(new AllocateAddressCommand({}));
    const mapped = Instances![0]!.NetworkInterfaces![0]!.NetworkInterfaceId!;
    await ec2.send(new AssociateAddressCommand({ AllocationId, NetworkInterfaceId: mapped }));
    assert.deepEqual(await brokenInvariants(cluster.database), []);

    await damage(cluster.database, [
      ['UPDATE subnets SET ip_used = ip_used + 1 WHERE id = ?', [subnetId]],
      ['UPDATE instances SET eni_count = eni_count + 1 WHERE id = ?', [kept!]],
      ['DELETE FROM instances WHERE id = ?', [doomed!]],
      ['DELETE FROM elastic_ips WHERE id = ?', [AllocationId!]],
    ]);
    const problems = await brokenInvariants(cluster.database);
    const expected = [
      new RegExp(`${subnetId}: ip_used \\d+ but \\d+ addresses held`),
      new RegExp(`${kept}: eni_count 2 but 1 ENIs attached`),
      new RegExp(`${eni} attached to missing instance ${doomed}`),
      new RegExp(`mapped to missing Elastic IP ${AllocationId}`),
      /Elastic IP counter of 444455556666 us-east-1 is 1, Elastic IPs 0/,
    ];
    for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `${pattern} among:\n${problems.join('\n')}`);
  });
});
