/** Internet gateway rows and the model's InternetGateway shape. */
import { internetGatewayIdMalformed, internetGatewayNotFound } from '../../errors/internet-gateways.js';
import type { InternetGateway, InternetGatewayAttachment, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';

export interface InternetGatewayRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  /** The attached VPC, '' when detached. */
  vpc_id: string;
}

/**
 * EC2 reports an attached gateway's attachment as `available`, a value outside the model's AttachmentStatus enum
 * that Terraform waits for (routing-and-traffic.md §2, wire-protocol.md §10); a detached gateway has none.
 */
export const ATTACHED_STATE = 'available';

export function toInternetGateway(row: InternetGatewayRow, tags: Tag[]): InternetGateway {
  const attachments: InternetGatewayAttachment[] = row.vpc_id
    ? [{ VpcId: row.vpc_id, State: ATTACHED_STATE as InternetGatewayAttachment['State'] }]
    : [];
  return { InternetGatewayId: row.id, OwnerId: row.account, Attachments: attachments, Tags: tags };
}

export async function findInternetGateway(ctx: RequestContext, igwId: string): Promise<InternetGatewayRow | undefined> {
  return ctx.tx.get<InternetGatewayRow>('SELECT * FROM internet_gateways WHERE id = ? AND account = ? AND region = ?', [
    igwId, ctx.account, ctx.region.name,
  ]);
}

/** The caller's internet gateway `igwId`, or the error AWS gives for a malformed or unknown id. */
export async function requireInternetGateway(ctx: RequestContext, igwId: string): Promise<InternetGatewayRow> {
  if (!isWellFormedId('igw', igwId)) throw internetGatewayIdMalformed(igwId);
  const row = await findInternetGateway(ctx, igwId);
  if (!row) throw internetGatewayNotFound([igwId]);
  return row;
}

/** The gateway attached to `vpcId`, if any (a VPC has at most one). */
export async function internetGatewayOfVpc(ctx: RequestContext, vpcId: string): Promise<InternetGatewayRow | undefined> {
  return ctx.tx.get<InternetGatewayRow>('SELECT * FROM internet_gateways WHERE vpc_id = ? AND account = ? AND region = ?', [
    vpcId, ctx.account, ctx.region.name,
  ]);
}
