// An internet gateway cannot be detached while its VPC maps public addresses through it (routing-and-traffic.md §2).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  DetachInternetGatewayCommand,
  DisassociateAddressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';

describe('Detaching an internet gateway with mapped public addresses', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('is refused with DependencyViolation while an Elastic IP is associated, and allowed once it is not', async () => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    const igwId = await attachNewGateway(ec2, vpcId);
    const eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    const { AllocationId } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const { AssociationId } = await ec2.send(new AssociateAddressCommand({ AllocationId, NetworkInterfaceId: eniId }));

    const e = await awsError(ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })));
    assert.equal(e.code, 'DependencyViolation');

    await ec2.send(new DisassociateAddressCommand({ AssociationId }));
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  });
});
