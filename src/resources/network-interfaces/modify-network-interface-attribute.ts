/**
 * ModifyNetworkInterfaceAttribute (network-interfaces.md §4.5): exactly one attribute family per call; groups
 * replace the whole set; the attachment family needs the ENI's current attachment id; service-managed ENIs are
 * read-only.
 */
import {
  attachmentNotFound,
  multipleAttributes,
  noAttributes,
  noPrimaryIpv6Candidate,
  requesterManagedNotModifiable,
} from '../../errors/network-interfaces.js';
import { missingParameter } from '../../errors/protocol.js';
import type { ModifyNetworkInterfaceAttributeRequest } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { readTracking } from './connection-tracking.js';
import { resolveGroups, setGroups } from './eni-groups.js';
import { requireEni, type EniRow } from './eni-records.js';
import { requireAssociatedSubnets } from './associated-subnets.js';

type Input = ModifyNetworkInterfaceAttributeRequest;

/** The attribute families of the request, by their wire names. */
function familiesOf(input: Input): string[] {
  const present: [string, boolean][] = [
    ['associatePublicIpAddress', input.AssociatePublicIpAddress !== undefined],
    ['associatedSubnetIds', (input.AssociatedSubnetIds ?? []).length > 0],
    ['attachment', input.Attachment !== undefined],
    ['connectionTrackingSpecification', input.ConnectionTrackingSpecification !== undefined],
    ['description', input.Description !== undefined],
    ['enaSrdSpecification', input.EnaSrdSpecification !== undefined],
    ['enablePrimaryIpv6', input.EnablePrimaryIpv6 !== undefined],
    ['groupSet', (input.Groups ?? []).length > 0],
    ['sourceDestCheck', input.SourceDestCheck !== undefined],
  ];
  return present.filter(([, on]) => on).map(([name]) => name);
}

async function update(ctx: RequestContext, eniId: string, assignments: string, params: (string | number)[]): Promise<void> {
  await ctx.tx.run(`UPDATE network_interfaces SET ${assignments} WHERE id = ?`, [...params, eniId]);
}

async function modifyAttachment(ctx: RequestContext, eni: EniRow, input: Input): Promise<void> {
  const change = input.Attachment!;
  if (change.AttachmentId === undefined) throw missingParameter('Attachment.AttachmentId');
  if (eni.attachment_id === '' || eni.attachment_id !== change.AttachmentId) throw attachmentNotFound(change.AttachmentId);
  if (change.DeleteOnTermination !== undefined) {
    await update(ctx, eni.id, 'delete_on_termination = ?', [change.DeleteOnTermination ? 1 : 0]);
  }
  if (change.DefaultEnaQueueCount === true) await update(ctx, eni.id, 'ena_queue_count = 0', []);
  else if (change.EnaQueueCount !== undefined) await update(ctx, eni.id, 'ena_queue_count = ?', [change.EnaQueueCount]);
}

/** Marks the ENI's first IPv6 address primary, unless one already is. */
async function enablePrimaryIpv6(ctx: RequestContext, eni: EniRow): Promise<void> {
  const rows = await ctx.tx.all<{ seq: number; is_primary: number }>(
    'SELECT seq, is_primary FROM eni_ipv6 WHERE eni_id = ? ORDER BY seq',
    [eni.id],
  );
  if (rows.some((r) => r.is_primary === 1)) return;
  if (rows.length === 0) throw noPrimaryIpv6Candidate(eni.id);
  await ctx.tx.run('UPDATE eni_ipv6 SET is_primary = 1 WHERE seq = ?', [rows[0]!.seq]);
}

export const modifyNetworkInterfaceAttribute: Handler<'ModifyNetworkInterfaceAttribute'> = async (ctx, input) => {
  const families = familiesOf(input);
  if (families.length === 0) throw noAttributes();
  if (families.length > 1) throw multipleAttributes(families);
  const tracking = readTracking(input.ConnectionTrackingSpecification);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (eni.requester_managed === 1) throw requesterManagedNotModifiable(eni.id);
  switch (families[0]) {
    case 'description':
      await update(ctx, eni.id, 'description = ?', [input.Description!.Value ?? '']);
      break;
    case 'sourceDestCheck':
      if (input.SourceDestCheck!.Value === undefined) throw missingParameter('SourceDestCheck.Value');
      await update(ctx, eni.id, 'source_dest_check = ?', [input.SourceDestCheck!.Value ? 1 : 0]);
      break;
    case 'groupSet':
      await setGroups(ctx, eni.id, await resolveGroups(ctx, input.Groups, eni.vpc_id));
      break;
    case 'attachment':
      await modifyAttachment(ctx, eni, input);
      break;
    case 'associatePublicIpAddress':
      // Recorded on the ENI; the public address itself follows it when the ENI is (or becomes) an eth0.
      await update(ctx, eni.id, 'associate_public_ip = ?', [input.AssociatePublicIpAddress ? 1 : 0]);
      break;
    case 'enablePrimaryIpv6':
      if (input.EnablePrimaryIpv6) await enablePrimaryIpv6(ctx, eni);
      break;
    case 'enaSrdSpecification': {
      const srd = input.EnaSrdSpecification!;
      await update(ctx, eni.id, 'ena_srd_enabled = ?, ena_srd_udp_enabled = ?', [
        srd.EnaSrdEnabled ? 1 : 0,
        srd.EnaSrdEnabled && srd.EnaSrdUdpSpecification?.EnaSrdUdpEnabled ? 1 : 0,
      ]);
      break;
    }
    case 'connectionTrackingSpecification':
      await update(
        ctx,
        eni.id,
        `tcp_established_timeout = CASE WHEN ? > 0 THEN ? ELSE tcp_established_timeout END,
         udp_stream_timeout = CASE WHEN ? > 0 THEN ? ELSE udp_stream_timeout END,
         udp_timeout = CASE WHEN ? > 0 THEN ? ELSE udp_timeout END`,
        [tracking!.tcpEstablished, tracking!.tcpEstablished, tracking!.udpStream, tracking!.udpStream, tracking!.udp, tracking!.udp],
      );
      break;
    case 'associatedSubnetIds': {
      const subnets = await requireAssociatedSubnets(ctx, eni, input.AssociatedSubnetIds!);
      await update(ctx, eni.id, 'associated_subnets = ?', [subnets.join(',')]);
      break;
    }
  }
};
