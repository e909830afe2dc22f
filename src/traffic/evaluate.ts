/**
 * The packet evaluator: a pure function from a compiled topology and a packet to a verdict, following the
 * pipeline of routing-and-traffic.md §3 for the request and then for its reply.
 *
 * A path is a chain of legs. A leg leaves an ENI (security group egress, source/destination check, route lookup,
 * the subnet's ACL outbound when the packet leaves the subnet) or arrives from the internet (the internet
 * gateway's 1:1 NAT), and ends at the internet (the gateway translating the source to its public address) or at
 * an ENI (the subnet's ACL inbound when it comes from another subnet, the source/destination check, security
 * group ingress). An ENI that receives a packet not addressed to it - a route target such as a NAT instance -
 * forwards it in a new leg, source-NATed to its own primary private IPv4 as a NAT instance's masquerading does
 * (IPv6 is forwarded unchanged).
 *
 * The reply walks the request's legs backwards from the final receiver, with the reversed header: security
 * groups pass it as a tracked response (security.md §1.4), but ACLs, routes, checks and the gateway judge it
 * again. Same-subnet legs never meet an ACL. The VPC resolver and the link-local services bypass everything.
 */
import { formatAddress, inRange, isRfc1918, isRfc6598, linkLocalService, type Address } from './addresses.js';
import type { CompiledEni, CompiledSubnet, CompiledVpc, Topology } from './compile-topology.js';
import { matchAclEntry } from './network-acl-index.js';
import { resolvePacket, type ResolvedPacket } from './resolve-packet.js';
import { lookupRoute } from './route-index.js';
import { matchSgRule, type PeerGroups } from './security-group-index.js';
import {
  ICMP,
  ICMPV6,
  type Direction,
  type Endpoint,
  type ExplanationCode,
  type Header,
  type Leg,
  type Packet,
  type PathResult,
  type TraceStep,
  type Verdict,
} from './verdict.js';

/** Legs one direction may take before the evaluator calls it a routing loop. */
const MAX_LEGS = 6;

/** A header in the evaluator's own form; its text form (for traces and legs) is made only when asked for. */
class Hdr {
  private cached: Header | undefined = undefined;
  constructor(
    readonly src: Address,
    readonly dst: Address,
    readonly protocol: number,
    readonly sport: number,
    readonly dport: number,
  ) {}

  get text(): Header {
    if (this.cached === undefined) {
      this.cached = {
        sourceAddress: formatAddress(this.src),
        destinationAddress: formatAddress(this.dst),
        protocol: this.protocol,
        sourcePort: this.sport,
        destinationPort: this.dport,
      };
    }
    return this.cached;
  }
}

/** A leg whose headers are turned into text on first read. */
class LegRecord implements Leg {
  to?: Endpoint = undefined;
  outcome: Leg['outcome'] = 'dropped';
  droppedAt?: Leg['droppedAt'] = undefined;
  trafficPath?: number = undefined;
  senderAction?: Leg['senderAction'] = undefined;
  receiverAction?: Leg['receiverAction'] = undefined;
  receivedHdr: Hdr | undefined = undefined;
  constructor(
    readonly from: Endpoint,
    readonly sentHdr: Hdr,
  ) {}

  get sent(): Header {
    return this.sentHdr.text;
  }

  get received(): Header | undefined {
    return this.receivedHdr?.text;
  }

  toJSON(): Leg {
    const { from, to, sent, received, outcome, droppedAt, trafficPath, senderAction, receiverAction } = this;
    return { from, to, sent, received, outcome, droppedAt, trafficPath, senderAction, receiverAction };
  }
}

type Node = { kind: 'eni'; eni: CompiledEni } | { kind: 'internet'; address: Address };

interface LegOutcome {
  leg: LegRecord;
  /** Where the packet ended: delivered to, or forwarded by (then `next` is set). */
  at?: Node;
  next?: { from: Node; hdr: Hdr };
  code?: ExplanationCode;
}

/**
 * One evaluation's state. It is also the security group checks' peer lookup (one object per evaluation, not one
 * per check): the peer's groups are looked up once per check, and only if a referenced-group rule asks.
 */
