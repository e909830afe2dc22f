import type { ActionTable } from '../context.js';
import { attachInternetGateway } from './attach-internet-gateway.js';
import { createInternetGateway } from './create-internet-gateway.js';
import { deleteInternetGateway } from './delete-internet-gateway.js';
import { describeInternetGateways } from './describe-internet-gateways.js';
import { detachInternetGateway } from './detach-internet-gateway.js';

export const internetGatewayActions: ActionTable = {
  CreateInternetGateway: createInternetGateway,
  AttachInternetGateway: attachInternetGateway,
  DetachInternetGateway: detachInternetGateway,
  DeleteInternetGateway: deleteInternetGateway,
  DescribeInternetGateways: describeInternetGateways,
};
