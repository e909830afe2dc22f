/**
 * Flow log delivery (routing-and-traffic.md §4, ISSUE-5 item 4): FlowObservations handed to the sink as the
 * traffic evaluator hands them, aggregated into windows, delivered once the (test) clock passes a window's end, and
 * read back through the CloudWatch Logs API with boto3 and the AWS CLI, or from the S3 files line by line.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  AttachNetworkInterfaceCommand,
  CreateFlowLogsCommand,
  DeleteFlowLogsCommand,
  type CreateFlowLogsCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { FlowLogSink } from '../src/flow-logs/flow-log-sink.js';
import { flushFlowLogs } from '../src/flow-logs/flush.js';
import { readGeneration } from '../src/store/generations.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { eniFacts, observation, TestClock, type EniFacts } from './helpers/flow-observations.js';
import { awsEnv, run } from './helpers/subprocess.js';
import { runOne } from './helpers/instance-fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/flow-logs';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const T0 = '2026-03-01T12:00:00Z'; // a multiple of 600 s: windows start here
const epoch = (iso: string) => Date.parse(iso) / 1000;

/** boto3's logs client, against the test server: `script` uses `logs` and prints JSON. */
async function boto3Logs(url: string, script: string): Promise<any> {
  const program = `import boto3, json, sys\nlogs = boto3.client('logs', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n${script}`;
  const result = await run('python3', ['-c', program, url], awsEnv(CREDENTIALS));
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

const messagesOf = (url: string, group: string, pattern = '') =>
  boto3Logs(
    url,
    `events = []
kwargs = {'logGroupName': ${JSON.stringify(group)}, 'filterPattern': ${JSON.stringify(pattern)}}
for page in logs.get_paginator('filter_log_events').paginate(**kwargs):
    events += page['events']
print(json.dumps([[e['logStreamName'], e['message']] for e in events]))`,
  ) as Promise<[string, string][]>;

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return found.sort();
}

