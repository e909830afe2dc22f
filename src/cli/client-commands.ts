/**
 * The commands that are clients of a running server (README "Operator command line"): ENI failover and failover
 * groups, audit, snapshots, bulk create, probe and analyze. main.ts loads this module only when one of them runs,
 * since it brings the AWS SDK with it.
 */
import type { Command } from 'commander';
import { withConnectionOptions } from './operator/connection.js';
import { eniFailover } from './operator/eni-failover.js';
import { createGroup, deleteGroup, listGroups, watchGroup } from './operator/failover-groups.js';
import { outputOption, printed } from './operator/command-helpers.js';
import { registerAuditCommand } from './operator/audit-command.js';
import { registerSnapshotCommands } from './operator/snapshot-command.js';
import { registerBulkCreateCommand } from './operator/eni-create-bulk.js';
import { analyzePath, parsePort } from './analyze.js';
import { DEFAULT_ENDPOINT, probe } from './probe.js';

export function registerClientCommands(program: Command): void {
  const eni = program.command('eni').description('Operations on elastic network interfaces');
  outputOption(
    withConnectionOptions(
      eni
        .command('failover')
        .description('Move every secondary ENI of one instance (with its addresses and Elastic IPs) to another, at the same device indexes')
        .requiredOption('--from <instance-id>', 'the instance the ENIs leave')
        .requiredOption('--to <instance-id>', 'the instance they move to (same Availability Zone)')
        .option('--dry-run', 'check and show what would move, move nothing'),
    ),
  ).action(printed(eniFailover));
  registerBulkCreateCommand(eni);

  const failover = program
    .command('failover')
    .description('Failover groups: a primary and a standby; the server moves the ENIs when the primary stops or is terminated');
  outputOption(
    withConnectionOptions(
      failover
        .command('create-group')
        .description('Pair a primary with a standby (same Availability Zone)')
        .argument('<name>', 'the group name (letters, digits, . _ -)')
        .requiredOption('--primary <instance-id>', 'the instance whose secondary ENIs move')
        .requiredOption('--standby <instance-id>', 'the instance they move to'),
    ),
  ).action(printed(createGroup));
  outputOption(withConnectionOptions(failover.command('list').description('List the failover groups of the account and region'))).action(
    printed(listGroups),
  );
  outputOption(
    withConnectionOptions(failover.command('delete').description('Delete a failover group').argument('<name>', 'the group name')),
  ).action(printed(deleteGroup));
  outputOption(
    withConnectionOptions(
      failover
        .command('watch')
        .description('Print each failover of a group as the server makes it (until interrupted, or --count moves)')
        .requiredOption('--group <name>', 'the group to watch')
        .option('--interval <ms>', 'how often to ask the server', '20')
        .option('--count <n>', 'exit after this many failovers'),
    ),
  ).action(watchGroup);

  registerAuditCommand(program);
  registerSnapshotCommands(program);

  program
    .command('probe')
    .description('Send one packet to a running server (POST /_vpclite/traffic) and print the verdict and its trace; exit 0 when the request and its reply get through, 1 when dropped, 2 on error')
    .option('--endpoint <url>', `the server (default $VPCLITE_ENDPOINT or ${DEFAULT_ENDPOINT})`)
    .requiredOption('--source <source>', 'an ENI id, a private IP address, or "internet"')
    .requiredOption('--destination <destination>', 'an IP address (private, public, Elastic, on the internet) or an ENI id')
    .option('--protocol <protocol>', 'tcp, udp, icmp, icmpv6, -1 or a protocol number', 'tcp')
    .option('--port <port>', 'destination port (ICMP: type)')
    .option('--source-port <port>', 'source port (default 49152; ICMP: code)')
    .option('--source-address <ip>', 'the internet host\'s address, for --source internet')
    .option('--packets <n>', 'packets in the flow (default 1)')
    .option('--bytes <n>', 'bytes in the flow (default 60 per packet)')
    .option('--account <id>', 'the account the ENIs belong to (default 123456789012)')
    .option('--region <name>', 'their region (default us-east-1)')
    .option('--output <format>', 'json, table or text', 'text')
    // A missing or bad option is a failed probe (2), not a dropped packet (1); help is not a failure.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (options) => {
      try {
        await probe(options);
      } catch (error) {
        process.stderr.write(`vpclite probe: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
      }
    });

  program
    .command('analyze')
    .description("Ask a running server's Reachability Analyzer whether a source reaches a destination (exit 0 reachable, 1 not, 2 error)")
    .requiredOption('--source <id>', 'where traffic starts: an instance, ENI or internet gateway id (or ARN)')
    .option('--destination <id>', 'where it goes: an instance, ENI or internet gateway id (or ARN)')
    .option('--protocol <protocol>', 'tcp or udp', 'tcp')
    .option('--port <port>', 'destination port (any port when omitted)', parsePort)
    .option('--source-ip <address>', 'source IPv4 address')
    .option('--destination-ip <address>', 'destination IPv4 address')
    .option('--endpoint <url>', 'the server (default $VPCLITE_ENDPOINT, $AWS_ENDPOINT_URL, or http://127.0.0.1:4599)')
    .option('--region <region>', 'region (default $AWS_REGION or us-east-1)')
    .option('--access-key <key>', 'access key id (default $AWS_ACCESS_KEY_ID or "test")')
    .option('--secret-key <key>', 'secret access key (default $AWS_SECRET_ACCESS_KEY or "test")')
    .option('--output <format>', 'text, table or json', 'text')
    // A bad option is an error of the command (2), not a verdict of "not reachable" (1).
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (options) => {
      try {
        process.exitCode = await analyzePath(options);
      } catch (error) {
        // An AWS error shows its code (AnalyzeError), a bad option commander's (commander.invalidArgument).
        const code = error instanceof Error && 'code' in error ? `${String((error as { code: unknown }).code)}: ` : '';
        const detail = `${code}${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`vpclite analyze: ${detail}\n`);
        process.exitCode = 2;
      }
    });
}