class Ctx implements PeerGroups {
  readonly trace: TraceStep[] = [];
  /**
   * The legs of the direction being walked, made with its first leg: most directions have one leg, and an array
   * made by a first push would reserve sixteen slots (the evaluator allocates little else per verdict).
   */
  legs: LegRecord[] | undefined = undefined;
  direction: Direction = 'request';
  /** The reply: security groups pass it as a tracked response. */
  tracked = false;
  private peerVpc: CompiledVpc | undefined = undefined;
  private peerLooked = false;
  private peerGroups: ReadonlySet<string> | undefined = undefined;
  // The last ENI looked up by address: a leg's security group check and its route ask for the same peer.
  private ownerVpc: CompiledVpc | undefined = undefined;
  private ownerAddress: Address | undefined = undefined;
  private owner: CompiledEni | undefined = undefined;

  constructor(
    readonly topology: Topology,
    /** Whether steps are recorded (a verdict-only evaluation skips them). */
    readonly record: boolean,
  ) {}

  /** Starts a security group check of an ENI of `vpc`: its peer is not looked up yet. */
  peersIn(vpc: CompiledVpc): PeerGroups {
    this.peerVpc = vpc;
    this.peerLooked = false;
    return this;
  }

  groupsOf(peer: Address): ReadonlySet<string> | undefined {
    if (!this.peerLooked) {
      this.peerGroups = this.peerVpc === undefined ? undefined : this.ownerOf(this.peerVpc, peer)?.groupIds;
      this.peerLooked = true;
    }
    return this.peerGroups;
  }

  /** The ENI of `vpc` holding `address` (ownerInVpc), remembered for the next question. */
  ownerOf(vpc: CompiledVpc, address: Address): CompiledEni | undefined {
    if (vpc !== this.ownerVpc || address !== this.ownerAddress) {
      this.owner = ownerInVpc(vpc, address);
      this.ownerVpc = vpc;
      this.ownerAddress = address;
    }
    return this.owner;
  }
}

function header(src: Address, dst: Address, protocol: number, sport: number, dport: number): Hdr {
  return new Hdr(src, dst, protocol, sport, dport);
}

const withSource = (h: Hdr, src: Address): Hdr => header(src, h.dst, h.protocol, h.sport, h.dport);
const withDestination = (h: Hdr, dst: Address): Hdr => header(h.src, dst, h.protocol, h.sport, h.dport);

/** ICMP queries whose replies carry another type (echo, timestamp, information, address mask). */
const ICMP_REPLY_TYPES: Record<number, number> = { 8: 0, 13: 14, 15: 16, 17: 18 };
const ICMPV6_REPLY_TYPES: Record<number, number> = { 128: 129 };

function reversed(h: Hdr): Hdr {
  if (h.protocol === ICMP || h.protocol === ICMPV6) {
    const types = h.protocol === ICMP ? ICMP_REPLY_TYPES : ICMPV6_REPLY_TYPES;
    return header(h.dst, h.src, h.protocol, h.sport, types[h.dport] ?? h.dport);
  }
  return header(h.dst, h.src, h.protocol, h.dport, h.sport);
}

const endpointOf = (node: Node): Endpoint =>
  node.kind === 'eni' ? node.eni.endpoint : { kind: 'internet', address: formatAddress(node.address) };

export function ownsAddress(eni: CompiledEni, address: Address): boolean {
  // Most packets are to or from the primary address: one comparison instead of a hash lookup.
  if (address === eni.primaryIpv4 || eni.own.has(address)) return true;
  if (typeof address === 'bigint') for (const range of eni.ipv6Prefixes) if (inRange(range, address)) return true;
  return false;
}

function ownerInVpc(vpc: CompiledVpc, address: Address): CompiledEni | undefined {
  const eni = vpc.byPrivate.get(address);
  if (eni !== undefined || typeof address === 'number') return eni;
  for (const owner of vpc.ipv6PrefixOwners) if (ownsAddress(owner, address)) return owner;
  return undefined;
}

type StepFields = Omit<TraceStep, 'direction' | 'header'>;

/**
 * Appends a step. Every step has the same fields in the same order (absent ones undefined, which JSON leaves
 * out), so V8 keeps one object shape for all of them: the trace is built on the hot path of every verdict.
 */
