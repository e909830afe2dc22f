/**
 * AllocateAddress (addressing.md §5.1): a public address from the configured pool (or the one asked for with
 * `Address`), within the 5-per-region quota, tagged from TagSpecification (`elastic-ip`). `Domain=standard` is
 * accepted and answered as `vpc`, the only domain left. Pools other than Amazon's (BYOIP, customer-owned, IPAM)
 * do not exist here.
 */
import {
  addressNotFound,
  addressPoolExhausted,
  invalidAddressParameter,
  invalidDomain,
  invalidNetworkBorderGroup,
  unsupportedAddressPool,
} from '../../errors/addresses.js';
import { formatIpv4, parseIpv4 } from '../../net/ipv4.js';
import type { Handler, RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { invalidTaggableResourceType } from '../../errors/tags.js';
import type { TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import { allocatePublicIpv4, claimPublicIpv4 } from '../public-ipv4/pool.js';
import { applyTagSpecifications, validateTags } from '../tags/tag-store.js';
import { countNewElasticIp } from './elastic-ip-quota.js';

const DOMAINS = ['vpc', 'standard'];
export const AMAZON_POOL = 'amazon';
export const EIP_RESOURCE_TYPE = 'elastic-ip';

/**
 * The public address of a new Elastic IP: a free one of the Elastic IP range, or the one the caller asked to
 * recover (AllocateAddress `Address`), which must lie in that range and be free (else the caller cannot have it).
 */
async function takeAddress(ctx: RequestContext, requested: number | undefined): Promise<string> {
  if (requested === undefined) {
    const ip = await allocatePublicIpv4(ctx, 'elastic');
    if (ip === undefined) throw addressPoolExhausted();
    return ip;
  }
  if (!(await claimPublicIpv4(ctx, 'elastic', requested))) throw addressNotFound(formatIpv4(requested));
  return formatIpv4(requested);
}

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
  const publicIp = await takeAddress(ctx, requested);
  const allocationId = newId('eipalloc');
  await ctx.tx.run(
    `INSERT INTO elastic_ips (id, account, region, public_ip, address, domain, public_ipv4_pool, network_border_group,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      allocationId, ctx.account, ctx.region.name, publicIp, parseIpv4(publicIp)!, 'vpc', AMAZON_POOL, ctx.region.name,
      ctx.now.toISOString(),
    ],
  );
  await applyTagSpecifications(ctx, input.TagSpecifications, EIP_RESOURCE_TYPE, allocationId);
  return {
    PublicIp: publicIp,
    AllocationId: allocationId,
    PublicIpv4Pool: AMAZON_POOL,
    NetworkBorderGroup: ctx.region.name,
    Domain: 'vpc',
  };
};
