/**
 * One direction of a path, for one representative packet, following the pipeline of routing-and-traffic.md §3:
 * the sender's security group egress, the route of its subnet, its subnet's ACL outbound (only when the packet
 * leaves the subnet), then the next hop - the ENI owning the address (local route), an appliance ENI (route to an
 * ENI or instance), or the internet gateway with its 1:1 NAT - and at the receiving ENI its subnet's ACL inbound,
 * its source/destination check and its security group ingress. An appliance that accepts the packet sends it on
 * from its own subnet, and the walk goes round again.
 *
 * Blocks by a filter (security group, ACL, source/destination check, IGW address rules) are recorded and the walk
 * goes on, so one analysis names every blocking component on the path, as AWS does; a routing failure ends it,
 * since nothing after it is known. A `stateful` walk is the return direction: security groups pass replies to
 * the flow they tracked, so it checks only ACLs, routes and gateways (§3, "Return traffic").
 */
import type { Explanation, PathComponent } from '../../../protocol/generated/ec2-shapes.js';
import { cidrContainsAddress, parseIpv4 } from '../../../net/ipv4.js';
import { aclRuleOf, componentOf, headerOf, routeOf, securityGroupRuleOf } from './components.js';
import { isInternetAddress, isRfc1918, isRfc6598, type Packet } from './packet.js';
import { findAclEntry, findRoute, findSgRule, type Direction } from './rules.js';
import type { EniInfo, GroupInfo, Topology } from './topology.js';

/** Where a walk starts: an ENI sending, or the internet entering through a gateway. */
export type WalkStart = { kind: 'eni'; eniId: string } | { kind: 'internet'; gatewayId: string };
/** Where it must arrive: an ENI holding the destination address, or the internet through a given gateway. */
export type WalkTarget = { kind: 'eni'; eniId: string } | { kind: 'internet'; gatewayId: string };

export interface WalkResult {
  components: PathComponent[];
  explanations: Explanation[];
  /** The packet reached the target (possibly through blocks recorded in explanations). */
  arrived: boolean;
  /** The packet as it arrived (after the gateway's NAT), what the reply is the mirror of. */
  delivered: Packet;
}

/** Appliances a packet may cross before the walk gives up (a routing loop otherwise). */
const MAX_HOPS = 4;

/**
 * Walks `packet` from `start` toward `target`. `instanceEnds` are the instances the path names as its ends: they
 * appear as components of their own around their ENI, as AWS shows them.
 */
export function walkPath(
  topology: Topology,
  start: WalkStart,
  target: WalkTarget,
  packet: Packet,
  options: { stateful: boolean; instanceEnds: ReadonlySet<string> },
): WalkResult {
  return new Walk(topology, target, options.stateful, options.instanceEnds).run(start, packet);
}

class Walk {
  readonly components: PathComponent[] = [];
  readonly explanations: Explanation[] = [];

  constructor(
    readonly topology: Topology,
    readonly target: WalkTarget,
    readonly stateful: boolean,
    readonly instanceEnds: ReadonlySet<string>,
  ) {}

  run(start: WalkStart, packet: Packet): WalkResult {
    if (start.kind === 'internet') return this.enterFromInternet(start.gatewayId, packet);
    return this.sendFrom(this.topology.enis.get(start.eniId)!, packet, true);
  }

  private result(arrived: boolean, delivered: Packet): WalkResult {
    return { components: this.components, explanations: this.explanations, arrived, delivered };
  }

  private push(component: PathComponent): void {
    this.components.push({ SequenceNumber: this.components.length + 1, ...component });
  }

  private vpcAndSubnet(eni: EniInfo): Pick<PathComponent, 'Vpc' | 'Subnet'> {
    return { Vpc: componentOf(this.topology, eni.vpcId), Subnet: componentOf(this.topology, eni.subnetId) };
  }

  private explain(code: string, context: Explanation): void {
    this.explanations.push({ ExplanationCode: code, ...context });
  }

  /** The ENI of the slice holding `address` as a private IPv4, if any. */
  private owner(address: number): EniInfo | undefined {
    for (const eni of this.topology.enis.values()) if (eni.privateIps.some((ip) => parseIpv4(ip) === address)) return eni;
    return undefined;
  }

  private groupsOf(eni: EniInfo): GroupInfo[] {
    return eni.groupIds.map((id) => this.topology.groups.get(id)).filter((g): g is GroupInfo => g !== undefined);
  }

