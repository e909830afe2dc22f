import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeInstanceTypesCommand,
  paginateDescribeInstanceTypes,
  type _InstanceType,
  type EC2Client,
  type Filter,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import { instanceTypeLimits } from '../src/resources/instance-types/catalog.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

/** Instance type names as the SDK types them (it only knows the names of its own release). */
const asTypes = (names: string[]) => names as _InstanceType[];

/** Every type of the spec's per-type limits table (addressing.md §7), both tables. */
const SPEC_TYPES = [
  't2.nano', 't2.micro', 't2.small', 't2.medium', 't2.large', 't2.xlarge', 't2.2xlarge',
  't3.nano', 't3.micro', 't3.small', 't3.medium', 't3.large', 't3.xlarge', 't3.2xlarge',
  't3a.nano', 't3a.micro', 't3a.small', 't3a.medium', 't3a.large', 't3a.xlarge', 't3a.2xlarge',
  't4g.nano', 't4g.micro', 't4g.small', 't4g.medium', 't4g.large', 't4g.xlarge', 't4g.2xlarge',
  'm5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.4xlarge', 'm5.8xlarge', 'm5.12xlarge', 'm5.16xlarge', 'm5.24xlarge',
  'm5.metal',
  'm6i.large', 'm6i.xlarge', 'm6i.2xlarge', 'm6i.4xlarge', 'm6i.8xlarge', 'm6i.12xlarge', 'm6i.16xlarge',
  'm6i.24xlarge', 'm6i.32xlarge', 'm6i.metal',
  'm7g.medium', 'm7g.large', 'm7g.xlarge', 'm7g.2xlarge', 'm7g.4xlarge', 'm7g.8xlarge', 'm7g.12xlarge',
  'm7g.16xlarge', 'm7g.metal',
  'm7i.large', 'm7i.xlarge', 'm7i.2xlarge', 'm7i.4xlarge', 'm7i.8xlarge', 'm7i.12xlarge', 'm7i.16xlarge',
  'm7i.24xlarge', 'm7i.48xlarge', 'm7i.metal-24xl', 'm7i.metal-48xl',
  'c5.large', 'c5.xlarge', 'c5.2xlarge', 'c5.4xlarge', 'c5.9xlarge', 'c5.12xlarge', 'c5.18xlarge', 'c5.24xlarge',
  'c5.metal',
  'c6i.large', 'c6i.xlarge', 'c6i.2xlarge', 'c6i.4xlarge', 'c6i.8xlarge', 'c6i.12xlarge', 'c6i.16xlarge',
  'c6i.24xlarge', 'c6i.32xlarge', 'c6i.metal',
  'c7g.medium', 'c7g.large', 'c7g.xlarge', 'c7g.2xlarge', 'c7g.4xlarge', 'c7g.8xlarge', 'c7g.12xlarge',
  'c7g.16xlarge', 'c7g.metal',
  'r5.large', 'r5.xlarge', 'r5.2xlarge', 'r5.4xlarge', 'r5.8xlarge', 'r5.12xlarge', 'r5.16xlarge', 'r5.24xlarge',
  'r5.metal',
  'r6i.large', 'r6i.xlarge', 'r6i.2xlarge', 'r6i.4xlarge', 'r6i.8xlarge', 'r6i.12xlarge', 'r6i.16xlarge',
  'r6i.24xlarge', 'r6i.32xlarge', 'r6i.metal',
  'r7g.medium', 'r7g.large', 'r7g.xlarge', 'r7g.2xlarge', 'r7g.4xlarge', 'r7g.8xlarge', 'r7g.12xlarge',
  'r7g.16xlarge', 'r7g.metal',
  'c6in.32xlarge', 'm6in.32xlarge', 'r6in.32xlarge', 'm6idn.32xlarge', 'hpc6id.32xlarge', 'dl1.24xlarge',
  'p4d.24xlarge', 'p5.48xlarge', 'trn1.32xlarge', 'trn1n.32xlarge', 'c8gn.48xlarge',
];

