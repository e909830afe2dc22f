/**
 * POST /_vpclite/traffic at concurrency 8: one TCP packet between two ENIs of a subnet (their group admits it),
 * evaluated with its reply, its four observations handed to the server's sinks (the metrics counters; flow logs
 * add theirs when the server is built with them). Each request loads the flow's topology from the store by
 * indexed queries, compiles and evaluates it. Requests are JSON over keep-alive connections, not signed (the
 * endpoint takes the account from the body then). vpclite only: moto has no traffic endpoint.
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
  const eni = async () =>
    client.expect({ Action: 'CreateNetworkInterface', SubnetId: subnetId, 'SecurityGroupId.1': groupId });
  const source = xmlValue(await eni(), 'networkInterfaceId')!;
  const destination = xmlValue(await eni(), 'privateIpAddress')!;
  return {
    body: JSON.stringify({ source, destination, protocol: 'tcp', port: 443, account: '123456789012', region: 'us-east-1' }),
    agent: new Agent({ keepAlive: true, maxSockets: 8 }),
    port: client.port,
  };
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
  title: 'POST /_vpclite/traffic (ENI to ENI, request + reply, metrics sink), concurrency 8',
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
