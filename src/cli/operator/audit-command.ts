/**
 * `vpclite audit`: the findings of audit-checks.ts for one account and region (the caller's, or --account's), or
 * for every account and region the server knows (--all). `--fix` deletes the unattached ENIs and releases the idle
 * Elastic IPs it found, after a confirmation (--yes skips it); `--dry-run` shows those steps and does none.
 * Exit 0 when there is nothing to report (or after a fix), 3 when there are findings.
 */
import { DeleteNetworkInterfaceCommand, DescribeRegionsCommand, ReleaseAddressCommand } from '@aws-sdk/client-ec2';
import type { Command } from 'commander';
import { audit, findingCount, type Findings } from './audit-checks.js';
import { collect } from './audit-collect.js';
import { PUBLIC_IPV4_HOURLY_USD } from './audit-pricing.js';
import { CliError, EXIT, fromClientError } from './cli-error.js';
import { outputOption } from './command-helpers.js';
import { confirm } from './confirm.js';
import { connect, withConnectionOptions, type Connection, type ConnectionOptions } from './connection.js';
import { outputFormat, render, type Section } from './output.js';

interface AuditOptions extends ConnectionOptions {
  output: string;
  account?: string;
  all?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

interface Scope {
  account: string;
  region: string;
}

interface ScopeReport extends Scope {
  findings: Findings;
}

interface FixStep extends Scope {
  action: 'DeleteNetworkInterface' | 'ReleaseAddress';
  id: string;
  outcome?: string;
}

/** The connection for one scope: signed as the scope's account unless the operator named credentials. */
function scopeConnection(options: AuditOptions, scope: Scope): Connection {
  const own = options.accessKey !== undefined || options.profile !== undefined;
  return connect({ ...options, region: scope.region, ...(own ? {} : { accessKey: scope.account }) });
}

async function scopesToAudit(options: AuditOptions): Promise<Scope[]> {
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) {
    throw new CliError(`--account ${options.account} is not an account id`, 'an account id is 12 digits', 'pass --account 123456789012', EXIT.usage);
  }
  const account = options.account ?? options.accessKey ?? '(your credentials)';
  if (!options.all) return [{ account, region: options.region }];
  const conn = connect(options.account ? { ...options, accessKey: options.account } : options);
  try {
    const { scopes } = await conn.admin<{ scopes: Scope[] }>('GET', '/_vpclite/audit/scopes');
    return options.account ? scopes.filter((s) => s.account === options.account) : scopes;
  } catch (error) {
    if (!(error instanceof CliError && /has no route/.test(error.what))) throw error;
    // Not vpclite: one account (the credentials'), every region it offers.
    const regions = await conn.ec2.send(new DescribeRegionsCommand({}));
    return (regions.Regions ?? []).map((r) => ({ account, region: r.RegionName! }));
  } finally {
    conn.close();
  }
}

const withScope = (scope: Scope, rows: (string | number)[][]) => rows.map((r) => [scope.account, scope.region, ...r]);

function sections(reports: ScopeReport[]): Section[] {
  const section = (title: string, columns: string[], pick: (f: Findings) => (string | number)[][]): Section => ({
    title,
    columns: ['Account', 'Region', ...columns],
    rows: reports.flatMap((r) => withScope(r, pick(r.findings))),
  });
  const all = [
    section('Unattached ENIs', ['ENI', 'Subnet', 'Age (h)', 'Public IPv4', 'USD/month'], (f) =>
      f.unattachedEnis.map((e) => [e.networkInterfaceId, e.subnetId, e.ageHours ?? 'unknown', e.publicIps.join(',') || '-', e.monthlyUsd.toFixed(2)])),
    section('Idle Elastic IPs', ['Allocation', 'Public IP', 'USD/hour', 'USD/month'], (f) =>
      f.idleAddresses.map((a) => [a.allocationId, a.publicIp, a.hourlyUsd.toFixed(3), a.monthlyUsd.toFixed(2)])),
    section('Admin ports open to the internet', ['Group', 'Name', 'Rule', 'Source', 'Ports', 'Exposes'], (f) =>
      f.openAdminPorts.map((o) => [o.groupId, o.groupName, o.ruleId, o.cidr, o.ports, o.services.join(', ')])),
    section('Unused security groups', ['Group', 'Name', 'VPC'], (f) => f.unusedGroups.map((g) => [g.groupId, g.groupName, g.vpcId])),
    section('Shadowed rules', ['Group', 'Rule', 'Allows', 'Shadowed by', 'Which allows'], (f) =>
      f.shadowedRules.map((s) => [s.groupId, s.ruleId, s.rule, s.shadowedBy, s.by])),
    section('Subnets above 80% address use', ['Subnet', 'CIDR', 'Used', 'Usable', '%'], (f) =>
      f.fullSubnets.map((s) => [s.subnetId, s.cidr, s.used, s.usable, s.percent])),
    section('Instances at a limit', ['Instance', 'Type', 'Limit reached'], (f) => f.instancesAtLimit.map((i) => [i.instanceId, i.instanceType, i.limit])),
    section('Overlapping VPC CIDRs', ['VPC', 'CIDR', 'Overlaps VPC', 'CIDR'], (f) =>
      f.overlappingCidrs.map((o) => [o.vpcId, o.cidr, o.otherVpcId, o.otherCidr])),
  ];
  const summary: Section = {
    title: 'Audit summary',
    columns: ['Account', 'Region', 'Check', 'Findings'],
    rows: reports.flatMap((r) => all.map((section, i) => [r.account, r.region, section.title, Object.values(r.findings)[i]!.length])),
  };
  return [summary, ...all.filter((s) => s.rows.length > 0)];
}

