/**
 * AWS Signature Version 4 as a server sees it (wire-protocol.md §7): reading the signature a request carries
 * (Authorization header, or the X-Amz-* parameters of a presigned URL) and recomputing it from the request and a
 * secret key. Pure functions of the request; who may sign and for which account is auth.ts's business.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { incompleteSignature, requestExpired, signatureDoesNotMatch } from '../errors/protocol.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** EC2 refuses a header-signed request whose X-Amz-Date is more than 15 minutes from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL may live at most 7 days (the SigV4 limit). */
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

/** What SigV4 signs over: the request as it arrived. */
export interface SignedRequest {
  method: string;
  /** The path as received, still percent-encoded. */
  path: string;
  /** The raw query string (without `?`). */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A SigV4 signature as the request carries it. */
export interface Signature {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** The signing time as the request states it, in ISO-8601 basic format (`20240102T030405Z`). */
  amzDate: string | undefined;
  presigned: boolean;
  expiresSeconds: number;
}

function parseCredentialScope(credential: string) {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]!) || parts[0] === '') {
    throw incompleteSignature(
      `Credential should be scoped to a valid region, service and terminator: '<access key>/<yyyymmdd>/<region>/ec2/aws4_request', not '${credential}'.`,
    );
  }
  return { accessKeyId: parts[0]!, scopeDate: parts[1]!, region: parts[2]!, service: parts[3]! };
}

/** `Tue, 02 Jan 2024 03:04:05 GMT` (the Date header, SigV4's fallback for X-Amz-Date) in basic format. */
function basicFormatOfHttpDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function fromAuthorizationHeader(header: string, headers: IncomingHttpHeaders): Signature {
  if (!header.startsWith(ALGORITHM)) {
    throw incompleteSignature(`Authorization header requires '${ALGORITHM}' as the algorithm.`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((f) => !fields.get(f));
  if (missing.length > 0) {
    throw incompleteSignature(missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' '));
  }
  const amzDate = headers['x-amz-date'];
  return {
    ...parseCredentialScope(fields.get('Credential')!),
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
    amzDate: typeof amzDate === 'string' ? amzDate : basicFormatOfHttpDate(headers.date),
    presigned: false,
    expiresSeconds: 0,
  };
}

function fromPresignedQuery(query: URLSearchParams, credential: string): Signature {
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const algorithm = query.get('X-Amz-Algorithm');
  if (!signedHeaders || !signature || algorithm !== ALGORITHM) {
    throw incompleteSignature(
      `AWS query-string parameters must include 'X-Amz-Algorithm' (${ALGORITHM}), 'X-Amz-SignedHeaders' and 'X-Amz-Signature'.`,
    );
  }
  const expires = query.get('X-Amz-Expires') ?? '';
  if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_PRESIGN_SECONDS) {
    throw incompleteSignature(`X-Amz-Expires must be a number of seconds from 1 to ${MAX_PRESIGN_SECONDS}.`);
  }
  return {
    ...parseCredentialScope(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate: query.get('X-Amz-Date') ?? undefined,
    presigned: true,
    expiresSeconds: Number(expires),
  };
}

/** The signature the request carries, or undefined when it is not signed at all. */
export function readSignature(headers: IncomingHttpHeaders, queryText: string): Signature | undefined {
  const header = headers.authorization;
  if (header !== undefined) return fromAuthorizationHeader(header, headers);
  if (!queryText.includes('X-Amz-Credential=')) return undefined;
  const query = new URLSearchParams(queryText);
  const credential = query.get('X-Amz-Credential');
  return credential === null ? undefined : fromPresignedQuery(query, credential);
}

const encodeRfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every path segment encoded once more, as botocore and the JS SDK do for every service but S3. */
const canonicalPath = (path: string) => (path === '' ? '/' : path.split('/').map(encodeRfc3986).join('/'));

function canonicalQuery(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalHeaderValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

function parseBasicFormat(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function expectedSignature(sig: Signature, secretAccessKey: string, request: SignedRequest, payloadHash: string): Buffer {
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(new URLSearchParams(request.query)),
    sig.signedHeaders.map((h) => `${h}:${canonicalHeaderValue(request.headers, h)}\n`).join(''),
    sig.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${sig.scopeDate}/${sig.region}/${sig.service}/aws4_request`;
  const stringToSign = [ALGORITHM, sig.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, sig.scopeDate);
  for (const part of [sig.region, sig.service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign);
}

/** Checks the signing time, then the signature itself; throws the error EC2 answers when either is wrong. */
export function verifySignature(sig: Signature, secretAccessKey: string, request: SignedRequest, now: Date): void {
  if (!sig.amzDate) {
    throw incompleteSignature(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
  }
  const signedAt = parseBasicFormat(sig.amzDate);
  if (!signedAt) throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${sig.amzDate}'.`);
  if (sig.presigned) {
    if (now.getTime() > signedAt.getTime() + sig.expiresSeconds * 1000) throw requestExpired('Request has expired.');
  } else if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw requestExpired(`Request has expired. Timestamp date is ${sig.amzDate}.`);
  }
  if (sig.amzDate.slice(0, 8) !== sig.scopeDate || !sig.signedHeaders.includes('host')) throw signatureDoesNotMatch();

  const bodyHash = sha256Hex(request.body);
  const declared = request.headers['x-amz-content-sha256'];
  if (typeof declared === 'string' && declared !== bodyHash && declared !== UNSIGNED_PAYLOAD) {
    throw signatureDoesNotMatch();
  }
  // Header signatures cover the payload hash the client declared (or the body's). A presigned URL covers the
  // empty body's hash (botocore, the JS SDK) or UNSIGNED-PAYLOAD (S3-style signers): either is accepted.
  const candidates = typeof declared === 'string' ? [declared] : sig.presigned ? [bodyHash, UNSIGNED_PAYLOAD] : [bodyHash];
  const given = Buffer.from(sig.signature, 'hex');
  for (const payloadHash of candidates) {
    const expected = expectedSignature(sig, secretAccessKey, request, payloadHash);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  }
  throw signatureDoesNotMatch();
}
