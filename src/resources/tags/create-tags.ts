/**
 * CreateTags (network-interfaces.md §4.13): adds or overwrites tags on any of the caller's resources. Tag rules
 * first, then the ids (form, then existence); the 50-tag limit applies to each resource after the change, and a
 * failure on any resource leaves every resource as it was.
 */
import type { Handler } from '../context.js';
import { putTags, validateTags } from './tag-store.js';
import { resolveTaggableResources } from './taggable-resources.js';

export const createTags: Handler<'CreateTags'> = async (ctx, input) => {
  validateTags(input.Tags);
  const resources = await resolveTaggableResources(ctx, input.Resources);
  for (const resource of resources) await putTags(ctx, resource.id, resource.resourceType, input.Tags);
};
