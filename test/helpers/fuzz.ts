/**
 * Generators for the fuzz test: a seeded random source, hostile keys and values, and mutations of valid signed
 * requests - at the parameter level (keys, values, counts), the byte level (truncation, random bytes) and the
 * header level (signature parts, dates, content types). Everything derives from one seed, printed on failure.
 */
import { operations, shapes, structurePlan } from '../../src/protocol/model.js';
import type { SignedHttpRequest } from './sign.js';

/** mulberry32: small, fast and good enough to pick mutations reproducibly. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

export type Random = ReturnType<typeof randomSource>;

const SPECIAL_VALUES = [
  '', ' ', '.', '..', '%', '%%', '%g1', '%E2%82', '%C0%AF', '%ED%A0%80', '%FF%FE', '%00', '+', '&', '=', '==', '\\',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', 'Infinity', '-0', '1e309',
  '9999999999999999999999', '-2147483649', '2147483648', '0x10', '1.5', 'true', 'TRUE', 'false ', '*', '?', '\\*',
  '10.0.0.0/16', '10.0.0.0/33', '0.0.0.0/0', '::/0', '256.0.0.0/16', 'vpc-', 'vpc-0123456789abcdef0', 'vpc-ZZZ',
  'subnet-0123456789abcdef0', '2024-01-02T03:04:05Z', '2024-13-45T99:99:99Z', 'djE6MQ', 'djE6OTk5OTk5OTk5OTk5OTk5OTk5',
  '%3Cscript%3E', '%3C%21%5BCDATA%5B', '%EF%BF%BF', '%F4%90%80%80', '%E6%97%A5%E6%9C%AC',
];

const SPECIAL_SEGMENTS = ['0', '00', '01', '-1', 'abc', '', '999999999', '99999999999999999999', '1e3', '__proto__', 'constructor'];

/** Every wire name reachable in the input of `action`, with `N` for list indexes: `Filter.N.Value.N`, … */
function wireNames(action: string): string[] {
  const shape = operations[action]?.input?.shape;
  if (!shape) return [];
  const names: string[] = [];
  const walk = (structure: string, prefix: string, depth: number) => {
    if (depth > 4) return;
    for (const member of structurePlan(structure).members) {
      const name = `${prefix}${member.queryName}`;
      names.push(name);
      walkShape(member.shape, name, depth);
    }
  };
  const walkShape = (shapeName: string, name: string, depth: number) => {
    const def = shapes[shapeName]!;
    if (def.type === 'structure') walk(shapeName, `${name}.`, depth + 1);
    if (def.type === 'list') {
      names.push(`${name}.N`);
      walkShape(def.member!.shape, `${name}.N`, depth + 1);
    }
  };
  walk(shape, '', 0);
  return names;
}

const ACTIONS = [...Object.keys(operations), 'DescribeFoo', '', 'describevpcs', '__proto__', 'CreateKeyPair'];
const namesCache = new Map<string, string[]>();
const namesOf = (action: string) => {
  let names = namesCache.get(action);
  if (!names) namesCache.set(action, (names = wireNames(action)));
  return names;
};

export function randomText(r: Random): string {
  switch (r.int(8)) {
    case 0:
      return r.pick(SPECIAL_VALUES);
    case 1: {
      // Printable ASCII, percent-encoded or raw.
      const length = r.int(40);
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCharCode(32 + r.int(95));
      return r.chance(0.5) ? encodeURIComponent(text) : text;
    }
    case 2: {
      // Arbitrary bytes, percent-encoded: most are not valid UTF-8.
      const length = 1 + r.int(12);
      let text = '';
      for (let i = 0; i < length; i++) text += `%${r.int(256).toString(16).padStart(2, '0')}`;
      return text;
    }
    case 3: {
      // Valid non-ASCII text (surrogate code points cannot be UTF-8 encoded: step over them).
      const codePoint = () => {
        const c = 0x80 + r.int(0x2ff00);
        return c >= 0xd800 && c <= 0xdfff ? c + 0x800 : c;
      };
      return encodeURIComponent(String.fromCodePoint(...Array.from({ length: 1 + r.int(6) }, codePoint)));
    }
    case 4:
      return String(r.chance(0.5) ? r.int(2 ** 31) : -r.int(1000));
    case 5:
      // Now and then something huge (bounded: the body limit is 2 MiB).
      return r.chance(0.03) ? 'x'.repeat(100_000 + r.int(2_500_000)) : 'y'.repeat(r.int(2_000));
    default:
      return r.pick(SPECIAL_VALUES) + r.pick(SPECIAL_VALUES);
  }
}

export function randomKey(r: Random, action: string): string {
  const names = namesOf(action);
  switch (r.int(6)) {
    case 0:
    case 1:
    case 2: {
      // A real wire name with random list indexes, sometimes hostile ones.
      if (names.length === 0) return r.pick(SPECIAL_SEGMENTS);
      return r.pick(names).replace(/N/g, () => (r.chance(0.8) ? String(1 + r.int(3)) : r.pick(SPECIAL_SEGMENTS)));
    }
    case 3:
      return Array.from({ length: 1 + r.int(r.chance(0.1) ? 200 : 8) }, () => r.pick(['1', 'a', 'Filter', 'Value', 'Tag', ...SPECIAL_SEGMENTS])).join('.');
    case 4:
      return randomText(r).slice(0, 600);
    default:
      return r.pick(['Action', 'Version', 'DryRun', 'MaxResults', 'NextToken', 'X-Amz-Date', 'X-Amz-Credential', 'AWSAccessKeyId']);
  }
}

