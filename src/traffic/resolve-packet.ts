/**
 * Turns a Packet's names (`eni-…`, an address, `internet`) into the endpoints and header the pipeline starts
 * from, or a PacketError for what the topology does not hold (the traffic endpoint answers those with 400).
 */
import { parseAddress, type Address } from './addresses.js';
import type { CompiledEni, Topology } from './compile-topology.js';
import { ICMP, ICMPV6, PacketError, TCP, UDP, type Packet } from './verdict.js';

export const INTERNET = 'internet';
export const DEFAULT_INTERNET_IPV4 = '203.0.113.10';
export const DEFAULT_INTERNET_IPV6 = '2001:db8::10';
/** The first port of the IANA ephemeral range: a client's source port when the packet names none. */
export const DEFAULT_SOURCE_PORT = 49152;

export type Start = { kind: 'eni'; eni: CompiledEni } | { kind: 'internet' };

/** Starts are immutable: an ENI's is its own path node (made once at compile time), the internet's is shared. */
const INTERNET_START: Start = { kind: 'internet' };

export interface ResolvedPacket {
  start: Start;
  source: Address;
  destination: Address;
  protocol: number;
  /** TCP/UDP ports; ICMP: destinationPort = type, sourcePort = code. */
  sourcePort: number;
  destinationPort: number;
}

function eniById(topology: Topology, id: string): CompiledEni {
  const eni = topology.networkInterfaces.get(id);
  if (!eni) throw new PacketError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
  return eni;
}

function parse(text: string, role: string): Address {
  const address = parseAddress(text);
  if (address === undefined) {
    throw new PacketError('InvalidParameterValue', `The ${role} '${text}' is not an ENI id, an IP address or "internet".`);
  }
  return address;
}

/** The ENI holding private address `address`, in any VPC of the snapshot (it must be one only). */
function eniByPrivateAddress(topology: Topology, address: Address, text: string): CompiledEni {
  let found: CompiledEni | undefined;
  for (const vpc of topology.vpcs.values()) {
    const eni = vpc.byPrivate.get(address);
    if (!eni) continue;
    if (found && found !== eni) {
      throw new PacketError('InvalidParameterValue', `The address '${text}' is held in several VPCs: name the ENI instead.`);
    }
    found = eni;
  }
  if (!found) throw new PacketError('InvalidAddress.NotFound', `The address '${text}' is not held by any network interface.`);
  return found;
}

function firstIpv6(eni: CompiledEni): bigint | undefined {
  for (const address of eni.own) if (typeof address === 'bigint') return address;
  return undefined;
}

/** The address of `eni` a packet of `family` uses: its primary IPv4, or its first IPv6. */
function addressOf(eni: CompiledEni, family: 'ipv4' | 'ipv6'): Address {
  if (family === 'ipv4') return eni.primaryIpv4;
  const address = firstIpv6(eni);
  if (address === undefined) {
    throw new PacketError('InvalidParameterValue', `The network interface '${eni.data.id}' has no IPv6 address.`);
  }
  return address;
}

function checkPort(value: number | undefined, name: string, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new PacketError('InvalidParameterValue', `The ${name} ${value} is out of range (0-${max}).`);
  }
}

export function resolvePacket(topology: Topology, packet: Packet): ResolvedPacket {
  const protocol = packet.protocol;
  if (!Number.isInteger(protocol) || protocol < -1 || protocol > 255) {
    throw new PacketError('InvalidParameterValue', `The protocol ${protocol} is not -1 or an IP protocol number 0-255.`);
  }
  const hasPorts = protocol === TCP || protocol === UDP;
  const isIcmp = protocol === ICMP || protocol === ICMPV6;
  checkPort(packet.port, 'port', hasPorts ? 65535 : 255);
  checkPort(packet.sourcePort, 'sourcePort', hasPorts ? 65535 : 255);

  // The destination's family decides which of an ENI's addresses a named ENI sends from. An address is parsed
  // once, here; a bad one is reported below, after the source's errors.
  const destinationIsEni = packet.destination.startsWith('eni-');
  const destinationIsInternet = packet.destination === INTERNET;
  const destinationAddress = destinationIsEni || destinationIsInternet ? undefined : parseAddress(packet.destination);
  let family: 'ipv4' | 'ipv6' | undefined;
  if (destinationAddress !== undefined) family = typeof destinationAddress === 'number' ? 'ipv4' : 'ipv6';
  else if (!destinationIsEni && !destinationIsInternet) family = packet.destination.includes(':') ? 'ipv6' : 'ipv4';

  let start: Start;
  let source: Address;
  if (packet.source === INTERNET) {
    start = INTERNET_START;
    const text = packet.sourceAddress ?? (family === 'ipv6' ? DEFAULT_INTERNET_IPV6 : DEFAULT_INTERNET_IPV4);
    source = parse(text, 'sourceAddress');
  } else if (packet.source.startsWith('eni-')) {
    const eni = eniById(topology, packet.source);
    start = eni.node;
    source = addressOf(eni, family ?? 'ipv4');
  } else {
    source = parse(packet.source, 'source');
    start = eniByPrivateAddress(topology, source, packet.source).node;
  }
  const sourceFamily = typeof source === 'number' ? 'ipv4' : 'ipv6';

  let destination: Address;
  if (destinationIsInternet) {
    destination = parse(sourceFamily === 'ipv6' ? DEFAULT_INTERNET_IPV6 : DEFAULT_INTERNET_IPV4, 'destination');
  } else if (destinationIsEni) {
    const eni = eniById(topology, packet.destination);
    destination = addressOf(eni, sourceFamily);
    // From the internet an ENI is reached at its public address, when it has one.
    if (start.kind === 'internet' && typeof destination === 'number') {
      destination = eni.publicByPrivate.get(destination) ?? eni.publicByPrivate.values().next().value ?? destination;
    }
  } else {
    destination = destinationAddress ?? parse(packet.destination, 'destination');
  }
  if (typeof destination !== typeof source) {
    throw new PacketError('InvalidParameterValue', 'The source and destination addresses must be of the same IP family.');
  }
  const defaultSourcePort = hasPorts ? DEFAULT_SOURCE_PORT : 0;
  return {
    start,
    source,
    destination,
    protocol,
    destinationPort: hasPorts || isIcmp ? packet.port ?? 0 : 0,
    sourcePort: hasPorts || isIcmp ? packet.sourcePort ?? defaultSourcePort : 0,
  };
}
