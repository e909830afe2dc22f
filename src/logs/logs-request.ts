/** What a Logs action receives, and the small input checks every action shares. */
import { invalidLogsNextToken, logsInvalidParameter } from '../errors/logs.js';
import type { Tx } from '../store/store.js';
import type { LogScope } from './log-data.js';

export interface LogsContext {
  tx: Tx;
  scope: LogScope;
  now: Date;
}

export type LogsInput = Record<string, unknown>;
export type LogsAction = (ctx: LogsContext, input: LogsInput) => Promise<Record<string, unknown>>;

const nullMessage = (name: string) =>
  `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`;

export function optionalString(input: LogsInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw logsInvalidParameter(`Value for '${name}' must be a string.`);
  return value;
}

export function requiredString(input: LogsInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw logsInvalidParameter(nullMessage(name));
  return value;
}

export function optionalInteger(input: LogsInput, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw logsInvalidParameter(
      `1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return value;
}

export function optionalBoolean(input: LogsInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw logsInvalidParameter(`Value for '${name}' must be a boolean.`);
  return value;
}

/**
 * The log group an action names, by `logGroupName` or `logGroupIdentifier` (a name or an ARN); not both.
 */
export function logGroupOf(input: LogsInput): string {
  const name = optionalString(input, 'logGroupName');
  const identifier = optionalString(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw logsInvalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const given = name ?? identifier;
  if (given === undefined) throw logsInvalidParameter('Should provide either name or ARN of the log group.');
  const arn = /^arn:aws[a-z-]*:logs:[^:]*:\d{12}:log-group:(.+?)(?::\*)?$/.exec(given);
  return arn ? arn[1]! : given;
}

/** Opaque page tokens: a list of numbers behind a version tag. */
export const encodeToken = (...parts: number[]): string => Buffer.from(`v1:${parts.join(':')}`).toString('base64url');

export function decodeToken(token: string, count: number): number[] {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const parts = text.startsWith('v1:') ? text.slice(3).split(':') : [];
  if (parts.length !== count || parts.some((p) => !/^\d{1,16}$/.test(p))) throw invalidLogsNextToken();
  return parts.map(Number);
}
