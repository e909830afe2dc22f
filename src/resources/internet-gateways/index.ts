import type { ActionTable } from '../context.js';
import { describeInternetGateways } from './describe-internet-gateways.js';

export const internetGatewayActions: ActionTable = {
  DescribeInternetGateways: describeInternetGateways,
};
