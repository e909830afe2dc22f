/**
 * The AWS CLI as an operator drives it through a use case (test/use-case-*.test.ts): `aws ec2 <command> …` against
 * a test server through subprocess.ts's awsCli, its JSON answer parsed into the @aws-sdk/client-ec2 output type
 * (the CLI and the SDK take their member names from the same EC2 model), and a refused command read back as the
 * AWS error code and message the CLI prints.
 */
import assert from 'node:assert/strict';
import { awsCli, type ClientCredentials } from './subprocess.js';

export interface CliRefusal {
  code: string;
  message: string;
  operation: string;
}

export interface Ec2Cli {
  /** `aws ec2 ARGS…`, which must succeed; its JSON answer (undefined for commands that print nothing, like `wait`). */
  run<T = unknown>(...args: string[]): Promise<T>;
  /** `aws ec2 ARGS…`, which must fail with an AWS error: its code, message and operation. */
  refusal(...args: string[]): Promise<CliRefusal>;
  /** `aws ec2 ARGS… --query QUERY --output text`, trimmed: the one value an operator's script would capture. */
  text(query: string, ...args: string[]): Promise<string>;
}

// `An error occurred (Code) when calling the Operation operation[ (reached max retries: N)]: message`
const REFUSAL = /An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)$/s;

export function ec2Cli(endpoint: string, credentials: ClientCredentials = { accessKeyId: 'test', secretAccessKey: 'test' }): Ec2Cli {
  const invoke = (args: string[]) => awsCli(endpoint, credentials, args);
  return {
    async run<T>(...args: string[]): Promise<T> {
      const result = await invoke(args);
      assert.equal(result.code, 0, `aws ec2 ${args.join(' ')} failed: ${result.stderr}`);
      return (result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout)) as T;
    },
    async refusal(...args: string[]): Promise<CliRefusal> {
      const result = await invoke(args);
      assert.equal(result.code, 255, `aws ec2 ${args.join(' ')} should have been refused: ${result.stdout}${result.stderr}`);
      const parsed = REFUSAL.exec(result.stderr.trim());
      assert.ok(parsed, `not an AWS error: ${result.stderr}`);
      return { code: parsed[1]!, operation: parsed[2]!, message: parsed[3]!.trim() };
    },
    async text(query: string, ...args: string[]): Promise<string> {
      const result = await invoke([...args, '--query', query, '--output', 'text']);
      assert.equal(result.code, 0, `aws ec2 ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout.trim();
    },
  };
}
