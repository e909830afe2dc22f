/**
 * DisassociateVpcCidrBlock (addressing.md §1): removes a secondary IPv4 block or an IPv6 block and its `local`
 * routes. The primary block is refused, and so is a block that subnets still use. The answer shows
 * `disassociating`; the association is gone after.
 */
import { primaryCidrNotDisassociable, vpcCidrAssociationNotFound, vpcCidrBlockInUse } from '../../errors/vpcs.js';
import { cidrContains, parseIpv4Cidr } from '../../net/ipv4.js';
import { ipv6CidrContains, parseIpv6Cidr } from '../../net/ipv6.js';
import type { Handler, RequestContext } from '../context.js';
import { removeLocalRoutes } from '../route-tables/main-route-table.js';
import type { CidrBlockRow } from './vpc-records.js';

async function usedBySubnets(ctx: RequestContext, block: CidrBlockRow): Promise<boolean> {
  if (block.family === 'ipv4') {
    const outer = parseIpv4Cidr(block.cidr)!;
    const subnets = await ctx.tx.all<{ cidr_block: string }>(
      `SELECT cidr_block FROM subnets WHERE vpc_id = ? AND cidr_block <> ''`,
      [block.vpc_id],
    );
    return subnets.some((s) => cidrContains(outer, parseIpv4Cidr(s.cidr_block)!));
  }
  const outer = parseIpv6Cidr(block.cidr)!;
  const subnets = await ctx.tx.all<{ cidr: string }>('SELECT cidr FROM subnet_ipv6_cidr_blocks WHERE vpc_id = ?', [block.vpc_id]);
  return subnets.some((s) => ipv6CidrContains(outer, parseIpv6Cidr(s.cidr)!));
}

export const disassociateVpcCidrBlock: Handler<'DisassociateVpcCidrBlock'> = async (ctx, input) => {
  const id = input.AssociationId;
  const block = await ctx.tx.get<CidrBlockRow>(
    'SELECT * FROM vpc_cidr_blocks WHERE association_id = ? AND account = ? AND region = ?',
    [id, ctx.account, ctx.region.name],
  );
  if (!block) throw vpcCidrAssociationNotFound(id);
  if (block.is_primary === 1) throw primaryCidrNotDisassociable(id);
  if (await usedBySubnets(ctx, block)) throw vpcCidrBlockInUse(id);
  await ctx.tx.run('DELETE FROM vpc_cidr_blocks WHERE association_id = ?', [id]);
  await removeLocalRoutes(ctx, block.vpc_id, block.cidr);
  if (block.family === 'ipv4') {
    return {
      VpcId: block.vpc_id,
      CidrBlockAssociation: { AssociationId: id, CidrBlock: block.cidr, CidrBlockState: { State: 'disassociating' } },
    };
  }
  return {
    VpcId: block.vpc_id,
    Ipv6CidrBlockAssociation: {
      AssociationId: id,
      Ipv6CidrBlock: block.cidr,
      Ipv6CidrBlockState: { State: 'disassociating' },
      NetworkBorderGroup: block.network_border_group,
      Ipv6Pool: block.ipv6_pool,
    },
  };
};
