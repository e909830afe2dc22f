/**
 * Compiled topologies of recent flows, reused while their account's generation stands still
 * (src/store/generations.ts). A flow's snapshot is loaded, and its generation read, in one read transaction; a
 * later request for the same flow reads the generation again (one indexed row sum) and reuses the compiled
 * topology only when the number is the same, which means no write of the account has committed since, on this
 * node or any other. Loading and compiling a flow's snapshot is most of a traffic request's work without the
 * cache; with it, a steady flow costs one small read.
 *
 * A least-recently-used map of at most `capacity` flows, so memory stays bounded however many flows are sent.
 */
import { readGeneration } from '../store/generations.js';
import type { Tx } from '../store/store.js';
import { compileTopology, type Topology } from './compile-topology.js';
import { loadTopology, type FlowNames } from './load-topology.js';

export interface Entry {
  generation: number;
  topology: Topology;
}

export class TopologyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 1024) {}

  /** The compiled topology of the flow `names` in the account, as `tx`'s snapshot has it, with its generation. */
  async topology(tx: Tx, account: string, region: string, names: FlowNames): Promise<Entry> {
    const key = `${account}\u0000${region}\u0000${names.source}\u0000${names.destination}`;
    const generation = await readGeneration(tx, account, region);
    const cached = this.entries.get(key);
    this.entries.delete(key);
    const entry =
      cached && cached.generation === generation
        ? cached
        : { generation, topology: compileTopology(await loadTopology(tx, account, region, names)) };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
