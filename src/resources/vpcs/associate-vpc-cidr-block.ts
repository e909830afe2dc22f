/**
 * AssociateVpcCidrBlock (addressing.md §1, §4): a secondary IPv4 block, or an Amazon-provided IPv6 /56. Either
 * way every route table of the VPC gets a `local` route for it; a first IPv6 block also opens the default security
 * group (::/0 egress) and the default network ACL (rule 101). The answer shows the association `associating`.
 */
import { missingParameter } from '../../errors/protocol.js';
import {
  cidrConflict,
  cidrContainsRoute,
  cidrLimitExceeded,
  invalidNetworkBorderGroup,
  ipamPoolNotFound,
  ipv6PoolNotFound,
  restrictedCidr,
  severalVpcCidrKinds,
  vpcCidrMissingForAssociation,
} from '../../errors/vpcs.js';
import { cidrsOverlap, formatIpv4Cidr, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import type { AssociateVpcCidrBlockResult } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { addDefaultAclIpv6Rules, addIpv6DefaultDenies } from '../network-acls/default-acl.js';
import { addLocalRoutes } from '../route-tables/main-route-table.js';
import { addDefaultGroupIpv6Egress } from '../security-groups/default-group.js';
import { insertAmazonIpv6Block, insertIpv4Block } from './provision-vpc.js';
import { isRestrictedSecondary, swallowedRoute } from './secondary-cidr-rules.js';
import { parseVpcCidr } from './vpc-cidr-rules.js';
import { cidrBlocksOf, requireVpc, type VpcRow } from './vpc-records.js';

/** Default quotas: IPv4 blocks per VPC including the primary, and IPv6 blocks per VPC. */
export const IPV4_BLOCKS_PER_VPC = 5;
export const IPV6_BLOCKS_PER_VPC = 5;

async function associateIpv4(ctx: RequestContext, vpc: VpcRow, cidr: Ipv4Cidr, text: string): Promise<AssociateVpcCidrBlockResult> {
  const blocks = (await cidrBlocksOf(ctx, [vpc.id])).get(vpc.id)!.filter((b) => b.family === 'ipv4');
  const existing = blocks.map((b) => parseIpv4Cidr(b.cidr)!);
  const primary = parseIpv4Cidr(vpc.cidr_block)!;
  if (isRestrictedSecondary(cidr, primary, existing)) throw restrictedCidr(text);
  if (existing.some((b) => cidrsOverlap(b, cidr))) throw cidrConflict(text, vpc.id);
  const routes = await ctx.tx.all<{ route_table_id: string; destination: string }>(
    `SELECT r.route_table_id, r.destination FROM route_tables t JOIN routes r ON r.route_table_id = t.id
     WHERE t.vpc_id = ? AND r.family = 'ipv4' AND r.gateway_id <> 'local'`,
    [vpc.id],
  );
  const swallowed = swallowedRoute(cidr, routes.map((r) => ({ ...r, destination: parseIpv4Cidr(r.destination)! })));
  if (swallowed) throw cidrContainsRoute(text, swallowed.route_table_id, formatIpv4Cidr(swallowed.destination));
  if (blocks.length >= IPV4_BLOCKS_PER_VPC) throw cidrLimitExceeded(vpc.id, IPV4_BLOCKS_PER_VPC);

  const canonical = formatIpv4Cidr(cidr);
  const associationId = await insertIpv4Block(ctx, vpc.id, canonical, false);
  await addLocalRoutes(ctx, vpc.id, canonical, 'ipv4');
  return {
    VpcId: vpc.id,
    CidrBlockAssociation: { AssociationId: associationId, CidrBlock: canonical, CidrBlockState: { State: 'associating' } },
  };
}

async function associateAmazonIpv6(ctx: RequestContext, vpc: VpcRow): Promise<AssociateVpcCidrBlockResult> {
  const blocks = (await cidrBlocksOf(ctx, [vpc.id])).get(vpc.id)!.filter((b) => b.family === 'ipv6');
  if (blocks.length >= IPV6_BLOCKS_PER_VPC) throw cidrLimitExceeded(vpc.id, IPV6_BLOCKS_PER_VPC);
  const cidr = await insertAmazonIpv6Block(ctx, vpc.id);
  const row = (await ctx.tx.get<{ association_id: string; network_border_group: string; ipv6_pool: string }>(
    `SELECT association_id, network_border_group, ipv6_pool FROM vpc_cidr_blocks WHERE cidr = ? AND family = 'ipv6'`,
    [cidr],
  ))!;
  await addLocalRoutes(ctx, vpc.id, cidr, 'ipv6');
  await addDefaultGroupIpv6Egress(ctx, vpc.id);
  const acl = await ctx.tx.get<{ id: string }>('SELECT id FROM network_acls WHERE vpc_id = ? AND is_default = 1', [vpc.id]);
  if (acl) await addDefaultAclIpv6Rules(ctx, acl.id);
  await addIpv6DefaultDenies(ctx, vpc.id);
  return {
    VpcId: vpc.id,
    Ipv6CidrBlockAssociation: {
      AssociationId: row.association_id,
      Ipv6CidrBlock: cidr,
      Ipv6CidrBlockState: { State: 'associating' },
      NetworkBorderGroup: row.network_border_group,
      Ipv6Pool: row.ipv6_pool,
    },
  };
}

export const associateVpcCidrBlock: Handler<'AssociateVpcCidrBlock'> = async (ctx, input) => {
  const kinds = [
    input.CidrBlock !== undefined,
    input.Ipv4IpamPoolId !== undefined,
    input.AmazonProvidedIpv6CidrBlock === true,
    input.Ipv6Pool !== undefined || input.Ipv6CidrBlock !== undefined,
    input.Ipv6IpamPoolId !== undefined,
  ].filter(Boolean).length;
  if (kinds === 0) throw vpcCidrMissingForAssociation();
  if (kinds > 1) throw severalVpcCidrKinds();
  // vpclite has no IPAM and no BYOIP pools: naming one is naming something that does not exist.
  if (input.Ipv4IpamPoolId !== undefined) throw ipamPoolNotFound(input.Ipv4IpamPoolId);
  if (input.Ipv6IpamPoolId !== undefined) throw ipamPoolNotFound(input.Ipv6IpamPoolId);
  if (input.Ipv6CidrBlock !== undefined && input.Ipv6Pool === undefined) throw missingParameter('ipv6Pool');
  if (input.Ipv6Pool !== undefined) throw ipv6PoolNotFound(input.Ipv6Pool);
  const group = input.Ipv6CidrBlockNetworkBorderGroup;
  if (group !== undefined && group !== ctx.region.name) throw invalidNetworkBorderGroup(group);
  const ipv4 = input.CidrBlock === undefined ? undefined : parseVpcCidr(input.CidrBlock);

  const vpc = await requireVpc(ctx, input.VpcId);
  return ipv4 ? associateIpv4(ctx, vpc, ipv4, input.CidrBlock!) : associateAmazonIpv6(ctx, vpc);
};
