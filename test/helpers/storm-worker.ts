/**
 * One worker of a mixed write storm on one account: it picks a random request among those the ledger allows
 * (create, delete, attach and detach ENIs; launch and terminate instances; allocate, associate, disassociate and
 * release Elastic IPs), locks what the request touches, sends it, and records the acknowledged answer. A request
 * without an answer (its node was killed) leaves what it touched `uncertain` and ends the worker.
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  DeleteNetworkInterfaceCommand,
  DetachNetworkInterfaceCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { AL2_X86 } from './instance-fixtures.js';
import type { AccountLedger } from './storm-ledger.js';

/** AWS errors the storm expects now and then: a full subnet, the Elastic IP quota. Any other fails the test. */
const EXPECTED = new Set(['InsufficientFreeAddressesInSubnet', 'AddressLimitExceeded']);
const MAX_RUNNING = 5;
/** t3.small takes 3 ENIs: eth0 and device indexes 1 and 2. */
const SECONDARY_DEVICES = [1, 2];

let opCounter = 0;
const nextOp = () => `op-${process.pid}-${++opCounter}`;

interface Step {
  /** Resource ids the request reads or changes. */
  touches: string[];
  /** A create's op tag. */
  op?: string;
  send(): Promise<void>;
}

const pick = <T>(items: T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

function chooseStep(ec2: EC2Client, l: AccountLedger): Step {
  const free = (id: string) => !l.busy.has(id);
  const enis = [...l.enis.values()].filter((e) => free(e.id));
  const running = [...l.instances.values()].filter((i) => !i.terminated);
  const eips = [...l.eips.values()].filter((e) => free(e.id));
  const roll = Math.random();

  if (roll < 0.1) {
    const eni = pick(enis.filter((e) => e.instance === undefined && !l.eipOf(e.id)));
    if (eni) return { touches: [eni.id], send: async () => {
      await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.id }));
      l.enis.delete(eni.id);
      l.deletedEnis.add(eni.id);
    } };
  } else if (roll < 0.3) {
    const eni = pick(enis.filter((e) => e.instance === undefined));
    const instance = pick(running.filter((i) => free(i.id) && l.attachedTo(i.id).length < 1 + SECONDARY_DEVICES.length));
    if (eni && instance) {
      const device = SECONDARY_DEVICES.find((d) => !l.attachedTo(instance.id).some((e) => e.device === d))!;
      return { touches: [eni.id, instance.id], send: async () => {
        const { AttachmentId } = await ec2.send(
          new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eni.id, InstanceId: instance.id, DeviceIndex: device }),
        );
        Object.assign(eni, { instance: instance.id, attachmentId: AttachmentId, device });
      } };
    }
  } else if (roll < 0.4) {
    const eni = pick(enis.filter((e) => e.instance !== undefined && e.device !== 0 && free(e.instance)));
    if (eni) return { touches: [eni.id, eni.instance!], send: async () => {
      await ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId: eni.attachmentId }));
      Object.assign(eni, { instance: undefined, attachmentId: undefined, device: undefined });
    } };
  } else if (roll < 0.48) {
    if (running.length < MAX_RUNNING) {
      const op = nextOp();
      return { touches: [], op, send: async () => {
        const { Instances } = await ec2.send(
          new RunInstancesCommand({
            ImageId: AL2_X86, InstanceType: 't3.small', MinCount: 1, MaxCount: 1, SubnetId: l.subnetId,
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'op', Value: op }] }],
          }),
        );
        const instance = Instances![0]!;
        const eth0 = instance.NetworkInterfaces![0]!;
        l.instances.set(instance.InstanceId!, { id: instance.InstanceId!, terminated: false });
        l.enis.set(eth0.NetworkInterfaceId!, {
          id: eth0.NetworkInterfaceId!, instance: instance.InstanceId!, attachmentId: eth0.Attachment!.AttachmentId!, device: 0,
        });
      } };
    }
  } else if (roll < 0.53) {
    const instance = pick(running.filter((i) => free(i.id)));
    const attached = instance ? l.attachedTo(instance.id) : [];
    const eipIds = attached.flatMap((e) => l.eipOf(e.id)?.id ?? []);
    if (instance && [...attached.map((e) => e.id), ...eipIds].every(free)) {
      return { touches: [instance.id, ...attached.map((e) => e.id), ...eipIds], send: async () => {
        await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.id] }));
        l.terminated(instance.id);
      } };
    }
  } else if (roll < 0.6) {
    if (l.eips.size < 5) {
      const op = nextOp();
      return { touches: [], op, send: async () => {
        const { AllocationId } = await ec2.send(
          new AllocateAddressCommand({ TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'op', Value: op }] }] }),
        );
        l.eips.set(AllocationId!, { id: AllocationId! });
      } };
    }
  } else if (roll < 0.7) {
    const eip = pick(eips.filter((e) => e.eni === undefined));
    const eni = pick(enis.filter((e) => !l.eipOf(e.id)));
    if (eip && eni) return { touches: [eip.id, eni.id], send: async () => {
      const { AssociationId } = await ec2.send(
        new AssociateAddressCommand({ AllocationId: eip.id, NetworkInterfaceId: eni.id, AllowReassociation: false }),
      );
      Object.assign(eip, { eni: eni.id, associationId: AssociationId });
    } };
  } else if (roll < 0.76) {
    const eip = pick(eips.filter((e) => e.eni !== undefined && free(e.eni)));
    if (eip) return { touches: [eip.id, eip.eni!], send: async () => {
      await ec2.send(new DisassociateAddressCommand({ AssociationId: eip.associationId }));
      Object.assign(eip, { eni: undefined, associationId: undefined });
    } };
  } else if (roll < 0.82) {
    const eip = pick(eips.filter((e) => e.eni === undefined));
    if (eip) return { touches: [eip.id], send: async () => {
      await ec2.send(new ReleaseAddressCommand({ AllocationId: eip.id }));
      l.eips.delete(eip.id);
      l.releasedEips.add(eip.id);
    } };
  }
  const op = nextOp();
  return { touches: [], op, send: async () => {
    const { NetworkInterface } = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: l.subnetId, Description: op }));
    l.enis.set(NetworkInterface!.NetworkInterfaceId!, { id: NetworkInterface!.NetworkInterfaceId! });
  } };
}

/** True for an AWS error answer; false for a request that got no answer (connection refused or cut). */
function isAwsAnswer(error: unknown): error is { Code?: string; name: string } {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
}

export interface StormStats {
  acknowledged: number;
  cutOff: number;
}

/** Sends requests until `stop()` says so or a request goes unanswered (the node died). */
export async function stormWorker(ec2: EC2Client, l: AccountLedger, stats: StormStats, stop: () => boolean): Promise<void> {
  while (!stop()) {
    const step = chooseStep(ec2, l);
    for (const id of step.touches) l.busy.add(id);
    if (step.op) l.uncertainCreates.add(step.op);
    try {
      await step.send();
    } catch (error) {
      if (!isAwsAnswer(error)) {
        // Cut off: what it touched stays busy until the restarted server is reconciled.
        for (const id of step.touches) l.uncertain.add(id);
        stats.cutOff++;
        return;
      }
      const code = error.Code ?? error.name;
      if (!EXPECTED.has(code)) throw new Error(`account ${l.account}: unexpected ${code}: ${(error as Error).message}`);
    }
    if (step.op) l.uncertainCreates.delete(step.op);
    for (const id of step.touches) l.busy.delete(id);
    stats.acknowledged++;
  }
}
