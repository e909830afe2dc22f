/** Reading flow log rows and turning them into the model's FlowLog shape. */
import type { FlowLog, Tag } from '../../protocol/generated/ec2-shapes.js';

export interface FlowLogRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  resource_id: string;
  resource_type: string;
  /** '' for resource types that take none (transit gateways). */
  traffic_type: string;
  log_destination_type: string;
  log_destination: string;
  log_group_name: string;
  deliver_logs_permission_arn: string;
  deliver_cross_account_role: string;
  /** The effective format: the default one spelled out when the flow log was created without one. */
  log_format: string;
  max_aggregation_interval: number;
  file_format: string;
  hive_compatible_partitions: number;
  per_hour_partition: number;
  created_at: string;
}

const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value);

export function toFlowLog(row: FlowLogRow, tags: Tag[]): FlowLog {
  return {
    CreationTime: new Date(row.created_at),
    DeliverLogsPermissionArn: orUndefined(row.deliver_logs_permission_arn),
    DeliverCrossAccountRole: orUndefined(row.deliver_cross_account_role),
    DeliverLogsStatus: 'SUCCESS',
    FlowLogId: row.id,
    FlowLogStatus: 'ACTIVE',
    LogGroupName: orUndefined(row.log_group_name),
    ResourceId: row.resource_id,
    TrafficType: orUndefined(row.traffic_type) as FlowLog['TrafficType'],
    LogDestinationType: row.log_destination_type as FlowLog['LogDestinationType'],
    LogDestination: row.log_destination,
    LogFormat: row.log_format,
    Tags: tags,
    MaxAggregationInterval: row.max_aggregation_interval,
    DestinationOptions:
      row.log_destination_type === 's3'
        ? {
            FileFormat: row.file_format as 'plain-text',
            HiveCompatiblePartitions: row.hive_compatible_partitions === 1,
            PerHourPartition: row.per_hour_partition === 1,
          }
        : undefined,
  };
}
