// Errors of route tables (routing-and-traffic.md §1).
import { idsNotFound } from './resources.js';

/** `The routeTable ID 'rtb-…' does not exist` (T). */
export const routeTableNotFound = idsNotFound('InvalidRouteTableID.NotFound', 'routeTable');
