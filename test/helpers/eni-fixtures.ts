/**
 * Shared setup for the ENI tests: subnets and groups made through the real API, the default subnet and group of
 * an account, a subnet's AvailableIpAddressCount, and a consistency check of the IPAM's bookkeeping against the
 * address rows (an invariant no API shows). Two states no action can make are written into the store directly:
 * an ENI attached to another account's instance, and a public address on an ENI that no launch gave one.
 */
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  ModifySubnetAttributeCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { DEFAULT_ACCOUNT } from '../../src/gateway/auth.js';
import { parseIpv4Cidr, formatIpv4 } from '../../src/net/ipv4.js';
import { isUsableIpv4 } from '../../src/net/ipv4-subnet-space.js';
import { formatIpv6, formatIpv6Cidr, parseIpv6, parseIpv6Cidr } from '../../src/net/ipv6.js';
import type { RequestContext } from '../../src/resources/context.js';
import { newId } from '../../src/resources/ids.js';
import { findRegion } from '../../src/resources/regions/catalog.js';
import type { TestServer } from './server.js';

export interface Caller {
  account?: string;
  region?: string;
}

function context(tx: RequestContext['tx'], caller: Caller): RequestContext {
  return {
    tx,
    account: caller.account ?? DEFAULT_ACCOUNT,
    region: findRegion(caller.region ?? 'us-east-1')!,
    requestId: 'fixture',
    now: new Date(),
  };
}

/** Runs `work` in a write transaction of the server's store, as `caller`. */
export function asCaller<T>(server: TestServer, caller: Caller, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  return server.store.write((tx) => work(context(tx, caller)));
}

/** Makes sure the client's account has its regional defaults (the first request of an account creates them). */
export async function bootstrap(ec2: EC2Client): Promise<void> {
  await ec2.send(new DescribeNetworkInterfacesCommand({}));
}

export interface SubnetInfo {
  id: string;
  vpc_id: string;
  cidr_block: string;
  availability_zone: string;
}

/** A client acting as `caller`. */
const clientOf = (server: TestServer, caller: Caller) =>
  server.client({ accessKeyId: caller.account ?? DEFAULT_ACCOUNT, region: caller.region ?? 'us-east-1' });

/** The default subnet of `zone` (the default VPC has one /20 per AZ). */
export async function defaultSubnet(server: TestServer, caller: Caller = {}, zone = 'us-east-1a'): Promise<SubnetInfo> {
  const { Subnets } = await clientOf(server, caller).send(
    new DescribeSubnetsCommand({
      Filters: [
        { Name: 'default-for-az', Values: ['true'] },
        { Name: 'availability-zone', Values: [zone] },
      ],
    }),
  );
  const subnet = Subnets?.[0];
  assert.ok(subnet, `no default subnet in ${zone}`);
  return { id: subnet.SubnetId!, vpc_id: subnet.VpcId!, cidr_block: subnet.CidrBlock!, availability_zone: subnet.AvailabilityZone! };
}

/** Creates a subnet (optionally with an IPv6 /64 of the VPC's block) in `vpcId`; returns its id. */
export async function createTestSubnet(
  ec2: EC2Client,
  spec: {
    vpcId: string;
    cidr?: string;
    zone?: string;
    ipv6Cidr?: string;
    assignIpv6OnCreation?: boolean;
    ipv6Native?: boolean;
  },
): Promise<string> {
  const { Subnet } = await ec2.send(
    new CreateSubnetCommand({
      VpcId: spec.vpcId,
      CidrBlock: spec.cidr,
      Ipv6CidrBlock: spec.ipv6Cidr,
      Ipv6Native: spec.ipv6Native,
      AvailabilityZone: spec.zone ?? 'us-east-1a',
    }),
  );
  const subnetId = Subnet!.SubnetId!;
  if (spec.assignIpv6OnCreation) {
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, AssignIpv6AddressOnCreation: { Value: true } }));
  }
  return subnetId;
}

/** Creates a security group named `name` (its description too) in `vpcId`; returns its id. */
export async function createTestGroup(ec2: EC2Client, vpcId: string, name: string): Promise<string> {
  return (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId!;
}

/** The VPC's default security group. */
export async function defaultGroupOf(ec2: EC2Client, vpcId: string): Promise<string> {
  const { SecurityGroups } = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['default'] },
      ],
    }),
  );
  return SecurityGroups![0]!.GroupId!;
}

/** What DescribeSubnets reports as AvailableIpAddressCount. */
export async function availableIpCount(ec2: EC2Client, subnetId: string): Promise<number> {
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
  return Subnets![0]!.AvailableIpAddressCount!;
}

/**
 * Checks the IPAM's bookkeeping of a subnet against the address rows themselves: ip_used equals the held rows
 * (prefix rows included), the chunks' used counts add up to it, each chunk's free /28 count is right, and no held
 * address is reserved or outside the subnet. Returns the held addresses.
 */
