/**
 * The body of `POST /_vpclite/traffic` (ISSUE-5 item 3), checked and turned into a Packet:
 * `{"source": eni-id | private IP | "internet", "destination": IP | eni-id, "protocol": "tcp" | "udp" | "icmp" |
 * "icmpv6" | "-1" | number, "port": N, "sourcePort"?: N, "sourceAddress"?: IP, "packets"?: N, "bytes"?: N,
 * "account"?: 12 digits, "region"?: name}`. Bad values are AwsErrors (400); names the account does not hold are
 * left to the loader and the evaluator.
 */
import { invalidAccount, invalidField, malformedJson, missingField } from '../errors/traffic.js';
import { ICMP, ICMPV6, TCP, UDP, type Packet } from './verdict.js';

export interface TrafficRequest {
  packet: Packet;
  packets: number;
  bytes: number;
  account?: string;
  region?: string;
}

const PROTOCOL_NAMES: Record<string, number> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6, '-1': -1, all: -1 };
/** A TCP SYN without options: what one packet weighs when the caller does not say. */
const DEFAULT_PACKET_BYTES = 60;

function protocolOf(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -1 && value <= 255) return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower in PROTOCOL_NAMES) return PROTOCOL_NAMES[lower]!;
    if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return Number(lower);
  }
  throw invalidField('protocol', value, '"tcp", "udp", "icmp", "icmpv6", "-1" or a protocol number 0-255');
}

function integer(body: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidField(name, value, `an integer ${min}-${max}`);
  }
  return value;
}

function text(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw missingField(name);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') throw invalidField(name, value, 'a non-empty string');
  return value.trim();
}

export function parseJsonBody(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw malformedJson(error instanceof Error ? error.message : String(error));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformedJson('expected an object');
  return body as Record<string, unknown>;
}

export function parseTrafficRequest(body: Record<string, unknown>): TrafficRequest {
  const source = text(body, 'source', true)!;
  const destination = text(body, 'destination', true)!;
  if (body.protocol === undefined) throw missingField('protocol');
  const protocol = protocolOf(body.protocol);
  const hasPorts = protocol === TCP || protocol === UDP;
  const isIcmp = protocol === ICMP || protocol === ICMPV6;
  const port = integer(body, 'port', 0, hasPorts ? 65535 : 255);
  if (port === undefined && hasPorts) throw missingField('port');
  const sourcePort = integer(body, 'sourcePort', 0, hasPorts ? 65535 : 255);
  const packets = integer(body, 'packets', 1, 1_000_000_000) ?? 1;
  const bytes = integer(body, 'bytes', 1, Number.MAX_SAFE_INTEGER) ?? packets * DEFAULT_PACKET_BYTES;
  const account = text(body, 'account', false);
  if (account !== undefined && !/^\d{12}$/.test(account)) throw invalidAccount(account);
  return {
    packet: {
      source: source.toLowerCase() === 'internet' ? 'internet' : source,
      sourceAddress: text(body, 'sourceAddress', false),
      destination: destination.toLowerCase() === 'internet' ? 'internet' : destination,
      protocol,
      // ICMP without a type given: an echo request (ping).
      port: port ?? (isIcmp ? (protocol === ICMP ? 8 : 128) : 0),
      sourcePort,
    },
    packets,
    bytes,
    account,
    region: text(body, 'region', false),
  };
}
