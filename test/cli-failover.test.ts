/**
 * `vpclite eni failover` and failover groups (`vpclite failover create-group | list | delete | watch`), run as
 * bin/vpclite child processes against a server: the manual move through the EC2 API, and the automatic one the
 * server makes inside StopInstances / TerminateInstances, with its Elastic IP and addresses; and `vpclite eni
 * create-bulk`, the other ENI command.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../src/gateway/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { openTestStore, type TestStore } from './helpers/test-store.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createNetwork, runOne, type TestNetwork } from './helpers/instance-fixtures.js';
import { against, start, vpclite } from './helpers/operator-cli.js';
import { attachNewGateway } from './helpers/network.js';

const ACCOUNT = '210987654321';

describe('vpclite eni failover and failover groups', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  const cli = (...args: string[]) => vpclite([...args, ...against(server.url, ACCOUNT)]);

  /**
   * An ENI with one secondary address, attached to `instance` at `device`; with an Elastic IP when `elastic` (the
   * region allows five, so only some tests map one).
   */
  async function serviceEni(instance: string, device: number, elastic = false) {
    const eni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA, SecondaryPrivateIpAddressCount: 1 })))
      .NetworkInterface!;
    let publicIp: string | undefined;
    if (elastic) {
      const allocation = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      await ec2.send(new AssociateAddressCommand({ AllocationId: allocation.AllocationId, NetworkInterfaceId: eni.NetworkInterfaceId }));
      publicIp = allocation.PublicIp!;
    }
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: instance, DeviceIndex: device }));
    return { id: eni.NetworkInterfaceId!, ips: eni.PrivateIpAddresses!.map((a) => a.PrivateIpAddress!), publicIp, publicIps: publicIp ? [publicIp] : [] };
  }
  const attachmentOf = async (eniId: string) =>
    (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }))).NetworkInterfaces![0]!;

  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: ACCOUNT });
    net = await createNetwork(ec2, 61);
    await attachNewGateway(ec2, net.vpcId); // Elastic IPs map only in a VPC with an internet gateway
  });
  after(() => server.close());

  it('moves every secondary ENI with its addresses and Elastic IP to the standby at the same device index', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const one = await serviceEni(a, 1, true);
    const two = await serviceEni(a, 2, true);
    const result = await cli('eni', 'failover', '--from', a, '--to', b, '--output', 'json');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { from: string; to: string; moved: { networkInterfaceId: string; deviceIndex: number; privateIpAddresses: string[]; publicIps: string[] }[]; elapsedMs: number };
    assert.equal(report.from, a);
    assert.deepEqual(
      report.moved.map((m) => [m.networkInterfaceId, m.deviceIndex, m.privateIpAddresses, m.publicIps]),
      [[one.id, 1, one.ips, one.publicIps], [two.id, 2, two.ips, two.publicIps]],
    );
    assert.ok(report.elapsedMs >= 0);
    for (const [eni, device] of [[one, 1], [two, 2]] as const) {
      const seen = await attachmentOf(eni.id);
      assert.equal(seen.Attachment!.InstanceId, b);
      assert.equal(seen.Attachment!.DeviceIndex, device);
      assert.equal(seen.Association!.PublicIp, eni.publicIp);
    }
    const addresses = await ec2.send(new DescribeAddressesCommand({ PublicIps: [one.publicIp!] }));
    assert.equal(addresses.Addresses![0]!.InstanceId, b);
  });

  it('prints a table by default and a dry run moves nothing', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const one = await serviceEni(a, 1);
    const result = await cli('eni', 'failover', '--from', a, '--to', b, '--dry-run');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Would move ${a} → ${b}`));
    assert.match(result.stdout, new RegExp(`│ ${one.id} │ 1 `));
    assert.match(result.stdout, /would move 1 ENI\(s\) in/);
    assert.equal((await attachmentOf(one.id)).Attachment!.InstanceId, a);
  });

  it('refuses, moving nothing, when the standby is in another zone or lacks room (exit 6, what, why and fix)', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const other = await runOne(ec2, { SubnetId: net.subnetB });
    const one = await serviceEni(a, 1);
    const zone = await cli('eni', 'failover', '--from', a, '--to', other);
    assert.equal(zone.code, 6);
    assert.match(zone.stderr, new RegExp(`^vpclite: cannot move the ENIs of ${a} to ${other}; nothing was moved\\n  why: .*${one.id} is in us-east-1a, ${other} in us-east-1b\\n  fix: `));
    assert.doesNotMatch(zone.stderr, /at .*\.js:\d+/);
    // A t3.micro takes two ENIs: its own and one more, so a second one does not fit and device 2 is taken.
    const small = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.micro' });
    await serviceEni(a, 2);
    await serviceEni(small, 2);
    const full = await cli('eni', 'failover', '--from', a, '--to', small, '--output', 'json');
    assert.equal(full.code, 6);
    assert.match(full.stderr, /would hold 4 ENIs; the type allows 2/);
    assert.match(full.stderr, new RegExp(`device index 2 of ${small} is taken`));
    assert.equal((await attachmentOf(one.id)).Attachment!.InstanceId, a);
  });

  it('exits 5 with the server\'s reason for an unknown instance, 4 when no server answers, 2 on a usage error', async () => {
    const unknown = await cli('eni', 'failover', '--from', 'i-0123456789abcdef0', '--to', 'i-0123456789abcdef1');
    assert.equal(unknown.code, 5);
    assert.match(unknown.stderr, /InvalidInstanceID\.NotFound/);
    const unreachable = await vpclite(['eni', 'failover', '--from', 'i-1', '--to', 'i-2', '--endpoint', 'http://127.0.0.1:9']);
    assert.equal(unreachable.code, 4);
    assert.match(unreachable.stderr, /cannot reach http:\/\/127\.0\.0\.1:9.*\n  why: .*\n  fix: start a server with `vpclite serve`/);
    const usage = await vpclite(['eni', 'failover', '--from', 'i-1']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /required option '--to <instance-id>' not specified/);
    const format = await cli('eni', 'failover', '--from', 'i-1', '--to', 'i-2', '--output', 'yaml');
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--output yaml is not a format/);
  });

  it('creates, lists and deletes failover groups, refusing duplicates and unknown groups with the reason', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const created = await cli('failover', 'create-group', 'web', '--primary', a, '--standby', b, '--output', 'json');
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual(
      (({ name, primaryInstanceId, standbyInstanceId }) => ({ name, primaryInstanceId, standbyInstanceId }))(JSON.parse(created.stdout)),
      { name: 'web', primaryInstanceId: a, standbyInstanceId: b },
    );
    const again = await cli('failover', 'create-group', 'web', '--primary', b, '--standby', a);
    assert.equal(again.code, 5);
    assert.match(again.stderr, /^vpclite: A failover group named 'web' already exists in this account and region\.\n  why: FailoverGroup\.Duplicate/);
    const listed = await cli('failover', 'list', '--output', 'text');
    assert.match(listed.stdout, new RegExp(`^FAILOVER_GROUPS\\tweb\\t${a}\\t${b}\\t`, 'm'));
    // Another account sees none of them.
    const elsewhere = await vpclite(['failover', 'list', '--output', 'json', ...against(server.url, '999988887777')]);
    assert.deepEqual(JSON.parse(elsewhere.stdout), []);
    assert.equal((await cli('failover', 'delete', 'web')).code, 0);
    const gone = await cli('failover', 'delete', 'web');
    assert.equal(gone.code, 5);
    assert.match(gone.stderr, /FailoverGroup\.NotFound/);
    const zone = await cli('failover', 'create-group', 'split', '--primary', a, '--standby', await runOne(ec2, { SubnetId: net.subnetB }));
    assert.equal(zone.code, 5);
    assert.match(zone.stderr, /an ENI attaches only to an instance in its own Availability Zone/);
  });

  it('moves the ENIs inside StopInstances, and watch prints the move', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const one = await serviceEni(a, 1, true);
    assert.equal((await cli('failover', 'create-group', 'db', '--primary', a, '--standby', b)).code, 0);
    const watch = start(['failover', 'watch', '--group', 'db', '--count', '1', '--output', 'json', ...against(server.url, ACCOUNT)]);
    await watch.waitFor(/^watching failover group db/);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [a] }));
    // The StopInstances answer is the commit: the ENI is on the standby for every read after it.
    const moved = await attachmentOf(one.id);
    assert.equal(moved.Attachment!.InstanceId, b);
    assert.equal(moved.Attachment!.DeviceIndex, 1);
    assert.equal(moved.Association!.PublicIp, one.publicIp);
    const result = await watch.done;
    assert.equal(result.code, 0, result.stderr);
    const event = JSON.parse(result.stdout.trim()) as { group: string; trigger: string; outcome: string; moved: { networkInterfaceId: string; deviceIndex: number; privateIpAddresses: string[]; publicIps: string[] }[] };
    assert.deepEqual(
      { group: event.group, trigger: event.trigger, outcome: event.outcome, moved: event.moved.map((m) => [m.networkInterfaceId, m.deviceIndex, m.privateIpAddresses, m.publicIps]) },
      { group: 'db', trigger: 'stopped', outcome: 'moved', moved: [[one.id, 1, one.ips, one.publicIps]] },
    );
  });

  it('sends traffic for the moved ENI\'s addresses to the standby once the primary stops (POST /_vpclite/traffic)', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const one = await serviceEni(a, 1);
    // A client ENI in the same subnet and default security group, whose members may reach each other.
    const clientEni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA }))).NetworkInterface!.NetworkInterfaceId!;
    const send = async (destination: string) => {
      const response = await fetch(`${server.url}/_vpclite/traffic`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: ACCOUNT, region: 'us-east-1', source: clientEni, destination, protocol: 'tcp', port: 443 }),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as { accepted: boolean; deliveredTo?: { networkInterfaceId: string; instanceId?: string } };
    };
    assert.equal((await cli('failover', 'create-group', 'svc', '--primary', a, '--standby', b)).code, 0);
    const beforeStop = await send(one.ips[1]!);
    assert.equal(beforeStop.accepted, true);
    assert.deepEqual(beforeStop.deliveredTo, { networkInterfaceId: one.id, instanceId: a });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [a] }));
    for (const address of one.ips) {
      const afterStop = await send(address);
      assert.equal(afterStop.accepted, true);
      assert.deepEqual(afterStop.deliveredTo, { networkInterfaceId: one.id, instanceId: b });
    }
  });

  it('moves the ENIs of a terminated primary, even one marked DeleteOnTermination, instead of deleting them', async () => {
    const a = await runOne(ec2, {
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: net.subnetA },
        { DeviceIndex: 1, SubnetId: net.subnetA, DeleteOnTermination: true },
      ],
    });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const [second] = (
      await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [a] }, { Name: 'attachment.device-index', Values: ['1'] }] }))
    ).NetworkInterfaces!;
    assert.equal((await cli('failover', 'create-group', 'api', '--primary', a, '--standby', b)).code, 0);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [a] }));
    const moved = await attachmentOf(second!.NetworkInterfaceId!);
    assert.equal(moved.Attachment!.InstanceId, b);
    assert.equal(moved.Attachment!.DeviceIndex, 1);
  });

  it('records a failed move, and still stops the primary, when the standby cannot take the ENIs', async () => {
    const a = await runOne(ec2, { SubnetId: net.subnetA });
    const b = await runOne(ec2, { SubnetId: net.subnetA });
    const one = await serviceEni(a, 1);
    await serviceEni(b, 1);
    assert.equal((await cli('failover', 'create-group', 'full', '--primary', a, '--standby', b)).code, 0);
    const watch = start(['failover', 'watch', '--group', 'full', '--count', '1', '--output', 'text', ...against(server.url, ACCOUNT)]);
    await watch.waitFor(/^watching failover group full/);
    const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [a] }));
    assert.equal(stopped.StoppingInstances![0]!.CurrentState!.Name, 'stopping');
    assert.equal((await attachmentOf(one.id)).Attachment!.InstanceId, a);
    const result = await watch.done;
    assert.equal(result.code, 6);
    assert.match(result.stdout, new RegExp(`^FAILED\\tfull\\tstopped\\t${a}\\t${b}\\t-\\t[\\d.]+ms\\tdevice index 1 \\(card 0\\) of the standby ${b} is taken`));
  });

  it('says which group is unknown when watch is given one that does not exist', async () => {
    const result = await cli('failover', 'watch', '--group', 'nope');
    assert.equal(result.code, 5);
    assert.match(result.stderr, /^vpclite: The failover group 'nope' does not exist in this account and region\./);
  });
});

describe('vpclite eni create-bulk', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let dir: string;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: ACCOUNT });
    dir = await mkdtemp(join(tmpdir(), 'vpclite-bulk-'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates every entry of a JSON-lines file, reports progress as plain lines and each failure, and exits 5 when one fails', async () => {
    const net = await createNetwork(ec2, 62);
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => JSON.stringify({ SubnetId: net.subnetA, Description: `bulk ${i}` })),
      JSON.stringify({ SubnetId: 'subnet-0123456789abcdef0' }),
    ];
    const file = join(dir, 'enis.jsonl');
    await writeFile(file, lines.join('\n'));
    const result = await vpclite(['eni', 'create-bulk', file, '--output', 'json', ...against(server.url, ACCOUNT)]);
    assert.equal(result.code, 5, result.stderr);
    const report = JSON.parse(result.stdout) as { created: { line: number; networkInterfaceId: string }[]; failed: { line: number; error: string }[] };
    assert.equal(report.created.length, 20);
    assert.deepEqual(report.failed.map((f) => f.line), [21]);
    assert.match(report.failed[0]!.error, /InvalidSubnetID\.NotFound/);
    assert.match(result.stderr, /^create-bulk: 100% \(21\/21\) /m);
    const listed = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: ['bulk *'] }] }));
    assert.deepEqual(new Set(listed.NetworkInterfaces!.map((n) => n.NetworkInterfaceId)), new Set(report.created.map((c) => c.networkInterfaceId)));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '[{"Description": "no subnet"}]');
    const refused = await vpclite(['eni', 'create-bulk', bad, ...against(server.url, ACCOUNT)]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /entry 1 of .* has no SubnetId/);
  });
});

describe('automatic failover with two nodes on one database', () => {
  // On PostgreSQL each node has its own connection pool on the same database, as two processes would; on SQLite
  // the nodes share the one store a single process would have (SQLite serves one node).
  let opened: TestStore;
  let second: Store;
  let nodes: RunningServer[];
  before(async () => {
    opened = await openTestStore();
    second = opened.url ? await openStore({ data: ':memory:', postgres: opened.url }) : opened.store;
    const auth = { mode: 'any' as const, credentials: new Map() };
    nodes = [
      await startServer({ host: '127.0.0.1', port: 0, store: opened.store, auth, logger: pino({ level: 'silent' }) }),
      await startServer({ host: '127.0.0.1', port: 0, store: second, auth, logger: pino({ level: 'silent' }) }),
    ];
  });
  after(async () => {
    for (const node of nodes) await node.close();
    if (second !== opened.store) await second.close();
    await opened.close();
  });

  it('moves the ENI when the primary is stopped through the other node, and watch on the first node prints it', async () => {
    const [one, two] = nodes.map((n) => new EC2Client({ endpoint: n.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, maxAttempts: 1 })) as [EC2Client, EC2Client];
    try {
      const net = await createNetwork(one, 63);
      const a = await runOne(one, { SubnetId: net.subnetA });
      const b = await runOne(one, { SubnetId: net.subnetA });
      const eni = (await one.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA }))).NetworkInterface!.NetworkInterfaceId!;
      await one.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eni, InstanceId: a, DeviceIndex: 1 }));
      assert.equal((await vpclite(['failover', 'create-group', 'pair', '--primary', a, '--standby', b, ...against(nodes[0]!.url, ACCOUNT)])).code, 0);
      const watch = start(['failover', 'watch', '--group', 'pair', '--count', '1', '--output', 'json', ...against(nodes[0]!.url, ACCOUNT)]);
      await watch.waitFor(/^watching failover group pair/);
      await two.send(new StopInstancesCommand({ InstanceIds: [a] }));
      const seen = (await one.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }))).NetworkInterfaces![0]!;
      assert.equal(seen.Attachment!.InstanceId, b);
      const result = await watch.done;
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { outcome: string }).outcome, 'moved');
    } finally {
      one.destroy();
      two.destroy();
    }
  });
});
