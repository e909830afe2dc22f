/**
 * A small EC2 Query client for the command line: a SigV4-signed form POST (the signature @aws-sdk/client-ec2 makes,
 * so a server in `--auth strict` accepts it), the XML answer as plain objects, and AWS errors as Ec2Error. The SDK is
 * a development dependency only; the CLI needs nothing beyond node:crypto and the XML parser vpclite ships with.
 */
import { createHash, createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

export const EC2_API_VERSION = '2016-11-15';

export interface Ec2Endpoint {
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Ec2Error';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 and the Query protocol want it. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function formBody(action: string, parameters: Record<string, string | number | undefined>): string {
  const pairs: [string, string][] = [['Action', action], ['Version', EC2_API_VERSION]];
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) pairs.push([name, String(value)]);
  return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

/** The SigV4 headers for POSTing `body` to `url`. */
export function signedHeaders(endpoint: Ec2Endpoint, body: string, now = new Date()): Record<string, string> {
  const host = new URL(endpoint.url).host;
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body);
  const headers: Record<string, string> = {
    'content-length': String(Buffer.byteLength(body)),
    'content-type': 'application/x-www-form-urlencoded',
    host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${endpoint.region}/ec2/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = ['ec2', 'aws4_request'].reduce((k, part) => hmac(k, part), hmac(hmac(`AWS4${endpoint.secretAccessKey}`, day), endpoint.region));
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${endpoint.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  delete headers.host;
  return headers;
}

// Every `item` is a list member, whatever its count; values stay text (ids with digits only must stay ids).
const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'item', parseTagValue: false, trimValues: true });

/** Calls `action` and answers the response element's content (`<ActionResponse>…</ActionResponse>`). */
export async function callEc2(endpoint: Ec2Endpoint, action: string, parameters: Record<string, string | number | undefined>): Promise<Record<string, unknown>> {
  const body = formBody(action, parameters);
  const response = await fetch(new URL('/', endpoint.url), { method: 'POST', headers: signedHeaders(endpoint, body), body });
  const document = parser.parse(await response.text()) as Record<string, unknown>;
  if (!response.ok) {
    const error = (document.Response as { Errors?: { Error?: { Code?: string; Message?: string } } } | undefined)?.Errors?.Error;
    throw new Ec2Error(error?.Code ?? `HTTP${response.status}`, error?.Message ?? `HTTP ${response.status}`);
  }
  return (document[`${action}Response`] ?? {}) as Record<string, unknown>;
}
