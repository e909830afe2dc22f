import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockSize, formatIpv4, parseIpv4, parseIpv4Cidr } from '../src/net/ipv4.js';
import {
  chunkBaseOf,
  chunkLayout,
  emptyEligibleBlocks,
  isEligibleBlock,
  isReservedIpv4,
  isUsableIpv4,
  pickFreeAddress,
  pickFreeBlock,
  usableCount,
  usableRange,
} from '../src/net/ipv4-subnet-space.js';
import { formatIpv6, parseIpv6, parseIpv6Cidr } from '../src/net/ipv6.js';
import {
  blockOfIpv6Prefix,
  ipv6BlockOf,
  ipv6PrefixOfBlock,
  isEligibleIpv6Block,
  isReservedIpv6,
  randomEdgeIpv6Address,
  randomEligibleIpv6Block,
  randomIpv6Address,
} from '../src/net/ipv6-subnet-space.js';
import { isAwsStyleMac, macAddressFrom } from '../src/net/mac-address.js';
import { seededRandom, type RandomSource } from '../src/net/random.js';

const cidr = (text: string) => parseIpv4Cidr(text)!;
const ip = (text: string) => parseIpv4(text)!;

describe('IPv4 subnet space', () => {
  it('reserves the first four and the last address of every subnet', () => {
    const subnet = cidr('10.0.1.0/24');
    assert.deepEqual(usableRange(subnet), { first: ip('10.0.1.4'), last: ip('10.0.1.254') });
    for (const a of ['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.255']) {
      assert.ok(isReservedIpv4(subnet, ip(a)), a);
      assert.ok(!isUsableIpv4(subnet, ip(a)), a);
    }
    assert.ok(isUsableIpv4(subnet, ip('10.0.1.4')));
    assert.ok(isUsableIpv4(subnet, ip('10.0.1.254')));
    assert.ok(!isReservedIpv4(subnet, ip('10.0.2.5')), 'outside the subnet is not "reserved"');
    assert.ok(!isUsableIpv4(subnet, ip('10.0.2.5')));
    assert.equal(usableCount(cidr('10.0.0.0/28')), 11);
    assert.equal(usableCount(subnet), 251);
  });

  it('cuts every subnet size into chunks whose capacities add up to the usable count', () => {
    for (let prefix = 16; prefix <= 28; prefix++) {
      const subnet = { base: ip('10.0.0.0'), prefix };
      const chunks = chunkLayout(subnet);
      assert.equal(chunks.length, Math.max(1, blockSize(prefix) / 256), `/${prefix} chunk count`);
      assert.equal(chunks.reduce((n, c) => n + c.capacity, 0), usableCount(subnet), `/${prefix} capacity`);
      const blocks = chunks.reduce((n, c) => n + c.freeBlocks, 0);
      // Every aligned /28 except the first (network, router, DNS, future) and the last (broadcast).
      assert.equal(blocks, Math.max(0, blockSize(prefix) / 16 - 2), `/${prefix} eligible /28s`);
      for (const c of chunks) {
        assert.equal(chunkBaseOf(subnet, c.firstUsable), c.base);
        assert.equal(chunkBaseOf(subnet, c.lastUsable), c.base);
      }
    }
  });

  it('never picks a held or reserved address, and reaches every free one', () => {
    const subnet = cidr('192.168.7.0/26');
    const [chunk] = chunkLayout(subnet);
    const held = new Set([ip('192.168.7.10'), ip('192.168.7.11'), ip('192.168.7.40')]);
    const random = seededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const a = pickFreeAddress(chunk!, held, random)!;
      assert.ok(isUsableIpv4(subnet, a), formatIpv4(a));
      assert.ok(!held.has(a), formatIpv4(a));
      seen.add(a);
    }
    assert.equal(seen.size, usableCount(subnet) - held.size, 'every free address comes up');
  });

  it('answers nothing from a full chunk', () => {
    const subnet = cidr('10.9.9.0/28');
    const [chunk] = chunkLayout(subnet);
    const held = new Set<number>();
    for (let a = chunk!.firstUsable; a <= chunk!.lastUsable; a++) held.add(a);
    assert.equal(held.size, 11);
    assert.equal(pickFreeAddress(chunk!, held, seededRandom(1)), undefined);
  });

  it('picks aligned /28 blocks that hold no address and no reserved address', () => {
    const subnet = cidr('10.0.0.0/26');
    assert.ok(!isEligibleBlock(subnet, ip('10.0.0.0')), 'the first /28 holds reserved addresses');
    assert.ok(isEligibleBlock(subnet, ip('10.0.0.16')));
    assert.ok(isEligibleBlock(subnet, ip('10.0.0.32')));
    assert.ok(!isEligibleBlock(subnet, ip('10.0.0.48')), 'the last /28 holds the broadcast address');
    assert.ok(!isEligibleBlock(subnet, ip('10.0.0.20')), 'unaligned');
    assert.deepEqual(emptyEligibleBlocks(subnet, subnet.base, new Set([ip('10.0.0.33')])), [ip('10.0.0.16')]);
    const random = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      assert.equal(pickFreeBlock(subnet, subnet.base, new Set([ip('10.0.0.33')]), random), ip('10.0.0.16'));
    }
    assert.equal(pickFreeBlock(subnet, subnet.base, new Set([ip('10.0.0.17'), ip('10.0.0.47')]), random), undefined);
    assert.equal(chunkLayout(cidr('10.0.0.0/28'))[0]!.freeBlocks, 0, 'a /28 subnet can hold no /28 prefix');
  });
});

