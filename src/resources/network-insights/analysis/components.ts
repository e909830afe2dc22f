/**
 * How an analysis names what a packet went through, in the wire shapes of PathComponent and Explanation
 * (routing-and-traffic.md §5.1): every component as {id, arn}, rules in AWS's Analysis* shapes.
 */
import type {
  AnalysisAclRule,
  AnalysisComponent,
  AnalysisPacketHeader,
  AnalysisRouteTableRoute,
  AnalysisSecurityGroupRule,
} from '../../../protocol/generated/ec2-shapes.js';
import type { AclEntryData, Header, RouteData, SecurityGroupRuleData } from '../../../traffic/index.js';
import { arnOf } from '../arns.js';

export type ComponentNamer = (id: string) => AnalysisComponent;

export const componentNamer =
  (region: string, account: string): ComponentNamer =>
  (id) => ({ Id: id, Arn: arnOf(region, account, id) });

const ACL_PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function aclRuleOf(entry: AclEntryData): AnalysisAclRule {
  const ports = entry.portFrom !== undefined && entry.portTo !== undefined && (entry.protocol === '6' || entry.protocol === '17');
  return {
    Cidr: entry.cidrBlock ?? entry.ipv6CidrBlock,
    Egress: entry.egress,
    PortRange: ports ? { From: entry.portFrom, To: entry.portTo } : undefined,
    Protocol: ACL_PROTOCOL_NAMES[entry.protocol] ?? entry.protocol,
    RuleAction: entry.ruleAction,
    RuleNumber: entry.ruleNumber,
  };
}

export function securityGroupRuleOf(rule: SecurityGroupRuleData): AnalysisSecurityGroupRule {
  const ports = rule.protocol === 'tcp' || rule.protocol === 'udp';
  return {
    Cidr: rule.cidrIpv4 ?? rule.cidrIpv6,
    Direction: rule.egress ? 'egress' : 'ingress',
    SecurityGroupId: rule.groupId,
    PortRange: ports ? { From: rule.fromPort, To: rule.toPort } : undefined,
    PrefixListId: rule.prefixListId,
    Protocol: rule.protocol === '-1' ? 'all' : rule.protocol,
  };
}

export function routeOf(route: RouteData): AnalysisRouteTableRoute {
  return {
    DestinationCidr: route.destination,
    GatewayId: route.gatewayId || undefined,
    InstanceId: route.instanceId || undefined,
    NetworkInterfaceId: route.networkInterfaceId || undefined,
    Origin: route.origin,
    State: route.state,
  };
}

/** A header as the analysis reports it: the representative packet's one address and one port on each side. */
export function headerOf(header: Header): AnalysisPacketHeader {
  return {
    DestinationAddresses: [header.destinationAddress],
    DestinationPortRanges: [{ From: header.destinationPort, To: header.destinationPort }],
    Protocol: String(header.protocol),
    SourceAddresses: [header.sourceAddress],
    SourcePortRanges: [{ From: header.sourcePort, To: header.sourcePort }],
  };
}
