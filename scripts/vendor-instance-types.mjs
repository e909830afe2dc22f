#!/usr/bin/env node
// Vendors the instance types vpclite serves into src/resources/instance-types/generated/instance-type-data.ts.
//
// Source: the DescribeInstanceTypes snapshot shipped in the moto package (`moto/ec2/resources/
// instance_types.json.gz`, real AWS answers keyed by type; found through python3, or given with --moto PATH).
// We keep only the types listed below and only the fields DescribeInstanceTypes answers that vpclite uses, in
// our own compact record (src/resources/instance-types/instance-type-record.ts); accelerator details (GPU,
// Neuron, FPGA) and per-EBS-card data are dropped.
//
// The served types are every row of the spec's per-type limits table (shared/spec/addressing.md §7) plus a few
// the spec names as examples. The spec is not part of this repository: when it is found (--spec PATH, or
// ../shared/spec/addressing.md, or ../../shared/spec/addressing.md from the repository root) every row of its two
// tables is checked against the generated records and the script fails on any difference or any row missing
// from SERVED_TYPES. --no-spec-check skips that (only when the spec is not at hand). --check regenerates in memory
// and fails when the committed file differs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const TARGET = 'src/resources/instance-types/generated/instance-type-data.ts';

/** Every row of addressing.md §7, in the spec's order (single-card table, then multi-card table). */
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

/**
 * Types the spec mentions outside its tables: d3.8xlarge (an odd ENI × IPv4 ratio, §7) and previous-generation
 * types without IPv6 (§7.1: t1, m1, m3, c1). (u-6tb1.metal, also named in §7, is not in moto's snapshot.)
 */
const EXTRA_TYPES = ['d3.8xlarge', 't1.micro', 'm1.small', 'm3.medium', 'c1.medium'];

const SERVED_TYPES = [...SPEC_TYPES, ...EXTRA_TYPES];

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function motoDataPath() {
  const given = argValue('--moto');
  if (given) return given;
  const dir = execFileSync('python3', ['-c', 'import moto,os;print(os.path.dirname(moto.__file__))']).toString().trim();
  return join(dir, 'ec2', 'resources', 'instance_types.json.gz');
}

function motoVersion() {
  try {
    return execFileSync('python3', ['-c', 'import moto;print(moto.__version__)']).toString().trim();
  } catch {
    return 'unknown';
  }
}

const defined = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

/** One network card, in our record form. */
function cardRecord(card) {
  return defined({
    index: card.NetworkCardIndex,
    performance: card.NetworkPerformance,
    maxInterfaces: card.MaximumNetworkInterfaces,
    baselineGbps: card.BaselineBandwidthInGbps,
    peakGbps: card.PeakBandwidthInGbps,
    defaultEnaQueuesPerInterface: card.DefaultEnaQueueCountPerInterface,
    maxEnaQueues: card.MaximumEnaQueueCount,
    maxEnaQueuesPerInterface: card.MaximumEnaQueueCountPerInterface,
    additionalFlexibleInterfaces: card.AdditionalFlexibleNetworkInterfaces,
  });
}

