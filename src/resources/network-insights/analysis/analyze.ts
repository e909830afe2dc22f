/**
 * A Reachability analysis of one path (routing-and-traffic.md §5) over a slice of the network, with the traffic
 * evaluator (src/traffic) judging each packet: resolve the ends, try the representative packets of the path
 * (candidates.ts), and the first whose request arrives at the path's destination and whose reply comes back is the
 * path found. When none does, the answer shows the first packet tried - or, if some request arrived but no reply
 * came back, that one and its reply as far as it went - with the explanation of the drop. Pure: the same slice and
 * path always give the same answer.
 */
import type { Explanation, PathComponent } from '../../../protocol/generated/ec2-shapes.js';
import { formatIpv4, parseIpv4 } from '../../../net/ipv4.js';
import { compileTopology, evaluateResolved, TCP, UDP, type CompiledEni, type Topology, type Verdict } from '../../../traffic/index.js';
import { componentNamer, type ComponentNamer } from './components.js';
import {
  ALL_PORTS,
  aclPortBoundaries,
  destinationPortBoundaries,
  internetAddressCandidates,
  isInternetAddress,
  portCandidates,
  type PortRange,
} from './candidates.js';
import type { PathSlice } from './path-topology.js';
import { viewOf, type ViewOptions } from './trace-components.js';

