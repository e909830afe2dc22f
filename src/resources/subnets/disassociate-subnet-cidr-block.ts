/**
 * DisassociateSubnetCidrBlock (addressing.md §4): removes a subnet's IPv6 /64. Refused while the subnet assigns
 * IPv6 addresses on creation (real AWS answer). The answer shows `disassociating`; the association is gone after.
 */
import {
  subnetCidrAssociationMalformed,
  subnetCidrAssociationNotFound,
  subnetIpv6BlockInUse,
} from '../../errors/subnets.js';
import type { Handler } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { toIpv6Association, type SubnetIpv6Row } from './subnet-records.js';

export const disassociateSubnetCidrBlock: Handler<'DisassociateSubnetCidrBlock'> = async (ctx, input) => {
  const id = input.AssociationId;
  if (!isWellFormedId('subnet-cidr-assoc', id)) throw subnetCidrAssociationMalformed(id);
  const block = await ctx.tx.get<SubnetIpv6Row & { assign: number }>(
    `SELECT b.association_id, b.subnet_id, b.vpc_id, b.cidr, b.state, s.assign_ipv6_address_on_creation AS assign
     FROM subnet_ipv6_cidr_blocks b JOIN subnets s ON s.id = b.subnet_id
     WHERE b.association_id = ? AND b.account = ? AND b.region = ?`,
    [id, ctx.account, ctx.region.name],
  );
  if (!block) throw subnetCidrAssociationNotFound(id);
  if (Number(block.assign) === 1) throw subnetIpv6BlockInUse(id);
  await ctx.tx.run('DELETE FROM subnet_ipv6_cidr_blocks WHERE association_id = ?', [id]);
  return { SubnetId: block.subnet_id, Ipv6CidrBlockAssociation: toIpv6Association(block, 'disassociating') };
};
