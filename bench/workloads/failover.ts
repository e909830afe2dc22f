/**
 * Failover (issue 8): how long from a primary's state change until its secondary ENI is attached to the standby.
 *
 * - `failover-automatic` (vpclite only: moto has no failover groups): a failover group moves the ENI inside the
 *   StopInstances transaction. Measured from sending StopInstances until a DescribeNetworkInterfaces shows the ENI
 *   attached to the standby (the client-observed time), and, in the note, the server's own time spent moving
 *   inside that transaction (failover_events.move_microseconds). The target is 50 ms.
 * - `failover-manual`: what a client must do without failover groups (and all moto can do): StopInstances, then
 *   DetachNetworkInterface (Force), then AttachNetworkInterface to the standby; measured from sending
 *   StopInstances until the attach is answered.
 *
 * Each round swaps the roles of the two instances (the stopped one is started again, unmeasured), so the ENI goes
 * back and forth. Median of ROUNDS rounds; p99 is the slowest round.
 */
import { BenchClient, xmlValue } from '../client.js';
import { percentile } from '../stats.js';
import type { Figure, Workload } from '../workload.js';

const ROUNDS = 30;

interface Pair {
  client: BenchClient;
  instances: [string, string];
  eni: string;
}

async function firstImage(client: BenchClient): Promise<string> {
  const images = await client.expect({ Action: 'DescribeImages', 'Owner.1': 'amazon' });
  const id = xmlValue(images, 'imageId');
  if (!id) throw new Error('the server lists no image to launch');
  return id;
}

/** A VPC with a subnet, two running instances and one more ENI attached to the first at device index 1. */
async function setUp(port: number): Promise<Pair> {
  const client = new BenchClient(port, { maxSockets: 1 });
  const vpc = xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.88.0.0/16' }), 'vpcId')!;
  const subnet = xmlValue(
    await client.expect({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.88.1.0/24', AvailabilityZone: 'us-east-1a' }),
    'subnetId',
  )!;
  const image = await firstImage(client);
  const run = async () =>
    xmlValue(
      await client.expect({ Action: 'RunInstances', ImageId: image, InstanceType: 't3.small', MinCount: '1', MaxCount: '1', SubnetId: subnet }),
      'instanceId',
    )!;
  const instances: [string, string] = [await run(), await run()];
  const eni = xmlValue(await client.expect({ Action: 'CreateNetworkInterface', SubnetId: subnet }), 'networkInterfaceId')!;
  await client.expect({ Action: 'AttachNetworkInterface', NetworkInterfaceId: eni, InstanceId: instances[0], DeviceIndex: '1' });
  return { client, instances, eni };
}

async function attachedTo(client: BenchClient, eni: string): Promise<{ instance?: string; attachment?: string }> {
  const body = await client.expect({ Action: 'DescribeNetworkInterfaces', 'NetworkInterfaceId.1': eni });
  return { instance: xmlValue(body, 'instanceId'), attachment: xmlValue(body, 'attachmentId') };
}

function figure(times: number[], note: string): Figure {
  const sorted = Float64Array.from(times).sort();
  return { value: percentile(sorted, 50), p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), requests: times.length, errors: {}, note };
}

async function admin(port: number, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export const failoverAutomatic: Workload = {
  name: 'failover-automatic',
  title: 'StopInstances of a failover group primary → ENI attached to the standby (ms)',
  unit: 'ms',
  better: 'lower',
  goal: '< 50 ms',
  ceiling: false,
  group: 'failover',
  skip: { moto: 'moto has no failover groups: see failover-manual for the detach + attach a client would do' },
  async measure(target) {
    const pair = await setUp(target.port);
    const times: number[] = [];
    const serverUs: number[] = [];
    let [primary, standby] = pair.instances;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await admin(target.port, 'POST', '/_vpclite/failover/groups', { name: `bench-${round}`, primary, standby });
        const started = performance.now();
        await pair.client.expect({ Action: 'StopInstances', 'InstanceId.1': primary });
        const seen = await attachedTo(pair.client, pair.eni);
        times.push(performance.now() - started);
        if (seen.instance !== standby) throw new Error(`round ${round}: the ENI is on ${seen.instance}, not ${standby}`);
        const events = (await admin(target.port, 'GET', `/_vpclite/failover/events?group=bench-${round}&after=0`)) as { events: { moveMicroseconds: number }[] };
        serverUs.push(events.events[0]!.moveMicroseconds);
        await admin(target.port, 'DELETE', `/_vpclite/failover/groups/bench-${round}`);
        await pair.client.expect({ Action: 'StartInstances', 'InstanceId.1': primary });
        [primary, standby] = [standby, primary];
      }
    } finally {
      pair.client.close();
    }
    const server = Float64Array.from(serverUs).sort();
    return figure(
      times,
      `${ROUNDS} rounds; the move itself, inside the StopInstances transaction, took p50 ${(percentile(server, 50) / 1000).toFixed(2)} ms, max ${(percentile(server, 100) / 1000).toFixed(2)} ms`,
    );
  },
};

export const failoverManual: Workload = {
  name: 'failover-manual',
  title: 'StopInstances + DetachNetworkInterface (Force) + AttachNetworkInterface, client-driven (ms)',
  unit: 'ms',
  better: 'lower',
  ceiling: false,
  group: 'failover',
  async measure(target) {
    const pair = await setUp(target.port);
    const times: number[] = [];
    let [primary, standby] = pair.instances;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const { attachment } = await attachedTo(pair.client, pair.eni);
        const started = performance.now();
        await pair.client.expect({ Action: 'StopInstances', 'InstanceId.1': primary });
        await pair.client.expect({ Action: 'DetachNetworkInterface', AttachmentId: attachment!, Force: 'true' });
        await pair.client.expect({ Action: 'AttachNetworkInterface', NetworkInterfaceId: pair.eni, InstanceId: standby, DeviceIndex: '1' });
        times.push(performance.now() - started);
        await pair.client.expect({ Action: 'StartInstances', 'InstanceId.1': primary });
        [primary, standby] = [standby, primary];
      }
    } finally {
      pair.client.close();
    }
    return figure(times, `${ROUNDS} rounds, three calls each, one after the other`);
  },
};
