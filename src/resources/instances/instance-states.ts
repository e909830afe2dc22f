/**
 * Instance states and their codes (instances.md §2), and the reasons AWS gives for user-initiated transitions.
 * vpclite settles every transition inside the request that starts it: the action's own answer shows the
 * transitional state (pending, stopping, shutting-down) and every later read the final one, so clients' waiters
 * finish on their first poll.
 */
import type { InstanceState, InstanceStateName } from '../../protocol/generated/ec2-shapes.js';

export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export const stateOf = (name: string): InstanceState => ({
  Code: STATE_CODES[name as InstanceStateName],
  Name: name as InstanceStateName,
});

/** The state names whose code is `code` (for the instance-state-code filter). */
export function stateNamesWithCode(code: number): string[] {
  return Object.entries(STATE_CODES)
    .filter(([, c]) => c === code)
    .map(([name]) => name);
}

/** `User initiated (2024-01-01 00:00:00 GMT)`: the StateTransitionReason of a stop or terminate. */
export function userInitiatedReason(now: Date): string {
  return `User initiated (${now.toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

export const USER_SHUTDOWN = {
  code: 'Client.UserInitiatedShutdown',
  message: 'Client.UserInitiatedShutdown: User initiated shutdown',
};

/** How long a terminated instance stays visible (instances.md §2: "about one hour"). */
export const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

/** Terminated instances whose terminated_at is at or before this are gone. */
export const visibilityCutoff = (now: Date): string => new Date(now.getTime() - TERMINATED_VISIBLE_MS).toISOString();
