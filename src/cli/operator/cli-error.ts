/**
 * What an operator command fails with: what went wrong, why, and how to fix it, plus the exit code a script can
 * branch on. main.ts prints it as three short lines, never a stack trace.
 */

/** Exit codes of every vpclite command (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Something unexpected: a bug, or an error nobody classified. */
  failure: 1,
  /** The command line itself is wrong: an unknown option, a missing argument, a bad value. */
  usage: 2,
  /** `audit` found something to report. */
  findings: 3,
  /** The server (or database) could not be reached. */
  unreachable: 4,
  /** The server answered with an error (a NotFound, a limit, a refused request). */
  refused: 5,
  /** A check made before acting failed, so nothing was changed (a failover that cannot fit, a newer snapshot). */
  precondition: 6,
  /** The operator answered no at a confirmation prompt. */
  declined: 7,
} as const;

export class CliError extends Error {
  constructor(
    readonly what: string,
    readonly why: string,
    readonly fix: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(what);
    this.name = 'CliError';
  }
}

export function formatCliError(error: CliError): string {
  const lines = [`vpclite: ${error.what}`];
  if (error.why) lines.push(`  why: ${error.why}`);
  if (error.fix) lines.push(`  fix: ${error.fix}`);
  return lines.join('\n') + '\n';
}

/** An error of the AWS SDK (a service answer) or of the network, as a CliError. */
export function fromClientError(error: unknown, endpoint: string, doing: string): CliError {
  if (error instanceof CliError) return error;
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
  const network = e.code ?? e.cause?.code;
  if (network === 'ECONNREFUSED' || network === 'ENOTFOUND' || network === 'ECONNRESET' || network === 'EHOSTUNREACH' || e.name === 'TimeoutError') {
    return new CliError(
      `cannot reach ${endpoint} while ${doing}`,
      `the connection failed (${network ?? e.name})`,
      'start a server with `vpclite serve`, or point --endpoint (or VPCLITE_ENDPOINT) at a running one',
      EXIT.unreachable,
    );
  }
  if (e.$metadata?.httpStatusCode !== undefined) {
    return new CliError(
      `the server refused ${doing}`,
      `${e.name}: ${e.message}`,
      'check the ids, account (--access-key / --profile) and region (--region) you passed',
      EXIT.refused,
    );
  }
  return new CliError(`${doing} failed`, e.message ?? String(error), 'run again; if it persists, report it with this message', EXIT.failure);
}