export async function checkSubnetAccounting(server: TestServer, subnetId: string): Promise<string[]> {
  return server.store.read(async (tx) => {
    const subnet = (await tx.get<{ cidr_block: string; ip_used: number; ip_capacity: number }>(
      'SELECT cidr_block, ip_used, ip_capacity FROM subnets WHERE id = ?',
      [subnetId],
    ))!;
    const cidr = parseIpv4Cidr(subnet.cidr_block)!;
    const held = (await tx.all<{ address: number }>('SELECT address FROM eni_private_ipv4 WHERE subnet_id = ?', [subnetId])).map(
      (r) => Number(r.address),
    );
    assert.equal(Number(subnet.ip_used), held.length, 'ip_used counts every held address');
    for (const a of held) assert.ok(isUsableIpv4(cidr, a), `${formatIpv4(a)} is usable in ${subnet.cidr_block}`);
    const chunks = await tx.all<{ chunk_base: number; used: number; free_blocks: number; capacity: number }>(
      'SELECT chunk_base, used, free_blocks, capacity FROM ipam_ipv4_chunks WHERE subnet_id = ?',
      [subnetId],
    );
    if (chunks.length > 0) {
      assert.equal(chunks.reduce((n, c) => n + Number(c.capacity), 0), Number(subnet.ip_capacity), 'chunk capacities');
      const heldSet = new Set(held);
      const size = chunks.length === 1 ? 2 ** (32 - cidr.prefix) : 256;
      for (const c of chunks) {
        const base = Number(c.chunk_base);
        const inChunk = held.filter((a) => a >= base && a < base + size).length;
        assert.equal(Number(c.used), inChunk, `chunk ${formatIpv4(base)} used`);
        let freeBlocks = 0;
        for (let b = base; b < base + size; b += 16) {
          const eligible = isUsableIpv4(cidr, b) && isUsableIpv4(cidr, b + 15);
          let empty = true;
          for (let a = b; a < b + 16; a++) if (heldSet.has(a)) empty = false;
          if (eligible && empty) freeBlocks++;
        }
        assert.equal(Number(c.free_blocks), freeBlocks, `chunk ${formatIpv4(base)} free /28 blocks`);
      }
    } else {
      assert.equal(held.length, 0, 'a subnet without chunks holds nothing');
    }
    return held.map(formatIpv4);
  });
}

/**
 * Marks an ENI attached to an instance no action could attach it to: another account's (AttachNetworkInterface
 * needs the ENI and the instance to be the caller's), or a service's (a requester-managed ENI).
 */
export async function attachForTest(
  server: TestServer,
  eniId: string,
  instanceId = 'i-0123456789abcdef0',
  deviceIndex = 1,
  owner = DEFAULT_ACCOUNT,
): Promise<string> {
  const attachmentId = newId('eni-attach');
  await server.store.write((tx) =>
    tx.run(
      `UPDATE network_interfaces SET attachment_id = ?, instance_id = ?, instance_owner_id = ?, device_index = ?,
         network_card_index = 0, attachment_status = 'attached', status = 'in-use', delete_on_termination = 0,
         attach_time = ? WHERE id = ?`,
      [attachmentId, instanceId, owner, deviceIndex, '2024-05-06T07:08:09.000Z', eniId],
    ),
  );
  return attachmentId;
}

/**
 * Gives a private address of an ENI (its primary by default) a public IPv4 association without AssociateAddress
 * or a launch: an unattached ENI that holds an auto-assigned address, a state no action makes.
 */
export async function associateForTest(
  server: TestServer,
  eniId: string,
  publicIp: string,
  owner: string,
  options: { allocationId?: string; associationId?: string; privateIp?: string } = {},
): Promise<void> {
  const which = options.privateIp === undefined ? 'is_primary = 1' : 'ip = ?';
  await server.store.write((tx) =>
    tx.run(
      `UPDATE eni_private_ipv4 SET public_ip = ?, public_ip_owner = ?, allocation_id = ?, association_id = ?
       WHERE eni_id = ? AND in_prefix = 0 AND ${which}`,
      [publicIp, owner, options.allocationId ?? '', options.associationId ?? '', eniId,
        ...(options.privateIp === undefined ? [] : [options.privateIp])],
    ),
  );
}

/** The four leading groups of a /64, uncompressed (`2600:1f00:12:0`), to build addresses in it by text. */
export function ipv6Stem(cidr64: string): string {
  const base = parseIpv6Cidr(cidr64)!.base >> 64n;
  return [48n, 32n, 16n, 0n].map((shift) => ((base >> shift) & 0xffffn).toString(16)).join(':');
}

/** The canonical text of an IPv6 address or prefix, as AWS prints it. */
export function canonicalIpv6(text: string): string {
  if (text.includes('/')) return formatIpv6Cidr(parseIpv6Cidr(text)!);
  return formatIpv6(parseIpv6(text)!);
}
