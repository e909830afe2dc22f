/** Reading network-interface rows: one ENI by id (scoped to the caller), with AWS's id errors. */
import { eniIdMalformed, eniNotFound } from '../../errors/network-interfaces.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';

export interface EniRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  subnet_id: string;
  vpc_id: string;
  availability_zone: string;
  availability_zone_id: string;
  description: string;
  interface_type: string;
  mac_address: string;
  status: string;
  source_dest_check: number;
  requester_managed: number;
  requester_id: string;
  private_dns_name: string;
  associate_public_ip: number;
  ipv6_native: number;
  deny_all_igw_traffic: number;
  operator_principal: string;
  tcp_established_timeout: number;
  udp_stream_timeout: number;
  udp_timeout: number;
  associated_subnets: string;
  attachment_id: string;
  instance_id: string;
  instance_owner_id: string;
  device_index: number;
  network_card_index: number;
  attachment_status: string;
  delete_on_termination: number;
  attach_time: string;
  ena_queue_count: number;
  ena_srd_enabled: number;
  ena_srd_udp_enabled: number;
  created_at: string;
}

export const isAttached = (eni: Pick<EniRow, 'attachment_id'>): boolean => eni.attachment_id !== '';

export async function findEni(ctx: RequestContext, eniId: string): Promise<EniRow | undefined> {
  return ctx.tx.get<EniRow>('SELECT * FROM network_interfaces WHERE id = ? AND account = ? AND region = ?', [
    eniId, ctx.account, ctx.region.name,
  ]);
}

export function checkEniIdForm(eniId: string): void {
  if (!isWellFormedId('eni', eniId)) throw eniIdMalformed(eniId);
}

/** The caller's ENI `eniId`: InvalidNetworkInterfaceId.Malformed / InvalidNetworkInterfaceID.NotFound otherwise. */
export async function requireEni(ctx: RequestContext, eniId: string): Promise<EniRow> {
  checkEniIdForm(eniId);
  const eni = await findEni(ctx, eniId);
  if (!eni) throw eniNotFound([eniId]);
  return eni;
}
