/**
 * Test-only fixtures for the Elastic IP and trunk tests: states no action of this branch can produce yet.
 *
 * - attachToPretendInstanceForTest: RunInstances / AttachNetworkInterface are the instances work, so an "instance" here is
 *   only the attachment columns of its ENIs, written straight into the store (eni-fixtures' attachForTest). Once
 *   instances exist these setups should launch real instances instead.
 * - giveAutoPublicIpForTest: the auto-assigned public IPv4 a launch would give (ipOwnerId `amazon`).
 * - attachGatewayForTest: an internet gateway attached to a VPC (AttachInternetGateway is the routes work).
 */
import { DEFAULT_ACCOUNT } from '../../src/gateway/auth.js';
import { newId } from '../../src/resources/ids.js';
import { associateForTest, attachForTest } from './eni-fixtures.js';
import type { TestServer } from './server.js';

export async function attachToPretendInstanceForTest(
  server: TestServer,
  eniId: string,
  instanceId: string,
  deviceIndex: number,
  owner = DEFAULT_ACCOUNT,
): Promise<string> {
  return attachForTest(server, eniId, instanceId, deviceIndex, owner);
}

/** Puts an auto-assigned public IPv4 on the ENI's primary private address (or `privateIp`). */
export async function giveAutoPublicIpForTest(server: TestServer, eniId: string, publicIp: string, privateIp?: string): Promise<void> {
  await associateForTest(server, eniId, publicIp, 'amazon', { privateIp });
}

export async function attachGatewayForTest(server: TestServer, vpcId: string, account = DEFAULT_ACCOUNT, region = 'us-east-1'): Promise<string> {
  const id = newId('igw');
  await server.store.write((tx) =>
    tx.run('INSERT INTO internet_gateways (id, account, region, vpc_id, created_at) VALUES (?, ?, ?, ?, ?)', [
      id, account, region, vpcId, new Date().toISOString(),
    ]),
  );
  return id;
}
