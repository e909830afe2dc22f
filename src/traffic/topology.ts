/**
 * The topology snapshot a verdict needs, as plain immutable data: what load-topology.ts reads from the store for
 * one flow (or what a benchmark or the Reachability Analyzer builds). compile-topology.ts turns it into the
 * indexed form the evaluator reads. Nothing here refers to the store, so the evaluator stays a pure function.
 *
 * Addresses and blocks are text as the API shows them (`10.0.1.5`, `10.0.0.0/16`, RFC 5952 IPv6).
 */

export interface VpcData {
  id: string;
  /** Every associated IPv4 block, primary first (the resolver answers at the primary block's base + 2). */
  ipv4Cidrs: readonly string[];
  ipv6Cidrs: readonly string[];
  /** The internet gateway attached to the VPC, if any. */
  internetGatewayId?: string;
}

export interface SubnetData {
  id: string;
  vpcId: string;
  cidrBlock: string;
  ipv6CidrBlocks: readonly string[];
  availabilityZoneId: string;
  /** The table that serves the subnet: its explicit association, else the VPC's main table. */
  routeTableId: string;
  /** True when routeTableId comes from the main association. */
  mainRouteTable: boolean;
  networkAclId: string;
}

export interface RouteData {
  /** `10.0.0.0/16`, `0.0.0.0/0`, `::/0`… */
  destination: string;
  family: 'ipv4' | 'ipv6';
  /** `local`, an `igw-…`, or '' when the target is an ENI or instance. */
  gatewayId: string;
  networkInterfaceId: string;
  instanceId: string;
  state: 'active' | 'blackhole';
  origin: string;
}

export interface RouteTableData {
  id: string;
  vpcId: string;
  routes: readonly RouteData[];
}

export interface AclEntryData {
  ruleNumber: number;
  egress: boolean;
  /** `-1` or an IP protocol number as text (`6`, `17`, `1`, `58`…), as the API stores it. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  icmpType?: number;
  icmpCode?: number;
  portFrom?: number;
  portTo?: number;
}

export interface NetworkAclData {
  id: string;
  vpcId: string;
  entries: readonly AclEntryData[];
}

export interface SecurityGroupRuleData {
  /** `sgr-…` */
  id: string;
  groupId: string;
  egress: boolean;
  /** As the API stores it: `tcp`, `udp`, `icmp`, `icmpv6`, `-1`, or another protocol's number. */
  protocol: string;
  /** Ports for tcp/udp; ICMP type (from) and code (to); -1 = any. */
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroupId?: string;
}

export interface SecurityGroupData {
  id: string;
  vpcId: string;
  rules: readonly SecurityGroupRuleData[];
}

export interface PrivateIpv4Data {
  address: string;
  primary: boolean;
  /** The public address (Elastic or auto-assigned) mapped 1:1 to this private address by the internet gateway. */
  publicIp?: string;
  /** `eipalloc-…` when the public address is an Elastic IP. */
  allocationId?: string;
}

export interface NetworkInterfaceData {
  id: string;
  account: string;
  vpcId: string;
  subnetId: string;
  availabilityZoneId: string;
  interfaceType: string;
  sourceDestCheck: boolean;
  /** Security groups in the order the ENI lists them. */
  groupIds: readonly string[];
  /** Primary first; includes every address of assigned /28 prefixes. */
  privateIpv4: readonly PrivateIpv4Data[];
  ipv6Addresses: readonly string[];
  /** Delegated IPv6 prefixes (`2600:…::/80`): their addresses are the ENI's too. */
  ipv6Prefixes: readonly string[];
  /** `attached`, `attaching`, `detaching`, `detached` or '' (never attached). */
  attachmentStatus: string;
  instanceId?: string;
  /** The attached instance's state (`running`, `stopped`…). */
  instanceState?: string;
}

export interface TopologyData {
  account: string;
  region: string;
  vpcs: readonly VpcData[];
  subnets: readonly SubnetData[];
  routeTables: readonly RouteTableData[];
  networkAcls: readonly NetworkAclData[];
  securityGroups: readonly SecurityGroupData[];
  networkInterfaces: readonly NetworkInterfaceData[];
}
