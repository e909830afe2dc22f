/**
 * MAC addresses as AWS assigns them to ENIs (network-interfaces.md §1): six lowercase hex pairs joined by `:`,
 * locally administered unicast - the first octet has bit 1 set and bit 0 clear, so it is one of 02, 06, 0a, 0e,
 * 12, … fe, not always 02. Uniqueness is the store's job (a UNIQUE column); this only shapes random bytes.
 */
export function macAddressFrom(bytes: Uint8Array): string {
  if (bytes.length < 6) throw new Error('a MAC address needs 6 bytes');
  const octets = Array.from(bytes.subarray(0, 6));
  octets[0] = (octets[0]! & 0xfc) | 0x02;
  return octets.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function isAwsStyleMac(mac: string): boolean {
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) return false;
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 0x03) === 0x02;
}
