/**
 * Signs requests with the SDK's own SigV4 signer (@smithy/signature-v4), so tests can build requests a real
 * client would send - and then change them: an old date, a wrong secret, a missing header part, a presigned URL.
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** node:crypto behind the SDK's hash interface (what @smithy/hash-node does). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export interface SigningOptions {
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** The signing time; now by default. */
  date?: Date;
}

export interface SignedHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function signer(options: SigningOptions): SignatureV4 {
  return new SignatureV4({
    service: 'ec2',
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    sha256: Sha256,
  });
}

/** A POST of `body` to `baseUrl`, signed in the Authorization header as the JS SDK signs it. */
export async function signPost(baseUrl: string, body: string, options: SigningOptions): Promise<SignedHttpRequest> {
  const url = new URL(baseUrl);
  const signed = await signer(options).sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    },
    { signingDate: options.date ?? new Date() },
  );
  return { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
}

/** A presigned GET URL path (`/?Action=…&X-Amz-Signature=…`) for `params`. */
export async function presignGet(
  baseUrl: string,
  params: Record<string, string>,
  options: SigningOptions & { expiresIn?: number },
): Promise<string> {
  const url = new URL(baseUrl);
  const presigned = await signer(options).presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: params,
      headers: { host: url.host },
    },
    { signingDate: options.date ?? new Date(), expiresIn: options.expiresIn ?? 300 },
  );
  const query = Object.entries(presigned.query as Record<string, string>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `/?${query}`;
}
