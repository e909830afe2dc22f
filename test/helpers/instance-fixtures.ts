/**
 * Shared setup for the instance tests: built-in image ids, a VPC with subnets made through the real API, a
 * RunInstances with sensible defaults, reads of one instance and of one ENI, and a client that counts the
 * requests it sends (to show that waiters finish on their first poll without timing anything).
 */
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  type Instance,
  type NetworkInterface,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import type { TestServer } from './server.js';

/** Amazon Linux 2 x86_64 (gp2 root, 8 GiB at /dev/xvda). */
export const AL2_X86 = 'ami-0c9914fc68f617531';
/** Amazon Linux 2023 arm64 (gp3 root, UEFI). */
export const AL2023_ARM = 'ami-0be31b302e6612013';

export async function runInstances(ec2: EC2Client, input: Partial<RunInstancesCommandInput> = {}) {
  return ec2.send(new RunInstancesCommand({ ImageId: AL2_X86, InstanceType: 't3.small', MinCount: 1, MaxCount: 1, ...input }));
}

/** Launches one instance and returns its id. */
export async function runOne(ec2: EC2Client, input: Partial<RunInstancesCommandInput> = {}): Promise<string> {
  return (await runInstances(ec2, input)).Instances![0]!.InstanceId!;
}

export async function describeInstance(ec2: EC2Client, instanceId: string): Promise<Instance> {
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return Reservations![0]!.Instances![0]!;
}

export async function describeEni(ec2: EC2Client, eniId: string): Promise<NetworkInterface> {
  return (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }))).NetworkInterfaces![0]!;
}

/** eth0 of an instance, as DescribeNetworkInterfaces shows it. */
export async function primaryEniOf(ec2: EC2Client, instanceId: string): Promise<NetworkInterface> {
  const instance = await describeInstance(ec2, instanceId);
  const eth0 = instance.NetworkInterfaces!.find((n) => n.Attachment!.DeviceIndex === 0)!;
  return describeEni(ec2, eth0.NetworkInterfaceId!);
}

export interface TestNetwork {
  vpcId: string;
  /** us-east-1a */
  subnetA: string;
  /** us-east-1a, another subnet of the same VPC */
  subnetA2: string;
  /** us-east-1b */
  subnetB: string;
}

/** A VPC 10.<n>.0.0/16 with DNS hostnames on and three /24 subnets. */
export async function createNetwork(ec2: EC2Client, n = 40): Promise<TestNetwork> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnet = async (third: number, zone: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${n}.${third}.0/24`, AvailabilityZone: zone })))
      .Subnet!.SubnetId!;
  return { vpcId, subnetA: await subnet(1, 'us-east-1a'), subnetA2: await subnet(2, 'us-east-1a'), subnetB: await subnet(3, 'us-east-1b') };
}

/** A client whose requests are counted by command name. */
export function countingClient(server: TestServer): { client: EC2Client; count: (command: string) => number; reset: () => void } {
  const client = server.client();
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName!, (counts.get(context.commandName!) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { client, count: (command) => counts.get(command) ?? 0, reset: () => counts.clear() };
}
