/**
 * DescribeAddressesAttribute (`Attribute=domain-name`): the reverse DNS (PTR) records of the caller's Elastic
 * IPs. Unknown allocation ids fail the call with InvalidAllocationID.NotFound; addresses without a PTR record are
 * not listed, and vpclite does not serve ModifyAddressAttribute, so none has one: the set is always empty.
 * Terraform's aws_eip reads `ptrRecord` from it (ACTIONS.md); an empty set means "no PTR record".
 */
import { allocationIdMalformed, allocationsNotFound, invalidAddressAttribute } from '../../errors/terraform-reads.js';
import type { AddressAttribute } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { pageSize } from '../common/describe.js';
import { findElasticIps } from '../addresses/address-records.js';
import { isWellFormedId } from '../ids.js';

const ATTRIBUTES = ['domain-name'];

export const describeAddressesAttribute: Handler<'DescribeAddressesAttribute'> = async (ctx, input) => {
  if (input.Attribute !== undefined && !ATTRIBUTES.includes(input.Attribute)) {
    throw invalidAddressAttribute(input.Attribute);
  }
  const limit = pageSize('DescribeAddressesAttribute', input.MaxResults);
  const ids = [...new Set(input.AllocationIds ?? [])];
  const malformed = ids.find((id) => !isWellFormedId('eipalloc', id));
  if (malformed !== undefined) throw allocationIdMalformed(malformed);

  if (ids.length > 0) {
    const known = new Set((await findElasticIps(ctx, ids)).map((a) => a.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw allocationsNotFound(missing);
  }
  const items: AddressAttribute[] = [];
  const page = pageInMemory(items, (a) => a.AllocationId!, limit, input.NextToken);
  return { Addresses: page.items, NextToken: page.nextToken };
};