function step(ctx: Ctx, h: Hdr, f: StepFields, at?: CompiledEni): void {
  ctx.trace.push({
    step: f.step,
    direction: ctx.direction,
    component: f.component,
    outcome: f.outcome,
    code: f.code,
    rule: f.rule,
    networkInterfaceId: f.networkInterfaceId ?? at?.data.id,
    subnetId: f.subnetId ?? at?.data.subnetId,
    vpcId: f.vpcId ?? at?.data.vpcId,
    securityGroupIds: f.securityGroupIds,
    securityGroupRule: f.securityGroupRule,
    tracked: f.tracked,
    networkAclId: f.networkAclId,
    aclRule: f.aclRule,
    routeTableId: f.routeTableId,
    route: f.route,
    target: f.target,
    header: h.text,
  });
}

/** An ENI attached to an instance that is not running neither sends nor receives. */
function instanceDown(ctx: Ctx, eni: CompiledEni, h: Hdr): boolean {
  if (!eni.halted) return false;
  const data = eni.data;
  if (ctx.record) step(ctx, h, { step: 'instance-state', component: data.instanceId!, outcome: 'drop', code: 'BAD_STATE', rule: data.instanceState }, eni);
  return true;
}

function securityGroup(ctx: Ctx, eni: CompiledEni, h: Hdr, direction: 'ingress' | 'egress'): boolean {
  const name = direction === 'egress' ? 'security-group-egress' : 'security-group-ingress';
  if (ctx.tracked) {
    if (ctx.record) step(ctx, h, { step: name, component: eni.data.id, outcome: 'pass', rule: 'tracked', tracked: true, securityGroupIds: eni.groups.groupIds }, eni);
    return true;
  }
  const peer = direction === 'egress' ? h.dst : h.src;
  const icmp = h.protocol === ICMP || h.protocol === ICMPV6;
  const code = icmp ? h.sport : 0;
  const rule = matchSgRule(eni.groups, direction, h.protocol, h.dport, code, peer, ctx.peersIn(eni.vpc));
  if (rule === undefined) {
    if (ctx.record) step(ctx, h, {
      step: name,
      component: eni.data.id,
      outcome: 'drop',
      code: eni.groups.empty ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH',
      securityGroupIds: eni.groups.groupIds,
    }, eni);
    return false;
  }
  if (ctx.record) step(ctx, h, {
    step: name,
    component: rule.data.groupId,
    outcome: 'pass',
    rule: rule.data.id,
    securityGroupIds: [rule.data.groupId],
    securityGroupRule: rule.data,
  }, eni);
  return true;
}

function sourceDestCheck(ctx: Ctx, eni: CompiledEni, h: Hdr, direction: 'ingress' | 'egress'): boolean {
  const name = direction === 'egress' ? 'source-dest-check-egress' : 'source-dest-check-ingress';
  if (!eni.sourceDestCheck) {
    if (ctx.record) step(ctx, h, { step: name, component: eni.data.id, outcome: 'pass', rule: 'disabled' }, eni);
    return true;
  }
  const own = ownsAddress(eni, direction === 'egress' ? h.src : h.dst);
  if (ctx.record) step(ctx, h, {
    step: name,
    component: eni.data.id,
    outcome: own ? 'pass' : 'drop',
    rule: own ? 'own-address' : 'foreign-address',
    code: own ? undefined : 'ENI_SOURCE_DEST_CHECK_RESTRICTION',
  }, eni);
  return own;
}

function networkAcl(ctx: Ctx, subnet: CompiledSubnet, h: Hdr, direction: 'ingress' | 'egress'): boolean {
  const acl = subnet.acl;
  if (acl === undefined) return true;
  const icmp = h.protocol === ICMP || h.protocol === ICMPV6;
  const peer = direction === 'egress' ? h.dst : h.src;
  const entry = matchAclEntry(acl, direction, h.protocol, h.dport, icmp ? h.sport : 0, peer);
  const allowed = entry !== undefined && entry.allow;
  if (ctx.record) step(ctx, h, {
    step: direction === 'egress' ? 'network-acl-egress' : 'network-acl-ingress',
    component: acl.id,
    outcome: allowed ? 'pass' : 'drop',
    code: allowed ? undefined : 'SUBNET_ACL_RESTRICTION',
    rule: entry ? String(entry.data.ruleNumber) : undefined,
    networkAclId: acl.id,
    aclRule: entry?.data,
    subnetId: subnet.data.id,
    vpcId: subnet.data.vpcId,
  });
  return allowed;
}