/** `k=v&…` split without decoding, so mutations can break the encoding itself. */
const pairsOf = (body: string): [string, string][] =>
  body.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
const joinPairs = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

function mutateParameters(r: Random, body: string): string {
  const pairs = pairsOf(body);
  const action = pairs.find(([k]) => k === 'Action')?.[1] ?? 'DescribeVpcs';
  const rounds = 1 + r.int(4);
  for (let i = 0; i < rounds; i++) {
    const at = r.int(pairs.length || 1);
    switch (r.int(9)) {
      case 0:
        pairs.splice(at, 1);
        break;
      case 1:
        if (pairs[at]) pairs.push([pairs[at]![0], r.chance(0.5) ? pairs[at]![1] : randomText(r)]);
        break;
      case 2:
        if (pairs[at]) pairs[at]![1] = randomText(r);
        break;
      case 3:
        if (pairs[at]) pairs[at]![0] = randomKey(r, action);
        break;
      case 4:
        pairs.push([randomKey(r, action), randomText(r)]);
        break;
      case 5: {
        // Many parameters at once: sometimes beyond the limit the gateway accepts.
        if (r.chance(0.05)) {
          const base = randomKey(r, action).slice(0, 40);
          for (let n = 0; n < 10_000 + r.int(5_000); n++) pairs.push([`${base}${n}`, String(n)]);
        } else {
          for (let n = 1 + r.int(300); n > 0; n--) pairs.push([randomKey(r, action).slice(0, 80), String(n)]);
        }
        break;
      }
      case 6: {
        const index = pairs.findIndex(([k]) => k === 'Action');
        if (index >= 0) pairs[index]![1] = r.pick(ACTIONS);
        break;
      }
      case 7: {
        const index = pairs.findIndex(([k]) => k === 'Version');
        if (index >= 0) pairs[index]![1] = r.pick(['2016-11-15', '2010-01-01', '', '2016-11-15 ', randomText(r)]);
        break;
      }
      default:
        pairs.sort(() => r.next() - 0.5);
    }
  }
  return joinPairs(pairs);
}

function mutateBytes(r: Random, body: Buffer): Buffer {
  const bytes = Buffer.from(body);
  switch (r.int(4)) {
    case 0:
      return bytes.subarray(0, r.int(bytes.length + 1));
    case 1: {
      const at = r.int(bytes.length + 1);
      const noise = Buffer.from(Array.from({ length: 1 + r.int(32) }, () => r.int(256)));
      return Buffer.concat([bytes.subarray(0, at), noise, bytes.subarray(at)]);
    }
    case 2:
      for (let i = 0; i < 1 + r.int(8) && bytes.length > 0; i++) bytes[r.int(bytes.length)] = r.int(256);
      return bytes;
    default:
      return Buffer.from(Array.from({ length: r.int(2_000) }, () => r.int(256)));
  }
}

const printable = (r: Random, length: number) =>
  Array.from({ length }, () => String.fromCharCode(33 + r.int(94))).join('');

function mutateHeaders(r: Random, headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  switch (r.int(7)) {
    case 0:
      if (out.authorization) out.authorization = out.authorization.slice(0, r.int(out.authorization.length));
      break;
    case 1:
      if (out.authorization) {
        const chars = [...out.authorization];
        chars[r.int(chars.length)] = printable(r, 1);
        out.authorization = chars.join('');
      }
      break;
    case 2:
      out.authorization = r.pick([
        'AWS4-HMAC-SHA256',
        'AWS4-HMAC-SHA256 Credential=',
        'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=, Signature=zz',
        `AWS4-HMAC-SHA256 Credential=${printable(r, 30)}, SignedHeaders=${printable(r, 10)}, Signature=${printable(r, 64)}`,
        'Basic dXNlcjpwYXNz',
        printable(r, 1 + r.int(200)),
      ]);
      break;
    case 3:
      out['x-amz-date'] = r.pick(['', '20240101T000000Z', '99999999T999999Z', 'yesterday', printable(r, 16)]);
      break;
    case 4:
      out['x-amz-content-sha256'] = r.pick(['UNSIGNED-PAYLOAD', '0'.repeat(64), printable(r, 64)]);
      break;
    case 5:
      out['content-type'] = r.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', printable(r, 20)]);
      break;
    default:
      delete out.authorization;
  }
  return out;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** One mutation (or a few) of a valid signed request. */
export function mutate(r: Random, seed: SignedHttpRequest): FuzzRequest {
  let body: Buffer = Buffer.from(seed.body);
  let headers = { ...seed.headers };
  let method = seed.method;
  let path = seed.path;
  const kinds = 1 + r.int(3);
  for (let k = 0; k < kinds; k++) {
    switch (r.int(5)) {
      case 0:
      case 1:
        body = Buffer.from(mutateParameters(r, body.toString('latin1')), 'latin1');
        break;
      case 2:
        body = mutateBytes(r, body);
        break;
      case 3:
        headers = mutateHeaders(r, headers);
        break;
      default:
        // The same parameters as a GET query string (node refuses to send some paths; those are skipped).
        method = 'GET';
        path = `/?${body.toString('latin1')}`;
        body = Buffer.alloc(0);
    }
  }
  delete headers['content-length'];
  return { method, path, headers, body };
}

/** A request as raw HTTP/1.1 bytes, for mutations below what an HTTP client library will send. */
export function rawBytes(request: FuzzRequest): Buffer {
  const head = [`${request.method} ${request.path} HTTP/1.1`, 'host: x', `content-length: ${request.body.length}`];
  for (const [k, v] of Object.entries(request.headers)) if (k !== 'host') head.push(`${k}: ${v}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), request.body]);
}

export { mutateBytes };
