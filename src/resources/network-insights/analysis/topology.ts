/**
 * The slice of one account's network an analysis looks at, as plain immutable data: the path's ends, the subnets
 * they and any appliance on the way sit in, those subnets' network ACLs and route tables, the security groups of
 * every ENI involved, and the VPC's internet gateway. The analysis itself (path-walk.ts) is a pure function of this
 * slice, so it runs without a database in the benchmark and in reasoning about it.
 */
import type { Ipv4Cidr } from '../../../net/ipv4.js';

export interface SgRuleInfo {
  id: string;
  groupId: string;
  /** `-1`, `tcp`, `udp`, `icmp`, `icmpv6` or an IP protocol number, as security_group_rules stores it. */
  protocol: string;
  fromPort: number;
  toPort: number;
  cidr?: Ipv4Cidr;
  cidrText: string;
  prefixListId: string;
  referencedGroupId: string;
}

export interface GroupInfo {
  id: string;
  vpcId: string;
  ingress: SgRuleInfo[];
  egress: SgRuleInfo[];
}

export interface AclEntryInfo {
  ruleNumber: number;
  /** IP protocol number as a string, `-1` for all (network_acl_entries' form). */
  protocol: string;
  action: 'allow' | 'deny';
  egress: boolean;
  cidr: Ipv4Cidr;
  cidrText: string;
  fromPort?: number;
  toPort?: number;
}

export interface AclInfo {
  id: string;
  /** IPv4 entries of each direction in rule-number order (the order NACLs are evaluated in). */
  inbound: AclEntryInfo[];
  outbound: AclEntryInfo[];
}

export interface RouteInfo {
  destination: Ipv4Cidr;
  destinationText: string;
  gatewayId: string;
  instanceId: string;
  networkInterfaceId: string;
  origin: string;
  state: string;
}

export interface RouteTableInfo {
  id: string;
  routes: RouteInfo[];
}

export interface SubnetInfo {
  id: string;
  vpcId: string;
  aclId: string;
  routeTableId: string;
}

export interface EniInfo {
  id: string;
  subnetId: string;
  vpcId: string;
  instanceId: string;
  sourceDestCheck: boolean;
  primaryIp: string;
  privateIps: string[];
  /** Private IPv4 → the public IPv4 mapped to it (Elastic or auto-assigned). */
  publicIps: Map<string, string>;
  groupIds: string[];
}

export interface InternetGatewayInfo {
  id: string;
  vpcId: string;
}

export interface Topology {
  account: string;
  region: string;
  vpcCidrs: Map<string, Ipv4Cidr[]>;
  subnets: Map<string, SubnetInfo>;
  enis: Map<string, EniInfo>;
  /** Private IPv4 → the ENI that holds it, for every ENI of the slice. */
  eniByPrivateIp: Map<string, string>;
  groups: Map<string, GroupInfo>;
  acls: Map<string, AclInfo>;
  routeTables: Map<string, RouteTableInfo>;
  internetGateways: Map<string, InternetGatewayInfo>;
  /** VPC id → its attached internet gateway. */
  internetGatewayByVpc: Map<string, string>;
  /** Instance id → its primary ENI (device index 0), for instances of the slice. */
  instancePrimaryEni: Map<string, string>;
}
