/**
 * Per-ENI address limits (addressing.md §7, network-interfaces.md §4.9/§4.11). They come from the instance type of
 * the instance the ENI is attached to (the type catalogue's Ipv4AddressesPerInterface and
 * Ipv6AddressesPerInterface), so an unattached ENI has none: addressLimits answers "no limit" for it.
 * AttachNetworkInterface and RunInstances check an ENI's addressUsage against the target type themselves.
 */
import { ipv6AddressLimitExceeded, privateAddressLimitExceeded } from '../../errors/network-interfaces.js';
import type { RequestContext } from '../context.js';
import { instanceTypeLimits } from '../instance-types/catalog.js';

export interface AddressLimits {
  /** Private IPv4 addresses per interface, the primary included; each /28 prefix counts as one. */
  ipv4?: number;
  /** IPv6 addresses per interface; each /80 prefix counts as one. */
  ipv6?: number;
}

export interface LimitedEni {
  id: string;
  instance_id: string;
}

export async function addressLimits(ctx: RequestContext, eni: LimitedEni): Promise<AddressLimits> {
  if (eni.instance_id === '') return {};
  const instance = await ctx.tx.get<{ instance_type: string }>(
    'SELECT instance_type FROM instances WHERE id = ? AND account = ? AND region = ?',
    [eni.instance_id, ctx.account, ctx.region.name],
  );
  const limits = instance ? instanceTypeLimits(instance.instance_type) : undefined;
  if (!limits) return {};
  return { ipv4: limits.ipv4AddressesPerInterface, ipv6: limits.ipv6AddressesPerInterface };
}

/** How many addresses count against the limits now: IPv4 addresses + /28s, IPv6 addresses + /80s. */
export async function addressUsage(ctx: RequestContext, eniId: string): Promise<{ ipv4: number; ipv6: number }> {
  const row = await ctx.tx.get<{ ipv4: number; ipv6: number; prefixes4: number; prefixes6: number }>(
    `SELECT (SELECT COUNT(*) FROM eni_private_ipv4 WHERE eni_id = ? AND in_prefix = 0) AS ipv4,
            (SELECT COUNT(*) FROM eni_ipv6 WHERE eni_id = ?) AS ipv6,
            (SELECT COUNT(*) FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv4') AS prefixes4,
            (SELECT COUNT(*) FROM eni_prefixes WHERE eni_id = ? AND family = 'ipv6') AS prefixes6`,
    [eniId, eniId, eniId, eniId],
  );
  return {
    ipv4: Number(row?.ipv4 ?? 0) + Number(row?.prefixes4 ?? 0),
    ipv6: Number(row?.ipv6 ?? 0) + Number(row?.prefixes6 ?? 0),
  };
}

/** Refuses adding `ipv4` / `ipv6` more addresses (or prefixes) beyond the attached instance type's limits. */
export async function checkAddressLimits(
  ctx: RequestContext,
  eni: LimitedEni,
  add: { ipv4: number; ipv6: number },
): Promise<void> {
  const limits = await addressLimits(ctx, eni);
  if (limits.ipv4 === undefined && limits.ipv6 === undefined) return;
  const usage = await addressUsage(ctx, eni.id);
  if (limits.ipv4 !== undefined && usage.ipv4 + add.ipv4 > limits.ipv4) throw privateAddressLimitExceeded();
  if (limits.ipv6 !== undefined && usage.ipv6 + add.ipv6 > limits.ipv6) throw ipv6AddressLimitExceeded();
}
