/**
 * A Reachability analysis of one path over a Topology slice (routing-and-traffic.md §5): resolve the ends, try the
 * representative packets (candidates.ts) forward and, once one arrives unblocked, its reply back; the first packet
 * that makes the round trip is the path found. When none does, the answer shows the first packet tried (or, if
 * some packet got there but no reply came back, that packet and its reply) with every blocking explanation.
 * Pure: the same slice and path always give the same answer.
 */
import type { Explanation, PathComponent } from '../../../protocol/generated/ec2-shapes.js';
import { parseIpv4 } from '../../../net/ipv4.js';
import { componentOf } from './components.js';
import { ALL_PORTS, aclPortBoundaries, destinationPortBoundaries, internetAddressCandidates, portCandidates, type PortRange } from './candidates.js';
import { replyTo, type Packet } from './packet.js';
import { walkPath, type WalkResult, type WalkStart, type WalkTarget } from './path-walk.js';
import type { EniInfo, Topology } from './topology.js';

export interface PathSpec {
  source: string;
  destination?: string;
  protocol: 'tcp' | 'udp';
  sourceIp?: string;
  destinationIp?: string;
  destinationPort?: number;
  /** The filters' addresses and ranges, whichever side gave them (FilterAtSource / FilterAtDestination). */
  sourceAddress?: string;
  destinationAddress?: string;
  sourcePortRange?: PortRange;
  destinationPortRange?: PortRange;
}

export interface AnalysisResult {
  networkPathFound: boolean;
  forwardPathComponents: PathComponent[];
  returnPathComponents: PathComponent[];
  explanations: Explanation[];
}

/** Bounds the work of one analysis whatever the rules look like; the plainest candidates come first. */
const MAX_WALKS = 4096;

type End = { kind: 'eni'; eni: EniInfo; instanceId?: string } | { kind: 'internet'; gatewayId: string; vpcId: string };

const failure = (explanations: Explanation[]): AnalysisResult => ({
  networkPathFound: false,
  forwardPathComponents: [],
  returnPathComponents: [],
  explanations,
});

/** The ENI standing for an end: the ENI itself, an instance's ENI holding `address` or its primary ENI, a gateway. */
function resolveEnd(topology: Topology, id: string | undefined, address: string | undefined): End | Explanation {
  if (id === undefined) {
    const eniId = address ? topology.eniByPrivateIp.get(address) ?? publicHolder(topology, address) : undefined;
    const eni = eniId ? topology.enis.get(eniId) : undefined;
    if (eni) return { kind: 'eni', eni };
    return { ExplanationCode: 'NO_SOURCE_OR_DESTINATION' };
  }
  if (id.startsWith('igw-')) {
    const gateway = topology.internetGateways.get(id);
    if (!gateway?.vpcId) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: componentOf(topology, id) };
    return { kind: 'internet', gatewayId: gateway.id, vpcId: gateway.vpcId };
  }
  if (id.startsWith('i-')) {
    const held = address ? topology.enis.get(topology.eniByPrivateIp.get(address) ?? '') : undefined;
    const eni = held?.instanceId === id ? held : topology.enis.get(topology.instancePrimaryEni.get(id) ?? '');
    if (!eni) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: componentOf(topology, id) };
    return { kind: 'eni', eni, instanceId: id };
  }
  const eni = topology.enis.get(id);
  if (!eni) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: componentOf(topology, id) };
  return { kind: 'eni', eni };
}

function publicHolder(topology: Topology, address: string): string | undefined {
  for (const eni of topology.enis.values()) for (const publicIp of eni.publicIps.values()) if (publicIp === address) return eni.id;
  return undefined;
}

const isEnd = (value: End | Explanation): value is End => 'kind' in value;
const vpcOf = (end: End): string => (end.kind === 'eni' ? end.eni.vpcId : end.vpcId);
const pointOf = (end: End): WalkStart & WalkTarget =>
  end.kind === 'eni' ? { kind: 'eni', eniId: end.eni.id } : { kind: 'internet', gatewayId: end.gatewayId };
const ip = (text: string): number => parseIpv4(text)!;

