/**
 * Every EC2 action vpclite serves, by name. Each resource folder exports its own table; an action that is in the
 * model but not here answers `InvalidAction`, as EC2 does for actions it does not know.
 */
import type { ActionTable, Handler } from './context.js';
import type { OperationName } from '../protocol/generated/ec2-shapes.js';
import { subnetActions } from './subnets/index.js';
import { securityGroupActions } from './security-groups/index.js';
import { vpcActions } from './vpcs/index.js';
import { regionActions } from './regions/index.js';
import { accountActions } from './account/index.js';
import { tagActions } from './tags/index.js';
import { routeTableActions } from './route-tables/index.js';
import { networkAclActions } from './network-acls/index.js';
import { internetGatewayActions } from './internet-gateways/index.js';
import { dhcpOptionsActions } from './dhcp-options/index.js';
import { instanceTypeActions } from './instance-types/index.js';
import { imageActions } from './images/index.js';
import { terraformReadActions } from './terraform-reads/index.js';
import { networkInterfaceActions } from './network-interfaces/index.js';
import { addressActions } from './addresses/index.js';
import { trunkInterfaceActions } from './trunk-interfaces/index.js';
import { instanceActions } from './instances/index.js';
import { flowLogActions } from './flow-logs/index.js';
import { networkInsightsActions } from './network-insights/index.js';

const tables: ActionTable[] = [
  subnetActions,
  securityGroupActions,
  vpcActions,
  regionActions,
  accountActions,
  tagActions,
  routeTableActions,
  networkAclActions,
  internetGatewayActions,
  dhcpOptionsActions,
  instanceTypeActions,
  imageActions,
  terraformReadActions,
  networkInterfaceActions,
  addressActions,
  trunkInterfaceActions,
  instanceActions,
  flowLogActions,
  networkInsightsActions,
];

export const actions: ActionTable = Object.assign({}, ...tables);

export function findHandler(action: string): Handler<OperationName> | undefined {
  return Object.hasOwn(actions, action) ? (actions[action as OperationName] as Handler<OperationName>) : undefined;
}
