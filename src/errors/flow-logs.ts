// Errors of VPC flow logs (routing-and-traffic.md §4.1). Request-level codes are C; their messages are U unless noted.
import type { UnsuccessfulItem } from '../protocol/generated/ec2-shapes.js';
import { clientError } from './aws-error.js';
import { invalidParameter, invalidParameterValue } from './protocol.js';

export const logGroupAndDestination = () =>
  invalidParameter('Please only provide LogGroupName or only provide LogDestination.');
export const missingLogGroup = () =>
  invalidParameter('LogGroupName or LogDestination is required when LogDestinationType is cloud-watch-logs.');
export const missingLogDestination = (type: string) =>
  invalidParameter(`LogDestination is required when LogDestinationType is ${type}.`);
export const logGroupNameNotAllowed = (type: string) =>
  invalidParameter(`LogGroupName cannot be specified when LogDestinationType is ${type}.`);
export const missingDeliverLogsPermission = () =>
  invalidParameter('DeliverLogsPermissionArn is required when LogDestinationType is cloud-watch-logs.');
export const deliverLogsPermissionNotAllowed = (type: string) =>
  invalidParameter(`DeliverLogsPermissionArn cannot be specified when LogDestinationType is ${type}.`);
export const destinationOptionsNotAllowed = (type: string) =>
  invalidParameter(`DestinationOptions cannot be specified when LogDestinationType is ${type}.`);
export const missingTrafficType = () => invalidParameter('TrafficType is required for this ResourceType.');
export const trafficTypeNotAllowed = (resourceType: string) =>
  invalidParameter(`TrafficType cannot be specified for ResourceType ${resourceType}.`);
export const invalidEnumValue = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid.`);
export const invalidAggregationInterval = (value: number, allowed: string) =>
  invalidParameterValue(`Value (${value}) for parameter maxAggregationInterval is invalid. Allowed values: ${allowed}.`);
export const invalidLogFormat = (format: string) =>
  invalidParameter(`Invalid LogFormat '${format}': expected one or more space-separated \${field} names.`);
export const invalidLogGroupArn = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter logDestination is invalid. Expected a CloudWatch Logs log group ARN.`);
export const invalidLogGroupName = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter logGroupName is invalid.`);
export const invalidBucketArn = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter logDestination is invalid. Expected an S3 bucket ARN.`);
export const reservedS3Prefix = () =>
  invalidParameterValue('The S3 prefix of logDestination cannot be AWSLogs, which is reserved for the log files.');
export const invalidFirehoseArn = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter logDestination is invalid. Expected a Firehose delivery stream ARN.`);
export const tooManyFlowLogResources = (max: number) =>
  invalidParameterValue(`The maximum number of resource IDs in one request is ${max}.`);
export const tooManyFlowLogIds = () => invalidParameterValue('The maximum number of flow log IDs in one request is 1000.');

/** Per-resource failures of CreateFlowLogs and DeleteFlowLogs go in `unsuccessful`, never as the HTTP error. */
export const unsuccessful = (resourceId: string, code: string, message: string): UnsuccessfulItem => ({
  ResourceId: resourceId,
  Error: { Code: code, Message: message },
});
export const flowLogAlreadyExists = (resourceId: string) =>
  unsuccessful(resourceId, 'FlowLogAlreadyExists', 'Error. There is an existing Flow Log with the same configuration and log destination.');
export const flowLogNotFound = (flowLogId: string) =>
  unsuccessful(flowLogId, 'InvalidFlowLogId.NotFound', `Flow log ${flowLogId} does not exist`);
/** CreateTags / DeleteTags naming flow logs that are not the caller's. */
export const flowLogsNotFound = (ids: string[]) =>
  clientError('InvalidFlowLogId.NotFound', `The flow log IDs '${ids.join(', ')}' do not exist`);
