/**
 * DescribeVolumes over the instances' volumes (instances/volume-records.ts): `VolumeId.N` (malformed →
 * InvalidVolumeID.Malformed, unknown → InvalidVolume.NotFound), filters with tags, MaxResults / NextToken.
 * Terraform's aws_instance reads the root volume by id (ACTIONS.md).
 */
import { idsWithMaxResults, invalidMaxResults } from '../../errors/protocol.js';
import { volumeIdMalformed, volumesNotFound } from '../../errors/volumes.js';
import type { Handler } from '../context.js';
import { compileCatalogFilters } from '../common/catalog-filters.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { isWellFormedId } from '../ids.js';
import { lookupVolumes } from '../instances/volume-records.js';
import { VOLUME_FILTERS } from './volume-filters.js';

/** The API reference: 5 to 500; a larger value returns 500 items rather than failing. */
const MIN_PAGE = 5;
const MAX_PAGE = 500;

export const describeVolumes: Handler<'DescribeVolumes'> = async (ctx, input) => {
  const ids = [...new Set(input.VolumeIds ?? [])];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('volumeSet');
  if (input.MaxResults !== undefined && input.MaxResults < MIN_PAGE) {
    throw invalidMaxResults(input.MaxResults, MIN_PAGE, MAX_PAGE);
  }
  const limit = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const matches = compileCatalogFilters(VOLUME_FILTERS, input.Filters, (v) => v.Tags ?? []);
  const malformed = ids.find((id) => !isWellFormedId('vol', id));
  if (malformed !== undefined) throw volumeIdMalformed(malformed);

  const volumes = await lookupVolumes(ctx, ids.length > 0 ? ids : undefined);
  if (ids.length > 0) {
    const known = new Set(volumes.map((v) => v.VolumeId));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw volumesNotFound(missing);
  }
  const wanted = ids.length > 0 ? volumes.filter((v) => ids.includes(v.VolumeId!)) : volumes;
  const page = pageInMemory(wanted.filter(matches), (v) => v.VolumeId!, limit, input.NextToken);
  return { Volumes: page.items, NextToken: page.nextToken };
};
