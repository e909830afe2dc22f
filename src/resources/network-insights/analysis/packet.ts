/** The representative packet an analysis walks (addresses as 32-bit integers), and address classes the IGW checks. */
import { formatIpv4, parseIpv4Cidr, cidrContainsAddress, type Ipv4Cidr } from '../../../net/ipv4.js';

export interface Packet {
  protocol: 'tcp' | 'udp';
  source: number;
  destination: number;
  sourcePort: number;
  destinationPort: number;
}

export const PROTOCOL_NUMBERS = { tcp: '6', udp: '17' } as const;

/** The reply to `packet`: addresses and ports swapped. */
export const replyTo = (packet: Packet): Packet => ({
  protocol: packet.protocol,
  source: packet.destination,
  destination: packet.source,
  sourcePort: packet.destinationPort,
  destinationPort: packet.sourcePort,
});

const block = (text: string): Ipv4Cidr => parseIpv4Cidr(text)!;
const RFC1918 = [block('10.0.0.0/8'), block('172.16.0.0/12'), block('192.168.0.0/16')];
const RFC6598 = [block('100.64.0.0/10')];
/** Blocks that never route on the internet besides the two above: this network, loopback, link-local, multicast and up. */
const SPECIAL = [block('0.0.0.0/8'), block('127.0.0.0/8'), block('169.254.0.0/16'), block('224.0.0.0/3')];

export const isRfc1918 = (address: number): boolean => RFC1918.some((c) => cidrContainsAddress(c, address));
export const isRfc6598 = (address: number): boolean => RFC6598.some((c) => cidrContainsAddress(c, address));
export const isInternetAddress = (address: number): boolean =>
  !isRfc1918(address) && !isRfc6598(address) && !SPECIAL.some((c) => cidrContainsAddress(c, address));

/** The first internet-routable address of `cidr`, skipping the reserved blocks it starts in; undefined if none. */
export function firstInternetAddress(cidr: Ipv4Cidr): number | undefined {
  const last = cidr.base + 2 ** (32 - cidr.prefix) - 1;
  let address = cidr.base;
  for (let guard = 0; guard < 16 && address <= last; guard++) {
    const reserved = [...RFC1918, ...RFC6598, ...SPECIAL].find((c) => cidrContainsAddress(c, address));
    if (!reserved) return address;
    address = reserved.base + 2 ** (32 - reserved.prefix);
  }
  return undefined;
}

export const addressText = formatIpv4;
