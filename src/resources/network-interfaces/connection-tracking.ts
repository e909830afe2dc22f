/** Connection-tracking timeouts of an ENI (network-interfaces.md §2): each optional, each within AWS's bounds. */
import { invalidTimeout } from '../../errors/network-interfaces.js';
import type { ConnectionTrackingSpecificationRequest } from '../../protocol/generated/ec2-shapes.js';

export interface TrackingTimeouts {
  tcpEstablished: number;
  udpStream: number;
  udp: number;
}

const BOUNDS = {
  TcpEstablishedTimeout: [60, 432000],
  UdpStreamTimeout: [60, 180],
  UdpTimeout: [30, 60],
} as const;

/** The timeouts asked for (0 = not set), or undefined when the specification is absent. */
export function readTracking(spec: ConnectionTrackingSpecificationRequest | undefined): TrackingTimeouts | undefined {
  if (!spec) return undefined;
  for (const [name, [min, max]] of Object.entries(BOUNDS)) {
    const value = spec[name as keyof typeof BOUNDS];
    if (value !== undefined && (value < min || value > max)) throw invalidTimeout(name, value, min, max);
  }
  return {
    tcpEstablished: spec.TcpEstablishedTimeout ?? 0,
    udpStream: spec.UdpStreamTimeout ?? 0,
    udp: spec.UdpTimeout ?? 0,
  };
}
