/**
 * A verdict as flow logs and metrics see it (routing-and-traffic.md §3 "Flow-log view"): for each leg of the
 * request and of the reply, an egress observation at the sending ENI (REJECT when its group, check or subnet
 * ACL dropped the packet) and an ingress observation at the receiving ENI, when the packet got there (REJECT
 * when its subnet ACL, check or group dropped it). The internet side records nothing; neither does traffic to
 * the resolver or the link-local services, which flow logs never capture (§4.2).
 */
import type { FlowObservation } from './flow-observation.js';
import type { Header, Leg, Verdict } from './verdict.js';
import { TCP } from './verdict.js';
import type { NetworkInterfaceData } from './topology.js';

/** What the caller sent with the packet description. */
export interface FlowVolume {
  packets: number;
  bytes: number;
  time: Date;
  region: string;
}

const SYN = 2;
const SYN_ACK = 18;

function observation(
  eni: NetworkInterfaceData,
  header: Header,
  flowDirection: 'ingress' | 'egress',
  action: 'ACCEPT' | 'REJECT',
  tcpFlags: number,
  volume: FlowVolume,
  trafficPath: number | undefined,
): FlowObservation {
  const primary = eni.privateIpv4.find((a) => a.primary) ?? eni.privateIpv4[0];
  return {
    account: eni.account,
    region: volume.region,
    networkInterfaceId: eni.id,
    vpcId: eni.vpcId,
    subnetId: eni.subnetId,
    instanceId: eni.instanceId,
    availabilityZoneId: eni.availabilityZoneId,
    interfaceType: eni.interfaceType,
    primaryPrivateAddress: primary?.address ?? '',
    flowDirection,
    packetSourceAddress: header.sourceAddress,
    packetDestinationAddress: header.destinationAddress,
    sourcePort: header.sourcePort,
    destinationPort: header.destinationPort,
    protocol: header.protocol,
    packets: volume.packets,
    bytes: volume.bytes,
    tcpFlags,
    action,
    trafficPath: flowDirection === 'egress' ? trafficPath : undefined,
    time: volume.time,
  };
}

function legObservations(leg: Leg, tcpFlags: number, volume: FlowVolume, into: FlowObservation[]): void {
  if (leg.from.kind === 'eni' && leg.senderAction !== undefined) {
    into.push(observation(leg.from.eni, leg.sent, 'egress', leg.senderAction, tcpFlags, volume, leg.trafficPath));
  }
  if (leg.to?.kind === 'eni' && leg.receiverAction !== undefined && leg.received !== undefined) {
    into.push(observation(leg.to.eni, leg.received, 'ingress', leg.receiverAction, tcpFlags, volume, undefined));
  }
}

export function flowObservations(verdict: Verdict, volume: FlowVolume): FlowObservation[] {
  const into: FlowObservation[] = [];
  const tcp = (verdict.request.legs[0]?.sent.protocol ?? 0) === TCP;
  for (const leg of verdict.request.legs) legObservations(leg, tcp ? SYN : 0, volume, into);
  for (const leg of verdict.reply?.legs ?? []) legObservations(leg, tcp ? SYN_ACK : 0, volume, into);
  return into;
}
