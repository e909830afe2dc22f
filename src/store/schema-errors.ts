/** Errors that stop vpclite at start, each one clear line for an operator (DESIGN.md, operations). */

/** The database was migrated by a newer vpclite: refusing is the only safe answer. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    remedy = 'Upgrade vpclite, or point it at another --data directory.',
  ) {
    super(`The database schema is at version ${found}, but this vpclite understands versions up to ${supported}. ${remedy}`);
    this.name = 'SchemaTooNewError';
  }
}

/** The database could not be reached or refused us (down, wrong port, wrong password, no such database). */
export class DatabaseUnreachableError extends Error {
  constructor(location: string, reason: string) {
    super(`Cannot use the database at ${location}: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}