export interface PathSpec {
  source: string;
  destination?: string;
  protocol: 'tcp' | 'udp';
  sourceIp?: string;
  destinationIp?: string;
  destinationPort?: number;
  /** The filters' addresses and ranges, whichever end gave them (FilterAtSource / FilterAtDestination). */
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
const MAX_EVALUATIONS = 4096;

type End =
  | { kind: 'eni'; eni: CompiledEni; instanceId?: string }
  | { kind: 'internet'; gatewayId: string; vpcId: string };

const failure = (explanations: Explanation[]): AnalysisResult => ({
  networkPathFound: false,
  forwardPathComponents: [],
  returnPathComponents: [],
  explanations,
});

export function analyze(slice: PathSlice, path: PathSpec): AnalysisResult {
  const topology = compileTopology(slice.data);
  const name = componentNamer(slice.data.region, slice.data.account);
  const source = resolveEnd(slice, topology, name, path.source, path.sourceIp ?? path.sourceAddress);
  const destination = resolveEnd(slice, topology, name, path.destination, path.destinationIp ?? path.destinationAddress, source);
  const unresolved = [source, destination].filter((e): e is Explanation => !isEnd(e));
  if (unresolved.length > 0 || !isEnd(source) || !isEnd(destination)) return failure(unresolved);
  if (source.kind === 'internet' && destination.kind === 'internet') {
    return failure([{ ExplanationCode: 'IGW_NAT_REFLECTION', InternetGateway: name(source.gatewayId) }]);
  }
  if (vpcOf(source) !== vpcOf(destination)) {
    return failure([{ ExplanationCode: 'DISCONNECTED_VPCS', SourceVpc: name(vpcOf(source)), DestinationVpc: name(vpcOf(destination)) }]);
  }

  const given = (text: string | undefined) => (text === undefined ? undefined : [parseIpv4(text)!]);
  const sources = given(path.sourceIp ?? path.sourceAddress) ??
    (source.kind === 'eni' ? [source.eni.primaryIpv4] : internetAddressCandidates(slice.data));
  const destinations = given(path.destinationIp ?? path.destinationAddress) ??
    (destination.kind === 'eni' ? [addressOf(destination.eni, source.kind === 'internet')] : internetAddressCandidates(slice.data));
  const destinationRange = path.destinationPort !== undefined ? { from: path.destinationPort, to: path.destinationPort } : path.destinationPortRange ?? ALL_PORTS;
  const destinationPorts = portCandidates(destinationRange, destinationPortBoundaries(slice.data));
  const sourcePorts = portCandidates(path.sourcePortRange ?? ALL_PORTS, aclPortBoundaries(slice.data));
  const protocol = path.protocol === 'tcp' ? TCP : UDP;

  const instanceEnds = new Set([source, destination].flatMap((e) => (e.kind === 'eni' && e.instanceId ? [e.instanceId] : [])));
  const instanceOf = (eniId: string) => topology.networkInterfaces.get(eniId)?.data.instanceId;
  const view = (verdict: Verdict, from: End, initial: Candidate) => {
    const options = (start: End, header: typeof initial): ViewOptions => ({
      name, instanceEnds, instanceOf,
      initial: { sourceAddress: formatIpv4(header.source), destinationAddress: formatIpv4(header.destination), protocol, sourcePort: header.sourcePort, destinationPort: header.destinationPort },
      start: start.kind === 'eni' ? { eniId: start.eni.data.id, instanceId: start.eni.data.instanceId } : { gatewayId: start.gatewayId, vpcId: start.vpcId },
    });
    const forward = viewOf(verdict.trace.filter((s) => s.direction === 'request'), options(from, initial));
    const replySteps = verdict.trace.filter((s) => s.direction === 'reply');
    const replyStart = replySteps[0]?.header;
    const back = replyStart
      ? viewOf(replySteps, {
          ...options(from === source ? destination : source, initial),
          initial: replyStart,
        })
      : { components: [] as PathComponent[], explanation: undefined };
    return { forward, back };
  };

  type Tried = { verdict: Verdict; packet: Candidate; arrived: boolean };
  const resultOf = ({ verdict, packet, arrived }: Tried): AnalysisResult => {
    const { forward, back } = view(verdict, source, packet);
    const found = arrived && verdict.reply?.accepted === true;
    const explanation = forward.explanation ?? (arrived ? back.explanation : misdelivered(verdict, name));
    return {
      networkPathFound: found,
      forwardPathComponents: forward.components,
      returnPathComponents: arrived ? back.components : [],
      explanations: !found && explanation ? [explanation] : [],
    };
  };

  // Only the packet the answer shows is turned into components: the first that makes the round trip, else the
  // first whose request arrived, else the first tried.
  let first: Tried | undefined;
  let replyBlocked: Tried | undefined;
  let evaluations = 0;
  for (const from of sources) {
    for (const to of destinations) {
      for (const destinationPort of destinationPorts) {
        for (const sourcePort of sourcePorts) {
          if (evaluations++ >= MAX_EVALUATIONS) break;
          const packet = { source: from, destination: to, sourcePort, destinationPort };
          const verdict = evaluateResolved(topology, {
            start: source.kind === 'eni' ? { kind: 'eni', eni: source.eni } : { kind: 'internet' },
            protocol,
            ...packet,
          });
          const tried = { verdict, packet, arrived: verdict.accepted && arrivedAt(verdict, destination) };
          if (tried.arrived && verdict.reply?.accepted === true) return resultOf(tried);
          first ??= tried;
          if (tried.arrived) replyBlocked ??= tried;
          // The request does not depend on the source port (ACLs and groups look at destination ports): once it
          // fails, other source ports cannot help it; only the reply's ACL checks look at them.
          if (!tried.arrived) break;
        }
      }
    }
  }
  const shown = replyBlocked ?? first;
  return shown ? resultOf(shown) : failure([]);
}

interface Candidate {
  source: number;
  destination: number;
  sourcePort: number;
  destinationPort: number;
}

const isEnd = (value: End | Explanation): value is End => 'kind' in value;
const vpcOf = (end: End): string => (end.kind === 'eni' ? end.eni.data.vpcId : end.vpcId);

/** The address an ENI end is reached at: private inside the VPC, public (when it has one) from the internet. */
function addressOf(eni: CompiledEni, fromInternet: boolean): number {
  if (!fromInternet) return eni.primaryIpv4;
  return eni.publicByPrivate.get(eni.primaryIpv4) ?? eni.publicByPrivate.values().next().value ?? eni.primaryIpv4;
}

/** True when the request ended where the path does: the destination ENI, or the internet through the path's gateway. */
function arrivedAt(verdict: Verdict, destination: End): boolean {
  const legs = verdict.request.legs;
  const last = legs[legs.length - 1];
  if (!last?.to) return false;
  if (destination.kind === 'eni') return last.to.kind === 'eni' && last.to.eni.id === destination.eni.data.id;
  return (
    last.to.kind === 'internet' &&
    verdict.trace.some((s) => s.direction === 'request' && s.step === 'internet-gateway' && s.outcome === 'pass' && s.component === destination.gatewayId)
  );
}

/** A request that got somewhere other than the path's destination (another ENI holding the address, say). */
function misdelivered(verdict: Verdict, name: ComponentNamer): Explanation | undefined {
  if (!verdict.accepted) return undefined;
  const last = verdict.request.legs[verdict.request.legs.length - 1];
  return { ExplanationCode: 'NO_POSSIBLE_DESTINATION', Component: last?.to?.kind === 'eni' ? name(last.to.eni.id) : undefined };
}

/** The ENI or gateway an end names; an instance stands for the ENI the slice loader chose for it. */
function resolveEnd(slice: PathSlice, topology: Topology, name: ComponentNamer, id: string | undefined, address: string | undefined, other?: End | Explanation): End | Explanation {
  if (id === undefined) {
    const holder = address ? holderOf(topology, address) : undefined;
    if (holder) return { kind: 'eni', eni: holder };
    // An address no ENI holds: the internet, through the gateway of the other end's VPC.
    const vpcId = other && isEnd(other) ? vpcOf(other) : '';
    const gatewayId = topology.vpcs.get(vpcId)?.data.internetGatewayId;
    if (address && gatewayId && isInternetAddress(parseIpv4(address)!)) return { kind: 'internet', gatewayId, vpcId };
    return { ExplanationCode: 'NO_SOURCE_OR_DESTINATION' };
  }
  if (id.startsWith('igw-')) {
    const vpcId = slice.internetGateways.get(id);
    if (!vpcId) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: name(id) };
    return { kind: 'internet', gatewayId: id, vpcId };
  }
  if (id.startsWith('i-')) {
    const eni = topology.networkInterfaces.get(slice.instanceEnis.get(id) ?? '');
    if (!eni) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: name(id) };
    return { kind: 'eni', eni, instanceId: id };
  }
  const eni = topology.networkInterfaces.get(id);
  if (!eni) return { ExplanationCode: 'UNASSOCIATED_COMPONENT', Component: name(id) };
  return { kind: 'eni', eni };
}

