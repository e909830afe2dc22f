/**
 * Reading instance rows: by id with AWS's id errors, scoped to the caller, terminated instances hidden once their
 * hour is over (instance-states.ts). Writes purge those expired rows of the caller (purgeExpiredInstances).
 */
import { instanceIdMalformed, instancesNotFound } from '../../errors/instances.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';
import { visibilityCutoff } from './instance-states.js';

export interface InstanceRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  reservation_id: string;
  image_id: string;
  instance_type: string;
  state: string;
  state_reason_code: string;
  state_reason_message: string;
  transition_reason: string;
  subnet_id: string;
  vpc_id: string;
  availability_zone: string;
  availability_zone_id: string;
  launch_index: number;
  launch_time: string;
  client_token: string;
  architecture: string;
  platform: string;
  platform_details: string;
  usage_operation: string;
  root_device_name: string;
  boot_mode: string;
  current_boot_mode: string;
  key_name: string;
  user_data: string;
  disable_api_termination: number;
  disable_api_stop: number;
  shutdown_behavior: string;
  ebs_optimized: number;
  monitoring_state: string;
  cpu_credits: string;
  tenancy: string;
  ena_support: number;
  sriov_net_support: string;
  metadata_http_tokens: string;
  metadata_hop_limit: number;
  metadata_http_endpoint: string;
  metadata_http_ipv6: string;
  metadata_tags: string;
  hibernation_configured: number;
  enclave_enabled: number;
  hostname_type: string;
  dns_a_record: number;
  dns_aaaa_record: number;
  cpu_core_count: number;
  cpu_threads_per_core: number;
  eni_count: number;
  terminated_at: string;
  created_at: string;
}

/** SQL that keeps the instances of alias `a` still visible; bind visibilityCutoff(now). */
export const visibleSql = (a: string) => `(${a}.terminated_at = '' OR ${a}.terminated_at > ?)`;

export function checkInstanceIdForm(id: string): void {
  if (!isWellFormedId('i', id)) throw instanceIdMalformed(id);
}

/** The caller's visible instances among `ids` (unknown ids are missing from the answer), in seq order. */
export async function findInstanceRows(ctx: RequestContext, ids: readonly string[]): Promise<InstanceRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return ctx.tx.all<InstanceRow>(
    `SELECT * FROM instances i WHERE i.id IN (${placeholders(unique)}) AND i.account = ? AND i.region = ?
       AND ${visibleSql('i')} ORDER BY i.seq`,
    [...unique, ctx.account, ctx.region.name, visibilityCutoff(ctx.now)],
  );
}

/** Every visible instance of the caller, in seq order (DescribeInstanceCreditSpecifications without ids). */
export async function allInstanceRows(ctx: RequestContext): Promise<InstanceRow[]> {
  return ctx.tx.all<InstanceRow>(
    `SELECT * FROM instances i WHERE i.account = ? AND i.region = ? AND ${visibleSql('i')} ORDER BY i.seq`,
    [ctx.account, ctx.region.name, visibilityCutoff(ctx.now)],
  );
}

/**
 * The caller's instances `ids`, in the order asked (duplicates once): every id's form first
 * (InvalidInstanceID.Malformed), then InvalidInstanceID.NotFound naming every one that does not exist.
 */
export async function requireInstances(ctx: RequestContext, ids: readonly string[]): Promise<InstanceRow[]> {
  const unique = [...new Set(ids)];
  for (const id of unique) checkInstanceIdForm(id);
  const rows = await findInstanceRows(ctx, unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) throw instancesNotFound(missing);
  return unique.map((id) => byId.get(id)!);
}

export async function requireInstance(ctx: RequestContext, id: string): Promise<InstanceRow> {
  return (await requireInstances(ctx, [id]))[0]!;
}

/**
 * Forgets the caller's instances whose hour as `terminated` is over, with their tags. The partial index on
 * terminated_at finds them without walking the caller's instances.
 */
export async function purgeExpiredInstances(ctx: RequestContext): Promise<void> {
  const scope = [ctx.account, ctx.region.name, visibilityCutoff(ctx.now)];
  const expired = `SELECT id FROM instances WHERE account = ? AND region = ? AND terminated_at <> '' AND terminated_at <= ?`;
  await ctx.tx.run(`DELETE FROM tags WHERE resource_id IN (${expired})`, scope);
  await ctx.tx.run(
    `DELETE FROM instances WHERE account = ? AND region = ? AND terminated_at <> '' AND terminated_at <= ?`,
    scope,
  );
}
