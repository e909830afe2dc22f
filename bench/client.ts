/**
 * A signed EC2 Query client for benchmarks: every request SigV4-signed, connections kept alive through one
 * node:http Agent whose socket pool is as large as the concurrency, so each worker keeps its own connection.
 * Only loopback targets: the harness measures servers it started itself.
 */
import { Agent, request } from 'node:http';
import { createSigner, formBody, type Credentials, type Signer, type SignerName } from './sign.js';

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

export const BENCH_CREDENTIALS: Credentials = {
  accessKeyId: 'AKIABENCHMARK',
  secretAccessKey: 'bench-secret',
  region: 'us-east-1',
};

export class BenchClient {
  private readonly agent: Agent;
  private readonly signer: Signer;
  private readonly host: string;

  constructor(
    readonly port: number,
    options: { maxSockets: number; signer?: SignerName; credentials?: Credentials },
  ) {
    this.host = `127.0.0.1:${port}`;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets });
    this.signer = createSigner(options.signer ?? 'fast', options.credentials ?? BENCH_CREDENTIALS);
  }

  /** One signed EC2 call: `call({ Action: 'DescribeVpcs', 'VpcId.1': id })`. Never throws on an HTTP error. */
  async call(params: Record<string, string>): Promise<Reply> {
    const started = performance.now();
    const { headers, body } = await this.signer.sign(this.host, formBody(params));
    const { status, text } = await this.post(headers, body);
    return { status, body: text, ms: performance.now() - started };
  }

  /** Like call(), but fails unless the answer is 200: for setup steps, whose failure makes a run meaningless. */
  async expect(params: Record<string, string>): Promise<string> {
    const reply = await this.call(params);
    if (reply.status !== 200) throw new Error(`${params.Action} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return reply.body;
  }

  private post(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path: '/', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The text of the first `<tag>…</tag>` in an XML answer (enough for ids in setup steps). */
export function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

/** The error code of an EC2 error envelope, or `HTTP <status>` when there is none. */
export function errorCode(reply: { status: number; body: string }): string {
  return xmlValue(reply.body, 'Code') ?? `HTTP ${reply.status}`;
}