  /** Security group check at `eni`; records the matching rule as a component, or the mismatch. */
  private securityGroups(eni: EniInfo, direction: Direction, packet: Packet): void {
    if (this.stateful) return;
    const farAddress = direction === 'egress' ? packet.destination : packet.source;
    const groups = this.groupsOf(eni);
    const rule = findSgRule(groups, direction, packet, this.owner(farAddress));
    if (rule) {
      this.push({
        Component: componentOf(this.topology, rule.groupId),
        SecurityGroupRule: securityGroupRuleOf(rule, direction),
        ...this.vpcAndSubnet(eni),
      });
      return;
    }
    const noRules = groups.every((g) => (direction === 'egress' ? g.egress : g.ingress).length === 0);
    this.explain(noRules ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH', {
      Direction: direction,
      NetworkInterface: componentOf(this.topology, eni.id),
      SecurityGroups: groups.map((g) => componentOf(this.topology, g.id)),
      SecurityGroup: groups.length === 1 ? componentOf(this.topology, groups[0]!.id) : undefined,
      ...this.vpcAndSubnet(eni),
    });
  }

  /** The subnet's ACL in one direction; records the deciding entry, and a restriction when it denies. */
  private acl(subnetId: string, egress: boolean, packet: Packet): void {
    const subnet = this.topology.subnets.get(subnetId)!;
    const acl = this.topology.acls.get(subnet.aclId);
    if (!acl) return;
    const entry = findAclEntry(egress ? acl.outbound : acl.inbound, packet);
    const context = {
      Acl: componentOf(this.topology, acl.id),
      Subnet: componentOf(this.topology, subnet.id),
      Vpc: componentOf(this.topology, subnet.vpcId),
    };
    if (entry?.action === 'allow') {
      this.push({ Component: context.Acl, AclRule: aclRuleOf(entry), Subnet: context.Subnet, Vpc: context.Vpc });
      return;
    }
    this.explain('SUBNET_ACL_RESTRICTION', {
      ...context,
      AclRule: entry ? aclRuleOf(entry) : undefined,
      Direction: egress ? 'egress' : 'ingress',
    });
  }

  /** The internet enters through `gatewayId` toward a public address, which the gateway maps to a private one. */
  private enterFromInternet(gatewayId: string, packet: Packet): WalkResult {
    const gateway = this.topology.internetGateways.get(gatewayId)!;
    const igw = componentOf(this.topology, gateway.id);
    this.push({ Component: igw, OutboundHeader: headerOf(packet), Vpc: gateway.vpcId ? componentOf(this.topology, gateway.vpcId) : undefined });
    if (isRfc1918(packet.source) || isRfc6598(packet.source)) {
      this.explain(isRfc1918(packet.source) ? 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS' : 'IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS', {
        InternetGateway: igw,
        Address: headerOf(packet).SourceAddresses![0],
      });
    }
    const mapped = this.publicOwner(packet.destination, gateway.vpcId);
    if (!mapped) {
      this.explain('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', {
        InternetGateway: igw,
        Address: headerOf(packet).DestinationAddresses![0],
        Vpc: gateway.vpcId ? componentOf(this.topology, gateway.vpcId) : undefined,
      });
      return this.result(false, packet);
    }
    const translated = { ...packet, destination: mapped.privateAddress };
    return this.receive(mapped.eni, undefined, translated, 0);
  }

  /** The ENI of `vpcId` whose private address `address` is mapped to, as public, and that private address. */
  private publicOwner(address: number, vpcId: string): { eni: EniInfo; privateAddress: number } | undefined {
    for (const eni of this.topology.enis.values()) {
      if (eni.vpcId !== vpcId) continue;
      for (const [privateIp, publicIp] of eni.publicIps) {
        if (parseIpv4(publicIp) === address) return { eni, privateAddress: parseIpv4(privateIp)! };
      }
    }
    return undefined;
  }

  private sendFrom(eni: EniInfo, packet: Packet, originates: boolean, hops = 0): WalkResult {
    if (originates) {
      if (eni.instanceId && this.isEnd(eni)) {
        this.push({ Component: componentOf(this.topology, eni.instanceId), OutboundHeader: headerOf(packet), ...this.vpcAndSubnet(eni) });
      }
      this.push({
        Component: componentOf(this.topology, eni.id),
        AttachedTo: eni.instanceId ? componentOf(this.topology, eni.instanceId) : undefined,
        OutboundHeader: originates && !(eni.instanceId && this.isEnd(eni)) ? headerOf(packet) : undefined,
        ...this.vpcAndSubnet(eni),
      });
    }
    this.securityGroups(eni, 'egress', packet);

    const subnet = this.topology.subnets.get(eni.subnetId)!;
    const table = this.topology.routeTables.get(subnet.routeTableId);
    const route = table ? findRoute(table, packet.destination) : undefined;
    const tableComponent = table ? componentOf(this.topology, table.id) : undefined;
    if (!table || !route) {
      this.explain('NO_ROUTE_TO_DESTINATION', {
        RouteTable: tableComponent,
        Subnet: componentOf(this.topology, subnet.id),
        Vpc: componentOf(this.topology, subnet.vpcId),
        Address: headerOf(packet).DestinationAddresses![0],
      });
      return this.result(false, packet);
    }
    if (route.state !== 'active') {
      this.explain('BAD_STATE_ROUTE', {
        RouteTable: tableComponent,
        RouteTableRoute: routeOf(route),
        State: route.state,
        Subnet: componentOf(this.topology, subnet.id),
        Vpc: componentOf(this.topology, subnet.vpcId),
      });
      return this.result(false, packet);
    }

    let next: EniInfo | undefined;
    if (route.gatewayId === 'local') {
      next = this.owner(packet.destination);
      const inVpc = (this.topology.vpcCidrs.get(eni.vpcId) ?? []).some((c) => cidrContainsAddress(c, packet.destination));
      if (!next || next.vpcId !== eni.vpcId || !inVpc) {
        this.explain(inVpc ? 'NO_POSSIBLE_DESTINATION' : 'VPC_LOCAL_ROUTE_CIDR_RESTRICTION', {
          RouteTable: tableComponent,
          RouteTableRoute: routeOf(route),
          Address: headerOf(packet).DestinationAddresses![0],
          Vpc: componentOf(this.topology, eni.vpcId),
        });
        return this.result(false, packet);
      }
    } else if (route.networkInterfaceId || route.instanceId) {
      next = this.topology.enis.get(route.networkInterfaceId || this.topology.instancePrimaryEni.get(route.instanceId) || '');
      if (!next) {
        this.explain('BAD_STATE_ROUTE', { RouteTable: tableComponent, RouteTableRoute: routeOf(route), State: 'blackhole' });
        return this.result(false, packet);
      }
    } else if (!route.gatewayId.startsWith('igw-')) {
      this.explain('NO_POSSIBLE_DESTINATION', { RouteTable: tableComponent, RouteTableRoute: routeOf(route) });
      return this.result(false, packet);
    }

    const leaves = next === undefined || next.subnetId !== eni.subnetId;
    if (leaves) this.acl(subnet.id, true, packet);
    this.push({ Component: tableComponent, RouteTableRoute: routeOf(route), Subnet: componentOf(this.topology, subnet.id), Vpc: componentOf(this.topology, subnet.vpcId) });

    if (next === undefined) return this.leaveToInternet(route.gatewayId, packet);
    return this.receive(next, eni.subnetId, packet, hops);
  }

  /** True when `eni` is the ENI of an instance that is itself an end of the path (the instance gets a component). */
  private isEnd(eni: EniInfo): boolean {
    return this.instanceEnds.has(eni.instanceId);
  }

  private leaveToInternet(gatewayId: string, packet: Packet): WalkResult {
    const gateway = this.topology.internetGateways.get(gatewayId);
    const igw = componentOf(this.topology, gatewayId);
    const sender = this.owner(packet.source);
    const publicIp = sender?.publicIps.get(headerOf(packet).SourceAddresses![0]!);
    if (!publicIp) {
      this.explain('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', {
        InternetGateway: igw,
        NetworkInterface: sender ? componentOf(this.topology, sender.id) : undefined,
        Address: headerOf(packet).SourceAddresses![0],
      });
    }
    if (!isInternetAddress(packet.destination)) {
      this.explain(isRfc6598(packet.destination) ? 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS' : 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS', {
        InternetGateway: igw,
        Address: headerOf(packet).DestinationAddresses![0],
      });
    }
    const translated = publicIp ? { ...packet, source: parseIpv4(publicIp)! } : packet;
    this.push({ Component: igw, OutboundHeader: headerOf(translated), Vpc: gateway?.vpcId ? componentOf(this.topology, gateway.vpcId) : undefined });
    const arrived = this.target.kind === 'internet' && this.target.gatewayId === gatewayId;
    if (!arrived) this.explain('NO_POSSIBLE_DESTINATION', { Component: igw });
    return this.result(arrived, translated);
  }

  /** `eni` receives the packet, from `fromSubnet` (undefined: from the internet gateway). */
  private receive(eni: EniInfo, fromSubnet: string | undefined, packet: Packet, hops: number): WalkResult {
    if (eni.subnetId !== fromSubnet) this.acl(eni.subnetId, false, packet);
    const addressedToIt = eni.privateIps.some((ip) => parseIpv4(ip) === packet.destination);
    if (!addressedToIt && eni.sourceDestCheck) {
      this.explain('ENI_SOURCE_DEST_CHECK_RESTRICTION', {
        NetworkInterface: componentOf(this.topology, eni.id),
        Direction: 'ingress',
        ...this.vpcAndSubnet(eni),
      });
    }
    this.securityGroups(eni, 'ingress', packet);
    const last = addressedToIt;
    this.push({
      Component: componentOf(this.topology, eni.id),
      AttachedTo: eni.instanceId ? componentOf(this.topology, eni.instanceId) : undefined,
      InboundHeader: last ? headerOf(packet) : undefined,
      ...this.vpcAndSubnet(eni),
    });
    if (!last) {
      if (hops >= MAX_HOPS) {
        this.explain('NO_POSSIBLE_DESTINATION', { NetworkInterface: componentOf(this.topology, eni.id) });
        return this.result(false, packet);
      }
      return this.sendFrom(eni, packet, false, hops + 1);
    }
    if (eni.instanceId && this.isEnd(eni)) {
      this.push({ Component: componentOf(this.topology, eni.instanceId), InboundHeader: headerOf(packet), ...this.vpcAndSubnet(eni) });
    }
    const arrived = this.target.kind === 'eni' && this.target.eniId === eni.id;
    if (!arrived) this.explain('NO_POSSIBLE_DESTINATION', { NetworkInterface: componentOf(this.topology, eni.id) });
    return this.result(arrived, packet);
  }
}
