/**
 * The AWS CLI and python3/boto3 as subprocesses, isolated from any configuration on the machine. Always
 * asynchronous: the server under test may live in this very process and must keep answering meanwhile.
 */
import { execFile } from 'node:child_process';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
}

/** Environment for an AWS client that knows only what we tell it. */
export function awsEnv(credentials: ClientCredentials, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: credentials.region ?? 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** `aws --endpoint-url <endpoint> --output json ec2 <args…>`. */
export const awsCli = (endpoint: string, credentials: ClientCredentials, args: string[], extraEnv: Record<string, string> = {}) =>
  run('aws', ['--endpoint-url', endpoint, '--output', 'json', 'ec2', ...args], awsEnv(credentials, extraEnv));

/** Runs a python3 script (boto3 available) with the credentials in its environment. */
export const python = (script: string, credentials: ClientCredentials, extraEnv: Record<string, string> = {}) =>
  run('python3', ['-c', script], awsEnv(credentials, extraEnv));
