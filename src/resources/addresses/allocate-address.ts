/**
 * AllocateAddress (addressing.md §5.1): a public address from the configured pool (or the one asked for with
 * `Address`), within the 5-per-region quota, tagged from TagSpecification (`elastic-ip`). `Domain=standard` is
 * accepted and answered as `vpc`, the only domain left. Pools other than Amazon's (BYOIP, customer-owned, IPAM)
 * do not exist here.
 */
import {
  invalidAddressParameter,
  invalidDomain,
  invalidNetworkBorderGroup,
  unsupportedAddressPool,
} from '../../errors/addresses.js';
import { formatIpv4, parseIpv4 } from '../../net/ipv4.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { invalidTaggableResourceType } from '../../errors/tags.js';
import type { TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import { applyTagSpecifications, validateTags } from '../tags/tag-store.js';
import { countNewElasticIp } from './elastic-ip-quota.js';
import { insertWithPooledAddress, insertWithRequestedAddress, type NewElasticIp } from './public-pool.js';

const DOMAINS = ['vpc', 'standard'];
export const AMAZON_POOL = 'amazon';
export const EIP_RESOURCE_TYPE = 'elastic-ip';

/** Tag specifications are parameters too: refused before the quota is counted. */
function checkTagSpecifications(specs: TagSpecification[] | undefined): void {
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== EIP_RESOURCE_TYPE) throw invalidTaggableResourceType(spec.ResourceType ?? '');
    validateTags(spec.Tags ?? []);
  }
}

export const allocateAddress: Handler<'AllocateAddress'> = async (ctx, input) => {
  if (input.Domain !== undefined && !DOMAINS.includes(input.Domain)) throw invalidDomain(input.Domain);
  if (input.PublicIpv4Pool !== undefined && input.PublicIpv4Pool !== AMAZON_POOL) {
    throw unsupportedAddressPool('PublicIpv4Pool', input.PublicIpv4Pool);
  }
  if (input.CustomerOwnedIpv4Pool !== undefined) throw unsupportedAddressPool('CustomerOwnedIpv4Pool', input.CustomerOwnedIpv4Pool);
  if (input.IpamPoolId !== undefined) throw unsupportedAddressPool('IpamPoolId', input.IpamPoolId);
  if (input.NetworkBorderGroup !== undefined && input.NetworkBorderGroup !== ctx.region.name) {
    throw invalidNetworkBorderGroup(input.NetworkBorderGroup);
  }
  const requested = input.Address === undefined ? undefined : parseIpv4(input.Address);
  if (input.Address !== undefined && requested === undefined) throw invalidAddressParameter(input.Address);
  checkTagSpecifications(input.TagSpecifications);

  await countNewElasticIp(ctx);
  const spec: NewElasticIp = {
    allocationId: newId('eipalloc'),
    domain: 'vpc',
    publicIpv4Pool: AMAZON_POOL,
    networkBorderGroup: ctx.region.name,
  };
  let address: number;
  if (requested === undefined) {
    address = await insertWithPooledAddress(ctx, spec);
  } else {
    await insertWithRequestedAddress(ctx, spec, requested);
    address = requested;
  }
  await applyTagSpecifications(ctx, input.TagSpecifications, EIP_RESOURCE_TYPE, spec.allocationId);
  return {
    PublicIp: formatIpv4(address),
    AllocationId: spec.allocationId,
    PublicIpv4Pool: spec.publicIpv4Pool,
    NetworkBorderGroup: spec.networkBorderGroup,
    Domain: 'vpc',
  };
};
