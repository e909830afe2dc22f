/** Network-interface permissions (network-interfaces.md §4.12): rows → the model's NetworkInterfacePermission. */
import type { NetworkInterfacePermission } from '../../protocol/generated/ec2-shapes.js';

export interface PermissionRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  eni_id: string;
  aws_account_id: string;
  aws_service: string;
  permission: string;
  state: string;
}

export function toPermission(row: PermissionRow): NetworkInterfacePermission {
  return {
    NetworkInterfacePermissionId: row.id,
    NetworkInterfaceId: row.eni_id,
    AwsAccountId: row.aws_account_id || undefined,
    AwsService: row.aws_service || undefined,
    Permission: row.permission as NetworkInterfacePermission['Permission'],
    PermissionState: { State: row.state as 'granted' },
  };
}
