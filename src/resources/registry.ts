/**
 * Every EC2 action vpclite serves, by name. Each resource folder exports its own table; an action that is in the
 * model but not here answers `InvalidAction`, as EC2 does for actions it does not know.
 */
import type { ActionTable, Handler } from './context.js';
import type { OperationName } from '../protocol/generated/ec2-shapes.js';
import { vpcActions } from './vpcs/index.js';
import { networkInterfaceActions } from './network-interfaces/index.js';

const tables: ActionTable[] = [vpcActions, networkInterfaceActions];

export const actions: ActionTable = Object.assign({}, ...tables);

export function findHandler(action: string): Handler<OperationName> | undefined {
  return Object.hasOwn(actions, action) ? (actions[action as OperationName] as Handler<OperationName>) : undefined;
}
