/**
 * How an operator command reaches a server: the EC2 API through @aws-sdk/client-ec2 (so it works against any
 * EC2-compatible endpoint), and vpclite's own /_vpclite/ routes with the same credentials, signed with SigV4 for
 * service `ec2` so the server scopes them to the same account and region (and verifies them under --auth strict).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Command } from 'commander';
import { CliError, EXIT, fromClientError } from './cli-error.js';
import { NodeSha256 } from '../node-sha256.js';

export interface ConnectionOptions {
  endpoint: string;
  region: string;
  profile?: string;
  accessKey?: string;
  secretKey?: string;
}

/** Adds --endpoint, --region, --profile, --access-key, --secret-key to `command`. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option('--endpoint <url>', 'the EC2 endpoint (env VPCLITE_ENDPOINT)', process.env.VPCLITE_ENDPOINT ?? 'http://127.0.0.1:4599')
    .option('--region <region>', 'the region (env AWS_REGION)', process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1')
    .option('--profile <name>', 'credentials of this profile of ~/.aws/credentials')
    .option('--access-key <key>', 'access key id (a 12-digit key is that account in vpclite)')
    .option('--secret-key <secret>', 'secret access key (any value unless the server runs --auth strict)');
}

export interface Connection {
  endpoint: string;
  region: string;
  ec2: EC2Client;
  /** A vpclite admin route: JSON in, JSON out; a refusal becomes a CliError carrying the server's message. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): void;
}

export function connect(options: ConnectionOptions): Connection {
  // vpclite runs on Node 20 (package.json engines): the SDK's notice about its future Node 22 floor is not the
  // operator's concern and would be mistaken for part of the command's answer.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let endpoint: URL;
  try {
    endpoint = new URL(options.endpoint);
  } catch {
    throw new CliError(`--endpoint ${options.endpoint} is not a URL`, 'an endpoint looks like http://127.0.0.1:4599', 'pass --endpoint http://HOST:PORT', EXIT.usage);
  }
  const explicit = options.accessKey ?? (options.profile ? undefined : process.env.AWS_ACCESS_KEY_ID);
  const credentials = explicit
    ? {
        accessKeyId: explicit,
        secretAccessKey: options.secretKey ?? (options.accessKey ? undefined : process.env.AWS_SECRET_ACCESS_KEY) ?? 'vpclite',
      }
    : options.profile
      ? undefined
      : { accessKeyId: 'vpclite', secretAccessKey: 'vpclite' };
  const ec2 = new EC2Client({
    endpoint: options.endpoint,
    region: options.region,
    maxAttempts: 3,
    ...(credentials ? { credentials } : { profile: options.profile }),
  });
  const base = endpoint.toString().replace(/\/$/, '');

  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const doing = `${method} ${path}`;
    let resolved;
    try {
      resolved = await ec2.config.credentials();
    } catch (error) {
      throw new CliError(
        `no credentials for profile ${options.profile ?? '(default)'}`,
        (error as Error).message,
        'pass --access-key, or a --profile that exists in ~/.aws/credentials',
        EXIT.usage,
      );
    }
    const [pathname, query = ''] = path.split('?') as [string, string?];
    const text = body === undefined ? '' : JSON.stringify(body);
    const signer = new SignatureV4({ service: 'ec2', region: options.region, credentials: resolved, sha256: NodeSha256 });
    const signed = await signer.sign({
      method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: pathname,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers: { host: endpoint.host, 'content-type': 'application/json' },
      body: text,
    });
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: signed.headers as Record<string, string>,
        body: method === 'GET' || method === 'DELETE' ? undefined : text,
      });
    } catch (error) {
      throw fromClientError((error as { cause?: unknown }).cause ?? error, options.endpoint, doing);
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    if (response.status === 404 && answer.error === 'NotFound') {
      throw new CliError(
        `${options.endpoint} has no route ${doing}`,
        'the server is not vpclite, or an older vpclite without the operator routes',
        'point --endpoint at a vpclite server of this version',
        EXIT.refused,
      );
    }
    if (!response.ok) {
      throw new CliError(answer.message ?? `${doing} answered ${response.status}`, answer.error ?? `HTTP ${response.status}`, 'check the names and ids you passed (`vpclite failover list` shows the groups)', EXIT.refused);
    }
    return answer as T;
  };
  return { endpoint: options.endpoint, region: options.region, ec2, admin, close: () => ec2.destroy() };
}
