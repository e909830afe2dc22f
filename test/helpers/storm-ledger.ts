/**
 * What a mixed write storm (ENIs, attachments, instances, Elastic IPs) knows for certain about one account, and
 * what it cannot know because a `kill -9` cut the answer off; and the reconciliation that checks a restarted
 * server against it. Every request locks the resources it touches (`busy`), so the ledger of a resource nobody is
 * working on is exact: after a restart such a resource must look exactly as the last acknowledged answer left
 * it. A resource whose request was cut off is `uncertain`: it may show the state before or after that request,
 * and a resource nobody acknowledged must carry the op tag of a create that was cut off.
 */
import assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

export interface EniState {
  id: string;
  instance?: string;
  attachmentId?: string;
  device?: number;
}

export interface InstanceState {
  id: string;
  terminated: boolean;
}

export interface EipState {
  id: string;
  eni?: string;
  associationId?: string;
}

export class AccountLedger {
  readonly enis = new Map<string, EniState>();
  readonly deletedEnis = new Set<string>();
  readonly instances = new Map<string, InstanceState>();
  readonly eips = new Map<string, EipState>();
  readonly releasedEips = new Set<string>();
  /** Resource ids a request is working on now. */
  readonly busy = new Set<string>();
  /** Resource ids whose request was cut off by a kill. */
  readonly uncertain = new Set<string>();
  /** Op tags of creates that were cut off: each may or may not have happened. */
  readonly uncertainCreates = new Set<string>();

  constructor(
    readonly account: string,
    readonly subnetId: string,
  ) {}

  /** The Elastic IP associated with `eniId`, if any. */
  eipOf(eniId: string): EipState | undefined {
    for (const eip of this.eips.values()) if (eip.eni === eniId) return eip;
    return undefined;
  }

  attachedTo(instanceId: string): EniState[] {
    return [...this.enis.values()].filter((e) => e.instance === instanceId);
  }

  /** The acknowledged answer of TerminateInstances: eth0 (DeleteOnTermination) goes, the others are detached. */
  terminated(instanceId: string): void {
    this.instances.get(instanceId)!.terminated = true;
    for (const eni of this.attachedTo(instanceId)) {
      const eip = this.eipOf(eni.id);
      if (eni.device === 0) {
        this.enis.delete(eni.id);
        this.deletedEnis.add(eni.id);
        if (eip) Object.assign(eip, { eni: undefined, associationId: undefined });
      } else {
        Object.assign(eni, { instance: undefined, attachmentId: undefined, device: undefined });
      }
    }
  }

  /**
   * Compares what the restarted server shows with the ledger, then adopts it: acknowledged writes must all be
   * there, acknowledged deletes gone, and everything else explained by a request the kill cut off.
   */
  async reconcile(ec2: EC2Client): Promise<void> {
    const who = `account ${this.account}`;
    const shownEnis = new Map(
      (await ec2.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces!.map((n) => [n.NetworkInterfaceId!, n]),
    );
    const shownInstances = new Map(
      (await ec2.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!).map((i) => [i.InstanceId!, i]),
    );
    const shownEips = new Map((await ec2.send(new DescribeAddressesCommand({}))).Addresses!.map((a) => [a.AllocationId!, a]));
    const opTag = (tags: { Key?: string; Value?: string }[] | undefined) => tags?.find((t) => t.Key === 'op')?.Value ?? '';

    for (const [id, known] of this.instances) {
      const shown = shownInstances.get(id);
      assert.ok(shown, `${who}: acknowledged instance ${id} survived`);
      const terminated = shown.State!.Name === 'terminated' || shown.State!.Name === 'shutting-down';
      if (!this.uncertain.has(id)) assert.equal(terminated, known.terminated, `${who}: ${id} is ${shown.State!.Name}`);
      known.terminated = terminated;
      shownInstances.delete(id);
    }
    for (const [id, shown] of shownInstances) {
      const op = opTag(shown.Tags);
      assert.ok(this.uncertainCreates.has(op), `${who}: instance ${id} (op '${op}') comes from a launch the kill cut off`);
      this.instances.set(id, { id, terminated: shown.State!.Name === 'terminated' || shown.State!.Name === 'shutting-down' });
    }

    for (const [id, known] of this.enis) {
      const shown = shownEnis.get(id);
      if (!shown) {
        assert.ok(this.uncertain.has(id), `${who}: acknowledged ENI ${id} survived`);
        this.enis.delete(id);
        this.deletedEnis.add(id);
        continue;
      }
      const attachment = shown.Attachment;
      if (!this.uncertain.has(id)) {
        assert.equal(attachment?.InstanceId, known.instance, `${who}: ${id} kept its attachment`);
        assert.equal(attachment?.AttachmentId, known.attachmentId, `${who}: ${id} kept its attachment id`);
      }
      Object.assign(known, { instance: attachment?.InstanceId, attachmentId: attachment?.AttachmentId, device: attachment?.DeviceIndex });
      shownEnis.delete(id);
    }
    for (const id of this.deletedEnis) assert.ok(!shownEnis.has(id), `${who}: acknowledged delete of ${id} survived`);
    for (const [id, shown] of shownEnis) {
      // An ENI nobody acknowledged: a create the kill cut off, or the eth0 of a launch the kill cut off.
      const fromCreate = this.uncertainCreates.has(shown.Description ?? '');
      const instance = shown.Attachment?.InstanceId;
      const fromLaunch = shown.Attachment?.DeviceIndex === 0 && instance !== undefined && this.instances.has(instance);
      assert.ok(fromCreate || fromLaunch, `${who}: ENI ${id} ('${shown.Description}') comes from a request the kill cut off`);
      this.enis.set(id, { id, instance, attachmentId: shown.Attachment?.AttachmentId, device: shown.Attachment?.DeviceIndex });
    }

    for (const [id, known] of this.eips) {
      const shown = shownEips.get(id);
      if (!shown) {
        assert.ok(this.uncertain.has(id), `${who}: acknowledged Elastic IP ${id} survived`);
        this.eips.delete(id);
        this.releasedEips.add(id);
        continue;
      }
      if (!this.uncertain.has(id)) {
        assert.equal(shown.NetworkInterfaceId, known.eni, `${who}: ${id} kept its association`);
        assert.equal(shown.AssociationId, known.associationId, `${who}: ${id} kept its association id`);
      }
      Object.assign(known, { eni: shown.NetworkInterfaceId, associationId: shown.AssociationId });
      shownEips.delete(id);
    }
    for (const id of this.releasedEips) assert.ok(!shownEips.has(id), `${who}: acknowledged release of ${id} survived`);
    for (const [id, shown] of shownEips) {
      const op = opTag(shown.Tags);
      assert.ok(this.uncertainCreates.has(op), `${who}: Elastic IP ${id} (op '${op}') comes from an allocation the kill cut off`);
      this.eips.set(id, { id, eni: shown.NetworkInterfaceId, associationId: shown.AssociationId });
    }

    this.busy.clear();
    this.uncertain.clear();
    this.uncertainCreates.clear();
  }
}
