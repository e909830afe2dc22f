/**
 * Who is asking (wire-protocol.md §7). The account comes from the access key of the SigV4 credential scope (a
 * 12-digit key is that account, any other key the default account) and the region from the scope. By default any
 * signature is accepted; with `--auth strict` every request must be signed by a key of the credentials file,
 * and the signature is verified exactly as EC2 verifies it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import {
  authFailure,
  incompleteSignature,
  missingAuthentication,
  requestExpired,
  signatureDoesNotMatch,
} from '../errors/protocol.js';
import { findRegion, type RegionInfo } from '../resources/regions/catalog.js';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
}

export interface AuthOptions {
  mode: 'any' | 'strict';
  credentials: Map<string, Credential>;
}

export interface Identity {
  account: string;
  region: RegionInfo;
}

/** A SigV4 signature as the request carries it, in the Authorization header or a presigned query string. */
interface Signature {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string | undefined;
  presigned: boolean;
  expiresSeconds?: number;
}

/** Reads `access-key secret account` lines (blank lines and `#` comments ignored). */
export function loadCredentialsFile(path: string): Map<string, Credential> {
  const credentials = new Map<string, Credential>();
  for (const [n, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const [accessKeyId, secretAccessKey, account] = text.split(/\s+/);
    if (!accessKeyId || !secretAccessKey || !account || !/^\d{12}$/.test(account)) {
      throw new Error(`${path}:${n + 1}: expected "<access key> <secret key> <12-digit account>"`);
    }
    credentials.set(accessKeyId, { accessKeyId, secretAccessKey, account });
  }
  return credentials;
}

export const accountOfAccessKey = (accessKeyId: string): string =>
  /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT;

function parseCredentialScope(credential: string): Omit<Signature, 'signedHeaders' | 'signature' | 'amzDate' | 'presigned'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]!)) {
    throw incompleteSignature(
      `Credential should be scoped to correct service: 'ec2'. Credential should be scoped with a valid terminator: 'aws4_request', not '${parts[4] ?? ''}'.`,
    );
  }
  return { accessKeyId: parts[0]!, scopeDate: parts[1]!, region: parts[2]!, service: parts[3]! };
}

function readSignature(headers: IncomingHttpHeaders, query: URLSearchParams): Signature | undefined {
  const header = headers.authorization;
  if (header) {
    if (!header.startsWith('AWS4-HMAC-SHA256')) {
      throw incompleteSignature(`Authorization header requires 'AWS4-HMAC-SHA256' as the algorithm.`);
    }
    const fields = new Map<string, string>();
    for (const part of header.slice('AWS4-HMAC-SHA256'.length).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((f) => !fields.get(f));
    if (missing.length > 0) {
      throw incompleteSignature(missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' '));
    }
    const amzDate = (headers['x-amz-date'] as string | undefined) ?? undefined;
    return {
      ...parseCredentialScope(fields.get('Credential')!),
      signedHeaders: fields.get('SignedHeaders')!.split(';'),
      signature: fields.get('Signature')!,
      amzDate,
      presigned: false,
    };
  }
  const credential = query.get('X-Amz-Credential');
  if (credential) {
    const signedHeaders = query.get('X-Amz-SignedHeaders');
    const signature = query.get('X-Amz-Signature');
    if (!signedHeaders || !signature) {
      throw incompleteSignature(`AWS query-string parameters must include 'X-Amz-SignedHeaders' and 'X-Amz-Signature'.`);
    }
    return {
      ...parseCredentialScope(credential),
      signedHeaders: signedHeaders.split(';'),
      signature,
      amzDate: query.get('X-Amz-Date') ?? undefined,
      presigned: true,
      expiresSeconds: Number(query.get('X-Amz-Expires') ?? '900'),
    };
  }
  return undefined;
}

const encodeRfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function verify(
  sig: Signature,
  credential: Credential,
  request: { method: string; path: string; headers: IncomingHttpHeaders; query: URLSearchParams; body: Buffer },
  now: Date,
): void {
  if (!sig.amzDate) throw incompleteSignature(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
  const signedAt = parseAmzDate(sig.amzDate);
  if (!signedAt) throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${sig.amzDate}'.`);
  if (sig.amzDate.slice(0, 8) !== sig.scopeDate) throw signatureDoesNotMatch();
  if (sig.presigned) {
    if (now.getTime() > signedAt.getTime() + (sig.expiresSeconds ?? 900) * 1000) {
      throw requestExpired(`Request has expired.`);
    }
  } else if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw requestExpired(`Request has expired. Timestamp date is ${sig.amzDate}.`);
  }
  if (!sig.signedHeaders.includes('host')) throw signatureDoesNotMatch();
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const declared = request.headers['x-amz-content-sha256'] as string | undefined;
  if (declared && declared !== bodyHash && declared !== 'UNSIGNED-PAYLOAD') throw signatureDoesNotMatch();
  const payloadHash = sig.presigned ? 'UNSIGNED-PAYLOAD' : (declared ?? bodyHash);
  const canonicalRequest = [
    request.method,
    request.path || '/',
    canonicalQuery(request.query),
    sig.signedHeaders.map((h) => `${h}:${headerValue(request.headers, h)}\n`).join(''),
    sig.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${sig.scopeDate}/${sig.region}/${sig.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    sig.amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${credential.secretAccessKey}`, sig.scopeDate);
  for (const part of [sig.region, sig.service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(sig.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw signatureDoesNotMatch();
}

function regionOf(name: string): RegionInfo {
  const region = findRegion(name);
  if (!region) throw new AwsError('AuthFailure', `Credential should be scoped to a valid region, not '${name}'. `, 401);
  return region;
}

export function authenticate(
  options: AuthOptions,
  request: { method: string; path: string; headers: IncomingHttpHeaders; query: URLSearchParams; body: Buffer },
  now: Date,
): Identity {
  const sig = readSignature(request.headers, request.query);
  if (options.mode === 'any') {
    if (!sig) return { account: DEFAULT_ACCOUNT, region: regionOf(DEFAULT_REGION) };
    return { account: accountOfAccessKey(sig.accessKeyId), region: regionOf(sig.region) };
  }
  if (!sig) throw missingAuthentication();
  const credential = options.credentials.get(sig.accessKeyId);
  if (!credential) throw authFailure();
  if (sig.service !== 'ec2') {
    throw incompleteSignature(`Credential should be scoped to correct service: 'ec2'. `);
  }
  const region = regionOf(sig.region);
  verify(sig, credential, request, now);
  return { account: credential.account, region };
}
