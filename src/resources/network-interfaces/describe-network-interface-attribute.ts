/** DescribeNetworkInterfaceAttribute (network-interfaces.md §4.4): one attribute per call, plus the ENI's id. */
import { invalidAttribute } from '../../errors/network-interfaces.js';
import { missingParameter } from '../../errors/protocol.js';
import type { DescribeNetworkInterfaceAttributeResult } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { requireEni } from './eni-records.js';
import { attachmentOf, groupsOf } from './eni-view.js';

const ATTRIBUTES = ['description', 'groupSet', 'sourceDestCheck', 'attachment', 'associatePublicIpAddress'];

export const describeNetworkInterfaceAttribute: Handler<'DescribeNetworkInterfaceAttribute'> = async (ctx, input) => {
  // The model marks Attribute optional, but the API needs it (network-interfaces.md §4.4).
  if (input.Attribute === undefined) throw missingParameter('Attribute');
  if (!ATTRIBUTES.includes(input.Attribute)) throw invalidAttribute(input.Attribute);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  const result: DescribeNetworkInterfaceAttributeResult = { NetworkInterfaceId: eni.id };
  switch (input.Attribute) {
    case 'description':
      result.Description = { Value: eni.description };
      break;
    case 'groupSet':
      result.Groups = (await groupsOf(ctx, [eni.id])).get(eni.id);
      break;
    case 'sourceDestCheck':
      result.SourceDestCheck = { Value: eni.source_dest_check === 1 };
      break;
    case 'attachment':
      result.Attachment = attachmentOf(eni);
      break;
    case 'associatePublicIpAddress':
      result.AssociatePublicIpAddress = eni.associate_public_ip === 1;
      break;
  }
  return result;
};
