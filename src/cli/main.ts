/** `vpclite <command>`: the command line, one subcommand per job (README "Command line"; exit codes in cli-error.ts). */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../gateway/version.js';
import { migrate } from './migrate.js';
import { DEFAULT_ELASTIC_IP_POOL, DEFAULT_PUBLIC_IPV4_POOL } from '../resources/public-ipv4/pool.js';
import { serve } from './serve.js';
import { CliError, EXIT, formatCliError } from './operator/cli-error.js';

const program = new Command()
  .name('vpclite')
  .description('A local, persistent, AWS-compatible VPC and ENI engine')
  .version(VERSION)
  // Usage errors exit 2 (EXIT.usage) instead of commander's 1, so scripts can tell them from failures.
  .exitOverride()
  .showHelpAfterError('(run the command with --help for its usage)');

program
  .command('serve')
  .description('Serve the EC2 API (and /_vpclite admin routes) over HTTP')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0 = any free port)', '4599')
  .option('--data <dir>', "directory for the SQLite file, or ':memory:' to keep nothing", '.vpclite')
  .option('--postgres <url>', 'serve from this PostgreSQL database instead of SQLite (postgres://user:pass@host:port/db)')
  .option('--pg-pool-size <n>', 'PostgreSQL connections of this node: at most this many transactions at once', '10')
  .option('--auth <mode>', '"any" accepts every signature; "strict" verifies SigV4 against --credentials', 'any')
  .option('--credentials <file>', 'lines of "<access key> <secret key> <12-digit account>" for --auth strict')
  .option('--public-ipv4-pool <cidr>', 'where public IPv4 addresses come from (a range that never routes on the internet)', DEFAULT_PUBLIC_IPV4_POOL)
  .option('--log-level <level>', 'request log level (info logs one line per request; warn silences them)', 'info')
  .option('--eip-pool <cidr>', 'IPv4 block Elastic IPs are drawn from (never routed on the internet by default)', DEFAULT_ELASTIC_IP_POOL)
  .option('--eip-strict-reassociation', 'refuse to move an associated Elastic IP unless AllowReassociation=true, as older AWS accounts did')
  .option('--s3-dir <dir>', "where flow logs with s3 destinations are written, one directory per bucket (default <data>/s3; none with --data :memory: or --postgres)")
  .option('--throttle <mode>', '"aws" answers RequestLimitExceeded (503) as AWS\'s request token buckets would; "off" never throttles', 'off')
  .action(serve);

program
  .command('migrate')
  .description("Bring the database's schema up to this version of vpclite, then exit")
  .option('--data <dir>', 'directory of the SQLite file', '.vpclite')
  .option('--postgres <url>', 'migrate this PostgreSQL database instead')
  .action(migrate);

// The commands that are clients of a running server load the AWS SDK (about half a second); `serve` and `migrate`
// start without it.
const commandName = process.argv[2];
if (commandName !== 'serve' && commandName !== 'migrate') {
  const { registerClientCommands } = await import('./client-commands.js');
  registerClientCommands(program);
}

function exitWith(code: number): never {
  process.exit(code);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with code 0; commander has already printed what went wrong.
    exitWith(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  if (error instanceof CliError) {
    process.stderr.write(formatCliError(error));
    exitWith(error.exitCode);
  }
  // Operators get one clear line, never a stack trace (a schema newer than the code, a port in use, a bad flag).
  process.stderr.write(`vpclite: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(EXIT.failure);
});
