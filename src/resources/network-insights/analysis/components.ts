/**
 * How an analysis names what it walked through, in the wire shapes of PathComponent and Explanation
 * (routing-and-traffic.md §5.1): every component as {id, arn}, rules in AWS's Analysis* shapes.
 */
import type {
  AnalysisAclRule,
  AnalysisComponent,
  AnalysisPacketHeader,
  AnalysisRouteTableRoute,
  AnalysisSecurityGroupRule,
} from '../../../protocol/generated/ec2-shapes.js';
import { arnOf } from '../arns.js';
import { addressText, PROTOCOL_NUMBERS, type Packet } from './packet.js';
import type { AclEntryInfo, RouteInfo, SgRuleInfo, Topology } from './topology.js';

export const componentOf = (topology: Topology, id: string): AnalysisComponent => ({
  Id: id,
  Arn: arnOf(topology.region, topology.account, id),
});

const ACL_PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function aclRuleOf(entry: AclEntryInfo): AnalysisAclRule {
  const ports = entry.fromPort !== undefined && entry.toPort !== undefined && entry.protocol !== '-1';
  return {
    Cidr: entry.cidrText,
    Egress: entry.egress,
    PortRange: ports ? { From: entry.fromPort, To: entry.toPort } : undefined,
    Protocol: ACL_PROTOCOL_NAMES[entry.protocol] ?? entry.protocol,
    RuleAction: entry.action,
    RuleNumber: entry.ruleNumber,
  };
}

export function securityGroupRuleOf(rule: SgRuleInfo, direction: 'ingress' | 'egress'): AnalysisSecurityGroupRule {
  const ports = rule.protocol === 'tcp' || rule.protocol === 'udp';
  return {
    Cidr: rule.cidrText || undefined,
    Direction: direction,
    SecurityGroupId: rule.groupId,
    PortRange: ports ? { From: rule.fromPort, To: rule.toPort } : undefined,
    PrefixListId: rule.prefixListId || undefined,
    Protocol: rule.protocol === '-1' ? 'all' : rule.protocol,
  };
}

export function routeOf(route: RouteInfo): AnalysisRouteTableRoute {
  return {
    DestinationCidr: route.destinationText,
    GatewayId: route.gatewayId || undefined,
    InstanceId: route.instanceId || undefined,
    NetworkInterfaceId: route.networkInterfaceId || undefined,
    Origin: route.origin,
    State: route.state,
  };
}

/** A packet header as the analysis reports it: one address and one port on each side (the representative). */
export function headerOf(packet: Packet): AnalysisPacketHeader {
  return {
    DestinationAddresses: [addressText(packet.destination)],
    DestinationPortRanges: [{ From: packet.destinationPort, To: packet.destinationPort }],
    Protocol: PROTOCOL_NUMBERS[packet.protocol],
    SourceAddresses: [addressText(packet.source)],
    SourcePortRanges: [{ From: packet.sourcePort, To: packet.sourcePort }],
  };
}
