import type { ActionTable } from '../context.js';
import { associateRouteTable } from './associate-route-table.js';
import { createRoute } from './create-route.js';
import { createRouteTable } from './create-route-table.js';
import { deleteRoute } from './delete-route.js';
import { deleteRouteTable } from './delete-route-table.js';
import { describeRouteTables } from './describe-route-tables.js';
import { disassociateRouteTable } from './disassociate-route-table.js';
import { replaceRoute } from './replace-route.js';
import { replaceRouteTableAssociation } from './replace-route-table-association.js';

export const routeTableActions: ActionTable = {
  CreateRouteTable: createRouteTable,
  DeleteRouteTable: deleteRouteTable,
  DescribeRouteTables: describeRouteTables,
  CreateRoute: createRoute,
  ReplaceRoute: replaceRoute,
  DeleteRoute: deleteRoute,
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  ReplaceRouteTableAssociation: replaceRouteTableAssociation,
};
