/**
 * The traffic module's public API: the snapshot types, compileTopology, evaluate and the verdict types. The
 * Reachability Analyzer and the traffic endpoint import from here; names here stay (fields are only added).
 */
export type * from './topology.js';
export * from './verdict.js';
export { compileTopology, type CompiledEni, type CompiledSubnet, type CompiledVpc, type Topology } from './compile-topology.js';
export { evaluate, evaluateResolved, ownsAddress } from './evaluate.js';
export { resolvePacket, INTERNET, DEFAULT_SOURCE_PORT, type ResolvedPacket } from './resolve-packet.js';
