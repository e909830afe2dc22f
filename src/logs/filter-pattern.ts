/**
 * CloudWatch Logs filter patterns for FilterLogEvents, the two forms flow logs are searched with:
 *  - terms: `ERROR`, `"two words"`, all must appear (case-sensitive); `?a ?b` any of them; `-x` none of them;
 *  - space-delimited: `[version, account, eni, source, destination, srcport, destport="22", ..., action=REJECT]`,
 *    one item per field of the event (fields are separated by spaces; "quoted" and [bracketed] text is one field),
 *    `...` for any number of fields; conditions `= != < <= > >=` against numbers, or strings with `*` wildcards,
 *    combined with `&&` and `||`. Without `...`, the event has exactly as many fields as the pattern.
 * JSON patterns (`{ $.x = … }`) are not supported: InvalidParameterException.
 */
import { invalidFilterPattern, logsInvalidParameter } from '../errors/logs.js';

export type EventMatcher = (message: string) => boolean;

interface Term {
  text: string;
  kind: 'all' | 'any' | 'none';
}

function termsOf(pattern: string): Term[] {
  const terms: Term[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/gy;
  let rest = pattern.trim();
  while (rest !== '') {
    re.lastIndex = 0;
    const match = re.exec(rest);
    if (!match) throw invalidFilterPattern();
    const text = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    terms.push({ text, kind: match[1] === '?' ? 'any' : match[1] === '-' ? 'none' : 'all' });
    rest = rest.slice(match[0].length).trimStart();
  }
  return terms;
}

function termMatcher(pattern: string): EventMatcher {
  const terms = termsOf(pattern);
  const all = terms.filter((t) => t.kind === 'all').map((t) => t.text);
  const any = terms.filter((t) => t.kind === 'any').map((t) => t.text);
  const none = terms.filter((t) => t.kind === 'none').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !none.some((t) => message.includes(t));
}

/** The fields of an event for a space-delimited pattern: "…" and […] hold spaces. */
export function eventFields(message: string): string[] {
  const fields: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (const match of message.matchAll(re)) fields.push(match[1] ?? match[2] ?? match[3]!);
  return fields;
}

type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

interface Condition {
  operator: Operator;
  /** A number when the value was an unquoted number; else a string, maybe with `*` wildcards. */
  value: number | string;
}

interface Item {
  ellipsis: boolean;
  /** Disjunction of conjunctions; empty = any value. */
  conditions: Condition[][];
}

const wildcardRegex = (value: string): RegExp =>
  new RegExp(`^${value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

function compare(field: string, c: Condition): boolean {
  if (typeof c.value === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(field)) return c.operator === '!=';
    const n = Number(field);
    switch (c.operator) {
      case '=': return n === c.value;
      case '!=': return n !== c.value;
      case '<': return n < c.value;
      case '<=': return n <= c.value;
      case '>': return n > c.value;
      case '>=': return n >= c.value;
    }
  }
  const matches = c.value.includes('*') ? wildcardRegex(c.value).test(field) : field === c.value;
  if (c.operator === '=') return matches;
  if (c.operator === '!=') return !matches;
  throw invalidFilterPattern();
}

function parseCondition(text: string, name: string): Condition {
  const match = /^([A-Za-z0-9_$.-]+)\s*(!=|<=|>=|=|<|>)\s*(.*)$/.exec(text.trim());
  if (!match || match[1] !== name) throw logsInvalidParameter(`Invalid condition in filter pattern: ${text.trim()}`);
  const raw = match[3]!.trim();
  if (raw === '') throw invalidFilterPattern();
  const quoted = /^"(.*)"$/.exec(raw);
  const value = quoted ? quoted[1]! : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (typeof value === 'string' && ['<', '<=', '>', '>='].includes(match[2]!)) throw invalidFilterPattern();
  return { operator: match[2] as Operator, value };
}

function parseItem(text: string): Item {
  const item = text.trim();
  if (item === '...') return { ellipsis: true, conditions: [] };
  const name = /^[A-Za-z0-9_$.-]+/.exec(item)?.[0];
  if (!name) throw invalidFilterPattern();
  if (name === item) return { ellipsis: false, conditions: [] };
  const conditions = item.split('||').map((any) => any.split('&&').map((c) => parseCondition(c, name)));
  return { ellipsis: false, conditions };
}

/** Splits the inside of `[ … ]` at commas outside quotes. */
function splitItems(inside: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of inside) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted) throw invalidFilterPattern();
  items.push(current);
  return items;
}

const itemMatches = (item: Item, field: string): boolean =>
  item.conditions.length === 0 || item.conditions.some((all) => all.every((c) => compare(field, c)));

function fieldsMatch(items: readonly Item[], fields: readonly string[], i = 0, j = 0): boolean {
  if (i === items.length) return j === fields.length;
  const item = items[i]!;
  if (item.ellipsis) {
    for (let k = j; k <= fields.length; k++) if (fieldsMatch(items, fields, i + 1, k)) return true;
    return false;
  }
  return j < fields.length && itemMatches(item, fields[j]!) && fieldsMatch(items, fields, i + 1, j + 1);
}

function delimitedMatcher(pattern: string): EventMatcher {
  const inside = pattern.trim().slice(1, -1);
  const items = splitItems(inside).map(parseItem);
  return (message) => fieldsMatch(items, eventFields(message));
}

/** Compiles a filter pattern; an empty pattern matches every event. */
export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) throw logsInvalidParameter('JSON filter patterns are not supported by vpclite.');
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw invalidFilterPattern();
    return delimitedMatcher(text);
  }
  return termMatcher(text);
}
