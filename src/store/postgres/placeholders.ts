/**
 * Resources write `?` placeholders (portable SQL, ADR 0001); PostgreSQL numbers them (`$1`, `$2`, …). The scan
 * skips string literals ('it''s ?'), quoted identifiers ("a?b"), and comments, so a `?` there is left alone.
 * Translations are cached per SQL text: resources reuse a small set of statements, so the scan runs once each.
 */
const cache = new Map<string, string>();
/** Dynamic IN lists make distinct texts; past this many the cache stops growing rather than hold them all. */
const CACHE_LIMIT = 5000;

export function toPositional(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  const translated = translate(sql);
  if (cache.size < CACHE_LIMIT) cache.set(sql, translated);
  return translated;
}

function translate(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quoted run ends at the next lone quote; a doubled quote is the quote itself.
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
