/**
 * How vpclite holds one instance type: a compact record of what DescribeInstanceTypes answers for it, generated
 * from real AWS data by scripts/vendor-instance-types.mjs (generated/instance-type-data.ts). The wire shape
 * (InstanceTypeInfo) is built from it by to-instance-type-info.ts; the ENI and instance code read the network
 * limits through instanceTypeLimits() in catalog.ts.
 */
export interface NetworkCardRecord {
  index: number;
  performance: string;
  /** ENIs this card can hold. */
  maxInterfaces: number;
  baselineGbps?: number;
  peakGbps?: number;
  defaultEnaQueuesPerInterface?: number;
  maxEnaQueues?: number;
  maxEnaQueuesPerInterface?: number;
  additionalFlexibleInterfaces?: number;
}

export interface NetworkRecord {
  performance: string;
  /** ENIs over all cards. */
  maxInterfaces: number;
  maxCards: number;
  defaultCardIndex: number;
  /** Private IPv4 addresses per ENI, the primary included (an IPv4 /28 prefix counts as one). */
  ipv4PerInterface: number;
  ipv6PerInterface: number;
  ipv6Supported: boolean;
  ena: 'unsupported' | 'supported' | 'required';
  efaSupported: boolean;
  maxEfaInterfaces?: number;
  encryptionInTransit: boolean;
  enaSrd: boolean;
  flexibleEnaQueues: 'unsupported' | 'supported';
  bandwidthWeightings?: string[];
  secondaryNetwork: boolean;
  ipv4PerSecondaryInterface?: number;
  cards: NetworkCardRecord[];
}

export interface InstanceTypeRecord {
  type: string;
  currentGeneration: boolean;
  freeTierEligible: boolean;
  bareMetal: boolean;
  /** Absent for bare-metal types, as in AWS's answer. */
  hypervisor?: 'nitro' | 'xen';
  burstable: boolean;
  architectures: string[];
  manufacturer: string;
  clockGhz?: number;
  processorFeatures?: string[];
  vcpus: number;
  cores: number;
  threadsPerCore: number;
  validCores?: number[];
  validThreadsPerCore?: number[];
  memoryMiB: number;
  instanceStorage?: {
    totalGb: number;
    disks: { sizeGb: number; count: number; type: string }[];
    nvme: string;
    encryption: string;
  };
  ebs: {
    optimizedSupport: string;
    encryption: string;
    nvme: string;
    maxAttachments?: number;
    attachmentLimitType?: string;
    optimized?: {
      baselineMbps: number;
      baselineThroughputMBps: number;
      baselineIops: number;
      maxMbps: number;
      maxThroughputMBps: number;
      maxIops: number;
    };
  };
  usageClasses: string[];
  rootDeviceTypes: string[];
  virtualizationTypes: string[];
  bootModes: string[];
  placementStrategies: string[];
  hibernation: boolean;
  dedicatedHosts: boolean;
  autoRecovery: boolean;
  nitroEnclaves: string;
  nitroTpm: string;
  nitroTpmVersions?: string[];
  phc?: string;
  rebootMigration?: string;
  network: NetworkRecord;
}
