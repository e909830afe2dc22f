/** Reading VPC rows and turning them into the model's Vpc shape. */
import type { Tag, Vpc } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { vpcIdMalformed, vpcNotFound } from '../../errors/vpcs.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';

export interface VpcRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  cidr_block: string;
  state: string;
  dhcp_options_id: string;
  instance_tenancy: string;
  is_default: number;
  enable_dns_support: number;
  enable_dns_hostnames: number;
  enable_nau_metrics: number;
}

export interface CidrBlockRow {
  association_id: string;
  vpc_id: string;
  family: 'ipv4' | 'ipv6';
  cidr: string;
  state: string;
  is_primary: number;
  ipv6_pool: string;
  network_border_group: string;
}

export async function findVpc(ctx: RequestContext, vpcId: string): Promise<VpcRow | undefined> {
  return ctx.tx.get<VpcRow>('SELECT * FROM vpcs WHERE id = ? AND account = ? AND region = ?', [
    vpcId, ctx.account, ctx.region.name,
  ]);
}

/** The caller's VPC `vpcId`, or the error AWS gives for a malformed or unknown id. */
export async function requireVpc(ctx: RequestContext, vpcId: string): Promise<VpcRow> {
  if (!isWellFormedId('vpc', vpcId)) throw vpcIdMalformed(vpcId);
  const vpc = await findVpc(ctx, vpcId);
  if (!vpc) throw vpcNotFound([vpcId]);
  return vpc;
}

export async function cidrBlocksOf(ctx: RequestContext, vpcIds: string[]): Promise<Map<string, CidrBlockRow[]>> {
  const result = new Map<string, CidrBlockRow[]>(vpcIds.map((id) => [id, []]));
  if (vpcIds.length === 0) return result;
  const rows = await ctx.tx.all<CidrBlockRow>(
    `SELECT * FROM vpc_cidr_blocks WHERE vpc_id IN (${placeholders(vpcIds)}) ORDER BY seq`,
    vpcIds,
  );
  for (const row of rows) result.get(row.vpc_id)?.push(row);
  return result;
}

export function toVpc(row: VpcRow, blocks: CidrBlockRow[], tags: Tag[]): Vpc {
  const ipv6 = blocks.filter((b) => b.family === 'ipv6');
  return {
    VpcId: row.id,
    OwnerId: row.account,
    State: row.state as Vpc['State'],
    CidrBlock: row.cidr_block,
    CidrBlockAssociationSet: blocks
      .filter((b) => b.family === 'ipv4')
      .map((b) => ({ AssociationId: b.association_id, CidrBlock: b.cidr, CidrBlockState: { State: b.state as 'associated' } })),
    Ipv6CidrBlockAssociationSet: ipv6.length
      ? ipv6.map((b) => ({
          AssociationId: b.association_id,
          Ipv6CidrBlock: b.cidr,
          Ipv6CidrBlockState: { State: b.state as 'associated' },
          NetworkBorderGroup: b.network_border_group,
          Ipv6Pool: b.ipv6_pool,
        }))
      : undefined,
    DhcpOptionsId: row.dhcp_options_id,
    InstanceTenancy: row.instance_tenancy as Vpc['InstanceTenancy'],
    IsDefault: row.is_default === 1,
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    Tags: tags,
  };
}
