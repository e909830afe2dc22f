/**
 * DeleteTags: removes tags from any of the caller's resources (value semantics in tag-store.ts removeTags).
 * Deleting a tag a resource does not have is not an error.
 */
import type { Handler } from '../context.js';
import { removeTags, validateTagKey } from './tag-store.js';
import { resolveTaggableResources } from './taggable-resources.js';

export const deleteTags: Handler<'DeleteTags'> = async (ctx, input) => {
  for (const tag of input.Tags ?? []) validateTagKey(tag.Key ?? '');
  const resources = await resolveTaggableResources(ctx, input.Resources);
  await removeTags(ctx, resources.map((r) => r.id), input.Tags);
};
