/**
 * MaxResults / NextToken over items held in memory (built-in catalogues, and the lists the Terraform reads build).
 * Items are paged in ascending order of a stable key; the opaque token holds the last key returned, so a page
 * resumes after it even if items were added or removed in between (wire-protocol.md §8).
 */
import { invalidNextToken } from '../../errors/protocol.js';

export interface MemoryPage<T> {
  items: T[];
  nextToken?: string;
}

type Key = string | number;

const encodeToken = (key: Key) => Buffer.from(`m1:${JSON.stringify(key)}`).toString('base64url');

function decodeToken(token: string): Key {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (text.startsWith('m1:')) {
    try {
      const key: unknown = JSON.parse(text.slice(3));
      if (typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key))) return key;
    } catch {
      // not JSON: an invalid token, answered below
    }
  }
  throw invalidNextToken(token);
}

const compareKeys = (a: Key, b: Key): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One page of `items` (in any order; sorted here by `keyOf`): everything after `nextToken`, at most `limit`
 * items (undefined = all), with a token when more remain.
 */
export function pageInMemory<T>(
  items: readonly T[],
  keyOf: (item: T) => Key,
  limit: number | undefined,
  nextToken: string | undefined,
): MemoryPage<T> {
  let rest = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  if (nextToken) {
    const after = decodeToken(nextToken);
    rest = rest.filter((item) => {
      const key = keyOf(item);
      return typeof key === typeof after && compareKeys(key, after) > 0;
    });
  }
  if (limit === undefined || rest.length <= limit) return { items: rest };
  const page = rest.slice(0, limit);
  return { items: page, nextToken: encodeToken(keyOf(page[page.length - 1]!)) };
}
