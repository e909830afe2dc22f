/** Resource ids: `<prefix>-` + 17 lowercase hex digits, as AWS makes them (spec README, global conventions). */
import { randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** True when `id` has the form of a `prefix` id (17 hex digits, or the 8 of legacy ids). */
export function isWellFormedId(prefix: string, id: string): boolean {
  if (!id.startsWith(`${prefix}-`)) return false;
  const hex = id.slice(prefix.length + 1);
  return (hex.length === 17 || hex.length === 8) && /^[0-9a-f]+$/.test(hex);
}
