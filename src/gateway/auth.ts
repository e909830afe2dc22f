/**
 * Who is asking (wire-protocol.md §7). The account comes from the access key of the SigV4 credential scope (a
 * 12-digit key is that account, any other key the default account) and the region from the scope. By default any
 * signature is accepted; with `--auth strict` every request must be signed by a key of the credentials file,
 * and the signature is verified exactly as EC2 verifies it.
 */
import { readFileSync } from 'node:fs';
import { authFailure, incompleteSignature, invalidRegionScope, missingAuthentication } from '../errors/protocol.js';
import { findRegion, type RegionInfo } from '../resources/regions/catalog.js';
import { readSignature, verifySignature, type SignedRequest } from './sigv4.js';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

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

function regionOf(name: string): RegionInfo {
  const region = findRegion(name);
  if (!region) throw invalidRegionScope(name);
  return region;
}

/** `service` is the one the credential scope must name in strict mode: `ec2`, or `logs` for the Logs API. */
export function authenticate(options: AuthOptions, request: SignedRequest, now: Date, service = 'ec2'): Identity {
  const sig = readSignature(request.headers, request.query);
  if (options.mode === 'any') {
    if (!sig) return { account: DEFAULT_ACCOUNT, region: regionOf(DEFAULT_REGION) };
    return { account: accountOfAccessKey(sig.accessKeyId), region: regionOf(sig.region) };
  }
  if (!sig) throw missingAuthentication();
  const credential = options.credentials.get(sig.accessKeyId);
  if (!credential) throw authFailure();
  if (sig.service !== service) throw incompleteSignature(`Credential should be scoped to correct service: '${service}'.`);
  const region = regionOf(sig.region);
  verifySignature(sig, credential.secretAccessKey, request, now);
  return { account: credential.account, region };
}