function dropped(
  from: Node,
  h: Hdr,
  code: ExplanationCode,
  droppedAt: Leg['droppedAt'],
  senderAction?: Leg['senderAction'],
  trafficPath?: number,
): LegOutcome {
  const leg = new LegRecord(endpointOf(from), h);
  leg.droppedAt = droppedAt;
  leg.senderAction = senderAction;
  leg.trafficPath = trafficPath;
  return { leg, code };
}

/** The last part of a leg: the packet reaches `eni` (from `fromSubnet`, or from the internet when undefined). */
function arrive(ctx: Ctx, from: Node, sent: Hdr, h: Hdr, eni: CompiledEni, fromSubnet: CompiledSubnet | undefined, trafficPath: number | undefined): LegOutcome {
  const to = eni.node;
  const leg = new LegRecord(endpointOf(from), sent);
  leg.to = eni.endpoint;
  leg.receivedHdr = h;
  leg.droppedAt = 'receiver';
  leg.trafficPath = trafficPath;
  leg.senderAction = from.kind === 'eni' ? 'ACCEPT' : undefined;
  if (instanceDown(ctx, eni, h)) return { leg, code: 'BAD_STATE' };
  let code: ExplanationCode | undefined;
  if (fromSubnet !== eni.subnet && !networkAcl(ctx, eni.subnet, h, 'ingress')) code = 'SUBNET_ACL_RESTRICTION';
  else if (!sourceDestCheck(ctx, eni, h, 'ingress')) code = 'ENI_SOURCE_DEST_CHECK_RESTRICTION';
  else if (!securityGroup(ctx, eni, h, 'ingress')) code = eni.groups.empty ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH';
  if (code !== undefined) {
    leg.receiverAction = 'REJECT';
    return { leg, code };
  }
  leg.droppedAt = undefined;
  leg.receiverAction = 'ACCEPT';
  if (ownsAddress(eni, h.dst)) {
    leg.outcome = 'delivered';
    return { leg, at: to };
  }
  // Not addressed to this ENI: a route target forwarding it, as a NAT instance does (IPv4 masqueraded).
  const forwarded = typeof h.dst === 'number' && eni.primaryIpv4 >= 0 ? withSource(h, eni.primaryIpv4) : h;
  if (ctx.record) step(ctx, forwarded, { step: 'forward', component: eni.data.id, outcome: 'pass', rule: forwarded === h ? 'routed' : 'source-nat' }, eni);
  leg.outcome = 'forwarded';
  return { leg, at: to, next: { from: to, hdr: forwarded } };
}

