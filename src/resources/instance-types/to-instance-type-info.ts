/** Our InstanceTypeRecord → the model's InstanceTypeInfo, filled as DescribeInstanceTypes fills it. */
import type {
  InstanceTypeInfo,
  NetworkCardInfo,
  NetworkInfo,
} from '../../protocol/generated/ec2-shapes.js';
import type { InstanceTypeRecord, NetworkCardRecord, NetworkRecord } from './instance-type-record.js';

/** The same for every type AWS reports (addressing.md §7.1). */
const CONNECTION_TRACKING = { DefaultTcpEstablishedTimeout: 432000, DefaultUdpStreamTimeout: 180, DefaultUdpTimeout: 30 };

// The record's string fields hold values of the model's enums (they come from AWS's own answers); the casts
// below only tell TypeScript so.
type Info = Required<InstanceTypeInfo>;

function toNetworkCard(card: NetworkCardRecord): NetworkCardInfo {
  return {
    NetworkCardIndex: card.index,
    NetworkPerformance: card.performance,
    MaximumNetworkInterfaces: card.maxInterfaces,
    AdditionalFlexibleNetworkInterfaces: card.additionalFlexibleInterfaces,
    BaselineBandwidthInGbps: card.baselineGbps,
    PeakBandwidthInGbps: card.peakGbps,
    DefaultEnaQueueCountPerInterface: card.defaultEnaQueuesPerInterface,
    MaximumEnaQueueCount: card.maxEnaQueues,
    MaximumEnaQueueCountPerInterface: card.maxEnaQueuesPerInterface,
  };
}

function toNetworkInfo(n: NetworkRecord): NetworkInfo {
  return {
    NetworkPerformance: n.performance,
    MaximumNetworkInterfaces: n.maxInterfaces,
    MaximumNetworkCards: n.maxCards,
    DefaultNetworkCardIndex: n.defaultCardIndex,
    NetworkCards: n.cards.map(toNetworkCard),
    Ipv4AddressesPerInterface: n.ipv4PerInterface,
    Ipv6AddressesPerInterface: n.ipv6PerInterface,
    Ipv6Supported: n.ipv6Supported,
    EnaSupport: n.ena,
    EfaSupported: n.efaSupported,
    EfaInfo: n.maxEfaInterfaces === undefined ? undefined : { MaximumEfaInterfaces: n.maxEfaInterfaces },
    EncryptionInTransitSupported: n.encryptionInTransit,
    EnaSrdSupported: n.enaSrd,
    BandwidthWeightings: n.bandwidthWeightings as Info['NetworkInfo']['BandwidthWeightings'],
    FlexibleEnaQueuesSupport: n.flexibleEnaQueues,
    ConnectionTrackingConfiguration: CONNECTION_TRACKING,
    SecondaryNetworkSupported: n.secondaryNetwork,
    Ipv4AddressesPerSecondaryInterface: n.ipv4PerSecondaryInterface,
  };
}

export function toInstanceTypeInfo(r: InstanceTypeRecord): InstanceTypeInfo {
  const optimized = r.ebs.optimized;
  return {
    InstanceType: r.type as Info['InstanceType'],
    CurrentGeneration: r.currentGeneration,
    FreeTierEligible: r.freeTierEligible,
    SupportedUsageClasses: r.usageClasses as Info['SupportedUsageClasses'],
    SupportedRootDeviceTypes: r.rootDeviceTypes as Info['SupportedRootDeviceTypes'],
    SupportedVirtualizationTypes: r.virtualizationTypes as Info['SupportedVirtualizationTypes'],
    BareMetal: r.bareMetal,
    Hypervisor: r.hypervisor,
    ProcessorInfo: {
      SupportedArchitectures: r.architectures as Info['ProcessorInfo']['SupportedArchitectures'],
      SustainedClockSpeedInGhz: r.clockGhz,
      SupportedFeatures: r.processorFeatures as Info['ProcessorInfo']['SupportedFeatures'],
      Manufacturer: r.manufacturer,
    },
    VCpuInfo: {
      DefaultVCpus: r.vcpus,
      DefaultCores: r.cores,
      DefaultThreadsPerCore: r.threadsPerCore,
      ValidCores: r.validCores,
      ValidThreadsPerCore: r.validThreadsPerCore,
    },
    MemoryInfo: { SizeInMiB: r.memoryMiB },
    InstanceStorageSupported: r.instanceStorage !== undefined,
    InstanceStorageInfo: r.instanceStorage && {
      TotalSizeInGB: r.instanceStorage.totalGb,
      Disks: r.instanceStorage.disks.map((d) => ({
        SizeInGB: d.sizeGb,
        Count: d.count,
        Type: d.type as 'hdd' | 'ssd',
      })),
      NvmeSupport: r.instanceStorage.nvme as Info['InstanceStorageInfo']['NvmeSupport'],
      EncryptionSupport: r.instanceStorage.encryption as Info['InstanceStorageInfo']['EncryptionSupport'],
    },
    EbsInfo: {
      EbsOptimizedSupport: r.ebs.optimizedSupport as Info['EbsInfo']['EbsOptimizedSupport'],
      EncryptionSupport: r.ebs.encryption as Info['EbsInfo']['EncryptionSupport'],
      EbsOptimizedInfo: optimized && {
        BaselineBandwidthInMbps: optimized.baselineMbps,
        BaselineThroughputInMBps: optimized.baselineThroughputMBps,
        BaselineIops: optimized.baselineIops,
        MaximumBandwidthInMbps: optimized.maxMbps,
        MaximumThroughputInMBps: optimized.maxThroughputMBps,
        MaximumIops: optimized.maxIops,
      },
      NvmeSupport: r.ebs.nvme as Info['EbsInfo']['NvmeSupport'],
      MaximumEbsAttachments: r.ebs.maxAttachments,
      AttachmentLimitType: r.ebs.attachmentLimitType as Info['EbsInfo']['AttachmentLimitType'],
    },
    NetworkInfo: toNetworkInfo(r.network),
    PlacementGroupInfo: { SupportedStrategies: r.placementStrategies as Info['PlacementGroupInfo']['SupportedStrategies'] },
    HibernationSupported: r.hibernation,
    BurstablePerformanceSupported: r.burstable,
    DedicatedHostsSupported: r.dedicatedHosts,
    AutoRecoverySupported: r.autoRecovery,
    SupportedBootModes: r.bootModes as Info['SupportedBootModes'],
    NitroEnclavesSupport: r.nitroEnclaves as Info['NitroEnclavesSupport'],
    NitroTpmSupport: r.nitroTpm as Info['NitroTpmSupport'],
    NitroTpmInfo: r.nitroTpmVersions && { SupportedVersions: r.nitroTpmVersions },
    PhcSupport: r.phc as Info['PhcSupport'],
    RebootMigrationSupport: r.rebootMigration as Info['RebootMigrationSupport'],
  };
}
