/**
 * `vpclite failover create-group | list | delete | watch`: failover groups live in vpclite's database (migration
 * 007) and are managed through the signed admin routes /_vpclite/failover/* (gateway/operator-admin.ts). The move
 * itself happens in the server, inside the StopInstances / TerminateInstances transaction; `watch` prints the moves
 * as they are recorded, polling /_vpclite/failover/events.
 */
import type { FailoverEvent } from '../../resources/failover/failover-events.js';
import type { FailoverGroup } from '../../resources/failover/failover-groups.js';
import { CliError, EXIT } from './cli-error.js';
import { connect, type ConnectionOptions } from './connection.js';
import { outputFormat, render, type Rendered } from './output.js';

interface Common extends ConnectionOptions {
  output: string;
}

const groupSection = (title: string, groups: FailoverGroup[]) => ({
  title,
  columns: ['Group', 'Primary', 'Standby', 'Created'],
  rows: groups.map((g) => [g.name, g.primaryInstanceId, g.standbyInstanceId, g.createdAt]),
});

export async function createGroup(name: string, options: Common & { primary: string; standby: string }): Promise<Rendered> {
  outputFormat(options.output);
  const conn = connect(options);
  try {
    const { group } = await conn.admin<{ group: FailoverGroup }>('POST', '/_vpclite/failover/groups', {
      name,
      primary: options.primary,
      standby: options.standby,
    });
    return { data: group, sections: [groupSection('Failover group created', [group])] };
  } finally {
    conn.close();
  }
}

export async function listGroups(options: Common): Promise<Rendered> {
  outputFormat(options.output);
  const conn = connect(options);
  try {
    const { groups } = await conn.admin<{ groups: FailoverGroup[] }>('GET', '/_vpclite/failover/groups');
    return { data: groups, sections: [groupSection('Failover groups', groups)] };
  } finally {
    conn.close();
  }
}

export async function deleteGroup(name: string, options: Common): Promise<Rendered> {
  outputFormat(options.output);
  const conn = connect(options);
  try {
    await conn.admin('DELETE', `/_vpclite/failover/groups/${encodeURIComponent(name)}`);
    return { data: { deleted: name }, sections: [], notes: [`deleted failover group ${name}`] };
  } finally {
    conn.close();
  }
}

function eventLine(event: FailoverEvent, format: 'json' | 'table' | 'text'): string {
  if (format === 'json') return JSON.stringify(event) + '\n';
  const enis = event.moved.map((m) => `${m.networkInterfaceId}@${m.deviceIndex}(${[...m.privateIpAddresses, ...m.publicIps].join(',')})`);
  const ms = (event.moveMicroseconds / 1000).toFixed(2);
  if (format === 'text') {
    return [event.outcome.toUpperCase(), event.group, event.trigger, event.primaryInstanceId, event.standbyInstanceId, enis.join(' ') || '-', `${ms}ms`, event.message || '-', event.happenedAt].join('\t') + '\n';
  }
  return render(
    {
      data: event,
      sections: [
        {
          title: `${event.happenedAt} ${event.group}: ${event.primaryInstanceId} ${event.trigger} → ${event.outcome}${event.message ? ` (${event.message})` : ''}`,
          columns: ['ENI', 'Device', 'Addresses', 'To', 'Move ms'],
          rows: event.moved.map((m) => [m.networkInterfaceId, m.deviceIndex, [...m.privateIpAddresses, ...m.publicIps].join(','), event.standbyInstanceId, ms]),
        },
      ],
    },
    'table',
  );
}

export async function watchGroup(
  options: Common & { group: string; interval: string; count?: string },
): Promise<void> {
  const format = outputFormat(options.output);
  const interval = Number(options.interval);
  if (!Number.isFinite(interval) || interval < 10) {
    throw new CliError(`--interval ${options.interval} is too short`, 'watch polls the server at most every 10 ms', 'pass --interval 10 or more (milliseconds)', EXIT.usage);
  }
  const limit = options.count === undefined ? Infinity : Number(options.count);
  if (!(limit > 0)) throw new CliError(`--count ${options.count} is not a positive number`, '--count stops after that many moves', 'pass --count 1 or more, or leave it out to watch until interrupted', EXIT.usage);
  const conn = connect(options);
  const query = `group=${encodeURIComponent(options.group)}`;
  try {
    let { last } = await conn.admin<{ last: number }>('GET', `/_vpclite/failover/events?${query}`);
    const { groups } = await conn.admin<{ groups: FailoverGroup[] }>('GET', '/_vpclite/failover/groups');
    const group = groups.find((g) => g.name === options.group)!;
    process.stderr.write(`watching failover group ${group.name}: ${group.primaryInstanceId} → ${group.standbyInstanceId} (Ctrl-C to stop)\n`);
    let seen = 0;
    let failed = false;
    while (seen < limit) {
      const page = await conn.admin<{ events: FailoverEvent[]; last: number }>('GET', `/_vpclite/failover/events?${query}&after=${last}`);
      for (const event of page.events) {
        if (seen >= limit) break;
        process.stdout.write(eventLine(event, format));
        seen++;
        if (event.outcome === 'failed') failed = true;
      }
      last = page.last;
      if (seen < limit && page.events.length === 0) await new Promise((r) => setTimeout(r, interval));
    }
    if (failed) process.exitCode = EXIT.precondition;
  } finally {
    conn.close();
  }
}
