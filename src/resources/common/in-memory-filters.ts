/**
 * Filters over fixed catalogues that live in code rather than in the database (regions, zones, account
 * attributes, the default DHCP options): the same semantics as the SQL filters of filters.ts (wire-protocol.md
 * §9) - values of one filter ORed, filters ANDed, exact case-sensitive match with `*` / `?` wildcards - evaluated
 * on plain objects.
 */
import type { Filter } from '../../protocol/generated/ec2-shapes.js';
import { filterValueTooLong, invalidFilter } from '../../errors/protocol.js';
import { tokenizePattern } from '../../store/wildcards.js';

/** The values an item exposes for one filter name (an item matches when any of them matches any filter value). */
export type FieldReader<T> = (item: T) => readonly string[];

export type InMemoryFilterTable<T> = Record<string, FieldReader<T>>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `value` matches the EC2 filter value `pattern`. */
export function matchesPattern(value: string, pattern: string): boolean {
  const source = tokenizePattern(pattern)
    .map((t) => ('any' in t ? '[\\s\\S]*' : 'one' in t ? '[\\s\\S]' : escapeRegExp(t.literal)))
    .join('');
  return new RegExp(`^${source}$`, 'u').test(value);
}

/** Compiles the request's filters into one predicate; unknown names and over-long values fail as in filters.ts. */
export function compileInMemoryFilters<T>(table: InMemoryFilterTable<T>, filters: Filter[] | undefined): (item: T) => boolean {
  const tests: ((item: T) => boolean)[] = [];
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    const values = filter.Values ?? [];
    if (values.some((v) => v.length > 255)) throw filterValueTooLong();
    const read = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!read) throw invalidFilter(name);
    tests.push((item) => read(item).some((field) => values.some((pattern) => matchesPattern(field, pattern))));
  }
  return (item) => tests.every((test) => test(item));
}
