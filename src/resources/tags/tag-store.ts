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

/** Kept here for callers that look the type up through the tag store; the table lives in taggable-resources.ts. */
export { resourceTypeOf } from './taggable-resources.js';

/** Lengths are counted in Unicode characters, as EC2 counts them, not in UTF-16 units. */
const characters = (text: string): number => [...text].length;

/** A key must be present, at most 128 characters and not start with `aws:`. */
export function validateTagKey(key: string): void {
  if (key.length === 0) throw emptyTagKey();
  if (characters(key) > 128) throw tagKeyTooLong(key);
  if (key.toLowerCase().startsWith('aws:')) throw reservedTagKey();
}

export function validateTags(tags: Tag[]): void {
  for (const tag of tags) {
    validateTagKey(tag.Key ?? '');
    if (characters(tag.Value ?? '') > 256) throw tagValueTooLong();
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

/**
 * DeleteTags on resources already resolved: without `tags`, every user tag goes (never `aws:` tags); a tag
 * with only a Key goes whatever its value; with a Value (the empty string included) only when the value matches.
 */
export async function removeTags(ctx: RequestContext, resourceIds: string[], tags: Tag[] | undefined): Promise<void> {
  if (resourceIds.length === 0) return;
  const scope = `resource_id IN (${placeholders(resourceIds)}) AND account = ? AND region = ?`;
  const scopeParams = [...resourceIds, ctx.account, ctx.region.name];
  if (tags === undefined || tags.length === 0) {
    await ctx.tx.run(`DELETE FROM tags WHERE ${scope} AND lower(substr(tag_key, 1, 4)) <> 'aws:'`, scopeParams);
    return;
  }
  for (const tag of tags) {
    if (tag.Value === undefined) {
      await ctx.tx.run(`DELETE FROM tags WHERE ${scope} AND tag_key = ?`, [...scopeParams, tag.Key!]);
    } else {
      await ctx.tx.run(`DELETE FROM tags WHERE ${scope} AND tag_key = ? AND tag_value = ?`, [...scopeParams, tag.Key!, tag.Value]);
    }
  }
}

export async function deleteAllTags(ctx: RequestContext, resourceId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM tags WHERE resource_id = ?', [resourceId]);
}
