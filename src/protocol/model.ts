/**
 * The vendored EC2 service model (model/ec2.json, trimmed from botocore by scripts/vendor-model.mjs), with the
 * wire names of every structure member worked out once at start-up:
 * - input (query) names follow botocore's EC2Serializer: `queryName`, else `locationName` with its first letter
 *   upper-cased, else the member name (wire-protocol.md §2);
 * - output (XML) element names are `locationName`, else the member name exactly as the model spells it, and list
 *   items are named by the list member's `locationName` (`item` in almost every EC2 list), else `member`. That is
 *   how both botocore (parsers.py, `_member_key_name`) and the JS SDK v3 (@aws-sdk/core XmlShapeDeserializer) read
 *   a member without a locationName, so it is what we must write for them to find it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ShapeDef {
  type: 'structure' | 'list' | 'string' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob' | 'map';
  members?: Record<string, MemberDef>;
  member?: MemberDef;
  key?: MemberDef;
  value?: MemberDef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
}

export interface MemberDef {
  shape: string;
  locationName?: string;
  queryName?: string;
  idempotencyToken?: boolean;
}

export interface OperationDef {
  name: string;
  input?: { shape: string };
  output?: { shape: string };
}

/** A structure member as the wire sees it. */
export interface MemberPlan {
  name: string;
  shape: string;
  queryName: string;
  xmlName: string;
}

export interface StructurePlan {
  members: MemberPlan[];
  byQueryName: Map<string, MemberPlan>;
  required: string[];
}

const modelPath = fileURLToPath(new URL('../../../model/ec2.json', import.meta.url));
const raw = JSON.parse(readFileSync(modelPath, 'utf8')) as {
  metadata: { apiVersion: string; xmlNamespace: string };
  operations: Record<string, OperationDef>;
  shapes: Record<string, ShapeDef>;
};

export const API_VERSION = raw.metadata.apiVersion;
export const XML_NAMESPACE = raw.metadata.xmlNamespace.endsWith('/')
  ? raw.metadata.xmlNamespace
  : `${raw.metadata.xmlNamespace}/`;
export const operations: Readonly<Record<string, OperationDef>> = raw.operations;
export const shapes: Readonly<Record<string, ShapeDef>> = raw.shapes;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The element name of one item of a list shape in output XML. */
export const listItemName = (list: ShapeDef): string => list.member?.locationName ?? 'member';

const plans = new Map<string, StructurePlan>();

/** The wire plan of a structure shape (memoised; the model never changes while the process runs). */
export function structurePlan(shapeName: string): StructurePlan {
  let plan = plans.get(shapeName);
  if (plan) return plan;
  const shape = shapes[shapeName];
  if (!shape || shape.type !== 'structure') throw new Error(`${shapeName} is not a structure in the model`);
  const members = Object.entries(shape.members ?? {}).map(([name, def]) => ({
    name,
    shape: def.shape,
    queryName: def.queryName ?? (def.locationName ? upperFirst(def.locationName) : name),
    xmlName: def.locationName ?? name,
  }));
  plan = {
    members,
    byQueryName: new Map(members.map((m) => [m.queryName, m])),
    required: shape.required ?? [],
  };
  plans.set(shapeName, plan);
  return plan;
}

const tokenMembers = new Map<string, string | undefined>();

/** The member that carries the action's idempotency token (ClientToken), if the action has one (memoised). */
export function clientTokenMember(operation: string): string | undefined {
  if (tokenMembers.has(operation)) return tokenMembers.get(operation);
  const input = operations[operation]?.input?.shape;
  const members = input ? (shapes[input]?.members ?? {}) : {};
  const member = Object.entries(members).find(([name, def]) => def.idempotencyToken || name === 'ClientToken')?.[0];
  if (Object.hasOwn(operations, operation)) tokenMembers.set(operation, member);
  return member;
}
