// The console's clients: the EC2 Query API (form-encoded POST, XML answer), the CloudWatch Logs JSON API and
// vpclite's traffic endpoint, all on the same origin and all signed with the settings' keys.
import { signedHeaders } from './sigv4.js';
import { loadSettings } from './settings.js';

export const EC2_VERSION = '2016-11-15';

/** An error as AWS answered it: `code` is AWS's error code, `message` its text. */
export class AwsError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/**
 * Query parameters of one EC2 call, flattened the way the Query protocol does: arrays become `Name.1`, `Name.2`
 * and objects `Name.Member`. `{ 'Filter': [{Name: 'vpc-id', Value: ['vpc-1']}] }` → `Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1`.
 */
export function flattenParams(params, prefix = '', out = new URLSearchParams()) {
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (v !== null && typeof v === 'object') flattenParams(v, `${name}.${i + 1}`, out);
        else out.append(`${name}.${i + 1}`, String(v));
      });
    } else if (typeof value === 'object') {
      flattenParams(value, name, out);
    } else {
      out.append(name, String(value));
    }
  }
  return out;
}

async function signedPost(path, body, headers, service) {
  const settings = loadSettings();
  const signed = await signedHeaders({
    host: location.host,
    path,
    body,
    headers,
    credentials: settings,
    service,
  });
  return fetch(path, { method: 'POST', headers: signed, body });
}

/** Calls an EC2 action; resolves to the answer's root element, or throws AwsError with AWS's code and message. */
export async function ec2(action, params = {}) {
  const body = flattenParams({ Action: action, Version: EC2_VERSION, ...params }).toString();
  const response = await signedPost('/', body, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, 'ec2');
  const xml = await response.text();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!response.ok || root.localName === 'Response') {
    const error = root.getElementsByTagName('Error')[0];
    const code = error?.getElementsByTagName('Code')[0]?.textContent ?? `HTTP ${response.status}`;
    const message = error?.getElementsByTagName('Message')[0]?.textContent ?? xml.slice(0, 200);
    throw new AwsError(code, message, response.status);
  }
  return root;
}

/** Calls a CloudWatch Logs action (JSON protocol, X-Amz-Target Logs_20140328.<action>). */
export async function logs(action, input) {
  const body = JSON.stringify(input);
  const response = await signedPost(
    '/',
    body,
    { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    'logs',
  );
  const answer = await response.text();
  let json;
  try {
    json = JSON.parse(answer);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const code = String(json?.__type ?? json?.code ?? `HTTP ${response.status}`).split('#').pop();
    throw new AwsError(code, json?.message ?? json?.Message ?? answer.slice(0, 200), response.status);
  }
  return json;
}

/** vpclite's traffic endpoint (POST /_vpclite/traffic): one packet, its verdict and trace. */
export async function sendTraffic(packet) {
  const body = JSON.stringify(packet);
  const response = await signedPost('/_vpclite/traffic', body, { 'content-type': 'application/json' }, 'ec2');
  const answer = await response.text();
  let json;
  try {
    json = JSON.parse(answer);
  } catch {
    throw new AwsError(`HTTP ${response.status}`, answer.slice(0, 200), response.status);
  }
  if (!response.ok) {
    throw new AwsError(json.error ?? json.code ?? `HTTP ${response.status}`, json.message ?? answer, response.status);
  }
  return json;
}
