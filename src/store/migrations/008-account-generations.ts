/**
 * 008: a change counter per account and region (src/store/generations.ts). Every EC2 write transaction adds one
 * to its writer's row in the same transaction, so the sum of an account's rows moves exactly when something of it
 * committed; the traffic endpoint keeps compiled topologies in memory for as long as that sum stands still.
 *
 * One row per writer slot (a node's concurrent write transaction), not one per account: a single counter row
 * would make every two concurrent writes of an account a serialization failure on PostgreSQL. The row of account
 * `*` moves for everyone (reset, snapshot load). The table is not state: reset and snapshots leave it alone, so
 * the sums never go back to a value a cache has seen.
 */
import type { Migration } from './index.js';

export const m008AccountGenerations: Migration = {
  version: 8,
  name: 'account-generations',
  statements: [
    `CREATE TABLE account_generations (
      account TEXT NOT NULL, region TEXT NOT NULL, writer TEXT NOT NULL, generation INTEGER NOT NULL,
      PRIMARY KEY (account, region, writer))`,
  ],
};
