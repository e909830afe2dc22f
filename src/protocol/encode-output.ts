/**
 * Serialises an operation's typed output to EC2's XML dialect (wire-protocol.md §3): `<ActionResponse xmlns=…>`
 * with `<requestId>` first, no Result wrapper, element names from the model (model.ts says how), lists as
 * `<name><item>…</item></name>`, timestamps in UTC with milliseconds, and `<return>true</return>` for actions
 * without an output shape. The error envelope (§4) is at the end of this file. No XML is written by hand anywhere
 * else.
 *
 * The model is compiled, not walked (ADR 0002): the first answer of an output shape turns it into a tree of small
 * writer functions, one per element, each holding its tag text and the writers of its children, and every later
 * answer of that shape only runs them. Walking the model per value looked each shape up by name, switched on its
 * type and rebuilt each tag, for every value of every answer (a 100-ENI Describe has about 5,000 values).
 */
import { XML_NAMESPACE, listItemName, shapes, structurePlan } from './model.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would reach the client as LF (XML end-of-line normalisation); a character reference survives.
  '\r': '&#13;',
};
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SPECIAL = /[&<>"'\r]/g;
/** Either kind at all: almost no value has one, and one test of this is cheaper than a test of each. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"'\r]/;

/**
 * Escapes text for element content. Characters XML 1.0 cannot carry at all (most C0 controls) are dropped: no
 * parser would accept the document otherwise, and a client that cannot parse the answer is worse off.
 */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  NOT_XML.lastIndex = 0;
  const clean = NOT_XML.test(text) ? text.replace(NOT_XML, '') : text;
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ESCAPES[c]!) : clean;
}

/** ISO-8601 in UTC with milliseconds (`2013-11-30T23:36:42.000Z`), the form of EC2's own timestamps. */
function timestampText(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string | number);
  return date.toISOString();
}

/** The text of a scalar value of a model type (every type that is not a structure or a list). */
function scalarTextOf(type: string): (value: unknown) => string {
  switch (type) {
    case 'timestamp':
      return timestampText;
    case 'boolean':
      return (value) => (value ? 'true' : 'false');
    case 'integer':
    case 'long':
      return (value) => String(Math.trunc(Number(value)));
    default:
      return (value) => escapeXml(String(value));
  }
}

/** Writes one element: `value` (never null or undefined) as the whole element, tags included. */
type ElementWriter = (value: unknown) => string;
/** Writes the members of a structure value, in model order, without the structure's own tags. */
type MembersWriter = (value: Record<string, unknown>) => string;

/**
 * The compiled writers, memoised by shape (structures' members) and by shape and element name (elements): the
 * model never changes while the process runs. Structures are memoised before their members are compiled, so a
 * shape that contains itself compiles to a writer that calls itself.
 */
const membersWriters = new Map<string, MembersWriter>();
const elementWriters = new Map<string, ElementWriter>();

function membersWriter(shapeName: string): MembersWriter {
  const known = membersWriters.get(shapeName);
  if (known) return known;
  // Filled in below, after this writer is memoised (see above).
  let names: string[] = [];
  let writers: ElementWriter[] = [];
  const write: MembersWriter = (value) => {
    let xml = '';
    for (let i = 0; i < names.length; i++) {
      const v = value[names[i]!];
      // Absent means absent: an empty element would reach the JS SDK as "" (wire-protocol.md §3).
      if (v !== undefined && v !== null) xml += writers[i]!(v);
    }
    return xml;
  };
  membersWriters.set(shapeName, write);
  const members = structurePlan(shapeName).members;
  names = members.map((m) => m.name);
  writers = members.map((m) => elementWriter(m.shape, m.xmlName));
  return write;
}

function elementWriter(shapeName: string, name: string): ElementWriter {
  const key = `${shapeName} ${name}`;
  const known = elementWriters.get(key);
  if (known) return known;
  const shape = shapes[shapeName];
  if (!shape) throw new Error(`${shapeName} is not a shape in the model`);
  const open = `<${name}>`;
  const close = `</${name}>`;
  const empty = `<${name}/>`;
  let write: ElementWriter;
  switch (shape.type) {
    case 'structure': {
      // Compiled on first use: elementWriters holds this writer before the members exist (recursive shapes).
      let members: MembersWriter | undefined;
      write = (value) => open + (members ??= membersWriter(shapeName))(value as Record<string, unknown>) + close;
      break;
    }
    case 'list': {
      const itemShape = shape.member!.shape;
      const itemName = listItemName(shape);
      let item: ElementWriter | undefined;
      write = (value) => {
        const writeItem = (item ??= elementWriter(itemShape, itemName));
        let xml = '';
        for (const v of value as Iterable<unknown>) {
          if (v !== undefined && v !== null) xml += writeItem(v);
        }
        // AWS writes empty lists as an empty wrapper (`<tagSet/>`); every client reads that as [].
        return xml === '' ? empty : open + xml + close;
      };
      break;
    }
    default: {
      const textOf = scalarTextOf(shape.type);
      write = (value) => {
        const text = textOf(value);
        return text === '' ? empty : open + text + close;
      };
    }
  }
  elementWriters.set(key, write);
  return write;
}

/** The full success document for `action`; `outputShape` is undefined for actions that answer `return`. */
export function encodeOutput(
  action: string,
  outputShape: string | undefined,
  output: unknown,
  requestId: string,
): string {
  const members = outputShape
    ? membersWriter(outputShape)((output ?? {}) as Record<string, unknown>)
    : '<return>true</return>';
  return (
    `${XML_DECLARATION}<${action}Response xmlns="${XML_NAMESPACE}">` +
    `<requestId>${escapeXml(requestId)}</requestId>${members}</${action}Response>`
  );
}

/** The EC2 error envelope: no namespace, `<RequestID>` with a capital ID (botocore depends on it). */
export function encodeError(code: string, message: string, requestId: string): string {
  return (
    `${XML_DECLARATION}<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
