/** Sends packet descriptions to a test server's traffic extension (POST /_vpclite/traffic) and reads its answers. */
export interface TrafficAnswer {
  status: number;
  body: {
    accepted: boolean;
    code?: string;
    bypass?: string;
    reply: { accepted: boolean; code?: string; evaluated?: boolean };
    trace: Array<{
      step: string;
      component: string;
      outcome: 'pass' | 'drop';
      code?: string;
      rule?: string;
      direction: 'request' | 'reply';
      networkInterfaceId?: string;
      header: { sourceAddress: string; destinationAddress: string; sourcePort: number; destinationPort: number };
    }>;
    deliveredTo?: { networkInterfaceId: string; instanceId?: string };
    error?: string;
    message?: string;
  };
}

export async function sendTraffic(url: string, body: unknown, headers: Record<string, string> = {}): Promise<TrafficAnswer> {
  const response = await fetch(`${url}/_vpclite/traffic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TrafficAnswer['body'] };
}

/** The first step that dropped the packet, in either direction. */
export const dropOf = (answer: TrafficAnswer) => answer.body.trace.find((s) => s.outcome === 'drop');
