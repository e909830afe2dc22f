/**
 * How this server hands out Elastic IPs, set once at start (`vpclite serve --eip-pool … --eip-strict-reassociation`):
 *
 * - the public pool: by default 198.18.0.0/16, the lower half of the RFC 2544 benchmarking range (instances'
 *   auto-assigned addresses take the upper half), which is never routed on the
 *   internet, so an address vpclite hands out can never be mistaken for (or leak to) a real host. Every node of a
 *   deployment must be given the same pool; uniqueness itself is kept by the database, not by this setting.
 * - what AssociateAddress does when AllowReassociation is omitted and the address is associated elsewhere: current
 *   AWS reassociates; older accounts failed with Resource.AlreadyAssociated (addressing.md §5.2).
 */
import { formatIpv4Cidr, lastAddress, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';

export const DEFAULT_ELASTIC_IP_POOL = '198.18.0.0/16';

export interface AddressPool {
  cidr: Ipv4Cidr;
  /** First and last address handed out: a block's network and broadcast addresses are skipped when it has them. */
  first: number;
  last: number;
}

export function addressPoolFrom(text: string): AddressPool {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) throw new Error(`the Elastic IP pool must be an IPv4 CIDR block such as ${DEFAULT_ELASTIC_IP_POOL}, not ${text}`);
  const edges = cidr.prefix <= 30 ? 1 : 0;
  return { cidr, first: cidr.base + edges, last: lastAddress(cidr) - edges };
}

let pool = addressPoolFrom(DEFAULT_ELASTIC_IP_POOL);
let reassociateByDefault = true;

export function setElasticIpPool(cidr: string): void {
  pool = addressPoolFrom(cidr);
}

export const elasticIpPool = (): AddressPool => pool;
export const elasticIpPoolText = (): string => formatIpv4Cidr(pool.cidr);

/** `true` (the default) reassociates when AllowReassociation is omitted; `false` refuses as older accounts did. */
export function setReassociationDefault(allow: boolean): void {
  reassociateByDefault = allow;
}

export const reassociationDefault = (): boolean => reassociateByDefault;
