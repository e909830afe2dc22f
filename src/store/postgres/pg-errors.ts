/**
 * What PostgreSQL's error codes mean to the store: a unique violation is the portable UniqueViolation; a
 * serialization failure or a deadlock means "run the whole transaction again" (the retry loop in
 * postgres-store.ts); a connection failure at start is one line for the operator.
 */
import { UniqueViolation } from '../store.js';

const UNIQUE_VIOLATION = '23505';
/** serialization_failure and deadlock_detected: the transaction lost a race and changed nothing. */
const RETRYABLE = new Set(['40001', '40P01']);

function sqlState(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export const isRetryable = (error: unknown): boolean => RETRYABLE.has(sqlState(error) ?? '');

export function translateError(error: unknown): unknown {
  if (sqlState(error) === UNIQUE_VIOLATION) {
    const e = error as Error & { constraint?: string; detail?: string };
    return new UniqueViolation(e.constraint ? `${e.constraint}: ${e.detail ?? e.message}` : e.message);
  }
  return error;
}

/** A short reason for a failed connection: the system error code or PostgreSQL's own message. */
export function connectionFailureReason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return connectionFailureReason(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !error.message.includes(code)) return `${code} ${error.message}`.trim();
  return error.message;
}

/** Refuses anything but a postgres:// URL early, with the form expected (pg would guess at other strings). */
export function checkUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // falls through to the error below
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error('--postgres must be a URL such as postgres://user:password@host:5432/database');
  }
}

/** The URL without its password, for logs, errors and /_vpclite/health. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable PostgreSQL URL)';
  }
}
