/**
 * AssociateAddress (addressing.md §5.2): maps an Elastic IP onto a private IPv4 of an ENI, named directly (with an
 * optional PrivateIpAddress) or as an instance's only ENI. The ENI's VPC needs an attached internet gateway. An
 * EIP already mapped elsewhere moves (unless AllowReassociation is false, or omitted on a server configured to
 * refuse); one already mapped to this very address is left as it is (idempotent). Whatever public address the
 * target had - an auto-assigned one or another EIP - gives way.
 */
import {
  bothAssociationTargets,
  gatewayNotAttached,
  interfaceDeniesInternetTraffic,
  missingAssociationTarget,
  resourceAlreadyAssociated,
} from '../../errors/addresses.js';
import type { Handler, RequestContext } from '../context.js';
import { afterElasticIpLeft, clearMapping, mapElasticIp } from './address-mappings.js';
import { mappingOf, resolveElasticIp } from './address-records.js';
import { reassociationDefault } from './address-settings.js';
import { instanceTarget, interfaceTarget } from './association-targets.js';

async function hasAttachedGateway(ctx: RequestContext, vpcId: string): Promise<boolean> {
  const gateway = await ctx.tx.get(
    `SELECT 1 AS x FROM internet_gateways WHERE vpc_id = ? AND account = ? AND region = ? LIMIT 1`,
    [vpcId, ctx.account, ctx.region.name],
  );
  return gateway !== undefined;
}

export const associateAddress: Handler<'AssociateAddress'> = async (ctx, input) => {
  if (input.InstanceId !== undefined && input.NetworkInterfaceId !== undefined) throw bothAssociationTargets();
  if (input.InstanceId === undefined && input.NetworkInterfaceId === undefined) throw missingAssociationTarget();
  const eip = await resolveElasticIp(ctx, input.AllocationId, input.PublicIp);
  const target =
    input.NetworkInterfaceId !== undefined
      ? await interfaceTarget(ctx, input.NetworkInterfaceId, input.PrivateIpAddress)
      : await instanceTarget(ctx, input.InstanceId!, input.PrivateIpAddress);
  if (target.eni.deny_all_igw_traffic === 1) throw interfaceDeniesInternetTraffic(target.eni.id);
  if (!(await hasAttachedGateway(ctx, target.eni.vpc_id))) throw gatewayNotAttached(target.eni.vpc_id);

  const current = await mappingOf(ctx, eip.id);
  if (current) {
    const same = current.subnet_id === target.address.subnet_id && Number(current.address) === Number(target.address.address);
    if (same) return { AssociationId: current.association_id };
    if (!(input.AllowReassociation ?? reassociationDefault())) {
      throw resourceAlreadyAssociated(eip.id, current.association_id);
    }
    await clearMapping(ctx, current);
  }
  const associationId = await mapElasticIp(ctx, eip, target.address);
  // The place the EIP left may get an auto-assigned address back, judged once the EIP sits at its new place (a
  // secondary address of the same ENI holding it rules that out, §6).
  if (current) await afterElasticIpLeft(ctx, current);
  return { AssociationId: associationId };
};
