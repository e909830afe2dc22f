/**
 * Creating a VPC creates more than a VPC (addressing.md §1): its primary CIDR association, optionally an
 * Amazon-provided IPv6 /56, the main route table, the default network ACL and the default security group.
 * CreateVpc and the default VPC of a new account both come through here.
 */
import { formatIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { randomVpcIpv6Block } from '../../net/ipv6-pool.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { createDefaultNetworkAcl } from '../network-acls/default-acl.js';
import { createMainRouteTable } from '../route-tables/main-route-table.js';
import { createDefaultSecurityGroup } from '../security-groups/default-group.js';

export interface VpcSpec {
  cidr: Ipv4Cidr;
  instanceTenancy: string;
  isDefault: boolean;
  amazonProvidedIpv6: boolean;
  dhcpOptionsId: string;
}

/** Inserts an Amazon-provided /56 association for `vpcId`, picking until a free block is found. */
export async function insertAmazonIpv6Block(ctx: RequestContext, vpcId: string): Promise<string> {
  for (;;) {
    const cidr = randomVpcIpv6Block();
    // `family = 'ipv6'` lets the engine use the unique index on IPv6 blocks (they are unique across accounts).
    const taken = await ctx.tx.get(`SELECT 1 AS x FROM vpc_cidr_blocks WHERE cidr = ? AND family = 'ipv6'`, [cidr]);
    if (taken) continue;
    await ctx.tx.run(
      `INSERT INTO vpc_cidr_blocks (association_id, vpc_id, account, region, family, cidr, state, is_primary,
         ipv6_pool, network_border_group) VALUES (?, ?, ?, ?, 'ipv6', ?, 'associated', 0, 'Amazon', ?)`,
      [newId('vpc-cidr-assoc'), vpcId, ctx.account, ctx.region.name, cidr, ctx.region.name],
    );
    return cidr;
  }
}

export async function insertIpv4Block(ctx: RequestContext, vpcId: string, cidr: string, isPrimary: boolean): Promise<string> {
  const associationId = newId('vpc-cidr-assoc');
  await ctx.tx.run(
    `INSERT INTO vpc_cidr_blocks (association_id, vpc_id, account, region, family, cidr, state, is_primary)
     VALUES (?, ?, ?, ?, 'ipv4', ?, 'associated', ?)`,
    [associationId, vpcId, ctx.account, ctx.region.name, cidr, isPrimary ? 1 : 0],
  );
  return associationId;
}

export async function provisionVpc(ctx: RequestContext, spec: VpcSpec): Promise<string> {
  const vpcId = newId('vpc');
  const cidr = formatIpv4Cidr(spec.cidr);
  await ctx.tx.run(
    `INSERT INTO vpcs (id, account, region, cidr_block, state, dhcp_options_id, instance_tenancy, is_default,
       enable_dns_support, enable_dns_hostnames, enable_nau_metrics, created_at)
     VALUES (?, ?, ?, ?, 'available', ?, ?, ?, 1, ?, 0, ?)`,
    [vpcId, ctx.account, ctx.region.name, cidr, spec.dhcpOptionsId, spec.instanceTenancy, spec.isDefault ? 1 : 0,
      spec.isDefault ? 1 : 0, ctx.now.toISOString()],
  );
  await insertIpv4Block(ctx, vpcId, cidr, true);
  const routes: { cidr: string; family: 'ipv4' | 'ipv6' }[] = [{ cidr, family: 'ipv4' }];
  if (spec.amazonProvidedIpv6) routes.push({ cidr: await insertAmazonIpv6Block(ctx, vpcId), family: 'ipv6' });
  await createMainRouteTable(ctx, vpcId, routes);
  await createDefaultNetworkAcl(ctx, vpcId, spec.amazonProvidedIpv6);
  await createDefaultSecurityGroup(ctx, vpcId, spec.amazonProvidedIpv6);
  return vpcId;
}
