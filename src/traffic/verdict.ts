/**
 * What the evaluator takes and answers (routing-and-traffic.md §3). A Packet names its ends as the traffic
 * endpoint does; a Verdict says whether the request reached its destination and whether the reply came back,
 * with every step of both directions in order: the component that decided (ENI, security group, route table,
 * network ACL, internet gateway, instance), the exact rule (sgr- id, NACL rule number, route destination) and,
 * for a drop, the Reachability Analyzer's explanation code. Legs list each hop between two endpoints (an ENI or
 * the internet) with the header as sent and as received, which is what flow logs and PathComponents need.
 *
 * These types are the evaluator's stable API (the Reachability Analyzer builds on them): add fields, never rename.
 */
import type { AclEntryData, NetworkInterfaceData, RouteData, SecurityGroupRuleData } from './topology.js';

/** Protocols by IANA number; -1 is "any protocol": only all-protocol rules and entries admit it. */
export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

export interface Packet {
  /** `eni-…`, a private address held by an ENI, or `internet`. */
  source: string;
  /** For an `internet` source: the internet host's address (default 203.0.113.10, or 2001:db8::10 for IPv6). */
  sourceAddress?: string;
  /** An address (private, public, Elastic, IPv6, on the internet) or `eni-…` (its primary address; from the internet, its public one). */
  destination: string;
  protocol: number;
  /** TCP/UDP destination port; ICMP type. */
  port: number;
  /** TCP/UDP source port (default 49152, the first ephemeral port); ICMP code. */
  sourcePort?: number;
}

/** Reachability Analyzer explanation codes the evaluator gives (routing-and-traffic.md §5.2). */
export type ExplanationCode =
  | 'ENI_SG_RULES_MISMATCH'
  | 'SG_HAS_NO_RULES'
  | 'ENI_SOURCE_DEST_CHECK_RESTRICTION'
  | 'NO_ROUTE_TO_DESTINATION'
  | 'BAD_STATE_ROUTE'
  | 'BAD_STATE'
  | 'SUBNET_ACL_RESTRICTION'
  | 'NO_POSSIBLE_DESTINATION'
  | 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS'
  | 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'
  | 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS'
  | 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS'
  | 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS'
  | 'IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS';

export type StepName =
  | 'bypass'
  | 'instance-state'
  | 'security-group-egress'
  | 'source-dest-check-egress'
  | 'route'
  | 'network-acl-egress'
  | 'internet-gateway'
  | 'next-hop'
  | 'network-acl-ingress'
  | 'source-dest-check-ingress'
  | 'security-group-ingress'
  | 'forward';

export type Direction = 'request' | 'reply';

/** A packet's header at one point of its path. Addresses as text; ports 0 for protocols without them. */
export interface Header {
  sourceAddress: string;
  destinationAddress: string;
  protocol: number;
  sourcePort: number;
  destinationPort: number;
}

export interface TraceStep {
  step: StepName;
  direction: Direction;
  /** The id of the component that decided: eni-, sg-, rtb-, acl-, igw-, i-, or `internet`. */
  component: string;
  outcome: 'pass' | 'drop';
  code?: ExplanationCode;
  /** The rule that decided: an `sgr-…` id, a NACL rule number, a route's destination, or a short reason. */
  rule?: string;
  /** The ENI the step happened at, when there is one. */
  networkInterfaceId?: string;
  subnetId?: string;
  vpcId?: string;
  /** Security group steps: the group of the matching rule, or every group of the ENI on a drop. */
  securityGroupIds?: readonly string[];
  securityGroupRule?: SecurityGroupRuleData;
  /** True when a reply passed a security group as a tracked response, not by a rule. */
  tracked?: boolean;
  networkAclId?: string;
  aclRule?: AclEntryData;
  routeTableId?: string;
  route?: RouteData;
  /** Next-hop and gateway steps: where the packet goes (an ENI, an igw-, `local`, `internet`). */
  target?: string;
  /** The header as it was at this step. */
  header: Header;
}

export type Endpoint = { kind: 'eni'; eni: NetworkInterfaceData } | { kind: 'internet'; address: string };

/** One hop between two endpoints: an ENI to an ENI, to an appliance, to or from the internet. */
export interface Leg {
  from: Endpoint;
  /** Undefined when the packet was dropped before a receiver was known. */
  to?: Endpoint;
  /** As it left `from`. */
  sent: Header;
  /** As it reached `to` (after the internet gateway's translation), when it got that far. */
  received?: Header;
  outcome: 'delivered' | 'forwarded' | 'dropped';
  /** Where a drop happened: at the sender's ENI or subnet, on the way, or at the receiver's subnet or ENI. */
  droppedAt?: 'sender' | 'path' | 'receiver';
  /** flow logs' traffic-path of the sender's egress: 1 within the VPC, 8 through the internet gateway. */
  trafficPath?: number;
  /**
   * What the sender's ENI logs for this packet (§3 "Flow-log view"): REJECT when its security group, its
   * source/destination check or its subnet's ACL dropped it, ACCEPT once it left; undefined for the internet.
   */
  senderAction?: 'ACCEPT' | 'REJECT';
  /** What the receiver's ENI logs: REJECT when its subnet's ACL, its check or its group dropped it, else ACCEPT. */
  receiverAction?: 'ACCEPT' | 'REJECT';
}

export interface PathResult {
  accepted: boolean;
  /** The explanation of the drop, when dropped. */
  code?: ExplanationCode;
  legs: Leg[];
}

export interface Verdict {
  /** The request reached its destination. */
  accepted: boolean;
  request: PathResult;
  /** The reply's path back, evaluated when the request was accepted. */
  reply?: PathResult;
  /** Set when the destination is a service SGs and NACLs never filter (the VPC resolver, metadata, time sync). */
  bypass?: string;
  /** Steps of the request, then of the reply. */
  trace: TraceStep[];
}

/** A packet naming something the topology does not hold: the traffic endpoint answers 400 with it. */
export class PacketError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PacketError';
  }
}
