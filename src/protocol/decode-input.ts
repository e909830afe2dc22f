/**
 * Turns flat EC2 query parameters (`Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-…`) into the typed input of an
 * operation by walking its model shape (wire-protocol.md §2). Unknown names are `UnknownParameter`, values of the
 * wrong type `InvalidParameterValue`, missing required members `MissingParameter` - as EC2 answers them.
 */
import { invalidParameterValue, missingParameter, unknownParameter } from '../errors/protocol.js';
import { shapes, structurePlan } from './model.js';

/** Highest list index we accept: `SecurityGroupId.999999999` is refused, not allocated. */
export const MAX_LIST_INDEX = 1_000;
const MAX_DEPTH = 12;
const INT32 = 2 ** 31;

/** A parameter tree: `A.1.B=x` becomes { A: { 1: { B: 'x' } } }. A leaf holds the value. */
interface Node {
  value?: string;
  children?: Map<string, Node>;
}

function buildTree(params: Map<string, string>, ignore: (key: string) => boolean): Node {
  const root: Node = { children: new Map() };
  for (const [key, value] of params) {
    if (ignore(key)) continue;
    const parts = key.split('.');
    if (parts.length > MAX_DEPTH) throw unknownParameter(key);
    let node = root;
    for (const part of parts) {
      if (part === '') throw unknownParameter(key);
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = {}));
      node = child;
    }
    node.value = value;
  }
  return root;
}

// ISO-8601 date-times as clients send them: botocore `2024-01-02T03:04:05Z` or with microseconds, the JS SDK
// with milliseconds; an offset instead of Z is legal ISO-8601. Anything else Date() would guess at is refused.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_SECONDS = /^\d{1,12}(?:\.\d{1,9})?$/;

function parseTimestamp(value: string): Date | undefined {
  let date: Date;
  if (EPOCH_SECONDS.test(value)) date = new Date(Number(value) * 1000);
  else if (ISO_8601.test(value)) {
    // Date() takes at most milliseconds; botocore sends microseconds, so the fraction is cut to three digits.
    date = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
  } else return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function decodeScalar(shapeName: string, value: string, path: string): unknown {
  const shape = shapes[shapeName]!;
  switch (shape.type) {
    case 'string':
    case 'blob':
      return value;
    case 'integer':
    case 'long': {
      if (!/^-?\d{1,19}$/.test(value.trim())) throw invalidParameterValue(`Invalid value '${value}' for ${path}`);
      const n = Number(value.trim());
      if (shape.type === 'integer' && (n >= INT32 || n < -INT32)) {
        throw invalidParameterValue(`Invalid value '${value}' for ${path}`);
      }
      return n;
    }
    case 'double':
    case 'float': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw invalidParameterValue(`Invalid value '${value}' for ${path}`);
      return n;
    }
    case 'boolean': {
      const v = value.toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw invalidParameterValue(`Invalid value '${value}' for ${path}. Expected a boolean (true or false).`);
    }
    case 'timestamp': {
      const date = parseTimestamp(value);
      if (!date) throw invalidParameterValue(`Invalid value '${value}' for ${path}`);
      return date;
    }
    default:
      throw invalidParameterValue(`Invalid value for ${path}`);
  }
}

function decodeNode(shapeName: string, node: Node, path: string): unknown {
  const shape = shapes[shapeName]!;
  if (shape.type === 'structure') {
    if (node.value !== undefined || !node.children) throw unknownParameter(path);
    return decodeStructure(shapeName, node, `${path}.`);
  }
  if (shape.type === 'list') {
    // `Name=` with nothing under it is how query-protocol clients write an empty list; EC2 clients send nothing.
    if (!node.children && node.value === '') return [];
    if (node.value !== undefined || !node.children) throw unknownParameter(path);
    const entries: [number, Node][] = [];
    for (const [index, child] of node.children) {
      if (!/^[1-9]\d*$/.test(index)) throw unknownParameter(`${path}.${index}`);
      const n = Number(index);
      if (n > MAX_LIST_INDEX) {
        throw invalidParameterValue(`The index ${index} of parameter ${path} exceeds the maximum of ${MAX_LIST_INDEX}`);
      }
      entries.push([n, child]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    return entries.map(([n, child]) => decodeNode(shape.member!.shape, child, `${path}.${n}`));
  }
  if (shape.type === 'map') throw unknownParameter(path);
  if (node.children) throw unknownParameter(`${path}.${node.children.keys().next().value}`);
  return decodeScalar(shapeName, node.value ?? '', path);
}

function decodeStructure(shapeName: string, node: Node, prefix: string): Record<string, unknown> {
  const plan = structurePlan(shapeName);
  const out: Record<string, unknown> = {};
  for (const [key, child] of node.children ?? []) {
    const member = plan.byQueryName.get(key);
    if (!member) throw unknownParameter(`${prefix}${key}`);
    out[member.name] = decodeNode(member.shape, child, `${prefix}${key}`);
  }
  for (const required of plan.required) {
    if (out[required] === undefined) {
      const member = plan.members.find((m) => m.name === required)!;
      throw missingParameter(`${prefix}${member.queryName}`);
    }
  }
  return out;
}

/** Decodes the parameters of an operation whose input shape is `inputShape`; `ignore` skips envelope keys. */
export function decodeInput(
  inputShape: string | undefined,
  params: Map<string, string>,
  ignore: (key: string) => boolean,
): Record<string, unknown> {
  const tree = buildTree(params, ignore);
  if (!inputShape) {
    const first = tree.children?.keys().next();
    if (first && !first.done) throw unknownParameter(first.value);
    return {};
  }
  return decodeStructure(inputShape, tree, '');
}
