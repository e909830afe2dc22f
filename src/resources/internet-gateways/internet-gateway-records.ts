/** Internet gateway rows and the model's InternetGateway shape. */
import type { InternetGateway, InternetGatewayAttachment, Tag } from '../../protocol/generated/ec2-shapes.js';

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
