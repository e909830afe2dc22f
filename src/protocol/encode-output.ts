/**
 * Serialises an operation's typed output to EC2's XML dialect by walking the model shape (wire-protocol.md §3):
 * `<ActionResponse xmlns=…>` with `<requestId>` first, no Result wrapper, element names from `locationName`,
 * lists as `<name><item>…</item></name>`, and `<return>true</return>` for actions without an output shape.
 * Errors have their own envelope (encode-error.ts). No XML is written by hand anywhere else.
 */
import { XML_NAMESPACE, shapes, structurePlan } from './model.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content; also drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)
    ? // eslint-disable-next-line no-control-regex
      text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    : text;
  return /[&<>"']/.test(clean) ? clean.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : clean;
}

function scalarText(type: string, value: unknown): string {
  switch (type) {
    case 'timestamp':
      return (value instanceof Date ? value : new Date(value as string)).toISOString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return escapeXml(String(value));
  }
}

function writeValue(out: string[], shapeName: string, name: string, value: unknown): void {
  const shape = shapes[shapeName]!;
  if (shape.type === 'structure') {
    out.push(`<${name}>`);
    writeMembers(out, shapeName, value as Record<string, unknown>);
    out.push(`</${name}>`);
  } else if (shape.type === 'list') {
    const items = value as unknown[];
    if (items.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    const itemName = shape.member!.locationName ?? 'item';
    out.push(`<${name}>`);
    for (const item of items) if (item !== undefined && item !== null) writeValue(out, shape.member!.shape, itemName, item);
    out.push(`</${name}>`);
  } else {
    const text = scalarText(shape.type, value);
    out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
  }
}

function writeMembers(out: string[], shapeName: string, value: Record<string, unknown>): void {
  for (const member of structurePlan(shapeName).members) {
    const v = value[member.name];
    if (v !== undefined && v !== null) writeValue(out, member.shape, member.xmlName, v);
  }
}

/** The full success document for `action`; `outputShape` is undefined for actions that answer `return`. */
export function encodeOutput(
  action: string,
  outputShape: string | undefined,
  output: unknown,
  requestId: string,
): string {
  const out: string[] = [
    XML_DECLARATION,
    `<${action}Response xmlns="${XML_NAMESPACE}">`,
    `<requestId>${requestId}</requestId>`,
  ];
  if (outputShape) writeMembers(out, outputShape, (output ?? {}) as Record<string, unknown>);
  else out.push('<return>true</return>');
  out.push(`</${action}Response>`);
  return out.join('');
}

/** The EC2 error envelope: no namespace, `<RequestID>` with a capital ID (botocore depends on it). */
export function encodeError(code: string, message: string, requestId: string): string {
  return (
    `${XML_DECLARATION}<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}
