/**
 * application/x-www-form-urlencoded (and query-string) decoding into a flat parameter map, strictly: a malformed
 * escape, invalid UTF-8, a NUL character or a parameter given twice is an error, never a guess. Limits keep one request from
 * costing more than it should (a body is also size-limited by the gateway).
 */
import { malformedQuery } from '../errors/protocol.js';

export const MAX_PARAMETERS = 10_000;
export const MAX_KEY_LENGTH = 512;

function decodeComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  let decoded: string;
  try {
    decoded = decodeURIComponent(spaced);
  } catch {
    throw malformedQuery('invalid percent-encoding or UTF-8');
  }
  // No EC2 value holds a NUL, and PostgreSQL's TEXT cannot store one: refuse it here for both engines alike.
  if (decoded.includes('\u0000')) throw malformedQuery('a parameter contains a NUL character');
  return decoded;
}

/** Adds the pairs of `text` to `into`; a key already present is an error (the caller merges sources itself). */
export function parseForm(text: string, into: Map<string, string> = new Map()): Map<string, string> {
  if (text.length === 0) return into;
  if (text.includes('\u0000')) throw malformedQuery('a parameter contains a NUL character');
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const pair = text.slice(start, end);
      const eq = pair.indexOf('=');
      const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
      if (key.length > MAX_KEY_LENGTH) throw malformedQuery(`a parameter name is longer than ${MAX_KEY_LENGTH}`);
      if (into.has(key)) throw malformedQuery(`the parameter ${key} is given more than once`);
      if (into.size >= MAX_PARAMETERS) throw malformedQuery(`more than ${MAX_PARAMETERS} parameters`);
      into.set(key, value);
    }
    start = end + 1;
  }
  return into;
}