function fixSteps(reports: ScopeReport[]): FixStep[] {
  return reports.flatMap((r) => [
    // Idle addresses first: an ENI deleted with an Elastic IP on it leaves that address idle, for the next audit.
    ...r.findings.idleAddresses.map((a) => ({ account: r.account, region: r.region, action: 'ReleaseAddress' as const, id: a.allocationId })),
    ...r.findings.unattachedEnis.map((e) => ({ account: r.account, region: r.region, action: 'DeleteNetworkInterface' as const, id: e.networkInterfaceId })),
  ]);
}

async function applyFix(options: AuditOptions, steps: FixStep[]): Promise<void> {
  for (const step of steps) {
    const conn = scopeConnection(options, step);
    try {
      if (step.action === 'ReleaseAddress') await conn.ec2.send(new ReleaseAddressCommand({ AllocationId: step.id }));
      else await conn.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: step.id }));
      step.outcome = 'done';
    } catch (error) {
      const e = fromClientError(error, options.endpoint, `${step.action} ${step.id}`);
      if (e.exitCode === EXIT.unreachable) throw e;
      step.outcome = `failed: ${e.why}`;
    } finally {
      conn.close();
    }
  }
}

async function runAudit(options: AuditOptions): Promise<void> {
  const format = outputFormat(options.output);
  const scopes = await scopesToAudit(options);
  const now = new Date();
  const reports: ScopeReport[] = [];
  for (const scope of scopes) {
    const conn = scopeConnection(options, scope);
    try {
      reports.push({ ...scope, findings: audit(await collect(conn, now)) });
    } catch (error) {
      throw fromClientError(error, options.endpoint, `auditing ${scope.account} in ${scope.region}`);
    } finally {
      conn.close();
    }
  }
  const total = reports.reduce((n, r) => n + findingCount(r.findings), 0);
  const idleIpv4 = reports.reduce((n, r) => n + r.findings.idleAddresses.length + r.findings.unattachedEnis.reduce((m, e) => m + e.publicIps.length, 0), 0);
  const steps = options.fix || options.dryRun ? fixSteps(reports) : [];
  if (options.fix && !options.dryRun && steps.length > 0) {
    const question = `Delete ${steps.filter((s) => s.action === 'DeleteNetworkInterface').length} unattached ENI(s) and release ${steps.filter((s) => s.action === 'ReleaseAddress').length} idle Elastic IP(s)?`;
    if (!options.yes && !(await confirm(question))) {
      throw new CliError('nothing was deleted or released', 'the confirmation was not answered "y"', 'answer y, or pass --yes to skip the question', EXIT.declined);
    }
    await applyFix(options, steps);
  }
  const fixSection: Section[] =
    steps.length > 0
      ? [{
          title: options.dryRun ? 'Would fix (dry run)' : 'Fixed',
          name: options.dryRun ? 'WOULD_FIX' : 'FIXED',
          columns: ['Account', 'Region', 'Action', 'Id', 'Outcome'],
          rows: steps.map((s) => [s.account, s.region, s.action, s.id, s.outcome ?? 'would run']),
        }]
      : [];
  const notes = [
    `${total} finding(s) in ${reports.length} account/region scope(s); ${idleIpv4} public IPv4 address(es) on nothing in use cost $${PUBLIC_IPV4_HOURLY_USD}/h each`,
  ];
  process.stdout.write(
    render({ data: { scopes: reports, total, ...(steps.length > 0 ? { fix: { dryRun: options.dryRun === true, steps } } : {}) }, sections: [...sections(reports), ...fixSection], notes }, format),
  );
  const failedSteps = steps.filter((s) => s.outcome?.startsWith('failed'));
  if (failedSteps.length > 0) process.exitCode = EXIT.refused;
  else if (options.fix && !options.dryRun) process.exitCode = EXIT.ok;
  else process.exitCode = total > 0 ? EXIT.findings : EXIT.ok;
}

export function registerAuditCommand(program: Command): void {
  outputOption(
    withConnectionOptions(
      program
        .command('audit')
        .description('Report waste and risk per account and region: unattached ENIs, idle Elastic IPs, open admin ports, unused groups, shadowed rules, full subnets, instances at limits, overlapping CIDRs (exit 3 when anything is found)')
        .option('--account <id>', 'audit this account (signs as it; vpclite maps a 12-digit access key to its account)')
        .option('--all', 'audit every account and region the server knows')
        .option('--fix', 'delete the unattached ENIs and release the idle Elastic IPs found, after a confirmation')
        .option('--dry-run', 'show what --fix would do, do nothing')
        .option('--yes', 'do not ask for confirmation'),
    ),
  ).action((options: AuditOptions) => runAudit(options.account && !options.all ? { ...options, accessKey: options.accessKey ?? options.account } : options));
}