/** Rows of the single-card table by value: ENIs, IPv4/ENI, IPv6/ENI, cards, EFA, NetworkPerformance. */
const SINGLE_CARD_ROWS: [string, number, number, number, number, boolean, string][] = [
  ['t2.nano', 2, 2, 2, 1, false, 'Low to Moderate'],
  ['t2.xlarge', 3, 15, 15, 1, false, 'Moderate'],
  ['t3.small', 3, 4, 4, 1, false, 'Up to 5 Gigabit'],
  ['t3a.small', 2, 4, 4, 1, false, 'Up to 5 Gigabit'],
  ['t4g.2xlarge', 4, 15, 15, 1, false, 'Up to 5 Gigabit'],
  ['m5.large', 3, 10, 10, 1, false, 'Up to 10 Gigabit'],
  ['m6i.32xlarge', 15, 50, 50, 1, true, '50 Gigabit'],
  ['m7g.medium', 2, 4, 4, 1, false, 'Up to 12.5 Gigabit'],
  ['m7i.metal-24xl', 15, 50, 50, 1, false, '37.5 Gigabit'],
  ['c5.9xlarge', 8, 30, 30, 1, false, '12 Gigabit'],
  ['c7g.16xlarge', 15, 50, 50, 1, true, '30 Gigabit'],
  ['r5.16xlarge', 15, 50, 50, 1, false, '20 Gigabit'],
  ['r6i.12xlarge', 8, 30, 30, 1, false, '18.75 Gigabit'],
];

/** Rows of the multi-card table: ENIs total, IPv4/ENI, IPv6/ENI, cards, ENIs per card, max EFA. */
const MULTI_CARD_ROWS: [string, number, number, number, number, number, number][] = [
  ['c6in.32xlarge', 16, 50, 50, 2, 8, 2],
  ['hpc6id.32xlarge', 2, 50, 50, 2, 1, 2],
  ['p4d.24xlarge', 60, 50, 50, 4, 15, 4],
  ['p5.48xlarge', 64, 50, 50, 32, 2, 32],
  ['trn1n.32xlarge', 80, 50, 50, 16, 5, 16],
];