describe('flow logs: delivery to CloudWatch Logs and S3', () => {
  const clock = new TestClock(T0);
  let server: TestServer;
  let ec2: EC2Client;
  let s3Dir: string;
  let eni: EniFacts;
  let other: EniFacts;
  let sink: FlowLogSink;
  before(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'vpclite-s3-'));
    server = await startTestServer({ clock: clock.now, s3Dir });
    ec2 = server.client();
    sink = new FlowLogSink(server.store, { s3Dir });
  });
  after(async () => {
    await server.close();
    await rm(s3Dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await server.reset();
    await rm(s3Dir, { recursive: true, force: true });
    clock.set(T0);
    const { subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    eni = await eniFacts(ec2, (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!);
    other = await eniFacts(ec2, (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!);
  });

  const createFlowLog = async (input: Partial<CreateFlowLogsCommandInput>): Promise<string> => {
    const out = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [eni.vpcId],
        TrafficType: 'ALL',
        LogGroupName: 'flows',
        DeliverLogsPermissionArn: ROLE,
        ...input,
      } as CreateFlowLogsCommandInput),
    );
    assert.deepEqual(out.Unsuccessful ?? [], []);
    return out.FlowLogIds![0]!;
  };

  it('aggregates a flow per window, delivers it when the window closes, and reads it with boto3', async () => {
    await createFlowLog({});
    await sink.record([observation(eni, '2026-03-01T12:00:05Z', { packets: 10, bytes: 1000 })]);
    clock.set('2026-03-01T12:03:00Z');
    await sink.record([observation(eni, '2026-03-01T12:03:00Z', { packets: 5, bytes: 500 })]);
    // The window [12:00, 12:10) is still open: nothing to read, not even the group (delivery creates it).
    clock.set('2026-03-01T12:09:59Z');
    const groups = await boto3Logs(server.url, `print(json.dumps([g['logGroupName'] for g in logs.describe_log_groups()['logGroups']]))`);
    assert.deepEqual(groups, []);

    clock.set('2026-03-01T12:10:00Z');
    const stream = `${eni.networkInterfaceId}-all`;
    const first = `2 123456789012 ${eni.networkInterfaceId} 203.0.113.7 ${eni.primaryPrivateAddress} 40000 22 6 15 1500 ${epoch('2026-03-01T12:00:05Z')} ${epoch('2026-03-01T12:03:00Z')} ACCEPT OK`;
    assert.deepEqual(await messagesOf(server.url, 'flows'), [[stream, first]]);

    // A later window is a new record.
    clock.set('2026-03-01T12:11:00Z');
    await sink.record([observation(eni, '2026-03-01T12:11:00Z', { packets: 2, bytes: 120 })]);
    clock.set('2026-03-01T12:20:00Z');
    const t = epoch('2026-03-01T12:11:00Z');
    const second = `2 123456789012 ${eni.networkInterfaceId} 203.0.113.7 ${eni.primaryPrivateAddress} 40000 22 6 2 120 ${t} ${t} ACCEPT OK`;
    assert.deepEqual(await messagesOf(server.url, 'flows'), [[stream, first], [stream, second]]);

    const described = await boto3Logs(
      server.url,
      `g = logs.describe_log_groups(logGroupNamePrefix='flo')['logGroups']
s = logs.describe_log_streams(logGroupName='flows')['logStreams']
e = logs.get_log_events(logGroupName='flows', logStreamName=s[0]['logStreamName'], startFromHead=True)
print(json.dumps({'groups': [x['logGroupName'] for x in g], 'arn': g[0]['arn'], 'streams': [(x['logStreamName'], x['firstEventTimestamp'], x['lastEventTimestamp']) for x in s], 'events': [(x['timestamp'], x['message']) for x in e['events']]}))`,
    );
    assert.deepEqual(described.groups, ['flows']);
    assert.equal(described.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:flows:*');
    assert.deepEqual(described.streams, [[stream, epoch('2026-03-01T12:00:05Z') * 1000, t * 1000]]);
    assert.deepEqual(described.events, [[epoch('2026-03-01T12:00:05Z') * 1000, first], [t * 1000, second]]);
  });

  it('logs REJECT records and honours each flow log traffic type and resource', async () => {
    await createFlowLog({ TrafficType: 'REJECT', LogGroupName: 'rejects' });
    await createFlowLog({ TrafficType: 'ACCEPT', LogGroupName: 'accepts' });
    await createFlowLog({ ResourceType: 'NetworkInterface', ResourceIds: [other.networkInterfaceId], LogGroupName: 'other-eni' });
    await sink.record(
      [
        observation(eni, '2026-03-01T12:00:01Z'),
        observation(eni, '2026-03-01T12:00:02Z', { action: 'REJECT', destinationPort: 3389, tcpFlags: 2 }),
        observation(other, '2026-03-01T12:00:03Z', {
          flowDirection: 'egress',
          action: 'REJECT',
          packetSourceAddress: other.primaryPrivateAddress,
          packetDestinationAddress: '198.51.100.9',
          sourcePort: 50000,
          destinationPort: 443,
        }),
      ],
    );
    clock.set('2026-03-01T12:10:00Z');
    const rejects = (await messagesOf(server.url, 'rejects')).map(([, m]) => m.split(' '));
    assert.deepEqual(
      // Events of several streams come in time order; which ENI's id sorts first is chance, so compare as sets.
      rejects.map((f) => [f[2], f[4] ?? '', f[6], f[12]]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      [
        [eni.networkInterfaceId, eni.primaryPrivateAddress, '3389', 'REJECT'],
        [other.networkInterfaceId, '198.51.100.9', '443', 'REJECT'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const accepts = (await messagesOf(server.url, 'accepts')).map(([, m]) => m.split(' '));
    assert.deepEqual(accepts.map((f) => [f[2], f[6], f[12]]), [[eni.networkInterfaceId, '22', 'ACCEPT']]);
    const egress = await messagesOf(server.url, 'other-eni');
    assert.equal(egress.length, 1);
    // srcaddr is the ENI's own primary address for egress; the stream is the ENI's.
    assert.equal(egress[0]![0], `${other.networkInterfaceId}-all`);
    assert.match(egress[0]![1], new RegExp(`^2 123456789012 ${other.networkInterfaceId} ${other.primaryPrivateAddress.replaceAll('.', '\\.')} 198\\.51\\.100\\.9 50000 443 6 1 60 \\d+ \\d+ REJECT OK$`));
  });

  it('finds records with the AWS CLI and space-delimited filter patterns', async () => {
    await createFlowLog({});
    await sink.record(
      [
        observation(eni, '2026-03-01T12:00:01Z'),
        observation(eni, '2026-03-01T12:00:02Z', { action: 'REJECT', destinationPort: 3389 }),
        observation(eni, '2026-03-01T12:00:03Z', { destinationPort: 443, sourcePort: 40001, packets: 7, bytes: 9000 }),
      ],
    );
    clock.set('2026-03-01T12:10:00Z');
    const cli = async (pattern: string) => {
      const result = await run(
        'aws',
        ['--endpoint-url', server.url, '--output', 'json', 'logs', 'filter-log-events', '--log-group-name', 'flows', '--filter-pattern', pattern],
        awsEnv(CREDENTIALS),
      );
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout).events as { message: string }[]).map((e) => e.message.split(' ')[6]);
    };
    assert.deepEqual(await cli('[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, bytes, windowstart, windowend, action, flowlogstatus]'), ['22']);
    assert.deepEqual(await cli('[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]'), ['3389']);
    assert.deepEqual(await cli('[..., packets>5, bytes, windowstart, windowend, action, flowlogstatus]'), ['443']);
    assert.deepEqual(await cli('[..., destport=22 || destport=443, protocol, packets, bytes, start, end, action, status]'), ['22', '443']);
    assert.deepEqual(await cli('REJECT'), ['3389']);
    assert.deepEqual(await cli('ACCEPT -9000'), ['22']);
    assert.deepEqual(await cli(''), ['22', '3389', '443']);
  });

  it('writes custom formats with every field and the version of the newest one', async () => {
    const fields = [
      'version', 'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr', 'region',
      'az-id', 'sublocation-type', 'sublocation-id', 'pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction',
      'traffic-path', 'interface-id', 'srcaddr', 'dstaddr',
    ];
    await createFlowLog({ LogFormat: fields.map((f) => `\${${f}}`).join(' ') });
    await createFlowLog({ LogGroupName: 'v3', LogFormat: '${version} ${tcp-flags} ${interface-id}' });
    await createFlowLog({ LogGroupName: 'v8', LogFormat: '${version} ${reject-reason} ${ecs-task-id}' });
    await sink.record(
      [
        observation(eni, '2026-03-01T12:00:01Z', { tcpFlags: 2 }),
        observation(eni, '2026-03-01T12:00:02Z', { tcpFlags: 16 | 2, packets: 3 }),
        observation(eni, '2026-03-01T12:00:04Z', {
          flowDirection: 'egress',
          packetSourceAddress: '10.0.1.200', // a secondary address: srcaddr is still the primary one
          packetDestinationAddress: '198.51.100.9',
          sourcePort: 22,
          destinationPort: 40000,
          tcpFlags: 1,
          trafficPath: 8,
        }),
      ],
    );
    clock.set('2026-03-01T12:10:00Z');
    const records = (await messagesOf(server.url, 'flows')).map(([, m]) => m);
    assert.deepEqual(records, [
      `5 ${eni.vpcId} ${eni.subnetId} - 18 IPv4 203.0.113.7 ${eni.primaryPrivateAddress} us-east-1 ${eni.availabilityZoneId} - - - - ingress - ${eni.networkInterfaceId} 203.0.113.7 ${eni.primaryPrivateAddress}`,
      `5 ${eni.vpcId} ${eni.subnetId} - 1 IPv4 10.0.1.200 198.51.100.9 us-east-1 ${eni.availabilityZoneId} - - - - egress 8 ${eni.networkInterfaceId} ${eni.primaryPrivateAddress} 198.51.100.9`,
    ]);
    assert.deepEqual((await messagesOf(server.url, 'v3')).map(([, m]) => m), [
      `3 18 ${eni.networkInterfaceId}`,
      `3 1 ${eni.networkInterfaceId}`,
    ]);
    assert.deepEqual((await messagesOf(server.url, 'v8')).map(([, m]) => m), ['8 - -', '8 - -']);
  });

  it('names the instance an ENI is attached to', async () => {
    const instanceId = await runOne(ec2, { SubnetId: eni.subnetId });
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eni.networkInterfaceId, InstanceId: instanceId, DeviceIndex: 1 }));
    await createFlowLog({ LogFormat: '${instance-id} ${interface-id}' });
    await sink.record([observation(eni, '2026-03-01T12:00:01Z', { instanceId }), observation(other, '2026-03-01T12:00:01Z')]);
    clock.set('2026-03-01T12:10:00Z');
    const records = (await messagesOf(server.url, 'flows')).map(([, m]) => m).sort();
    assert.deepEqual(records, [`${instanceId} ${eni.networkInterfaceId}`, `- ${other.networkInterfaceId}`].sort());
  });

  it('does not log traffic to the Amazon DNS server, the metadata service or DHCP', async () => {
    await createFlowLog({});
    const egress = { flowDirection: 'egress' as const, packetSourceAddress: eni.primaryPrivateAddress, protocol: 17, sourcePort: 53000 };
    await sink.record(
      [
        observation(eni, '2026-03-01T12:00:01Z', { ...egress, packetDestinationAddress: '10.0.0.2', destinationPort: 53 }),
        observation(eni, '2026-03-01T12:00:01Z', { ...egress, packetDestinationAddress: '169.254.169.253', destinationPort: 53 }),
        observation(eni, '2026-03-01T12:00:01Z', { ...egress, protocol: 6, packetDestinationAddress: '169.254.169.254', destinationPort: 80 }),
        observation(eni, '2026-03-01T12:00:01Z', { ...egress, packetDestinationAddress: '10.0.0.1', sourcePort: 68, destinationPort: 67 }),
        // A DNS server of one's own is logged.
        observation(eni, '2026-03-01T12:00:01Z', { ...egress, packetDestinationAddress: '10.0.1.53', destinationPort: 53 }),
      ],
    );
    clock.set('2026-03-01T12:10:00Z');
    const records = (await messagesOf(server.url, 'flows')).map(([, m]) => m.split(' ')[4]);
    assert.deepEqual(records, ['10.0.1.53']);
  });

  it('stops recording when the flow log is deleted; what was delivered stays', async () => {
    const id = await createFlowLog({ MaxAggregationInterval: 60 });
    await sink.record([observation(eni, '2026-03-01T12:00:01Z')]);
    clock.set('2026-03-01T12:01:00Z');
    assert.equal((await messagesOf(server.url, 'flows')).length, 1);
    await sink.record([observation(eni, '2026-03-01T12:01:10Z')]);
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }));
    await sink.record([observation(eni, '2026-03-01T12:01:20Z')]);
    clock.set('2026-03-01T12:30:00Z');
    assert.equal(await flushFlowLogs(server.store, clock.now(), { s3Dir }), 0);
    assert.equal((await messagesOf(server.url, 'flows')).length, 1);
  });

  it('writes S3 files in AWS key layout, gzip with a header line, for each flow log', async () => {
    const plain = await createFlowLog({
      LogGroupName: undefined,
      DeliverLogsPermissionArn: undefined,
      LogDestinationType: 's3',
      LogDestination: 'arn:aws:s3:::flow-bucket',
      MaxAggregationInterval: 60,
    });
    const hive = await createFlowLog({
      ResourceType: 'NetworkInterface',
      ResourceIds: [eni.networkInterfaceId],
      LogGroupName: undefined,
      DeliverLogsPermissionArn: undefined,
      LogDestinationType: 's3',
      LogDestination: 'arn:aws:s3:::flow-bucket/team-a',
      LogFormat: '${version} ${interface-id} ${action} ${flow-direction}',
      DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: true, PerHourPartition: true },
    });
    await sink.record(
      [observation(eni, '2026-03-01T12:00:01Z', { packets: 4, bytes: 400 }), observation(other, '2026-03-01T12:00:02Z', { action: 'REJECT' })],
    );
    clock.set('2026-03-01T12:20:00Z');
    assert.equal(await flushFlowLogs(server.store, clock.now(), { s3Dir }), 3);
    const files = await filesUnder(s3Dir);
    assert.equal(files.length, 2);
    const plainFile = files.find((f) => f.includes(plain))!;
    const hiveFile = files.find((f) => f.includes(hive))!;
    assert.match(
      plainFile,
      new RegExp(`^flow-bucket/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/03/01/123456789012_vpcflowlogs_us-east-1_${plain}_20260301T1220Z_[0-9a-f]{8}\\.log\\.gz$`),
    );
    assert.match(
      hiveFile,
      new RegExp(
        `^flow-bucket/team-a/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=01/hour=12/123456789012_vpcflowlogs_us-east-1_${hive}_20260301T1220Z_[0-9a-f]{8}\\.log\\.gz$`,
      ),
    );
    const lines = async (file: string) => gunzipSync(await readFile(join(s3Dir, file))).toString('utf8').split('\n').filter((l) => l !== '');
    const plainLines = await lines(plainFile);
    assert.equal(plainLines[0], 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status');
    assert.deepEqual(plainLines.slice(1).sort(), [
      `2 123456789012 ${eni.networkInterfaceId} 203.0.113.7 ${eni.primaryPrivateAddress} 40000 22 6 4 400 ${epoch('2026-03-01T12:00:01Z')} ${epoch('2026-03-01T12:00:01Z')} ACCEPT OK`,
      `2 123456789012 ${other.networkInterfaceId} 203.0.113.7 ${other.primaryPrivateAddress} 40000 22 6 1 60 ${epoch('2026-03-01T12:00:02Z')} ${epoch('2026-03-01T12:00:02Z')} REJECT OK`,
    ].sort());
    assert.deepEqual(await lines(hiveFile), ['version interface-id action flow-direction', `5 ${eni.networkInterfaceId} ACCEPT ingress`]);
  });

  it('writes no window for a flow log deleted after a request read its coverage', async () => {
    const id = await createFlowLog({});
    const generation = await server.store.read((tx) => readGeneration(tx, eni.account, eni.region));
    const known = { account: eni.account, region: eni.region, generation };
    await sink.record([observation(eni, '2026-03-01T12:00:01Z')], { generation: known });
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }));
    // A request whose snapshot predates the delete: its coverage still names the flow log.
    await sink.record([observation(eni, '2026-03-01T12:00:02Z')], { generation: known });
    const rows = await server.store.read((tx) => tx.all('SELECT flow_log_id FROM flow_log_windows'));
    assert.deepEqual(rows, []);
  });
});

