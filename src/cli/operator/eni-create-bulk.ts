/**
 * `vpclite eni create-bulk FILE`: creates one ENI per entry of FILE through the EC2 API, a few at a time, with a
 * progress bar on a terminal (plain lines otherwise). FILE is a JSON array, or JSON lines, of
 * CreateNetworkInterface inputs with the SDK's member names ({"SubnetId": "subnet-…", "Description": "…",
 * "SecondaryPrivateIpAddressCount": 2, …}). Every entry is tried; the report lists what was created and what
 * failed, and the exit code is 5 when anything failed.
 */
import { readFile } from 'node:fs/promises';
import { CreateNetworkInterfaceCommand, type CreateNetworkInterfaceCommandInput } from '@aws-sdk/client-ec2';
import type { Command } from 'commander';
import { CliError, EXIT, fromClientError } from './cli-error.js';
import { outputOption } from './command-helpers.js';
import { connect, withConnectionOptions, type ConnectionOptions } from './connection.js';
import { outputFormat, render } from './output.js';
import { progress } from './progress.js';

interface BulkOptions extends ConnectionOptions {
  output: string;
  concurrency: string;
}

/** The entries of FILE: a JSON array, or one JSON object per line. */
export function parseEntries(text: string, file: string): CreateNetworkInterfaceCommandInput[] {
  const trimmed = text.trim();
  let entries: unknown[];
  try {
    entries = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new CliError(`cannot read ${file}`, `it is neither a JSON array nor JSON lines (${(error as Error).message})`, 'write one CreateNetworkInterface input per line, e.g. {"SubnetId": "subnet-…"}', EXIT.usage);
  }
  for (const [i, entry] of entries.entries()) {
    const subnet = (entry as { SubnetId?: unknown } | null)?.SubnetId;
    if (typeof subnet !== 'string') {
      throw new CliError(`entry ${i + 1} of ${file} has no SubnetId`, 'every ENI is created in a subnet', 'add "SubnetId": "subnet-…" to every entry', EXIT.usage);
    }
  }
  return entries as CreateNetworkInterfaceCommandInput[];
}

async function createBulk(file: string, options: BulkOptions): Promise<void> {
  const format = outputFormat(options.output);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new CliError(`--concurrency ${options.concurrency} is out of range`, 'at most 64 creates run at once', 'pass --concurrency 1 to 64', EXIT.usage);
  }
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`cannot read ${file}`, 'the file does not exist or is not readable', 'pass the path of a JSON or JSON-lines file', EXIT.usage);
  });
  const entries = parseEntries(text, file);
  const conn = connect(options);
  const bar = progress('create-bulk');
  const results: { line: number; networkInterfaceId?: string; privateIpAddress?: string; error?: string }[] = [];
  const started = performance.now();
  let next = 0;
  let done = 0;
  try {
    const worker = async () => {
      while (next < entries.length) {
        const index = next++;
        try {
          const answer = await conn.ec2.send(new CreateNetworkInterfaceCommand(entries[index]!));
          results[index] = { line: index + 1, networkInterfaceId: answer.NetworkInterface?.NetworkInterfaceId, privateIpAddress: answer.NetworkInterface?.PrivateIpAddress };
        } catch (error) {
          const e = fromClientError(error, options.endpoint, `creating entry ${index + 1}`);
          if (e.exitCode === EXIT.unreachable) throw e;
          results[index] = { line: index + 1, error: e.why };
        }
        bar.update(++done, entries.length, results[index]!.networkInterfaceId ?? 'failed');
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  } finally {
    conn.close();
  }
  const ms = Math.round(performance.now() - started);
  const failed = results.filter((r) => r.error !== undefined);
  bar.finish(`${results.length - failed.length} created, ${failed.length} failed, ${ms} ms`);
  process.stdout.write(
    render(
      {
        data: { created: results.filter((r) => !r.error), failed, ms },
        sections: [
          { title: 'Created', columns: ['Entry', 'ENI', 'Private IP'], rows: results.filter((r) => !r.error).map((r) => [r.line, r.networkInterfaceId!, r.privateIpAddress ?? '']) },
          ...(failed.length > 0 ? [{ title: 'Failed', columns: ['Entry', 'Error'], rows: failed.map((r) => [r.line, r.error!]) }] : []),
        ],
        notes: [`${results.length - failed.length} of ${entries.length} ENI(s) created in ${ms} ms`],
      },
      format,
    ),
  );
  if (failed.length > 0) process.exitCode = EXIT.refused;
}

export function registerBulkCreateCommand(eni: Command): void {
  outputOption(
    withConnectionOptions(
      eni
        .command('create-bulk')
        .description('Create one ENI per entry of FILE (a JSON array or JSON lines of CreateNetworkInterface inputs), with progress')
        .argument('<file>', 'the entries, e.g. {"SubnetId": "subnet-…", "SecondaryPrivateIpAddressCount": 1}')
        .option('--concurrency <n>', 'creates in flight at once', '8'),
    ),
  ).action(createBulk);
}
