/**
 * The evaluator's trace of one direction (src/traffic/verdict.ts) as AWS shows a path: the sending ENI (after its
 * instance, when the path names the instance), the security group rule that let the packet out, the subnet's
 * ACL rule when it left the subnet, the route, the receiving subnet's ACL rule, the security group rule that let
 * it in, the receiving ENI - the order of routing-and-traffic.md §5.1 - with the internet gateway where the packet
 * crossed one and an appliance ENI where one forwarded it. Replies pass security groups as tracked responses, so a
 * return path has no security group components. A drop becomes the explanation with AWS's code and context.
 */
import type { Explanation, PathComponent } from '../../../protocol/generated/ec2-shapes.js';
import type { Header, TraceStep } from '../../../traffic/index.js';
import { aclRuleOf, headerOf, routeOf, securityGroupRuleOf, type ComponentNamer } from './components.js';

export interface DirectionView {
  components: PathComponent[];
  explanation?: Explanation;
}

export interface ViewOptions {
  name: ComponentNamer;
  /** The instances the path names as ends: shown around their ENI. */
  instanceEnds: ReadonlySet<string>;
  /** The header as the first component sent it (before any translation). */
  initial: Header;
  /** The instance an ENI of the slice is attached to. */
  instanceOf: (eniId: string) => string | undefined;
  /** The first sender: an ENI (with its instance, if attached) or an internet gateway. */
  start: { eniId: string; instanceId?: string } | { gatewayId: string; vpcId: string };
}

export function viewOf(steps: readonly TraceStep[], options: ViewOptions): DirectionView {
  const { name } = options;
  const components: PathComponent[] = [];
  const push = (c: PathComponent) => components.push({ SequenceNumber: components.length + 1, ...c });
  const place = (s: TraceStep) => ({ Vpc: s.vpcId ? name(s.vpcId) : undefined, Subnet: s.subnetId ? name(s.subnetId) : undefined });
  let route: PathComponent | undefined;
  const flush = () => {
    if (route) push(route);
    route = undefined;
  };

  if ('eniId' in options.start) {
    const { eniId, instanceId } = options.start;
    const first = steps[0];
    const where = first ? place(first) : {};
    const instanceEnd = instanceId !== undefined && options.instanceEnds.has(instanceId);
    if (instanceEnd) push({ Component: name(instanceId), OutboundHeader: headerOf(options.initial), ...where });
    push({
      Component: name(eniId),
      AttachedTo: instanceId ? name(instanceId) : undefined,
      OutboundHeader: instanceEnd ? undefined : headerOf(options.initial),
      ...where,
    });
  }
  for (const s of steps) {
    if (s.outcome === 'drop') {
      flush();
      return { components: finish(components, options), explanation: explain(s, options) };
    }
    switch (s.step) {
      case 'security-group-egress':
      case 'security-group-ingress':
        if (!s.tracked && s.securityGroupRule) {
          push({ Component: name(s.securityGroupRule.groupId), SecurityGroupRule: securityGroupRuleOf(s.securityGroupRule), ...place(s) });
        }
        if (s.step === 'security-group-ingress' && s.networkInterfaceId) {
          const instanceId = options.instanceOf(s.networkInterfaceId);
          push({ Component: name(s.networkInterfaceId), AttachedTo: instanceId ? name(instanceId) : undefined, InboundHeader: headerOf(s.header), ...place(s) });
        }
        break;
      case 'route':
        route = { Component: name(s.routeTableId!), RouteTableRoute: s.route ? routeOf(s.route) : undefined, ...place(s) };
        break;
      case 'network-acl-egress':
        push({ Component: name(s.networkAclId!), AclRule: s.aclRule ? aclRuleOf(s.aclRule) : undefined, ...place(s) });
        flush();
        break;
      case 'network-acl-ingress':
        flush();
        push({ Component: name(s.networkAclId!), AclRule: s.aclRule ? aclRuleOf(s.aclRule) : undefined, ...place(s) });
        break;
      case 'internet-gateway':
        flush();
        push({
          Component: name(s.component),
          OutboundHeader: headerOf('gatewayId' in options.start && components.length === 0 ? options.initial : s.header),
          Vpc: s.vpcId ? name(s.vpcId) : undefined,
        });
        break;
      default:
        flush();
    }
  }
  flush();
  return { components: finish(components, options) };
}

/**
 * Only the last component keeps an inbound header (the packet as it arrived); when that is the path's receiving
 * ENI and its instance is an end, the instance follows it.
 */
function finish(components: PathComponent[], options: ViewOptions): PathComponent[] {
  const last = components[components.length - 1];
  for (const c of components) if (c !== last) delete c.InboundHeader;
  const instanceId = last?.AttachedTo?.Id;
  if (last?.InboundHeader && instanceId && options.instanceEnds.has(instanceId)) {
    components.push({ SequenceNumber: components.length + 1, Component: options.name(instanceId), InboundHeader: last.InboundHeader, Vpc: last.Vpc, Subnet: last.Subnet });
  }
  return components;
}

function explain(s: TraceStep, options: ViewOptions): Explanation {
  const { name } = options;
  const where = { Vpc: s.vpcId ? name(s.vpcId) : undefined, Subnet: s.subnetId ? name(s.subnetId) : undefined };
  const base: Explanation = { ExplanationCode: s.code };
  switch (s.step) {
    case 'security-group-egress':
    case 'security-group-ingress': {
      const groups = (s.securityGroupIds ?? []).map(name);
      return {
        ...base,
        Direction: s.step === 'security-group-egress' ? 'egress' : 'ingress',
        NetworkInterface: s.networkInterfaceId ? name(s.networkInterfaceId) : undefined,
        SecurityGroups: groups,
        SecurityGroup: groups.length === 1 ? groups[0] : undefined,
        ...where,
      };
    }
    case 'network-acl-egress':
    case 'network-acl-ingress':
      return {
        ...base,
        Acl: name(s.networkAclId!),
        AclRule: s.aclRule ? aclRuleOf(s.aclRule) : undefined,
        Direction: s.step === 'network-acl-egress' ? 'egress' : 'ingress',
        ...where,
      };
    case 'route':
      return {
        ...base,
        RouteTable: s.routeTableId ? name(s.routeTableId) : undefined,
        RouteTableRoute: s.route ? routeOf(s.route) : undefined,
        State: s.code === 'BAD_STATE_ROUTE' ? s.route?.state : undefined,
        Address: s.header.destinationAddress,
        ...where,
      };
    case 'source-dest-check-egress':
    case 'source-dest-check-ingress':
      return {
        ...base,
        Direction: s.step === 'source-dest-check-egress' ? 'egress' : 'ingress',
        NetworkInterface: name(s.component),
        ...where,
      };
    case 'internet-gateway': {
      const egress = s.code?.includes('EGRESS') ?? false;
      const source = s.code?.startsWith('IGW_SOURCE') || s.code === 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS';
      return {
        ...base,
        InternetGateway: s.component.startsWith('igw-') ? name(s.component) : undefined,
        Address: source ? s.header.sourceAddress : s.header.destinationAddress,
        Direction: egress ? 'egress' : 'ingress',
        Vpc: s.vpcId ? name(s.vpcId) : undefined,
      };
    }
    case 'instance-state':
      return { ...base, Component: name(s.component), State: s.rule };
    default:
      return { ...base, Component: s.component === 'internet' ? undefined : name(s.component), ...where };
  }
}
