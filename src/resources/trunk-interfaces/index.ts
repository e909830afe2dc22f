/** Trunk and branch network interfaces: a branch ENI carried on a trunk ENI over a VLAN or GRE key. */
import type { ActionTable } from '../context.js';
import { associateTrunkInterface } from './associate-trunk-interface.js';
import { describeTrunkInterfaceAssociations } from './describe-trunk-interface-associations.js';
import { disassociateTrunkInterface } from './disassociate-trunk-interface.js';

export const trunkInterfaceActions: ActionTable = {
  AssociateTrunkInterface: associateTrunkInterface,
  DisassociateTrunkInterface: disassociateTrunkInterface,
  DescribeTrunkInterfaceAssociations: describeTrunkInterfaceAssociations,
};
