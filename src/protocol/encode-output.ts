/**
 * Serialises an operation's typed output to EC2's XML dialect by walking the model shape (wire-protocol.md §3):
 * `<ActionResponse xmlns=…>` with `<requestId>` first, no Result wrapper, element names from the model
 * (model.ts says how), lists as `<name><item>…</item></name>`, timestamps in UTC with milliseconds, and
 * `<return>true</return>` for actions without an output shape. The error envelope (§4) is at the end of this
 * file. No XML is written by hand anywhere else.
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

/**
 * Escapes text for element content. Characters XML 1.0 cannot carry at all (most C0 controls) are dropped: no
 * parser would accept the document otherwise, and a client that cannot parse the answer is worse off.
 */
export function escapeXml(text: string): string {
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

function scalarText(type: string, value: unknown): string {
  switch (type) {
    case 'timestamp':
      return timestampText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'integer':
    case 'long':
      return String(Math.trunc(Number(value)));
    default:
      return escapeXml(String(value));
  }
}

function writeValue(shapeName: string, name: string, value: unknown): string {
  const shape = shapes[shapeName]!;
  switch (shape.type) {
    case 'structure':
      return `<${name}>${writeMembers(shapeName, value as Record<string, unknown>)}</${name}>`;
    case 'list': {
      const items = value as unknown[];
      const itemName = listItemName(shape);
      let xml = '';
      for (const item of items) {
        if (item !== undefined && item !== null) xml += writeValue(shape.member!.shape, itemName, item);
      }
      // AWS writes empty lists as an empty wrapper (`<tagSet/>`); every client reads that as [].
      return xml === '' ? `<${name}/>` : `<${name}>${xml}</${name}>`;
    }
    default: {
      const text = scalarText(shape.type, value);
      return text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`;
    }
  }
}

function writeMembers(shapeName: string, value: Record<string, unknown>): string {
  let xml = '';
  for (const member of structurePlan(shapeName).members) {
    const v = value[member.name];
    // Absent means absent: an empty element would reach the JS SDK as "" (wire-protocol.md §3).
    if (v !== undefined && v !== null) xml += writeValue(member.shape, member.xmlName, v);
  }
  return xml;
}

/** The full success document for `action`; `outputShape` is undefined for actions that answer `return`. */
export function encodeOutput(
  action: string,
  outputShape: string | undefined,
  output: unknown,
  requestId: string,
): string {
  const members = outputShape
    ? writeMembers(outputShape, (output ?? {}) as Record<string, unknown>)
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
