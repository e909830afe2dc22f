/**
 * Account generations: a number per account and region that changes whenever a transaction that wrote its
 * resources commits, and never returns to an earlier value (migration 008). A node may keep something derived
 * from an account's rows (the traffic endpoint's compiled topologies) and reuse it while the generation it read
 * in the same snapshot as those rows is still the generation now; that is how a cache stays correct with several
 * nodes on one database, and after any crash, without a node's memory carrying an invariant.
 *
 * Writers bump their own row (`writer` = a slot of a node, WriterSlots) in their own transaction: the bump
 * commits or rolls back with the write. The `*` row moves every account's generation at once (reset, snapshot
 * load); it lives in a table that reset and snapshots leave alone, so generations only grow.
 */
import { randomBytes } from 'node:crypto';
import type { Tx } from './store.js';

/** Tables that hold no resource state: reset empties every other table, snapshots save and load every other. */
export const NOT_STATE_TABLES: readonly string[] = ['schema_migrations', 'account_generations'];

const EVERY_ACCOUNT = '*';

const BUMP = `INSERT INTO account_generations (account, region, writer, generation) VALUES (?, ?, ?, 1)
  ON CONFLICT (account, region, writer) DO UPDATE SET generation = account_generations.generation + 1`;

export async function bumpGeneration(tx: Tx, account: string, region: string, writer: string): Promise<void> {
  await tx.run(BUMP, [account, region, writer]);
}

/** The statement and parameters that move every account's generation, for an engine's own reset. */
export const BUMP_EVERY_GENERATION = BUMP;
export const BUMP_EVERY_GENERATION_PARAMS: readonly string[] = [EVERY_ACCOUNT, EVERY_ACCOUNT, 'all'];

/** Moves every account's generation (the state of all of them changed at once). */
export async function bumpEveryGeneration(tx: Tx): Promise<void> {
  await tx.run(BUMP, BUMP_EVERY_GENERATION_PARAMS);
}

/** An account's generation as a caller read it, in the snapshot of what it derived from the store. */
export interface KnownGeneration {
  account: string;
  region: string;
  generation: number;
}

/** The account's generation as this transaction's snapshot sees it. */
export async function readGeneration(tx: Tx, account: string, region: string): Promise<number> {
  const row = await tx.get<{ generation: number | null }>(
    `SELECT SUM(generation) AS generation FROM account_generations
      WHERE (account = ? AND region = ?) OR (account = ? AND region = ?)`,
    [account, region, EVERY_ACCOUNT, EVERY_ACCOUNT],
  );
  return Number(row?.generation ?? 0);
}

/**
 * The writer names of one node: a name is held by one running write transaction at a time, so two writes never
 * bump the same row at once (on PostgreSQL that would make one of them a serialization failure).
 */
export class WriterSlots {
  private readonly node = randomBytes(6).toString('hex');
  private readonly free: string[] = [];
  private made = 0;

  acquire(): string {
    return this.free.pop() ?? `${this.node}-${this.made++}`;
  }

  release(writer: string): void {
    this.free.push(writer);
  }

  /** Runs `work` with a writer name held for its whole duration (retries included). */
  async with<T>(work: (writer: string) => Promise<T>): Promise<T> {
    const writer = this.acquire();
    try {
      return await work(writer);
    } finally {
      this.release(writer);
    }
  }
}
