/**
 * `vpclite eni failover --from i-A --to i-B`: moves every secondary ENI of A to B at the same device indexes,
 * through the EC2 API (DetachNetworkInterface with Force, then AttachNetworkInterface), after checking that B can
 * take them all. Addresses and Elastic IPs belong to the ENI, so they move with it. Reports each ENI and the time.
 */
import {
  AttachNetworkInterfaceCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DetachNetworkInterfaceCommand,
  type _InstanceType,
  type Instance,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { CliError, EXIT, fromClientError } from './cli-error.js';
import { connect, type Connection, type ConnectionOptions } from './connection.js';
import { failoverProblems, type PlannedEni, type TargetInstance } from './failover-plan.js';
import { outputFormat, render, type Rendered } from './output.js';

export interface EniFailoverOptions extends ConnectionOptions {
  from: string;
  to: string;
  dryRun?: boolean;
  output: string;
}

async function instances(conn: Connection, ids: string[]): Promise<Map<string, Instance>> {
  const answer = await conn.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  const found = new Map<string, Instance>();
  for (const r of answer.Reservations ?? []) for (const i of r.Instances ?? []) found.set(i.InstanceId!, i);
  return found;
}

const toPlanned = (eni: NetworkInterface): PlannedEni => ({
  networkInterfaceId: eni.NetworkInterfaceId!,
  attachmentId: eni.Attachment!.AttachmentId!,
  deviceIndex: eni.Attachment!.DeviceIndex!,
  networkCardIndex: eni.Attachment!.NetworkCardIndex ?? 0,
  availabilityZone: eni.AvailabilityZone!,
  privateIpAddresses: (eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress!),
  publicIps: (eni.PrivateIpAddresses ?? []).map((a) => a.Association?.PublicIp).filter((p): p is string => !!p),
  ipv4Count: (eni.PrivateIpAddresses ?? []).length + (eni.Ipv4Prefixes ?? []).length,
});

async function attachedEnis(conn: Connection, instanceId: string): Promise<NetworkInterface[]> {
  const answer = await conn.ec2.send(
    new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
  );
  return answer.NetworkInterfaces ?? [];
}

async function target(conn: Connection, instance: Instance): Promise<TargetInstance> {
  const type = instance.InstanceType!;
  const info = await conn.ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: [type as _InstanceType] }));
  const network = info.InstanceTypes?.[0]?.NetworkInfo;
  const enis = await attachedEnis(conn, instance.InstanceId!);
  return {
    instanceId: instance.InstanceId!,
    state: instance.State?.Name ?? 'unknown',
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    instanceType: type,
    maxNetworkInterfaces: network?.MaximumNetworkInterfaces ?? Number.MAX_SAFE_INTEGER,
    ipv4PerInterface: network?.Ipv4AddressesPerInterface ?? Number.MAX_SAFE_INTEGER,
    takenSlots: enis.map((e) => `${e.Attachment?.NetworkCardIndex ?? 0}:${e.Attachment?.DeviceIndex}`),
  };
}

/** Waits until the detached ENI is `available` (vpclite: at once; AWS and moto may take a moment). */
async function waitAvailable(conn: Connection, eniId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const answer = await conn.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }));
    if (answer.NetworkInterfaces?.[0]?.Status === 'available') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CliError(`${eniId} did not become available after its detach`, 'the detach did not finish within 30 s', 'look at the ENI with describe-network-interfaces and run the failover again', EXIT.failure);
}

export async function eniFailover(options: EniFailoverOptions): Promise<Rendered> {
  outputFormat(options.output);
  if (options.from === options.to) {
    throw new CliError('--from and --to name the same instance', 'a failover moves ENIs to another instance', 'pass the standby as --to', EXIT.usage);
  }
  const conn = connect(options);
  try {
    const started = performance.now();
    let found: Map<string, Instance>;
    try {
      found = await instances(conn, [options.from, options.to]);
    } catch (error) {
      throw fromClientError(error, options.endpoint, `describing ${options.from} and ${options.to}`);
    }
    const from = found.get(options.from)!;
    const to = found.get(options.to)!;
    const enis = (await attachedEnis(conn, from.InstanceId!))
      .filter((e) => !(e.Attachment?.DeviceIndex === 0 && (e.Attachment?.NetworkCardIndex ?? 0) === 0))
      .filter((e) => e.RequesterManaged !== true)
      .map(toPlanned)
      .sort((a, b) => a.networkCardIndex - b.networkCardIndex || a.deviceIndex - b.deviceIndex);
    const problems = failoverProblems(enis, await target(conn, to));
    if (problems.length > 0) {
      throw new CliError(
        `cannot move the ENIs of ${options.from} to ${options.to}; nothing was moved`,
        problems.join('; '),
        'pick a standby in the same Availability Zone with free device indexes and room for the ENIs (a larger type), or detach what is in the way',
        EXIT.precondition,
      );
    }
    const moved = [];
    for (const eni of enis) {
      const eniStarted = performance.now();
      if (!options.dryRun) {
        try {
          await conn.ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId: eni.attachmentId, Force: true }));
          await waitAvailable(conn, eni.networkInterfaceId);
          await conn.ec2.send(
            new AttachNetworkInterfaceCommand({
              NetworkInterfaceId: eni.networkInterfaceId,
              InstanceId: options.to,
              DeviceIndex: eni.deviceIndex,
              NetworkCardIndex: eni.networkCardIndex,
            }),
          );
        } catch (error) {
          throw fromClientError(error, options.endpoint, `moving ${eni.networkInterfaceId} (${moved.length} of ${enis.length} moved before it)`);
        }
      }
      moved.push({ ...eni, attachmentId: undefined, ms: Math.round((performance.now() - eniStarted) * 10) / 10 });
    }
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    const data = { from: options.from, to: options.to, dryRun: options.dryRun === true, moved: moved.map(({ attachmentId: _, ...m }) => m), elapsedMs };
    return {
      data,
      sections: [
        {
          title: options.dryRun ? `Would move ${options.from} → ${options.to}` : `Moved ${options.from} → ${options.to}`,
          name: options.dryRun ? 'WOULD_MOVE' : 'MOVED',
          columns: ['ENI', 'Device', 'Private IPs', 'Elastic/public IPs', 'ms'],
          rows: moved.map((m) => [m.networkInterfaceId, m.deviceIndex, m.privateIpAddresses.join(','), m.publicIps.join(',') || '-', m.ms]),
        },
      ],
      notes: [`${options.dryRun ? 'would move' : 'moved'} ${moved.length} ENI(s) in ${elapsedMs} ms`],
    };
  } finally {
    conn.close();
  }
}
