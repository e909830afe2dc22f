/**
 * POST /_vpclite/traffic at concurrency 8, with flow logs on: one TCP packet between two ENIs of a subnet (their
 * group admits it), evaluated with its reply, its four observations handed to the server's sinks: the metrics
 * counters, and the VPC's flow log (ALL traffic to CloudWatch Logs, 60-second windows), whose window rows are
 * committed before each answer. Each request reads the account's generation; the compiled topology and the
 * flow-log coverage are reused while it stands still. Requests are JSON over keep-alive connections, not signed
 * (the endpoint takes the account from the body then). vpclite only: moto has no traffic endpoint.
 */
import { Agent, request } from 'node:http';
import { xmlValue, type BenchClient } from '../client.js';
import { loadWorkload } from '../workload.js';

interface Flow {
  body: string;
  agent: Agent;
  port: number;
}

async function setupFlow(client: BenchClient): Promise<Flow> {
  const vpcId = xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId')!;
  const subnetId = xmlValue(await client.expect({ Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: '10.0.1.0/24' }), 'subnetId')!;
  const groupId = xmlValue(
    await client.expect({ Action: 'CreateSecurityGroup', GroupName: 'bench-web', GroupDescription: 'bench', VpcId: vpcId }),
    'groupId',
  )!;
  await client.expect({
    Action: 'AuthorizeSecurityGroupIngress',
    GroupId: groupId,
    'IpPermissions.1.IpProtocol': 'tcp',
    'IpPermissions.1.FromPort': '443',
    'IpPermissions.1.ToPort': '443',
    'IpPermissions.1.IpRanges.1.CidrIp': '10.0.0.0/16',
  });
  const flowLog = await client.expect({
    Action: 'CreateFlowLogs',
    ResourceType: 'VPC',
    'ResourceId.1': vpcId,
    TrafficType: 'ALL',
    LogGroupName: 'bench-flows',
    DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs',
    MaxAggregationInterval: '60',
  });
  if (!/<flowLogIdSet>\s*<item>fl-/.test(flowLog)) throw new Error(`CreateFlowLogs made no flow log: ${flowLog.slice(0, 300)}`);
  const eni = async () =>
    client.expect({ Action: 'CreateNetworkInterface', SubnetId: subnetId, 'SecurityGroupId.1': groupId });
  const source = xmlValue(await eni(), 'networkInterfaceId')!;
  const destination = xmlValue(await eni(), 'privateIpAddress')!;
  const flow: Flow = {
    body: JSON.stringify({ source, destination, protocol: 'tcp', port: 443, account: '123456789012', region: 'us-east-1' }),
    agent: new Agent({ keepAlive: true, maxSockets: 8 }),
    port: client.port,
  };
  await flowLogsRecord(flow);
  return flow;
}

/** Checks, before measuring, that the flow log records this flow: one packet, the clock past its window, a read. */
async function flowLogsRecord(flow: Flow): Promise<void> {
  await post(flow);
  const at = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${flow.port}${path}`, { method: 'POST', body, headers });
  await at('/_vpclite/clock', JSON.stringify({ advanceSeconds: 120 }));
  const read = await at('/', JSON.stringify({ logGroupName: 'bench-flows' }), {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'Logs_20140328.FilterLogEvents',
  });
  const events = ((await read.json()) as { events?: unknown[] }).events ?? [];
  if (events.length !== 4) throw new Error(`the flow log holds ${events.length} records of the first request, not 4`);
}

function post(flow: Flow): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: flow.port,
        method: 'POST',
        path: '/_vpclite/traffic',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(flow.body) },
        agent: flow.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200 || !text.startsWith('{"accepted":true')) reject(new Error(`traffic answered ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve();
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(flow.body);
  });
}

export const trafficEndpoint = loadWorkload<Flow>({
  name: 'traffic-endpoint',
  title: 'POST /_vpclite/traffic (ENI to ENI, request + reply, flow logs on), concurrency 8',
  concurrency: 8,
  goal: '> 3,000 req/s',
  group: 'traffic',
  count: { unit: 'req/s', of: 'operations' },
  skip: { moto: 'vpclite’s traffic extension; moto has none', ceiling: 'the trivial server answers EC2 XML only' },
  setup: setupFlow,
  operation: (flow) => async () => {
    await post(flow);
  },
});
