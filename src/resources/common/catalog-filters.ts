/**
 * Describe* filters over items held in memory (built-in catalogues such as instance types and images, and the
 * small lists the Terraform reads build), with the same semantics as the SQL filters of filters.ts
 * (wire-protocol.md §9): values of one filter are ORed, filters are ANDed, values match exactly and
 * case-sensitively with `*` / `?` wildcards; unknown names are `InvalidParameterValue`, values over 255
 * characters `FilterLimitExceeded`, and a filter without values matches nothing.
 */
import { filterValueTooLong, invalidFilter } from '../../errors/protocol.js';
import type { Filter, Tag } from '../../protocol/generated/ec2-shapes.js';
import { hasWildcard, tokenizePattern } from '../../store/wildcards.js';

type Scalar = string | number | boolean | undefined;

/** The values an item has for one filter name; the filter matches when any of them matches any filter value. */
export type FilterValues<T> = (item: T) => Scalar | readonly Scalar[];

export type CatalogFilterTable<T> = Record<string, FilterValues<T>>;

/** A predicate over one item. */
export type ItemFilter<T> = (item: T) => boolean;

function patternRegExp(pattern: string): RegExp {
  const source = tokenizePattern(pattern)
    .map((t) => ('any' in t ? '[\\s\\S]*' : 'one' in t ? '[\\s\\S]' : t.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** A matcher for the values of one filter: exact strings through a Set, wildcard values through RegExps. */
function valueMatcher(values: string[]): (candidate: string) => boolean {
  const exact = new Set(values.filter((v) => !hasWildcard(v)));
  const patterns = values.filter(hasWildcard).map(patternRegExp);
  return (candidate) => exact.has(candidate) || patterns.some((p) => p.test(candidate));
}

const asStrings = (value: Scalar | readonly Scalar[]): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string | number | boolean => v !== undefined).map(String);

function tagFilter<T>(name: string, tagsOf: (item: T) => Tag[]): ((matches: (s: string) => boolean) => ItemFilter<T>) | undefined {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (matches) => (item) => tagsOf(item).some((t) => t.Key === key && matches(t.Value ?? ''));
  }
  if (name === 'tag-key') return (matches) => (item) => tagsOf(item).some((t) => matches(t.Key ?? ''));
  if (name === 'tag-value') return (matches) => (item) => tagsOf(item).some((t) => matches(t.Value ?? ''));
  return undefined;
}

/**
 * Compiles the request's filters into one predicate. `tagsOf` enables `tag:<key>`, `tag-key` and `tag-value`
 * for resources that carry tags.
 */
export function compileCatalogFilters<T>(
  table: CatalogFilterTable<T>,
  filters: Filter[] | undefined,
  tagsOf?: (item: T) => Tag[],
): ItemFilter<T> {
  const predicates: ItemFilter<T>[] = [];
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    const values = filter.Values ?? [];
    if (values.some((v) => v.length > 255)) throw filterValueTooLong();
    const matches = valueMatcher(values);
    const valuesOf = Object.hasOwn(table, name) ? table[name] : undefined;
    if (valuesOf) {
      predicates.push((item) => asStrings(valuesOf(item)).some(matches));
      continue;
    }
    const tag = tagsOf ? tagFilter(name, tagsOf) : undefined;
    if (!tag) throw invalidFilter(name);
    predicates.push(tag(matches));
  }
  return (item) => predicates.every((p) => p(item));
}