/** A leg from the internet: the internet gateway maps a public destination to its private address. */
function fromInternet(ctx: Ctx, from: Node & { kind: 'internet' }, h: Hdr): LegOutcome {
  const topology = ctx.topology;
  let eni: CompiledEni | undefined;
  let privateDestination: Address = h.dst;
  if (typeof h.dst === 'number') {
    const mapping = topology.byPublicIpv4.get(h.dst);
    if (mapping) {
      eni = mapping.eni;
      privateDestination = mapping.privateAddress;
    } else {
      // Addressed to a private address: the gateway only answers for public ones.
      for (const vpc of topology.vpcs.values()) {
        const owner = vpc.byPrivate.get(h.dst);
        if (owner === undefined) continue;
        if (ctx.record) step(ctx, h, { step: 'internet-gateway', component: vpc.data.internetGatewayId ?? vpc.data.id, outcome: 'drop', code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', vpcId: vpc.data.id, target: owner.data.id });
        return dropped(from, h, 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', 'path');
      }
    }
  } else {
    for (const vpc of topology.vpcs.values()) {
      eni = ownerInVpc(vpc, h.dst);
      if (eni) break;
    }
  }
  if (eni === undefined) {
    if (ctx.record) step(ctx, h, { step: 'internet-gateway', component: 'internet', outcome: 'drop', code: 'NO_POSSIBLE_DESTINATION' });
    return dropped(from, h, 'NO_POSSIBLE_DESTINATION', 'path');
  }
  const gateway = eni.vpc.data.internetGatewayId;
  if (gateway === undefined) {
    if (ctx.record) step(ctx, h, { step: 'internet-gateway', component: eni.vpc.data.id, outcome: 'drop', code: 'NO_POSSIBLE_DESTINATION', vpcId: eni.vpc.data.id });
    return dropped(from, h, 'NO_POSSIBLE_DESTINATION', 'path');
  }
  if (typeof h.src === 'number' && (isRfc1918(h.src) || isRfc6598(h.src))) {
    const code = isRfc1918(h.src) ? 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS' : 'IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS';
    if (ctx.record) step(ctx, h, { step: 'internet-gateway', component: gateway, outcome: 'drop', code, vpcId: eni.vpc.data.id });
    return dropped(from, h, code, 'path');
  }
  const translated = privateDestination === h.dst ? h : withDestination(h, privateDestination);
  if (ctx.record) step(ctx, translated, {
    step: 'internet-gateway',
    component: gateway,
    outcome: 'pass',
    rule: translated === h ? 'ipv6' : `${h.text.destinationAddress} -> ${translated.text.destinationAddress}`,
    target: eni.data.id,
    vpcId: eni.vpc.data.id,
  });
  return arrive(ctx, from, h, translated, eni, undefined, undefined);
}

/** The internet gateway on the way out: 1:1 NAT of the source, then the internet (or, for a public address of the snapshot, back in). */
function throughGateway(ctx: Ctx, from: Node & { kind: 'eni' }, h: Hdr, gateway: string, senderAction: Leg['senderAction']): LegOutcome {
  const eni = from.eni;
  const fail = (code: ExplanationCode): LegOutcome => {
    if (ctx.record) step(ctx, h, { step: 'internet-gateway', component: gateway, outcome: 'drop', code, vpcId: eni.data.vpcId });
    return dropped(from, h, code, 'path', senderAction, 8);
  };
  let translated = h;
  if (typeof h.dst === 'number') {
    if (isRfc1918(h.dst)) return fail('IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS');
    if (isRfc6598(h.dst)) return fail('IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS');
    const publicAddress = eni.publicByPrivate.get(h.src as number);
    if (publicAddress === undefined) return fail('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
    translated = withSource(h, publicAddress);
  } else if (!ownsAddress(eni, h.src)) {
    return fail('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  }
  if (ctx.record) step(ctx, translated, {
    step: 'internet-gateway',
    component: gateway,
    outcome: 'pass',
    rule: translated === h ? 'ipv6' : `${h.text.sourceAddress} -> ${translated.text.sourceAddress}`,
    target: 'internet',
    vpcId: eni.data.vpcId,
  });
  const internet: Node = { kind: 'internet', address: h.dst };
  const leg = new LegRecord(endpointOf(from), h);
  leg.to = endpointOf(internet);
  leg.receivedHdr = translated;
  leg.outcome = 'delivered';
  leg.trafficPath = 8;
  leg.senderAction = senderAction;
  // A public address of the snapshot comes back in through its own VPC's gateway.
  if (typeof h.dst === 'number' && ctx.topology.byPublicIpv4.has(h.dst)) {
    leg.outcome = 'forwarded';
    return { leg, at: internet, next: { from: { kind: 'internet', address: translated.src }, hdr: translated } };
  }
  return { leg, at: internet };
}

/** A leg that leaves `eni` (§3 steps 1-5), then arrives wherever the route takes it. */
function fromEni(ctx: Ctx, from: Node & { kind: 'eni' }, h: Hdr): LegOutcome {
  const eni = from.eni;
  if (instanceDown(ctx, eni, h)) return dropped(from, h, 'BAD_STATE', 'sender');
  if (!securityGroup(ctx, eni, h, 'egress')) return dropped(from, h, eni.groups.empty ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH', 'sender', 'REJECT');
  if (!sourceDestCheck(ctx, eni, h, 'egress')) return dropped(from, h, 'ENI_SOURCE_DEST_CHECK_RESTRICTION', 'sender', 'REJECT');

  const subnet = eni.subnet;
  const table = subnet.routeTable;
  const route = table ? lookupRoute(table, h.dst) : undefined;
  const tableId = table?.id ?? subnet.data.id;
  if (route === undefined) {
    if (ctx.record) step(ctx, h, { step: 'route', component: tableId, outcome: 'drop', code: 'NO_ROUTE_TO_DESTINATION', routeTableId: table?.id }, eni);
    return dropped(from, h, 'NO_ROUTE_TO_DESTINATION', 'path', 'ACCEPT');
  }
  if (route.state === 'blackhole') {
    if (ctx.record) step(ctx, h, { step: 'route', component: tableId, outcome: 'drop', code: 'BAD_STATE_ROUTE', routeTableId: tableId, route, rule: route.destination }, eni);
    return dropped(from, h, 'BAD_STATE_ROUTE', 'path', 'ACCEPT');
  }

  // Where the route leads: an ENI of the VPC (local, or a route target), or the internet gateway.
  let target: CompiledEni | undefined;
  let gateway: string | undefined;
  let targetName: string;
  if (route.gatewayId === 'local') {
    target = ctx.ownerOf(eni.vpc, h.dst);
    targetName = 'local';
  } else if (route.networkInterfaceId) {
    target = ctx.topology.networkInterfaces.get(route.networkInterfaceId);
    targetName = route.networkInterfaceId;
  } else if (route.gatewayId.startsWith('igw-') && route.gatewayId === eni.vpc.data.internetGatewayId) {
    gateway = route.gatewayId;
    targetName = gateway;
  } else {
    if (ctx.record) step(ctx, h, { step: 'route', component: tableId, outcome: 'drop', code: 'BAD_STATE_ROUTE', routeTableId: tableId, route, rule: route.destination, target: route.gatewayId || route.instanceId }, eni);
    return dropped(from, h, 'BAD_STATE_ROUTE', 'path', 'ACCEPT');
  }
  if (ctx.record) step(ctx, h, { step: 'route', component: tableId, outcome: 'pass', target: targetName, routeTableId: tableId, route, rule: route.destination }, eni);

  // The subnet's ACL outbound, when the packet leaves the subnet (§3 step 4).
  const leaves = gateway !== undefined || (target ? target.subnet !== subnet : !inSubnet(subnet, h.dst));
  if (leaves && !networkAcl(ctx, subnet, h, 'egress')) return dropped(from, h, 'SUBNET_ACL_RESTRICTION', 'sender', 'REJECT');

  if (gateway !== undefined) return throughGateway(ctx, from, h, gateway, 'ACCEPT');
  if (target === undefined || target === eni) {
    if (ctx.record) step(ctx, h, { step: 'next-hop', component: targetName === 'local' ? eni.data.vpcId : targetName, outcome: 'drop', code: 'NO_POSSIBLE_DESTINATION' }, eni);
    return dropped(from, h, 'NO_POSSIBLE_DESTINATION', 'path', 'ACCEPT');
  }
  if (ctx.record) step(ctx, h, { step: 'next-hop', component: target.data.id, outcome: 'pass', target: target.data.id, networkInterfaceId: target.data.id, subnetId: target.data.subnetId, vpcId: target.data.vpcId });
  return arrive(ctx, from, h, h, target, subnet, 1);
}

function inSubnet(subnet: CompiledSubnet, address: Address): boolean {
  for (const range of subnet.ranges) if (inRange(range, address)) return true;
  return false;
}

function sendLeg(ctx: Ctx, from: Node, h: Hdr): LegOutcome {
  return from.kind === 'eni' ? fromEni(ctx, from, h) : fromInternet(ctx, from, h);
}

/** How a walk ended: dropped (`code`), or delivered at `at`. */
type WalkEnd = Pick<LegOutcome, 'at' | 'code'>;

const ROUTING_LOOP: WalkEnd = { code: 'NO_POSSIBLE_DESTINATION' };

/** Follows legs from `from` until the packet is delivered or dropped; the last leg's outcome says which. */
function walk(ctx: Ctx, from: Node, h: Hdr): WalkEnd {
  for (let n = 0; ; n++) {
    if (n === MAX_LEGS) {
      if (ctx.record) step(ctx, h, { step: 'next-hop', component: from.kind === 'eni' ? from.eni.data.id : 'internet', outcome: 'drop', code: 'NO_POSSIBLE_DESTINATION', rule: 'routing-loop' });
      return ROUTING_LOOP;
    }
    const outcome = sendLeg(ctx, from, h);
    if (ctx.legs === undefined) ctx.legs = [outcome.leg];
    else ctx.legs.push(outcome.leg);
    if (outcome.code !== undefined || outcome.next === undefined) return outcome;
    from = outcome.next.from;
    h = outcome.next.hdr;
  }
}

/** Whether leg endpoint `a` is node `b`. A leg's ENI endpoint is normally the ENI's own (compared first: no fetch). */
const sameNode = (a: Endpoint, b: Node): boolean =>
  a.kind === 'eni' ? b.kind === 'eni' && (b.eni.endpoint === a || b.eni.data.id === a.eni.id) : b.kind === 'internet';

/** The reply: back along the request's legs, from the final receiver to the original sender (see the header). */
function replyPath(ctx: Ctx, request: LegRecord[], end: Node): PathResult {
  ctx.legs = undefined;
  let index = request.length - 1;
  let from: Node = end;
  while (index >= 0) {
    const leg = request[index]!;
    const hdr = reversed(leg.receivedHdr ?? leg.sentHdr);
    const result = walk(ctx, from, hdr);
    const legs = ctx.legs!;
    if (result.code !== undefined) return { accepted: false, code: result.code, legs };
    const at = result.at!;
    // The request leg that left the node the reply reached; the reply goes on from there, if there is more.
    let j = index;
    while (j >= 0 && !sameNode(request[j]!.from, at)) j--;
    if (j < 0) return { accepted: false, code: 'NO_POSSIBLE_DESTINATION', legs };
    index = j - 1;
    from = at;
  }
  return { accepted: true, legs: ctx.legs ?? [] };
}

function bypassVerdict(ctx: Ctx, eni: CompiledEni, h: Hdr, service: string): Verdict {
  if (ctx.record) step(ctx, h, { step: 'bypass', component: eni.data.id, outcome: 'pass', rule: service }, eni);
  ctx.direction = 'reply';
  if (ctx.record) step(ctx, reversed(h), { step: 'bypass', component: eni.data.id, outcome: 'pass', rule: service }, eni);
  return { accepted: true, bypass: service, request: { accepted: true, legs: [] }, reply: { accepted: true, legs: [] }, trace: ctx.trace };
}

/** Evaluates `packet` and its reply over `topology`. Throws PacketError for names the topology does not hold. */
export function evaluate(topology: Topology, packet: Packet, options: EvaluateOptions = {}): Verdict {
  return evaluateResolved(topology, resolvePacket(topology, packet), options);
}

export interface EvaluateOptions {
  /**
   * false: decide only - no trace steps, and legs whose headers are not turned into text until read. For callers
   * that evaluate many packets and keep only verdicts (the benchmark measures both ways).
   */
  trace?: boolean;
}

export function evaluateResolved(topology: Topology, packet: ResolvedPacket, options: EvaluateOptions = {}): Verdict {
  const ctx = new Ctx(topology, options.trace !== false);
  const h = header(packet.source, packet.destination, packet.protocol, packet.sourcePort, packet.destinationPort);
  const start: Node = packet.start.kind === 'eni' ? packet.start : { kind: 'internet', address: packet.source };
  if (start.kind === 'eni') {
    const service = linkLocalService(h.dst) ?? (h.dst === start.eni.vpc.resolver ? 'vpc-resolver' : undefined);
    if (service !== undefined) return bypassVerdict(ctx, start.eni, h, service);
  }
  const result = walk(ctx, start, h);
  const legs = ctx.legs!;
  const request: PathResult = { accepted: result.code === undefined, code: result.code, legs };
  if (!request.accepted || result.at === undefined) return { accepted: false, request, trace: ctx.trace };
  ctx.direction = 'reply';
  ctx.tracked = true;
  const reply = replyPath(ctx, legs, result.at);
  return { accepted: true, request, reply, trace: ctx.trace };
}
