/** The database was migrated by a newer vpclite: refusing is the only safe answer (DESIGN.md, operations). */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `The database schema is at version ${found}, but this vpclite understands versions up to ${supported}. ` +
        'Upgrade vpclite, or point it at another --data directory.',
    );
    this.name = 'SchemaTooNewError';
  }
}
