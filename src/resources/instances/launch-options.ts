/**
 * The instance settings of a RunInstances request besides its network and disks (instances.md §1, and what
 * Terraform's aws_instance sends and reads back: ACTIONS.md), read and checked before anything is looked up, with
 * the defaults AWS applies.
 */
import { imageIdMalformed } from '../../errors/images.js';
import {
  invalidCount,
  invalidCpuCredits,
  invalidInstanceType,
  invalidMetadataOption,
  invalidShutdownBehavior,
  invalidTenancy,
  minAboveMax,
} from '../../errors/instances.js';
import { missingParameter } from '../../errors/protocol.js';
import type { RunInstancesRequest } from '../../protocol/generated/ec2-shapes.js';
import { isWellFormedId } from '../ids.js';
import { findInstanceType } from '../instance-types/catalog.js';
import type { InstanceTypeRecord } from '../instance-types/instance-type-record.js';

export interface LaunchOptions {
  imageId: string;
  type: InstanceTypeRecord;
  minCount: number;
  maxCount: number;
  /** Placement.AvailabilityZone when not empty (Terraform sends an empty one: ACTIONS.md). */
  zone?: string;
  placementGroup?: string;
  tenancy: string;
  keyName: string;
  userData: string;
  disableApiTermination: boolean;
  disableApiStop: boolean;
  shutdownBehavior: string;
  ebsOptimized: boolean;
  monitoring: boolean;
  /** The credit option of a burstable type; '' = the type's default (catalog.ts defaultCpuCredits). */
  cpuCredits: string;
  hibernation: boolean;
  enclave: boolean;
  metadata?: { tokens?: string; hopLimit?: number; endpoint?: string; ipv6?: string; tags?: string };
  dnsNames?: { hostnameType?: string; a?: boolean; aaaa?: boolean };
  cpu?: { cores?: number; threadsPerCore?: number };
}

const oneOf = (parameter: string, value: string | undefined, allowed: string[]): string | undefined => {
  if (value !== undefined && !allowed.includes(value)) throw invalidMetadataOption(parameter, value);
  return value;
};

export function readLaunchOptions(input: RunInstancesRequest): LaunchOptions {
  if (input.ImageId === undefined) throw missingParameter('ImageId');
  if (!isWellFormedId('ami', input.ImageId)) throw imageIdMalformed(input.ImageId);
  // AWS would default to m1.small, a type vpclite does not serve: the emulator requires it (instances.md §1).
  if (input.InstanceType === undefined) throw missingParameter('InstanceType');
  const type = findInstanceType(input.InstanceType);
  if (!type) throw invalidInstanceType(input.InstanceType);
  if (!Number.isInteger(input.MinCount) || input.MinCount < 1) throw invalidCount('minCount', input.MinCount);
  if (!Number.isInteger(input.MaxCount) || input.MaxCount < 1) throw invalidCount('maxCount', input.MaxCount);
  if (input.MinCount > input.MaxCount) throw minAboveMax(input.MinCount, input.MaxCount);

  const credits = input.CreditSpecification?.CpuCredits;
  if (credits !== undefined && credits !== 'standard' && credits !== 'unlimited') throw invalidCpuCredits(credits);
  const shutdownBehavior = input.InstanceInitiatedShutdownBehavior ?? 'stop';
  if (shutdownBehavior !== 'stop' && shutdownBehavior !== 'terminate') throw invalidShutdownBehavior(shutdownBehavior);
  const tenancy = input.Placement?.Tenancy ?? 'default';
  if (tenancy !== 'default' && tenancy !== 'dedicated') throw invalidTenancy(tenancy);

  const m = input.MetadataOptions;
  const hopLimit = m?.HttpPutResponseHopLimit;
  if (hopLimit !== undefined && (hopLimit < 1 || hopLimit > 64)) throw invalidMetadataOption('httpPutResponseHopLimit', hopLimit);
  const dns = input.PrivateDnsNameOptions;
  return {
    imageId: input.ImageId,
    type,
    minCount: input.MinCount,
    maxCount: input.MaxCount,
    zone: input.Placement?.AvailabilityZone || undefined,
    placementGroup: input.Placement?.GroupName || undefined,
    tenancy,
    keyName: input.KeyName ?? '',
    userData: input.UserData ?? '',
    disableApiTermination: input.DisableApiTermination === true,
    disableApiStop: input.DisableApiStop === true,
    shutdownBehavior,
    ebsOptimized: input.EbsOptimized === true,
    monitoring: input.Monitoring?.Enabled === true,
    // Only burstable types have a credit option; others ignore it.
    cpuCredits: type.burstable ? (credits ?? '') : '',
    hibernation: input.HibernationOptions?.Configured === true,
    enclave: input.EnclaveOptions?.Enabled === true,
    metadata: m && {
      tokens: oneOf('httpTokens', m.HttpTokens, ['optional', 'required']),
      hopLimit,
      endpoint: oneOf('httpEndpoint', m.HttpEndpoint, ['enabled', 'disabled']),
      ipv6: oneOf('httpProtocolIpv6', m.HttpProtocolIpv6, ['enabled', 'disabled']),
      tags: oneOf('instanceMetadataTags', m.InstanceMetadataTags, ['enabled', 'disabled']),
    },
    dnsNames: dns && {
      hostnameType: oneOf('hostnameType', dns.HostnameType, ['ip-name', 'resource-name']),
      a: dns.EnableResourceNameDnsARecord,
      aaaa: dns.EnableResourceNameDnsAAAARecord,
    },
    cpu: input.CpuOptions && { cores: input.CpuOptions.CoreCount, threadsPerCore: input.CpuOptions.ThreadsPerCore },
  };
}