describe('DescribeInstanceTypes', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());

  async function all(filters?: Filter[]): Promise<InstanceTypeInfo[]> {
    const items: InstanceTypeInfo[] = [];
    for await (const page of paginateDescribeInstanceTypes({ client: ec2 }, { Filters: filters })) {
      items.push(...(page.InstanceTypes ?? []));
    }
    return items;
  }

  const names = (items: InstanceTypeInfo[]) => items.map((i) => i.InstanceType!).sort();

  it('serves every type of the spec table, each once', async () => {
    const served = names(await all());
    assert.equal(new Set(served).size, served.length, 'no type twice');
    for (const type of SPEC_TYPES) assert.ok(served.includes(type as _InstanceType), `${type} is served`);
  });

  it("answers the spec table's network limits for single-card types", async () => {
    const { InstanceTypes } = await ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: asTypes(SINGLE_CARD_ROWS.map((r) => r[0])) }),
    );
    assert.equal(InstanceTypes!.length, SINGLE_CARD_ROWS.length);
    for (const [type, enis, ipv4, ipv6, cards, efa, performance] of SINGLE_CARD_ROWS) {
      const n = InstanceTypes!.find((i) => i.InstanceType === type)!.NetworkInfo!;
      assert.deepEqual(
        [n.MaximumNetworkInterfaces, n.Ipv4AddressesPerInterface, n.Ipv6AddressesPerInterface, n.MaximumNetworkCards,
          n.EfaSupported, n.NetworkPerformance],
        [enis, ipv4, ipv6, cards, efa, performance],
        type,
      );
      assert.equal(n.DefaultNetworkCardIndex, 0);
      assert.equal(n.NetworkCards!.length, 1);
      assert.equal(n.NetworkCards![0]!.MaximumNetworkInterfaces, enis);
      assert.equal(n.Ipv6Supported, true);
    }
  });

  it('answers per-card ENI quotas and EFA counts for multi-card types', async () => {
    const { InstanceTypes } = await ec2.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: asTypes(MULTI_CARD_ROWS.map((r) => r[0])) }),
    );
    for (const [type, enis, ipv4, ipv6, cards, perCard, maxEfa] of MULTI_CARD_ROWS) {
      const n = InstanceTypes!.find((i) => i.InstanceType === type)!.NetworkInfo!;
      assert.equal(n.MaximumNetworkInterfaces, enis, type);
      assert.equal(n.Ipv4AddressesPerInterface, ipv4, type);
      assert.equal(n.Ipv6AddressesPerInterface, ipv6, type);
      assert.equal(n.MaximumNetworkCards, cards, type);
      assert.equal(n.NetworkCards!.length, cards, type);
      assert.deepEqual(n.NetworkCards!.map((c) => c.NetworkCardIndex), [...Array(cards).keys()], type);
      assert.ok(n.NetworkCards!.every((c) => c.MaximumNetworkInterfaces === perCard), type);
      assert.equal(n.EfaSupported, true, type);
      assert.equal(n.EfaInfo!.MaximumEfaInterfaces, maxEfa, type);
    }
  });

  it('fills the rest of InstanceTypeInfo as AWS does (t3.small, the type Terraform reads)', async () => {
    const { InstanceTypes } = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.small'] }));
    const t = InstanceTypes![0]!;
    assert.equal(t.InstanceType, 't3.small');
    assert.equal(t.BurstablePerformanceSupported, true);
    assert.equal(t.CurrentGeneration, true);
    assert.equal(t.Hypervisor, 'nitro');
    assert.equal(t.BareMetal, false);
    assert.deepEqual(t.ProcessorInfo!.SupportedArchitectures, ['x86_64']);
    assert.equal(t.VCpuInfo!.DefaultVCpus, 2);
    assert.equal(t.MemoryInfo!.SizeInMiB, 2048);
    assert.deepEqual(t.SupportedRootDeviceTypes, ['ebs']);
    assert.deepEqual(t.SupportedVirtualizationTypes, ['hvm']);
    assert.equal(t.InstanceStorageSupported, false);
    assert.equal(t.NetworkInfo!.EnaSupport, 'required');
    assert.deepEqual(t.NetworkInfo!.ConnectionTrackingConfiguration, {
      DefaultTcpEstablishedTimeout: 432000,
      DefaultUdpStreamTimeout: 180,
      DefaultUdpTimeout: 30,
    });
    const old = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t2.micro', 't1.micro', 'm5.metal'] }));
    const byName = new Map(old.InstanceTypes!.map((i) => [i.InstanceType, i]));
    assert.equal(byName.get('t2.micro')!.NetworkInfo!.EnaSupport, 'unsupported');
    assert.equal(byName.get('t2.micro')!.Hypervisor, 'xen');
    assert.equal(byName.get('t1.micro')!.NetworkInfo!.Ipv6Supported, false);
    assert.equal(byName.get('t1.micro')!.CurrentGeneration, false);
    assert.equal(byName.get('m5.metal')!.BareMetal, true);
    assert.equal(byName.get('m5.metal')!.Hypervisor, undefined, 'bare metal has no hypervisor');
  });

  it('refuses unknown types with InvalidInstanceType naming them', async () => {
    const e = await awsError(ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: asTypes(['t3.small', 't3.gigantic']) })));
    assert.equal(e.code, 'InvalidInstanceType');
    assert.equal(e.status, 400);
    assert.equal(e.message, 'The following supplied instance types do not exist: [t3.gigantic]');
  });

  it('filters by instance-type with wildcards, values ORed', async () => {
    assert.deepEqual(
      names(await all([{ Name: 'instance-type', Values: ['t3.*'] }])),
      ['t3.2xlarge', 't3.large', 't3.medium', 't3.micro', 't3.nano', 't3.small', 't3.xlarge'],
    );
    assert.deepEqual(names(await all([{ Name: 'instance-type', Values: ['t?.nano', 'p5.48xlarge'] }])), [
      'p5.48xlarge', 't2.nano', 't3.nano',
    ]);
  });

  it('filters by generation, burstable flag, architecture and vCPUs', async () => {
    const previous = await all([{ Name: 'current-generation', Values: ['false'] }]);
    assert.ok(previous.every((t) => t.CurrentGeneration === false));
    for (const old of ['c1.medium', 'm1.small', 'm3.medium', 't1.micro']) {
      assert.ok(previous.some((t) => t.InstanceType === old), old);
    }
    assert.ok(!previous.some((t) => t.InstanceType === 't3.small'));
    const current = await all([{ Name: 'current-generation', Values: ['true'] }]);
    assert.equal(current.length + previous.length, (await all()).length);
    const burstable = await all([{ Name: 'burstable-performance-supported', Values: ['true'] }]);
    assert.equal(burstable.length, 28);
    assert.ok(burstable.every((t) => /^t(2|3|3a|4g)\./.test(t.InstanceType!)));
    const arm = await all([{ Name: 'processor-info.supported-architecture', Values: ['arm64'] }]);
    assert.ok(arm.length > 0 && arm.every((t) => t.ProcessorInfo!.SupportedArchitectures!.includes('arm64')));
    assert.ok(arm.some((t) => t.InstanceType === 't4g.nano') && !arm.some((t) => t.InstanceType === 't3.nano'));
    const twoVcpuArm = await all([
      { Name: 'vcpu-info.default-vcpus', Values: ['2'] },
      { Name: 'processor-info.supported-architecture', Values: ['arm64'] },
    ]);
    assert.ok(twoVcpuArm.length > 0);
    assert.ok(twoVcpuArm.every((t) => t.VCpuInfo!.DefaultVCpus === 2 && t.ProcessorInfo!.SupportedArchitectures!.includes('arm64')));
  });

  it('filters on network-info.*', async () => {
    const efa = await all([{ Name: 'network-info.efa-supported', Values: ['true'] }]);
    assert.ok(efa.some((t) => t.InstanceType === 'p5.48xlarge') && efa.every((t) => t.NetworkInfo!.EfaSupported));
    assert.ok(!efa.some((t) => t.InstanceType === 'm6i.24xlarge'));
    assert.deepEqual(names(await all([{ Name: 'network-info.ipv6-supported', Values: ['false'] }])), [
      'c1.medium', 'm1.small', 'm3.medium', 't1.micro',
    ]);
    const twoByTwo = await all([
      { Name: 'network-info.maximum-network-interfaces', Values: ['2'] },
      { Name: 'network-info.ipv4-addresses-per-interface', Values: ['4'] },
    ]);
    assert.deepEqual(names(twoByTwo), ['c7g.medium', 'm1.small', 'm7g.medium', 'r7g.medium', 't3a.small']);
    const ipv6 = await all([{ Name: 'network-info.ipv6-addresses-per-interface', Values: ['50'] }]);
    assert.ok(ipv6.length > 0 && ipv6.every((t) => t.NetworkInfo!.Ipv6AddressesPerInterface === 50));
    const perf = await all([{ Name: 'network-info.network-performance', Values: ['Up to 5 Gigabit'] }]);
    assert.equal(perf.length, 21, 't3, t3a and t4g');
    const wild = await all([{ Name: 'network-info.network-performance', Values: ['*Low*'] }]);
    assert.ok(wild.some((t) => t.InstanceType === 't2.nano'));
    assert.ok(wild.every((t) => t.NetworkInfo!.NetworkPerformance!.includes('Low')));
  });

  it('refuses an unknown filter name', async () => {
    const e = await awsError(ec2.send(new DescribeInstanceTypesCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, "The filter 'colour' is invalid");
  });

  it('pages with MaxResults 5-100 and NextToken, and never answers more than 100 at once', async () => {
    const first = await ec2.send(new DescribeInstanceTypesCommand({}));
    assert.equal(first.InstanceTypes!.length, 100);
    assert.ok(first.NextToken);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeInstanceTypesCommand({ MaxResults: 5, NextToken: token }));
      assert.ok(page.InstanceTypes!.length <= 5);
      seen.push(...page.InstanceTypes!.map((t) => t.InstanceType!));
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, Math.ceil(seen.length / 5));
    assert.deepEqual([...seen].sort(), names(await all()));
    for (const bad of [4, 101]) {
      const e = await awsError(ec2.send(new DescribeInstanceTypesCommand({ MaxResults: bad })));
      assert.equal(e.code, 'InvalidParameterValue', String(bad));
    }
    const e = await awsError(ec2.send(new DescribeInstanceTypesCommand({ NextToken: 'garbage' })));
    assert.equal(e.code, 'InvalidNextToken');
  });
});

