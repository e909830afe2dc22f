import type { ActionTable } from '../context.js';
import { describeDhcpOptions } from './describe-dhcp-options.js';

export const dhcpOptionsActions: ActionTable = {
  DescribeDhcpOptions: describeDhcpOptions,
};
