/**
 * Requests below the SDKs: exact bytes over node:http or a bare TCP socket, for protocol errors and malformed
 * input no SDK would ever send. Unsigned requests are the default account in the default auth mode.
 */
import { request as httpRequest, Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** Sends one request and resolves with the answer; rejects when no answer arrives within `timeoutMs`. */
export function send(
  baseUrl: string,
  options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer; agent?: Agent; timeoutMs?: number },
): Promise<RawResponse> {
  const url = new URL(options.path ?? '/', baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: `${url.pathname}${url.search}`,
        headers: options.headers ?? FORM,
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs a form body (a string is sent as is, so malformed encodings reach the server untouched). */
export const post = (baseUrl: string, body: string | Buffer, headers: OutgoingHttpHeaders = FORM) =>
  send(baseUrl, { body, headers });

/** The code, message and request id of an EC2 error envelope (undefined fields when the body is not one). */
export function errorOf(response: RawResponse): { code?: string; message?: string; requestId?: string } {
  const field = (name: string) => {
    const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(response.body);
    return m ? unescapeXml(m[1]!) : undefined;
  };
  return { code: field('Code'), message: field('Message'), requestId: field('RequestID') };
}

/** The request id of a success document. */
export const requestIdOf = (response: RawResponse) => /<requestId>([^<]*)<\/requestId>/.exec(response.body)?.[1];

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#13;/g, '\r')
    .replace(/&amp;/g, '&');
}

/** Writes raw bytes to a TCP connection and collects whatever comes back until the server closes or time passes. */
export function rawExchange(baseUrl: string, bytes: Buffer | string, waitMs = 2_000): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(bytes);
  });
}
