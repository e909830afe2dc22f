/**
 * Every account and region the server has seen (one account_regions row each, made by the first request), for
 * `vpclite audit --all` and `vpclite snapshot`. Under `--auth strict` a caller sees only its own account.
 */
import type { Tx } from '../../store/store.js';

export interface Scope {
  account: string;
  region: string;
}

export async function knownScopes(tx: Tx, onlyAccount?: string): Promise<Scope[]> {
  const rows = onlyAccount === undefined
    ? await tx.all<Scope>('SELECT account, region FROM account_regions ORDER BY account, region')
    : await tx.all<Scope>('SELECT account, region FROM account_regions WHERE account = ? ORDER BY region', [onlyAccount]);
  return rows.map((r) => ({ account: r.account, region: r.region }));
}
