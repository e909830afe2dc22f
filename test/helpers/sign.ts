/**
 * Signs requests with the SDK's own SigV4 signer (@smithy/signature-v4), so tests can build requests a real
 * client would send - and then change them: an old date, a wrong secret, a missing header part, a presigned URL.
 */
import { SignatureV4 } from '@smithy/signature-v4';

import { NodeSha256 } from '../../src/cli/node-sha256.js';

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
    sha256: NodeSha256,
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
