/**
 * CreateNetworkAcl (security.md §2.2): a custom ACL in one of the caller's VPCs, with nothing but the `*` deny
 * rules (so it denies everything until entries are added) and no subnets. 200 per VPC. ClientToken replay is the
 * gateway's; the token is echoed in the answer, as EC2 does when one was given.
 */
import { networkAclLimitExceeded } from '../../errors/network-acls.js';
import { vpcIdMalformed, vpcNotFound } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { isWellFormedId, newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { findVpc } from '../vpcs/vpc-records.js';
import { insertDefaultDenies } from './default-acl.js';
import { findNetworkAcl, networkAclsOf } from './network-acl-records.js';

export const NETWORK_ACLS_PER_VPC = 200;

export const createNetworkAcl: Handler<'CreateNetworkAcl'> = async (ctx, input) => {
  if (!isWellFormedId('vpc', input.VpcId)) throw vpcIdMalformed(input.VpcId);
  const vpc = await findVpc(ctx, input.VpcId);
  if (!vpc) throw vpcNotFound([input.VpcId]);
  const count = await ctx.tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM network_acls WHERE vpc_id = ?', [vpc.id]);
  if (Number(count?.n ?? 0) >= NETWORK_ACLS_PER_VPC) throw networkAclLimitExceeded();

  const aclId = newId('acl');
  await ctx.tx.run('INSERT INTO network_acls (id, account, region, vpc_id, is_default) VALUES (?, ?, ?, ?, 0)', [
    aclId, ctx.account, ctx.region.name, vpc.id,
  ]);
  const ipv6 = await ctx.tx.get(
    `SELECT 1 AS x FROM vpc_cidr_blocks WHERE vpc_id = ? AND family = 'ipv6' AND state = 'associated' LIMIT 1`,
    [vpc.id],
  );
  await insertDefaultDenies(ctx, aclId, ipv6 !== undefined);
  await applyTagSpecifications(ctx, input.TagSpecifications, 'network-acl', aclId);
  const [networkAcl] = await networkAclsOf(ctx, [(await findNetworkAcl(ctx, aclId))!]);
  return { NetworkAcl: networkAcl, ClientToken: input.ClientToken };
};
