/**
 * DescribeInstanceCreditSpecifications (instances.md §6.6; API reference): with `InstanceId.N`, the credit
 * option of each named instance (a non-burstable type reports `standard`); without, the instances whose option is
 * `unlimited`. Unknown ids fail the call with InvalidInstanceID.NotFound. Terraform reads `cpuCredits` for every
 * burstable instance (t2 → `standard`, t3/t3a/t4g → `unlimited` unless the launch chose otherwise).
 */
import { idsWithMaxResults } from '../../errors/protocol.js';
import { instanceIdMalformed, instancesNotFound } from '../../errors/terraform-reads.js';
import type { InstanceCreditSpecification } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { compileCatalogFilters, type CatalogFilterTable } from '../common/catalog-filters.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { pageSize } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { defaultCpuCredits } from '../instance-types/catalog.js';
import { allInstanceRows, findInstanceRows, type InstanceRow } from '../instances/instance-records.js';

const FILTERS: CatalogFilterTable<InstanceCreditSpecification> = {
  'instance-id': (s) => s.InstanceId,
};

/** The launch's choice (or a later one), else the type's default. */
const creditsOf = (instance: InstanceRow): InstanceCreditSpecification => ({
  InstanceId: instance.id,
  CpuCredits: instance.cpu_credits || defaultCpuCredits(instance.instance_type),
});

export const describeInstanceCreditSpecifications: Handler<'DescribeInstanceCreditSpecifications'> = async (
  ctx,
  input,
) => {
  const ids = [...new Set(input.InstanceIds ?? [])];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('instancesSet');
  const limit = pageSize('DescribeInstanceCreditSpecifications', input.MaxResults);
  const matches = compileCatalogFilters(FILTERS, input.Filters);
  const malformed = ids.find((id) => !isWellFormedId('i', id));
  if (malformed !== undefined) throw instanceIdMalformed(malformed);

  let specifications: InstanceCreditSpecification[];
  if (ids.length > 0) {
    const found = await findInstanceRows(ctx, ids);
    const known = new Set(found.map((i) => i.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw instancesNotFound(missing);
    specifications = found.map(creditsOf);
  } else {
    specifications = (await allInstanceRows(ctx)).map(creditsOf).filter((s) => s.CpuCredits === 'unlimited');
  }
  const page = pageInMemory(specifications.filter(matches), (s) => s.InstanceId!, limit, input.NextToken);
  return { InstanceCreditSpecifications: page.items, NextToken: page.nextToken };
};