/** The ENI holding `address`, private or public. */
function holderOf(topology: Topology, address: string): CompiledEni | undefined {
  for (const eni of topology.data.networkInterfaces) {
    if (eni.privateIpv4.some((a) => a.address === address || a.publicIp === address)) return topology.networkInterfaces.get(eni.id);
  }
  return undefined;
}

/**
 * FilterInArns / FilterOutArns of StartNetworkInsightsAnalysis: the path must go through, or must avoid, those
 * components. vpclite finds one path per analysis (there are no alternatives among the resources it models), so a
 * found path that misses a required component, or crosses a forbidden one, is no path, explained with the
 * search-filter codes.
 */
export function applyComponentFilters(result: AnalysisResult, filterIn: readonly string[], filterOut: readonly string[]): AnalysisResult {
  if (!result.networkPathFound) return result;
  const crossed = new Set(result.forwardPathComponents.flatMap((c) => [c.Component?.Arn, c.Component?.Id]));
  const missing = filterIn.filter((arn) => !crossed.has(arn));
  const forbidden = filterOut.filter((arn) => crossed.has(arn));
  if (missing.length === 0 && forbidden.length === 0) return result;
  const component = (arn: string) => ({ Arn: arn, Id: arn.slice(arn.lastIndexOf('/') + 1) });
  return {
    ...result,
    networkPathFound: false,
    explanations: [
      ...missing.map((arn) => ({ ExplanationCode: 'COMPONENT_FILTER_RESTRICTION', Component: component(arn) })),
      ...forbidden.map((arn) => ({ ExplanationCode: 'COMPONENT_FILTER_RESTRICTION_REMOVED_COMPONENT', Component: component(arn) })),
    ],
  };
}
