/**
 * Which flow logs capture an ENI's traffic (its own, its subnet's, its VPC's) and which addresses of its VPC are
 * the Amazon DNS server, whose traffic is never logged. Looked up by index, and kept per ENI for as long as the
 * account's generation stands still (src/store/generations.ts): CreateFlowLogs and DeleteFlowLogs are writes of
 * the account, so they move it on every node. A steady flow's observations then reach the sink with nothing
 * left to read, and traffic in accounts without flow logs writes nothing at all.
 */
import { formatIpv4, parseIpv4Cidr } from '../net/ipv4.js';
import { readGeneration, type KnownGeneration } from '../store/generations.js';
import type { Store, Tx } from '../store/store.js';
import type { FlowObservation } from '../traffic/flow-observation.js';

export interface CoveringFlowLog {
  id: string;
  trafficType: string;
  maxAggregationInterval: number;
}

export interface Coverage {
  flowLogs: readonly CoveringFlowLog[];
  dnsAddresses: ReadonlySet<string>;
}

/** Most ENIs whose coverage is kept; past it the oldest go first. */
const CAPACITY = 8192;

const keyOf = (o: Pick<FlowObservation, 'account' | 'region' | 'networkInterfaceId'>) =>
  `${o.account}\u0000${o.region}\u0000${o.networkInterfaceId}`;

/** The base+2 address of an IPv4 block: the VPC's Amazon DNS server. */
function resolverOf(cidr: string): string | undefined {
  const block = parseIpv4Cidr(cidr);
  return block && formatIpv4((block.base + 2) >>> 0);
}

async function lookUp(tx: Tx, o: FlowObservation): Promise<Coverage> {
  const flowLogs = await tx.all<{ id: string; traffic_type: string; max_aggregation_interval: number }>(
    `SELECT id, traffic_type, max_aggregation_interval FROM flow_logs
     WHERE account = ? AND region = ? AND resource_id IN (?, ?, ?) ORDER BY seq`,
    [o.account, o.region, o.networkInterfaceId, o.subnetId, o.vpcId],
  );
  const blocks =
    flowLogs.length === 0
      ? []
      : await tx.all<{ cidr: string }>(`SELECT cidr FROM vpc_cidr_blocks WHERE vpc_id = ? AND family = 'ipv4'`, [o.vpcId]);
  return {
    flowLogs: flowLogs.map((f) => ({ id: f.id, trafficType: f.traffic_type, maxAggregationInterval: Number(f.max_aggregation_interval) })),
    dnsAddresses: new Set(blocks.map((b) => resolverOf(b.cidr)).filter((a): a is string => a !== undefined)),
  };
}

export class CoverageCache {
  private readonly entries = new Map<string, { generation: number; coverage: Coverage }>();

  constructor(private readonly store: Store) {}

  /**
   * The coverage of each observation's ENI, in the observations' order; reads the store only for ENIs not known
   * at `known`.
   */
  async of(observations: readonly FlowObservation[], known?: KnownGeneration): Promise<Coverage[]> {
    const found = new Map<string, Coverage>();
    const missing = new Map<string, FlowObservation>();
    for (const o of observations) {
      const key = keyOf(o);
      const entry = this.entries.get(key);
      const current = known && known.account === o.account && known.region === o.region && entry?.generation === known.generation;
      if (current) found.set(key, entry!.coverage);
      else missing.set(key, o);
    }
    if (missing.size > 0) await this.store.read((tx) => this.lookUpMissing(tx, missing, found));
    return observations.map((o) => found.get(keyOf(o))!);
  }

  private async lookUpMissing(tx: Tx, missing: ReadonlyMap<string, FlowObservation>, found: Map<string, Coverage>): Promise<void> {
    // The generation is read in the same snapshot as the coverage it will vouch for.
    const generations = new Map<string, number>();
    for (const [key, o] of missing) {
      const scope = `${o.account}\u0000${o.region}`;
      let generation = generations.get(scope);
      if (generation === undefined) {
        generation = await readGeneration(tx, o.account, o.region);
        generations.set(scope, generation);
      }
      const coverage = await lookUp(tx, o);
      this.entries.delete(key);
      this.entries.set(key, { generation, coverage });
      found.set(key, coverage);
    }
    while (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }
}
