/**
 * An SDK answer back in EC2's wire shape: the member names the XML answer carries (`networkInsightsAnalysisId`,
 * `forwardPathComponentSet`, …), read from the SDK's own schema; lists as arrays, numbers and flags as the schema
 * types them, timestamps as ISO-8601 text with milliseconds (the form EC2 and vpclite send). `vpclite analyze
 * --output json` prints an analysis so, as DescribeNetworkInsightsAnalyses answers it.
 */
import { NormalizedSchema } from '@smithy/core/schema';

type Schema = Parameters<typeof NormalizedSchema.of>[0];

export type WireValue = string | number | boolean | WireValue[] | { [key: string]: WireValue };

/** `value`, an SDK output of schema `schema`, with wire member names; members the SDK left undefined stay absent. */
export function toWireShape(value: unknown, schema: Schema | NormalizedSchema): WireValue {
  const shape = schema instanceof NormalizedSchema ? schema : NormalizedSchema.of(schema);
  if (shape.isListSchema() && Array.isArray(value)) return value.map((item) => toWireShape(item, shape.getValueSchema()));
  if (shape.isStructSchema() && value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const wire: Record<string, WireValue> = {};
    for (const [name, member] of shape.structIterator()) {
      if (record[name] === undefined || record[name] === null) continue;
      // EC2 responses name each element by its xmlName; a member without one keeps the model's name, lower-cased first.
      const xmlName = member.getMergedTraits().xmlName ?? `${name[0]!.toLowerCase()}${name.slice(1)}`;
      wire[xmlName] = toWireShape(record[name], member);
    }
    return wire;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