/** DescribeInstanceTypes JSON (moto's form) → our InstanceTypeRecord. */
function toRecord(info) {
  const n = info.NetworkInfo;
  const ebs = info.EbsInfo;
  const opt = ebs.EbsOptimizedInfo;
  const storage = info.InstanceStorageInfo;
  return defined({
    type: info.InstanceType,
    currentGeneration: info.CurrentGeneration,
    freeTierEligible: info.FreeTierEligible,
    bareMetal: info.BareMetal,
    hypervisor: info.Hypervisor,
    burstable: info.BurstablePerformanceSupported,
    architectures: info.ProcessorInfo.SupportedArchitectures,
    manufacturer: info.ProcessorInfo.Manufacturer,
    clockGhz: info.ProcessorInfo.SustainedClockSpeedInGhz,
    processorFeatures: info.ProcessorInfo.SupportedFeatures,
    vcpus: info.VCpuInfo.DefaultVCpus,
    cores: info.VCpuInfo.DefaultCores,
    threadsPerCore: info.VCpuInfo.DefaultThreadsPerCore,
    validCores: info.VCpuInfo.ValidCores,
    validThreadsPerCore: info.VCpuInfo.ValidThreadsPerCore,
    memoryMiB: info.MemoryInfo.SizeInMiB,
    instanceStorage: storage
      ? defined({
          totalGb: storage.TotalSizeInGB,
          disks: storage.Disks.map((d) => ({ sizeGb: d.SizeInGB, count: d.Count, type: d.Type })),
          nvme: storage.NvmeSupport,
          encryption: storage.EncryptionSupport,
        })
      : undefined,
    ebs: defined({
      optimizedSupport: ebs.EbsOptimizedSupport,
      encryption: ebs.EncryptionSupport,
      nvme: ebs.NvmeSupport,
      maxAttachments: ebs.MaximumEbsAttachments,
      attachmentLimitType: ebs.AttachmentLimitType,
      optimized: opt
        ? {
            baselineMbps: opt.BaselineBandwidthInMbps,
            baselineThroughputMBps: opt.BaselineThroughputInMBps,
            baselineIops: opt.BaselineIops,
            maxMbps: opt.MaximumBandwidthInMbps,
            maxThroughputMBps: opt.MaximumThroughputInMBps,
            maxIops: opt.MaximumIops,
          }
        : undefined,
    }),
    usageClasses: info.SupportedUsageClasses,
    rootDeviceTypes: info.SupportedRootDeviceTypes,
    virtualizationTypes: info.SupportedVirtualizationTypes,
    bootModes: info.SupportedBootModes,
    placementStrategies: info.PlacementGroupInfo.SupportedStrategies,
    hibernation: info.HibernationSupported,
    dedicatedHosts: info.DedicatedHostsSupported,
    autoRecovery: info.AutoRecoverySupported,
    nitroEnclaves: info.NitroEnclavesSupport,
    nitroTpm: info.NitroTpmSupport,
    nitroTpmVersions: info.NitroTpmInfo?.SupportedVersions,
    phc: info.PhcSupport,
    rebootMigration: info.RebootMigrationSupport,
    network: defined({
      performance: n.NetworkPerformance,
      maxInterfaces: n.MaximumNetworkInterfaces,
      maxCards: n.MaximumNetworkCards,
      defaultCardIndex: n.DefaultNetworkCardIndex,
      ipv4PerInterface: n.Ipv4AddressesPerInterface,
      ipv6PerInterface: n.Ipv6AddressesPerInterface,
      ipv6Supported: n.Ipv6Supported,
      ena: n.EnaSupport,
      efaSupported: n.EfaSupported,
      maxEfaInterfaces: n.EfaInfo?.MaximumEfaInterfaces,
      encryptionInTransit: n.EncryptionInTransitSupported,
      enaSrd: n.EnaSrdSupported,
      flexibleEnaQueues: n.FlexibleEnaQueuesSupport,
      bandwidthWeightings: n.BandwidthWeightings,
      secondaryNetwork: n.SecondaryNetworkSupported,
      ipv4PerSecondaryInterface: n.Ipv4AddressesPerSecondaryInterface,
      cards: n.NetworkCards.map(cardRecord),
    }),
  });
}

