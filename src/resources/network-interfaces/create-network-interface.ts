/**
 * CreateNetworkInterface (network-interfaces.md §4.1): parameters, then the subnet, then the groups, then the
 * addresses against the subnet, then what the store decides (quota, addresses in use, exhaustion). The answer
 * shows `pending`; every later read shows `available` (Terraform waits for that transition).
 */
import { invalidTaggableResourceType } from '../../errors/tags.js';
import type { NetworkInterfaceStatus, TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { applyTagSpecifications, validateTags } from '../tags/tag-store.js';
import { placeInSubnet, readCreateRequest } from './create-request.js';
import { resolveGroups } from './eni-groups.js';
import { findEni } from './eni-records.js';
import { toNetworkInterfaces } from './eni-view.js';
import { insertNetworkInterface } from './insert-network-interface.js';
import { requireSubnetSpace } from './subnet-space.js';

export const ENI_RESOURCE_TYPE = 'network-interface';
/** Real AWS answers `pending` here although the model's enum lacks it (wire-protocol.md §10). */
const PENDING = 'pending' as NetworkInterfaceStatus;

/** Tag specifications are parameters too: refused before anything is looked up. */
function checkTagSpecifications(specs: TagSpecification[] | undefined): void {
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== ENI_RESOURCE_TYPE) throw invalidTaggableResourceType(spec.ResourceType ?? '');
    validateTags(spec.Tags ?? []);
  }
}

export const createNetworkInterface: Handler<'CreateNetworkInterface'> = async (ctx, input) => {
  const request = readCreateRequest(input);
  checkTagSpecifications(input.TagSpecifications);
  const space = await requireSubnetSpace(ctx, input.SubnetId);
  const groupIds = await resolveGroups(ctx, input.Groups, space.row.vpc_id, space.row.id);
  const eniId = await insertNetworkInterface(ctx, { ...placeInSubnet(request, space), groupIds });
  await applyTagSpecifications(ctx, input.TagSpecifications, ENI_RESOURCE_TYPE, eniId);
  const [eni] = await toNetworkInterfaces(ctx, [(await findEni(ctx, eniId))!]);
  return { NetworkInterface: { ...eni, Status: PENDING }, ClientToken: input.ClientToken };
};
