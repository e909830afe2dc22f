/**
 * `vpclite probe`: sends one packet description to a running server's `POST /_vpclite/traffic` and prints the
 * verdict and its trace. Exit status: 0 when the request and its reply both got through, 1 when either was dropped
 * (a connection that cannot complete), 2 when the probe itself failed (bad option, refused request, no server).
 */
import { InvalidArgumentError } from 'commander';

export interface ProbeOptions {
  endpoint?: string;
  source: string;
  destination: string;
  protocol: string;
  port?: string;
  sourcePort?: string;
  sourceAddress?: string;
  packets?: string;
  bytes?: string;
  account?: string;
  region?: string;
  output: string;
}

interface Step {
  step: string;
  direction: string;
  component: string;
  outcome: string;
  code?: string;
  rule?: string;
}

interface Answer {
  accepted: boolean;
  code?: string;
  bypass?: string;
  reply: { accepted: boolean; code?: string; evaluated?: boolean };
  trace: Step[];
  error?: string;
  message?: string;
}

const OUTPUTS = ['json', 'table', 'text'];

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4599';

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`--${name} must be a whole number, not ${value}`);
  return Number(value);
}

/** The JSON body the endpoint takes; numbers stay numbers, and a protocol given as a number is sent as one. */
export function probeBody(options: ProbeOptions): Record<string, unknown> {
  return {
    source: options.source,
    destination: options.destination,
    protocol: /^\d+$/.test(options.protocol) ? Number(options.protocol) : options.protocol,
    port: integerOption('port', options.port),
    sourcePort: integerOption('source-port', options.sourcePort),
    sourceAddress: options.sourceAddress,
    packets: integerOption('packets', options.packets),
    bytes: integerOption('bytes', options.bytes),
    account: options.account,
    region: options.region,
  };
}

const verdictLine = (answer: Answer): string => {
  if (answer.bypass) return `ACCEPTED (bypasses security groups and network ACLs: ${answer.bypass})`;
  const request = answer.accepted ? 'request ACCEPTED' : `request DROPPED (${answer.code})`;
  const reply = !answer.accepted ? 'reply not sent' : answer.reply.accepted ? 'reply ACCEPTED' : `reply DROPPED (${answer.reply.code})`;
  return `${request}; ${reply}`;
};

function renderText(answer: Answer): string {
  const lines = [verdictLine(answer)];
  for (const s of answer.trace) {
    const detail = [s.rule ? `rule ${s.rule}` : '', s.code ?? ''].filter((x) => x !== '').join(' ');
    lines.push(`${s.direction} ${s.step} ${s.component} ${s.outcome.toUpperCase()}${detail ? ` ${detail}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderTable(answer: Answer): string {
  const header = ['DIRECTION', 'STEP', 'COMPONENT', 'OUTCOME', 'RULE', 'CODE'];
  const rows = answer.trace.map((s) => [s.direction, s.step, s.component, s.outcome, s.rule ?? '-', s.code ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${verdictLine(answer)}\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export async function probe(options: ProbeOptions): Promise<void> {
  if (!OUTPUTS.includes(options.output)) throw new InvalidArgumentError(`--output must be one of ${OUTPUTS.join(', ')}`);
  const endpoint = (options.endpoint ?? process.env.VPCLITE_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${endpoint}/_vpclite/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(probeBody(options)),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new Error(`cannot reach ${endpoint}${cause ? ` (${cause})` : ''}`);
  }
  const answer = (await response.json()) as Answer;
  if (response.status !== 200) {
    if (options.output === 'json') process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    throw new Error(`${answer.error ?? response.status}: ${answer.message ?? 'the server refused the probe'}`);
  }
  const rendered = options.output === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : options.output === 'table' ? renderTable(answer) : renderText(answer);
  process.stdout.write(rendered);
  process.exitCode = answer.accepted && answer.reply.accepted ? 0 : 1;
}
