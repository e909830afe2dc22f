/**
 * CreateFlowLogs' request-level checks (routing-and-traffic.md §4.1), in one pure function: what is wrong with the
 * combination of parameters fails the whole request (InvalidParameter / InvalidParameterValue); what is wrong with
 * one resource is decided later, per resource, into `unsuccessful`.
 */
import {
  deliverLogsPermissionNotAllowed,
  destinationOptionsNotAllowed,
  invalidAggregationInterval,
  invalidBucketArn,
  invalidEnumValue,
  invalidFirehoseArn,
  invalidLogFormat,
  invalidLogGroupArn,
  invalidLogGroupName,
  logGroupAndDestination,
  logGroupNameNotAllowed,
  missingDeliverLogsPermission,
  missingLogDestination,
  missingLogGroup,
  missingTrafficType,
  reservedS3Prefix,
  tooManyFlowLogResources,
  trafficTypeNotAllowed,
} from '../../errors/flow-logs.js';
import { invalidTaggableResourceType } from '../../errors/tags.js';
import type { CreateFlowLogsRequest } from '../../protocol/generated/ec2-shapes.js';
import {
  isFirehoseArn,
  isLogGroupName,
  logGroupArn,
  logGroupNameOfArn,
  s3LocationOfArn,
  usesReservedPrefix,
} from '../../flow-logs/destination.js';
import { DEFAULT_LOG_FORMAT, parseLogFormat } from '../../flow-logs/record-fields.js';

/** Resource types whose flow logs vpclite records, and the ones it has no resources of (transit gateways…). */
export const WATCHED_TYPES = ['VPC', 'Subnet', 'NetworkInterface'];
const GATEWAY_TYPES = ['TransitGateway', 'TransitGatewayAttachment', 'RegionalNatGateway'];
const TRAFFIC_TYPES = ['ACCEPT', 'REJECT', 'ALL'];
const DESTINATION_TYPES = ['cloud-watch-logs', 's3', 'kinesis-data-firehose'];
const FILE_FORMATS = ['plain-text', 'parquet'];

/** What one new flow log row holds besides its id, resource and tags. */
export interface FlowLogSettings {
  resourceType: string;
  trafficType: string;
  logDestinationType: string;
  logDestination: string;
  logGroupName: string;
  deliverLogsPermissionArn: string;
  deliverCrossAccountRole: string;
  logFormat: string;
  maxAggregationInterval: number;
  fileFormat: string;
  hiveCompatiblePartitions: boolean;
  perHourPartition: boolean;
}

function destinationOf(
  input: CreateFlowLogsRequest,
  type: string,
  scope: { region: string; account: string },
): { logDestination: string; logGroupName: string } {
  if (input.LogGroupName !== undefined && input.LogDestination !== undefined) throw logGroupAndDestination();
  if (type === 'cloud-watch-logs') {
    if (input.LogDestination !== undefined) {
      const name = logGroupNameOfArn(input.LogDestination);
      if (name === undefined) throw invalidLogGroupArn(input.LogDestination);
      return { logDestination: input.LogDestination, logGroupName: name };
    }
    if (input.LogGroupName === undefined) throw missingLogGroup();
    if (!isLogGroupName(input.LogGroupName)) throw invalidLogGroupName(input.LogGroupName);
    return { logDestination: logGroupArn(scope.region, scope.account, input.LogGroupName), logGroupName: input.LogGroupName };
  }
  if (input.LogGroupName !== undefined) throw logGroupNameNotAllowed(type);
  if (input.LogDestination === undefined) throw missingLogDestination(type);
  if (type === 's3') {
    const location = s3LocationOfArn(input.LogDestination);
    if (!location) throw invalidBucketArn(input.LogDestination);
    if (usesReservedPrefix(location)) throw reservedS3Prefix();
  } else if (!isFirehoseArn(input.LogDestination)) {
    throw invalidFirehoseArn(input.LogDestination);
  }
  return { logDestination: input.LogDestination, logGroupName: '' };
}

export function validateCreateFlowLogs(
  input: CreateFlowLogsRequest,
  scope: { region: string; account: string },
): FlowLogSettings {
  const resourceType = input.ResourceType;
  const gateway = GATEWAY_TYPES.includes(resourceType);
  if (!gateway && !WATCHED_TYPES.includes(resourceType)) throw invalidEnumValue('resourceType', resourceType);
  const maxResources = gateway ? 25 : 1000;
  if (input.ResourceIds.length > maxResources) throw tooManyFlowLogResources(maxResources);
  if (gateway && input.TrafficType !== undefined) throw trafficTypeNotAllowed(resourceType);
  if (!gateway && input.TrafficType === undefined) throw missingTrafficType();
  if (input.TrafficType !== undefined && !TRAFFIC_TYPES.includes(input.TrafficType)) {
    throw invalidEnumValue('trafficType', input.TrafficType);
  }
  const type = input.LogDestinationType ?? 'cloud-watch-logs';
  if (!DESTINATION_TYPES.includes(type)) throw invalidEnumValue('logDestinationType', type);
  const destination = destinationOf(input, type, scope);
  if (type === 'cloud-watch-logs' && input.DeliverLogsPermissionArn === undefined) throw missingDeliverLogsPermission();
  if (type === 's3' && input.DeliverLogsPermissionArn !== undefined) throw deliverLogsPermissionNotAllowed(type);
  if (type !== 's3' && input.DestinationOptions !== undefined) throw destinationOptionsNotAllowed(type);
  const fileFormat = input.DestinationOptions?.FileFormat ?? 'plain-text';
  if (!FILE_FORMATS.includes(fileFormat)) throw invalidEnumValue('destinationOptions.fileFormat', fileFormat);

  const interval = input.MaxAggregationInterval ?? (gateway ? 60 : 600);
  if (gateway ? interval !== 60 : interval !== 60 && interval !== 600) {
    throw invalidAggregationInterval(interval, gateway ? '60' : '60, 600');
  }
  let logFormat = DEFAULT_LOG_FORMAT;
  if (input.LogFormat !== undefined) {
    const fields = parseLogFormat(input.LogFormat);
    if (!fields) throw invalidLogFormat(input.LogFormat);
    logFormat = fields.map((f) => `\${${f}}`).join(' ');
  }
  for (const spec of input.TagSpecifications ?? []) {
    if (spec.ResourceType !== 'vpc-flow-log') throw invalidTaggableResourceType(spec.ResourceType ?? '');
  }
  return {
    resourceType,
    trafficType: input.TrafficType ?? '',
    logDestinationType: type,
    ...destination,
    deliverLogsPermissionArn: input.DeliverLogsPermissionArn ?? '',
    deliverCrossAccountRole: input.DeliverCrossAccountRole ?? '',
    logFormat,
    maxAggregationInterval: interval,
    fileFormat: type === 's3' ? fileFormat : '',
    hiveCompatiblePartitions: input.DestinationOptions?.HiveCompatiblePartitions === true,
    perHourPartition: input.DestinationOptions?.PerHourPartition === true,
  };
}
