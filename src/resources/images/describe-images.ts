/**
 * DescribeImages (instances.md §6.2) over the built-in public images: `ImageId.N` (malformed →
 * InvalidAMIID.Malformed, unknown → InvalidAMIID.NotFound), `Owner.N`, `ExecutableBy.N`, filters (tags are the
 * caller's own, from the tags table), MaxResults / NextToken. `IncludeDeprecated` and `IncludeDisabled` change
 * nothing: no built-in image is deprecated or disabled.
 */
import { imageIdMalformed, imagesNotFound } from '../../errors/images.js';
import { idsWithMaxResults } from '../../errors/protocol.js';
import type { Image, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { compileCatalogFilters } from '../common/catalog-filters.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { pageSize, placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { BUILTIN_IMAGES, findBuiltinImage } from './builtin-images.js';
import { IMAGE_FILTERS } from './image-filters.js';
import { inImageScope, validateImageScope } from './image-scope.js';

const position = new Map(BUILTIN_IMAGES.map((image, i) => [image.ImageId!, i]));

function requestedImages(ids: string[] | undefined): readonly Image[] {
  if (!ids || ids.length === 0) return BUILTIN_IMAGES;
  const unique = [...new Set(ids)];
  const malformed = unique.find((id) => !isWellFormedId('ami', id));
  if (malformed !== undefined) throw imageIdMalformed(malformed);
  const missing = unique.filter((id) => !findBuiltinImage(id));
  if (missing.length > 0) throw imagesNotFound(missing);
  return unique.map((id) => findBuiltinImage(id)!);
}

/** The caller's own tags on public images (tags are per account, as in AWS). */
async function imageTags(ctx: RequestContext, ids: string[]): Promise<Map<string, Tag[]>> {
  const result = new Map<string, Tag[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await ctx.tx.all<{ resource_id: string; tag_key: string; tag_value: string }>(
    `SELECT resource_id, tag_key, tag_value FROM tags
     WHERE account = ? AND region = ? AND resource_id IN (${placeholders(ids)}) ORDER BY tag_key`,
    [ctx.account, ctx.region.name, ...ids],
  );
  for (const row of rows) result.get(row.resource_id)?.push({ Key: row.tag_key, Value: row.tag_value });
  return result;
}

export const describeImages: Handler<'DescribeImages'> = async (ctx, input) => {
  const ids = input.ImageIds ?? [];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('imagesSet');
  const limit = pageSize('DescribeImages', input.MaxResults);
  validateImageScope(input.Owners, input.ExecutableUsers);
  // Filters are checked before ids are looked up; tag values are read once the candidates are known.
  let tags = new Map<string, Tag[]>();
  const tagsOf = (image: Image) => tags.get(image.ImageId!) ?? [];
  const matches = compileCatalogFilters(IMAGE_FILTERS, input.Filters, tagsOf);
  const candidates = requestedImages(input.ImageIds).filter((image) =>
    inImageScope(image, ctx.account, input.Owners, input.ExecutableUsers),
  );
  tags = await imageTags(ctx, candidates.map((image) => image.ImageId!));
  const page = pageInMemory(candidates.filter(matches), (image) => position.get(image.ImageId!)!, limit, input.NextToken);
  return {
    Images: page.items.map((image) => {
      const own = tagsOf(image);
      return own.length > 0 ? { ...image, Tags: own } : image;
    }),
    NextToken: page.nextToken,
  };
};
