/** The permissions of an Authorize/Revoke/Update request: IpPermissions.N, then the legacy flat parameters. */
import { permissionsMissing } from '../../errors/security-groups.js';
import type { IpPermission } from '../../protocol/generated/ec2-shapes.js';
import { legacyPermissions, type LegacyRuleParameters } from './legacy-permissions.js';
import { parsePermission, type PermissionRequest } from './permission-request.js';

export interface PermissionParameters extends LegacyRuleParameters {
  IpPermissions?: IpPermission[];
}

export const hasPermissions = (input: PermissionParameters): boolean =>
  (input.IpPermissions?.length ?? 0) > 0 || legacyPermissions(input).length > 0;

/** Every permission of the request, validated; a request without any is refused. */
export function requestedPermissions(input: PermissionParameters): PermissionRequest[] {
  const permissions = [...(input.IpPermissions ?? []), ...legacyPermissions(input)];
  if (permissions.length === 0) throw permissionsMissing();
  return permissions.map(parsePermission);
}
