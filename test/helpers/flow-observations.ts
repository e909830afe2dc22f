/**
 * FlowObservations for ENIs made through the API, as the traffic evaluator would hand them to its sinks: the
 * flow-log tests drive the sink directly with them (the traffic endpoint is another branch's).
 */
import { DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DEFAULT_ACCOUNT } from '../../src/gateway/auth.js';
import type { FlowObservation } from '../../src/traffic/flow-observation.js';

/** What an observation needs to know about the ENI it was made at. */
export type EniFacts = Pick<
  FlowObservation,
  'account' | 'region' | 'networkInterfaceId' | 'vpcId' | 'subnetId' | 'availabilityZoneId' | 'interfaceType' | 'primaryPrivateAddress'
>;

export async function eniFacts(ec2: EC2Client, networkInterfaceId: string): Promise<EniFacts> {
  const eni = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [networkInterfaceId] })))
    .NetworkInterfaces![0]!;
  const subnet = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [eni.SubnetId!] }))).Subnets![0]!;
  return {
    account: DEFAULT_ACCOUNT,
    region: 'us-east-1',
    networkInterfaceId,
    vpcId: eni.VpcId!,
    subnetId: eni.SubnetId!,
    availabilityZoneId: subnet.AvailabilityZoneId!,
    interfaceType: eni.InterfaceType ?? 'interface',
    primaryPrivateAddress: eni.PrivateIpAddress!,
  };
}

/** A TCP packet batch seen at `eni`; ingress by default, from 203.0.113.7:40000 to the ENI's port 22. */
export function observation(eni: EniFacts, at: string, overrides: Partial<FlowObservation> = {}): FlowObservation {
  const ingress = (overrides.flowDirection ?? 'ingress') === 'ingress';
  return {
    ...eni,
    flowDirection: 'ingress',
    packetSourceAddress: ingress ? '203.0.113.7' : eni.primaryPrivateAddress,
    packetDestinationAddress: ingress ? eni.primaryPrivateAddress : '203.0.113.7',
    sourcePort: ingress ? 40000 : 22,
    destinationPort: ingress ? 22 : 40000,
    protocol: 6,
    packets: 1,
    bytes: 60,
    tcpFlags: 2,
    action: 'ACCEPT',
    time: new Date(at),
    ...overrides,
  };
}

/** A clock a test moves by hand; the server reads it for every request. */
export class TestClock {
  private ms: number;
  constructor(start: string) {
    this.ms = Date.parse(start);
  }
  now = (): Date => new Date(this.ms);
  set(at: string): void {
    this.ms = Date.parse(at);
  }
}