/** A source that answers from a script first (to force the reserved cases), then from a seeded generator. */
function scripted(bigints: bigint[], ints: number[]): RandomSource {
  const fallback = seededRandom(11);
  return {
    int: (n) => (ints.length ? ints.shift()! % n : fallback.int(n)),
    bigint64: () => (bigints.length ? bigints.shift()! : fallback.bigint64()),
  };
}

describe('IPv6 subnet space', () => {
  const subnet = parseIpv6Cidr('2600:1f00:12:3400::/64')!;

  it('reserves the first four and the last address of the /64', () => {
    for (const text of ['2600:1f00:12:3400::', '2600:1f00:12:3400::1', '2600:1f00:12:3400::3', '2600:1f00:12:3400:ffff:ffff:ffff:ffff']) {
      assert.ok(isReservedIpv6(subnet, parseIpv6(text)!), text);
    }
    assert.ok(!isReservedIpv6(subnet, parseIpv6('2600:1f00:12:3400::4')!));
  });

  it('draws again when a random host is reserved', () => {
    const random = scripted([0n, 3n, (1n << 64n) - 1n, 0x1234n], []);
    assert.equal(formatIpv6(randomIpv6Address(subnet, random)), '2600:1f00:12:3400::1234');
    const edge = scripted([0n, 2n, 77n], [0]);
    const address = randomEdgeIpv6Address(subnet, edge);
    assert.equal(ipv6BlockOf(address), 0, 'an edge block address');
    assert.ok(!isReservedIpv6(subnet, address));
  });

  it('numbers the /80 blocks of the /64 and keeps the edge blocks out of prefixes', () => {
    const address = parseIpv6('2600:1f00:12:3400:abcd:1::5')!;
    assert.equal(ipv6BlockOf(address), 0xabcd);
    assert.equal(formatIpv6(ipv6PrefixOfBlock(subnet, 0xabcd).base), '2600:1f00:12:3400:abcd::');
    assert.equal(blockOfIpv6Prefix(subnet, parseIpv6Cidr('2600:1f00:12:3400:abcd::/80')!), 0xabcd);
    assert.equal(blockOfIpv6Prefix(subnet, parseIpv6Cidr('2600:1f00:12:3401:abcd::/80')!), undefined, 'other /64');
    assert.equal(blockOfIpv6Prefix(subnet, parseIpv6Cidr('2600:1f00:12:3400::/96')!), undefined, 'not a /80');
    assert.ok(!isEligibleIpv6Block(0) && !isEligibleIpv6Block(0xffff) && isEligibleIpv6Block(1) && isEligibleIpv6Block(0xfffe));
    const random = seededRandom(5);
    for (let i = 0; i < 1000; i++) assert.ok(isEligibleIpv6Block(randomEligibleIpv6Block(random)));
  });
});

describe('MAC addresses', () => {
  it('are locally administered unicast with AWS-like first octets, not always 02', () => {
    const firsts = new Set<string>();
    const random = seededRandom(9);
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: 6 }, () => random.int(256));
      const mac = macAddressFrom(bytes);
      assert.ok(isAwsStyleMac(mac), mac);
      firsts.add(mac.slice(0, 2));
    }
    assert.ok(firsts.size > 10, 'first octets vary');
    assert.equal(macAddressFrom(Uint8Array.from([0xff, 1, 2, 3, 4, 5])), 'fe:01:02:03:04:05');
    assert.equal(macAddressFrom(Uint8Array.from([0x01, 0xab, 0, 0, 0, 0x10])), '02:ab:00:00:00:10');
  });
});
