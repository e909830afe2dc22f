// Errors of DHCP option sets.
import { idsNotFound } from './resources.js';

/** `The dhcpOption ID 'dopt-…' does not exist` (note the singular noun EC2 uses). */
export const dhcpOptionsNotFound = idsNotFound('InvalidDhcpOptionID.NotFound', 'dhcpOption');
