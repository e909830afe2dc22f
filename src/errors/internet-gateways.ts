// Errors of internet gateways (routing-and-traffic.md §2).
import { idsNotFound } from './resources.js';

/** `The internetGateway ID 'igw-…' does not exist`. */
export const internetGatewayNotFound = idsNotFound('InvalidInternetGatewayID.NotFound', 'internetGateway');
