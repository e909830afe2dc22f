/**
 * What AssociateAddress does when AllowReassociation is omitted and the address is associated elsewhere, set once
 * at start (`vpclite serve --eip-strict-reassociation`): current AWS reassociates; older accounts failed with
 * Resource.AlreadyAssociated (addressing.md §5.2). Where Elastic IPs come from (`--eip-pool`) is the public IPv4
 * allocator's (public-ipv4/pool.ts).
 */
let reassociateByDefault = true;

/** `true` (the default) reassociates when AllowReassociation is omitted; `false` refuses as older accounts did. */
export function setReassociationDefault(allow: boolean): void {
  reassociateByDefault = allow;
}

export const reassociationDefault = (): boolean => reassociateByDefault;
