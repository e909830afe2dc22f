/**
 * vpclite's traffic extension over HTTP (docs/traffic.md):
 * - `POST /_vpclite/traffic`: evaluates one packet description and its reply, hands the flow's observations to
 *   every ObservationSink of the server (metrics, flow logs), answers the verdict and its trace as JSON;
 * - `POST /_vpclite/clock {"advanceSeconds": N}`: moves the simulated clock forward, answers the new time;
 * - `GET /metrics`: the per-ENI counters in the Prometheus text format.
 *
 * The caller's account and region come from the SigV4 Authorization header when there is one (its access key
 * and credential scope, read as the EC2 endpoint reads them in `--auth any` mode, not verified), else from the
 * optional `account` / `region` fields, else the EC2 endpoint's defaults for unsigned requests. Every failure
 * the caller can cause is a 400 `{"error": code, "message"}`; nothing it sends makes a 500.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import { invalidField, unknownRegion } from '../errors/traffic.js';
import { findRegion } from '../resources/regions/catalog.js';
import type { Store } from '../store/store.js';
import { evaluate } from '../traffic/evaluate.js';
import type { ObservationSink } from '../traffic/flow-observation.js';
import type { MetricsSink } from '../traffic/metrics-sink.js';
import { flowObservations } from '../traffic/observations.js';
import type { SimulatedClock } from '../traffic/simulated-clock.js';
import type { TopologyCache } from '../traffic/topology-cache.js';
import { parseJsonBody, parseTrafficRequest } from '../traffic/traffic-request.js';
import { PacketError, type TraceStep, type Verdict } from '../traffic/verdict.js';
import { accountOfAccessKey, DEFAULT_ACCOUNT, DEFAULT_REGION } from './auth.js';
import { readSignature } from './sigv4.js';

export interface TrafficDeps {
  store: Store;
  clock: SimulatedClock;
  sinks: readonly ObservationSink[];
  metrics: MetricsSink;
  /** Compiled topologies of recent flows, valid while their account's generation stands still. */
  topologies: TopologyCache;
  /** Runs after the clock moves, with the new time (flow logs deliver the windows it closed). */
  afterClockAdvance?: (now: Date) => Promise<unknown>;
}

export interface ExtensionResult {
  status: number;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json';
const json = (status: number, body: unknown): ExtensionResult => ({ status, contentType: JSON_TYPE, body: JSON.stringify(body) });
const failure = (code: string, message: string): ExtensionResult => json(400, { error: code, message });

function identity(headers: IncomingHttpHeaders, query: string, body: { account?: string; region?: string }) {
  const signature = readSignature(headers, query);
  const account = signature ? accountOfAccessKey(signature.accessKeyId) : body.account ?? DEFAULT_ACCOUNT;
  const regionName = signature ? signature.region : body.region ?? DEFAULT_REGION;
  if (!findRegion(regionName)) throw unknownRegion(regionName);
  return { account, region: regionName };
}

/**
 * The wire form of a step: the fields of ISSUE-5 item 3 first, then where it happened and the header. The whole
 * rule, entry and route objects stay in the evaluator's API (the Reachability Analyzer uses them); the ids and
 * numbers here name them.
 */
function stepJson(s: TraceStep): Record<string, unknown> {
  return {
    step: s.step,
    component: s.component,
    outcome: s.outcome,
    code: s.code,
    rule: s.rule,
    direction: s.direction,
    tracked: s.tracked,
    target: s.target,
    networkInterfaceId: s.networkInterfaceId,
    subnetId: s.subnetId,
    vpcId: s.vpcId,
    securityGroupIds: s.securityGroupIds,
    networkAclId: s.networkAclId,
    routeTableId: s.routeTableId,
    header: s.header,
  };
}

/** The ENI (and its instance) the request finally reached, when it reached one. */
function deliveredTo(verdict: Verdict): { networkInterfaceId: string; instanceId?: string } | undefined {
  const last = verdict.request.legs.at(-1);
  if (!verdict.accepted || last?.to?.kind !== 'eni') return undefined;
  return { networkInterfaceId: last.to.eni.id, instanceId: last.to.eni.instanceId };
}

export function verdictJson(verdict: Verdict): Record<string, unknown> {
  return {
    accepted: verdict.accepted,
    code: verdict.request.code,
    bypass: verdict.bypass,
    reply: verdict.reply ? { accepted: verdict.reply.accepted, code: verdict.reply.code } : { accepted: false, evaluated: false },
    deliveredTo: deliveredTo(verdict),
    trace: verdict.trace.map(stepJson),
  };
}

async function traffic(deps: TrafficDeps, headers: IncomingHttpHeaders, query: string, raw: Buffer): Promise<ExtensionResult> {
  const request = parseTrafficRequest(parseJsonBody(raw));
  const { account, region } = identity(headers, query, request);
  const { topology, generation } = await deps.store.read((tx) =>
    deps.topologies.topology(tx, account, region, { source: request.packet.source, destination: request.packet.destination }),
  );
  const verdict = evaluate(topology, request.packet);
  const observations = flowObservations(verdict, { packets: request.packets, bytes: request.bytes, time: deps.clock.now(), region });
  for (const sink of deps.sinks) await sink.record(observations, { generation: { account, region, generation } });
  return json(200, { ...verdictJson(verdict), account, region, observations: observations.length });
}

async function advanceClock(deps: TrafficDeps, raw: Buffer): Promise<ExtensionResult> {
  const body = parseJsonBody(raw);
  const seconds = body.advanceSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 10 * 365 * 86400) {
    throw invalidField('advanceSeconds', seconds, 'a number of seconds, 0 or more');
  }
  const now = deps.clock.advance(seconds);
  await deps.afterClockAdvance?.(now);
  return json(200, { now: now.toISOString(), epochSeconds: Math.floor(now.getTime() / 1000) });
}

/** Answers the traffic extension's routes, or undefined for any other path. */
export async function handleTrafficRoutes(
  deps: TrafficDeps,
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
): Promise<ExtensionResult | undefined> {
  const [path, query = ''] = request.url.split('?', 2) as [string, string?];
  try {
    if (path === '/_vpclite/traffic' && request.method === 'POST') return await traffic(deps, request.headers, query, request.body);
    if (path === '/_vpclite/clock' && request.method === 'POST') return await advanceClock(deps, request.body);
    if (path === '/_vpclite/clock' && request.method === 'GET') return json(200, { now: deps.clock.now().toISOString(), epochSeconds: Math.floor(deps.clock.now().getTime() / 1000) });
    if (path === '/metrics' && request.method === 'GET') {
      return { status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', body: deps.metrics.render() };
    }
  } catch (error) {
    if (error instanceof AwsError || error instanceof PacketError) return failure(error.code, error.message);
    throw error;
  }
  return undefined;
}