/** The address of an ENI end as the other side sees it: private inside the VPC, public from the internet. */
function addressOf(end: Extract<End, { kind: 'eni' }>, seenFromInternet: boolean): number {
  if (!seenFromInternet) return ip(end.eni.primaryIp);
  const mapped = end.eni.publicIps.get(end.eni.primaryIp) ?? [...end.eni.publicIps.values()][0];
  // No public address: the private one, which the gateway will refuse (IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS).
  return ip(mapped ?? end.eni.primaryIp);
}

export function analyze(topology: Topology, path: PathSpec): AnalysisResult {
  const source = resolveEnd(topology, path.source, path.sourceIp ?? path.sourceAddress);
  const destination = resolveEnd(topology, path.destination, path.destinationIp ?? path.destinationAddress);
  const unresolved = [source, destination].filter((e): e is Explanation => !isEnd(e));
  if (unresolved.length > 0) return failure(unresolved);
  if (!isEnd(source) || !isEnd(destination)) return failure([]);
  if (source.kind === 'internet' && destination.kind === 'internet') {
    return failure([{ ExplanationCode: 'IGW_NAT_REFLECTION', InternetGateway: componentOf(topology, source.gatewayId) }]);
  }
  if (vpcOf(source) !== vpcOf(destination)) {
    return failure([
      {
        ExplanationCode: 'DISCONNECTED_VPCS',
        SourceVpc: componentOf(topology, vpcOf(source)),
        DestinationVpc: componentOf(topology, vpcOf(destination)),
      },
    ]);
  }

  const given = (text: string | undefined) => (text === undefined ? undefined : [ip(text)]);
  const sources =
    given(path.sourceIp ?? path.sourceAddress) ??
    (source.kind === 'eni' ? [ip(source.eni.primaryIp)] : internetAddressCandidates(topology));
  const destinations =
    given(path.destinationIp ?? path.destinationAddress) ??
    (destination.kind === 'eni' ? [addressOf(destination, source.kind === 'internet')] : internetAddressCandidates(topology));
  const destinationRange = path.destinationPort !== undefined ? { from: path.destinationPort, to: path.destinationPort } : path.destinationPortRange ?? ALL_PORTS;
  const destinationPorts = portCandidates(destinationRange, destinationPortBoundaries(topology));
  const sourcePorts = portCandidates(path.sourcePortRange ?? ALL_PORTS, aclPortBoundaries(topology));

  const instanceEnds = new Set([source, destination].flatMap((e) => (e.kind === 'eni' && e.instanceId ? [e.instanceId] : [])));
  const forwardOptions = { stateful: false, instanceEnds };
  const returnOptions = { stateful: true, instanceEnds };
  const passes = (walk: WalkResult) => walk.arrived && walk.explanations.length === 0;

  let firstForward: WalkResult | undefined;
  let blockedReturn: { forward: WalkResult; back: WalkResult } | undefined;
  let walks = 0;
  for (const from of sources) {
    for (const to of destinations) {
      for (const destinationPort of destinationPorts) {
        if (walks >= MAX_WALKS) break;
        const packet: Packet = { protocol: path.protocol, source: from, destination: to, sourcePort: sourcePorts[0]!, destinationPort };
        const forward = walkPath(topology, pointOf(source), pointOf(destination), packet, forwardOptions);
        walks++;
        firstForward ??= forward;
        if (!passes(forward)) continue;
        for (const sourcePort of sourcePorts) {
          if (walks >= MAX_WALKS) break;
          const sent = { ...forward.delivered, sourcePort };
          const back = walkPath(topology, pointOf(destination), pointOf(source), replyTo(sent), returnOptions);
          walks++;
          if (passes(back)) {
            const again = sourcePort === packet.sourcePort ? forward : walkPath(topology, pointOf(source), pointOf(destination), { ...packet, sourcePort }, forwardOptions);
            return { networkPathFound: true, forwardPathComponents: again.components, returnPathComponents: back.components, explanations: [] };
          }
          blockedReturn ??= { forward, back };
        }
      }
    }
  }
  if (blockedReturn) {
    return {
      networkPathFound: false,
      forwardPathComponents: blockedReturn.forward.components,
      returnPathComponents: blockedReturn.back.components,
      explanations: blockedReturn.back.explanations,
    };
  }
  return {
    networkPathFound: false,
    forwardPathComponents: firstForward?.components ?? [],
    returnPathComponents: [],
    explanations: firstForward?.explanations ?? [],
  };
}
