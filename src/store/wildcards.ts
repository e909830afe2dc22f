/** EC2 filter values: `*` any run, `?` one character, `\\*` / `\\?` / `\\\\` literal (wire-protocol.md §9). */
export type PatternToken = { literal: string } | { any: true } | { one: true };

export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length && '*?\\'.includes(pattern[i + 1]!)) {
      tokens.push({ literal: pattern[++i]! });
    } else if (c === '*') tokens.push({ any: true });
    else if (c === '?') tokens.push({ one: true });
    else tokens.push({ literal: c });
  }
  return tokens;
}

/** The pattern as an SQLite GLOB (case-sensitive, as EC2 filters are); `[` `]` are escaped as classes. */
export function toGlob(pattern: string): string {
  return tokenizePattern(pattern)
    .map((t) => ('any' in t ? '*' : 'one' in t ? '?' : /[*?[\]]/.test(t.literal) ? `[${t.literal}]` : t.literal))
    .join('');
}

/** The pattern as a SQL LIKE with `\\` as the escape character. */
export function toLike(pattern: string): string {
  return tokenizePattern(pattern)
    .map((t) => ('any' in t ? '%' : 'one' in t ? '_' : /[%_\\]/.test(t.literal) ? `\\${t.literal}` : t.literal))
    .join('');
}
