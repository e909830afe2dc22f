/**
 * How `vpclite analyze` prints an analysis: `json` (the analysis as DescribeNetworkInsightsAnalyses answers it, wire
 * member names, lists as arrays), `text` (a verdict line, the paths and the explanations, one line each) and `table`
 * (the same in aligned columns). Pure functions from the answer (wire-shape.ts) to text.
 */
import type { WireValue as Value } from './wire-shape.js';

export type Analysis = { [key: string]: Value };

const obj = (value: Value | undefined): Record<string, Value> => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
const list = (value: Value | undefined): Value[] => (Array.isArray(value) ? value : []);
const id = (value: Value | undefined): string => String(obj(value).id ?? '');

function ports(range: Value | undefined): string {
  const r = obj(range);
  if (r.from === undefined) return '';
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}

/** What one component did, in a few words: the rule, the route or the header. */
export function componentDetail(component: Value): string {
  const c = obj(component);
  const sg = obj(c.securityGroupRule);
  if (sg.direction) return `${sg.direction} ${sg.protocol}${ports(sg.portRange) ? ` ${ports(sg.portRange)}` : ''} ${sg.direction === 'ingress' ? 'from' : 'to'} ${sg.cidr ?? sg.prefixListId ?? 'group'}`;
  const acl = obj(c.aclRule);
  if (acl.ruleNumber !== undefined) {
    return `${acl.egress ? 'outbound' : 'inbound'} rule ${acl.ruleNumber} ${acl.ruleAction} ${acl.protocol}${ports(acl.portRange) ? ` ${ports(acl.portRange)}` : ''} ${acl.cidr}`;
  }
  const route = obj(c.routeTableRoute);
  if (route.destinationCidr) return `route ${route.destinationCidr} -> ${route.gatewayId ?? route.networkInterfaceId ?? route.instanceId} (${route.state})`;
  const header = obj(c.outboundHeader ?? c.inboundHeader);
  if (header.protocol) {
    const source = list(header.sourceAddressSet)[0];
    const destination = list(header.destinationAddressSet)[0];
    return `${c.outboundHeader ? 'sends' : 'receives'} ${source}:${ports(list(header.sourcePortRangeSet)[0])} -> ${destination}:${ports(list(header.destinationPortRangeSet)[0])}`;
  }
  return '';
}

/** The explanation's code and the components it names. */
export function explanationDetail(explanation: Value): string {
  const e = obj(explanation);
  const named = ['networkInterface', 'securityGroup', 'acl', 'routeTable', 'internetGateway', 'subnet', 'component']
    .map((k) => id(e[k]))
    .filter((x) => x);
  const groups = list(e.securityGroupSet).map(id).filter((g) => !named.includes(g));
  const rule = obj(e.aclRule).ruleNumber !== undefined ? [`rule ${obj(e.aclRule).ruleNumber}`] : [];
  const extra = [...groups, ...rule, e.direction ? String(e.direction) : '', e.address ? String(e.address) : ''].filter((x) => x);
  return [...named, ...extra].join(' ');
}

function rows(analysis: Analysis): string[][] {
  const result: string[][] = [];
  for (const [title, key] of [['forward', 'forwardPathComponentSet'], ['return', 'returnPathComponentSet']] as const) {
    for (const c of list(analysis[key])) result.push([title, String(obj(c).sequenceNumber ?? ''), id(obj(c).component), componentDetail(c)]);
  }
  for (const e of list(analysis.explanationSet)) result.push(['explanation', '', String(obj(e).explanationCode ?? ''), explanationDetail(e)]);
  return result;
}

const verdict = (analysis: Analysis) =>
  `${analysis.networkPathFound === true ? 'reachable' : 'not reachable'} (analysis ${analysis.networkInsightsAnalysisId}, path ${analysis.networkInsightsPathId}, ${analysis.status})`;

export function formatText(analysis: Analysis): string {
  const lines = [verdict(analysis)];
  for (const [title, kind] of [['Forward path:', 'forward'], ['Return path:', 'return'], ['Explanations:', 'explanation']] as const) {
    const matching = rows(analysis).filter((r) => r[0] === kind);
    if (matching.length === 0) continue;
    lines.push(title, ...matching.map(([, seq, name, detail]) => `  ${seq ? `${seq}. ` : ''}${name}${detail ? `  ${detail}` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

export function formatTable(analysis: Analysis): string {
  const table = [['PATH', 'SEQ', 'COMPONENT', 'DETAIL'], ...rows(analysis)];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  return `${verdict(analysis)}\n${lines.join('\n')}\n`;
}