function render(records, version) {
  const lines = [
    `// GENERATED by scripts/vendor-instance-types.mjs from moto ${version} (moto/ec2/resources/instance_types.json.gz,`,
    '// real DescribeInstanceTypes answers), checked against shared/spec/addressing.md §7. Do not edit: run',
    '// `node scripts/vendor-instance-types.mjs`.',
    "import type { InstanceTypeRecord } from '../instance-type-record.js';",
    '',
    'export const INSTANCE_TYPE_RECORDS: readonly InstanceTypeRecord[] = [',
    ...records.map((r) => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------- the spec check

function findSpec() {
  const given = argValue('--spec');
  if (given) return given;
  return ['../shared/spec/addressing.md', '../../shared/spec/addressing.md'].find((p) => existsSync(p));
}

/** The rows of the two tables of addressing.md §7, as arrays of cell strings. */
function specRows(text) {
  const start = text.indexOf('## 7. Per-instance-type network limits');
  const end = text.indexOf('### 7.1');
  if (start < 0 || end < 0) throw new Error('addressing.md has no §7 table');
  const rows = { single: [], multi: [] };
  let table;
  for (const line of text.slice(start, end).split('\n')) {
    if (line.startsWith('| Type | ENIs |')) table = 'single';
    else if (line.startsWith('| Type | ENIs total |')) table = 'multi';
    else if (line.startsWith('|---')) continue;
    else if (line.startsWith('| ') && table) rows[table].push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

function checkAgainstSpec(records, specPath) {
  const byType = new Map(records.map((r) => [r.type, r]));
  const rows = specRows(readFileSync(specPath, 'utf8'));
  const problems = [];
  const compare = (type, expected, actual) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      problems.push(`${type}: spec ${JSON.stringify(expected)}, data ${JSON.stringify(actual)}`);
    }
  };
  for (const [type, enis, ipv4, ipv6, cards, efa, performance] of rows.single) {
    const r = byType.get(type);
    if (!r) { problems.push(`${type}: in the spec table but not served`); continue; }
    const n = r.network;
    compare(type, [enis, ipv4, ipv6, cards, efa, performance], [
      String(n.maxInterfaces), String(n.ipv4PerInterface), String(n.ipv6PerInterface), String(n.maxCards),
      n.efaSupported ? 'yes' : 'no', n.performance,
    ]);
  }
  for (const [type, enis, ipv4, ipv6, cards, perCard, maxEfa] of rows.multi) {
    const r = byType.get(type);
    if (!r) { problems.push(`${type}: in the multi-card table but not served`); continue; }
    const n = r.network;
    const perCardValues = [...new Set(n.cards.map((c) => String(c.maxInterfaces)))].join('/');
    compare(type, [enis, ipv4, ipv6, cards, perCard, maxEfa], [
      String(n.maxInterfaces), String(n.ipv4PerInterface), String(n.ipv6PerInterface), String(n.maxCards),
      perCardValues, String(n.maxEfaInterfaces),
    ]);
  }
  if (problems.length > 0) throw new Error(`generated data differs from ${specPath}:\n  ${problems.join('\n  ')}`);
  return rows.single.length + rows.multi.length;
}

// ---------------------------------------------------------------- main

function main() {
  const source = motoDataPath();
  if (!existsSync(source)) throw new Error(`no moto instance type data at ${source}`);
  const all = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8'));
  const missing = SERVED_TYPES.filter((t) => !all[t]);
  if (missing.length > 0) throw new Error(`not in moto's data: ${missing.join(', ')}`);
  const records = SERVED_TYPES.map((t) => toRecord(all[t]));

  const spec = findSpec();
  if (spec) {
    const checked = checkAgainstSpec(records, spec);
    console.log(`${spec}: all ${checked} rows of §7 match`);
  } else if (!process.argv.includes('--no-spec-check')) {
    throw new Error('shared/spec/addressing.md not found: give --spec PATH (or --no-spec-check)');
  }

  const text = render(records, motoVersion());
  if (process.argv.includes('--check')) {
    const current = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (current !== text) throw new Error(`${TARGET} is out of date: run node scripts/vendor-instance-types.mjs`);
    console.log(`${TARGET} is up to date`);
    return;
  }
  writeFileSync(TARGET, text);
  console.log(`${TARGET}: ${records.length} instance types`);
}

main();
