/**
 * GetInstanceUefiData: the UEFI variable store of an instance. vpclite keeps none (no instance writes UEFI
 * variables here), so an instance answers with its id alone. Any id that names none of the caller's instances is
 * InvalidInstanceID.NotFound, including the AMI id Terraform's aws_ami data source passes here (the acceptance
 * log, shared/acceptance/terraform/ACTIONS.md: the provider ignores the error).
 */
import { instancesNotFound } from '../../errors/terraform-reads.js';
import type { Handler } from '../context.js';
import { findInstanceRows } from '../instances/instance-records.js';

export const getInstanceUefiData: Handler<'GetInstanceUefiData'> = async (ctx, input) => {
  const id = input.InstanceId;
  const [instance] = await findInstanceRows(ctx, [id]);
  if (!instance) throw instancesNotFound([id]);
  return { InstanceId: instance.id };
};
