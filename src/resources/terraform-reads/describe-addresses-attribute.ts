/**
 * DescribeAddressesAttribute (`Attribute=domain-name`): the reverse DNS (PTR) records of the caller's Elastic
 * IPs, from the addresses the Elastic IP work provides (address-lookup.ts). Unknown allocation ids fail the call
 * with InvalidAllocationID.NotFound; addresses without a PTR record are not listed. Terraform's aws_eip reads
 * `ptrRecord` from it (ACTIONS.md); an empty set means "no PTR record".
 */
import { allocationIdMalformed, allocationsNotFound, invalidAddressAttribute } from '../../errors/terraform-reads.js';
import type { AddressAttribute } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { pageInMemory } from '../common/catalog-pages.js';
import { pageSize } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { findAddresses } from './address-lookup.js';

const ATTRIBUTES = ['domain-name'];

export const describeAddressesAttribute: Handler<'DescribeAddressesAttribute'> = async (ctx, input) => {
  if (input.Attribute !== undefined && !ATTRIBUTES.includes(input.Attribute)) {
    throw invalidAddressAttribute(input.Attribute);
  }
  const limit = pageSize('DescribeAddressesAttribute', input.MaxResults);
  const ids = [...new Set(input.AllocationIds ?? [])];
  const malformed = ids.find((id) => !isWellFormedId('eipalloc', id));
  if (malformed !== undefined) throw allocationIdMalformed(malformed);

  const addresses = await findAddresses(ctx, ids.length > 0 ? ids : undefined);
  if (ids.length > 0) {
    const known = new Set(addresses.map((a) => a.allocationId));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw allocationsNotFound(missing);
  }
  const items: AddressAttribute[] = addresses
    .filter((a) => (ids.length === 0 || ids.includes(a.allocationId)) && a.ptrRecord !== undefined)
    .map((a) => ({ PublicIp: a.publicIp, AllocationId: a.allocationId, PtrRecord: a.ptrRecord }));
  const page = pageInMemory(items, (a) => a.AllocationId!, limit, input.NextToken);
  return { Addresses: page.items, NextToken: page.nextToken };
};