describe('instanceTypeLimits (the ENI and instance code read limits here)', () => {
  it('gives ENIs, addresses per ENI and cards', () => {
    assert.deepEqual(instanceTypeLimits('t3a.small'), {
      instanceType: 't3a.small',
      maxNetworkInterfaces: 2,
      ipv4AddressesPerInterface: 4,
      ipv6AddressesPerInterface: 4,
      ipv6Supported: true,
      maxNetworkCards: 1,
      defaultNetworkCardIndex: 0,
      networkCards: [{ networkCardIndex: 0, maxNetworkInterfaces: 2 }],
      efaSupported: false,
      maxEfaInterfaces: 0,
      enaSupport: 'required',
    });
    const c6in = instanceTypeLimits('c6in.32xlarge')!;
    assert.equal(c6in.maxNetworkInterfaces, 16);
    assert.deepEqual(c6in.networkCards, [
      { networkCardIndex: 0, maxNetworkInterfaces: 8 },
      { networkCardIndex: 1, maxNetworkInterfaces: 8 },
    ]);
    assert.equal(c6in.maxEfaInterfaces, 2);
    assert.equal(instanceTypeLimits('d3.8xlarge')!.ipv4AddressesPerInterface, 20);
    assert.equal(instanceTypeLimits('m1.small')!.ipv6AddressesPerInterface, 0);
    assert.equal(instanceTypeLimits('t3.gigantic'), undefined);
  });
});
