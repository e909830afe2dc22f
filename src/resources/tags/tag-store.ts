/**
 * Tags of every resource live in one table keyed by resource id. Resources read them in bulk (one query per
 * Describe page) and write them through applyTagSpecifications on create or putTags from CreateTags.
 */
import {
  emptyTagKey,
  invalidTaggableResourceType,
  reservedTagKey,
  tagKeyTooLong,
  tagLimitExceeded,
  tagValueTooLong,
} from '../../errors/tags.js';
import type { Tag, TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';

export const MAX_TAGS_PER_RESOURCE = 50;

/** The EC2 resource type of an id, from its prefix (`vpc-…` → `vpc`). */
const TYPES_BY_PREFIX: Record<string, string> = {
  vpc: 'vpc',
  subnet: 'subnet',
  sg: 'security-group',
  sgr: 'security-group-rule',
  eni: 'network-interface',
  i: 'instance',
  eipalloc: 'elastic-ip',
  igw: 'internet-gateway',
  rtb: 'route-table',
  acl: 'network-acl',
  fl: 'vpc-flow-log',
  nip: 'network-insights-path',
  nia: 'network-insights-analysis',
  dopt: 'dhcp-options',
  ami: 'image',
  vol: 'volume',
};

export function resourceTypeOf(id: string): string | undefined {
  const dash = id.lastIndexOf('-');
  return dash > 0 ? TYPES_BY_PREFIX[id.slice(0, dash)] : undefined;
}

export function validateTags(tags: Tag[]): void {
  for (const tag of tags) {
    const key = tag.Key ?? '';
    if (key.length === 0) throw emptyTagKey();
    if (key.length > 128) throw tagKeyTooLong(key);
    if (key.toLowerCase().startsWith('aws:')) throw reservedTagKey();
    if ((tag.Value ?? '').length > 256) throw tagValueTooLong();
  }
}

/** Upserts tags on one resource, enforcing the 50-tag limit on the result. */
export async function putTags(ctx: RequestContext, resourceId: string, resourceType: string, tags: Tag[]): Promise<void> {
  validateTags(tags);
  for (const tag of tags) {
    await ctx.tx.run(
      `INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (resource_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
      [ctx.account, ctx.region.name, resourceId, resourceType, tag.Key!, tag.Value ?? ''],
    );
  }
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags WHERE resource_id = ?', [resourceId]);
  if (Number(count?.n ?? 0) > MAX_TAGS_PER_RESOURCE) throw tagLimitExceeded();
}

/**
 * Applies the TagSpecification.N of a create call to the new resource. Every specification must name
 * `resourceType`, the only type the action creates (or one of `allowedTypes` for actions that create several).
 */
export async function applyTagSpecifications(
  ctx: RequestContext,
  specs: TagSpecification[] | undefined,
  resourceType: string,
  resourceId: string,
): Promise<Tag[]> {
  const tags: Tag[] = [];
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== resourceType) throw invalidTaggableResourceType(spec.ResourceType ?? '');
    tags.push(...(spec.Tags ?? []));
  }
  if (tags.length > 0) await putTags(ctx, resourceId, resourceType, tags);
  return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}

/** The tags of each of `ids`, in key order; ids without tags map to []. */
export async function tagsFor(ctx: RequestContext, ids: string[]): Promise<Map<string, Tag[]>> {
  const result = new Map<string, Tag[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await ctx.tx.all<{ resource_id: string; tag_key: string; tag_value: string }>(
    `SELECT resource_id, tag_key, tag_value FROM tags WHERE resource_id IN (${placeholders(ids)}) ORDER BY tag_key`,
    ids,
  );
  for (const row of rows) result.get(row.resource_id)?.push({ Key: row.tag_key, Value: row.tag_value });
  return result;
}

export async function deleteAllTags(ctx: RequestContext, resourceId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM tags WHERE resource_id = ?', [resourceId]);
}
