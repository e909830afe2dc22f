/**
 * The seam between the traffic evaluator and what records traffic. When `POST /_vpclite/traffic` sends packets,
 * the evaluator turns each direction of the flow, at each ENI it touched, into one FlowObservation (accepted or
 * rejected there) and hands the batch to every ObservationSink the server was built with: flow logs aggregate
 * them into records, metrics count them. Sinks never decide anything; the verdict is already made.
 */
import type { KnownGeneration } from '../store/generations.js';

export interface FlowObservation {
  /** The account that owns the ENI (flow logs' account-id). */
  account: string;
  region: string;
  networkInterfaceId: string;
  vpcId: string;
  subnetId: string;
  /** The instance the ENI is attached to, if any (flow logs write `-` otherwise). */
  instanceId?: string;
  availabilityZoneId: string;
  interfaceType: string;
  /** The ENI's primary private IPv4: flow logs' srcaddr or dstaddr for the ENI's own side (routing-and-traffic.md §4.2). */
  primaryPrivateAddress: string;
  /** Relative to the ENI. */
  flowDirection: 'ingress' | 'egress';
  /** The addresses in the packet's header as it was at this ENI (pkt-srcaddr, pkt-dstaddr). */
  packetSourceAddress: string;
  packetDestinationAddress: string;
  /** 0 for protocols without ports. */
  sourcePort: number;
  destinationPort: number;
  /** IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6). */
  protocol: number;
  packets: number;
  bytes: number;
  /** TCP flags OR-ed over the packets (FIN 1, SYN 2, RST 4, SYN-ACK 18); 0 otherwise. */
  tcpFlags: number;
  action: 'ACCEPT' | 'REJECT';
  /** flow logs' traffic-path for egress (1 same VPC, 8 internet gateway); undefined for ingress. */
  trafficPath?: number;
  /** When the packets were seen, by the server's clock (which `POST /_vpclite/clock` can advance). */
  time: Date;
}

/** What a sink may use besides the observations. */
export interface SinkContext {
  /**
   * The generation of the observations' account (src/store/generations.ts), read in the snapshot the verdict was
   * made from: a sink may reuse what it derived from the store at that generation without reading it again.
   */
  generation?: KnownGeneration;
}

export interface ObservationSink {
  /** Records one batch; the traffic request is answered after every sink has finished. */
  record(observations: readonly FlowObservation[], context?: SinkContext): Promise<void>;
}
