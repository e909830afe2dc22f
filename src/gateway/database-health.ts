/**
 * Whether the database answers, for /_vpclite/health: one trivial read, bounded in time so a health check never
 * hangs on a database that is down or a pool that is exhausted.
 */
import type { Store } from '../store/store.js';

export interface DatabaseHealth {
  answering: boolean;
  /** Milliseconds the probe took, when it answered. */
  latencyMs?: number;
  /** Why it did not answer. */
  error?: string;
}

const PROBE_TIMEOUT_MS = 2000;

export async function probeDatabase(store: Store): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([store.read((tx) => tx.get('SELECT 1 AS ok')), timeout]);
    return { answering: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { answering: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
