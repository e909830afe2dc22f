/**
 * `vpclite eni failover`'s checks, made on what the EC2 API shows before anything moves: the standby can take
 * every secondary ENI of the primary at the same device index (state, Availability Zone, ENI and address limits of
 * its type). Pure, so the reasons it gives are easy to test and to read.
 */
export interface PlannedEni {
  networkInterfaceId: string;
  attachmentId: string;
  deviceIndex: number;
  networkCardIndex: number;
  availabilityZone: string;
  privateIpAddresses: string[];
  publicIps: string[];
  ipv4Count: number;
}

export interface TargetInstance {
  instanceId: string;
  state: string;
  availabilityZone: string;
  instanceType: string;
  maxNetworkInterfaces: number;
  ipv4PerInterface: number;
  /** `card:device` of the ENIs attached now. */
  takenSlots: string[];
}

export function failoverProblems(enis: readonly PlannedEni[], target: TargetInstance): string[] {
  const problems: string[] = [];
  if (target.state !== 'running' && target.state !== 'stopped') {
    problems.push(`${target.instanceId} is ${target.state}: an ENI attaches only to a running or stopped instance`);
  }
  const after = target.takenSlots.length + enis.length;
  if (after > target.maxNetworkInterfaces) {
    problems.push(
      `${target.instanceId} (${target.instanceType}) would hold ${after} ENIs; the type allows ${target.maxNetworkInterfaces}`,
    );
  }
  for (const eni of enis) {
    if (eni.availabilityZone !== target.availabilityZone) {
      problems.push(`${eni.networkInterfaceId} is in ${eni.availabilityZone}, ${target.instanceId} in ${target.availabilityZone}`);
    }
    if (target.takenSlots.includes(`${eni.networkCardIndex}:${eni.deviceIndex}`)) {
      problems.push(`device index ${eni.deviceIndex} of ${target.instanceId} is taken, so ${eni.networkInterfaceId} cannot keep it`);
    }
    if (eni.ipv4Count > target.ipv4PerInterface) {
      problems.push(
        `${eni.networkInterfaceId} holds ${eni.ipv4Count} IPv4 addresses; ${target.instanceType} allows ${target.ipv4PerInterface} per ENI`,
      );
    }
  }
  return problems;
}
