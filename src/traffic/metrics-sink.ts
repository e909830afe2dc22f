/**
 * Per-ENI traffic counters for `GET /metrics` (Prometheus text format 0.0.4): packets and bytes, in and out,
 * accepted and rejected, labelled by account, region, network_interface_id, direction and action.
 *
 * The counters live in this node's memory, not in the database: counting is on the path of every traffic request
 * and a shared row per ENI would make every request a write that contends with the others across nodes. So a
 * scrape of one node shows the traffic that node evaluated since it started; with several nodes behind a load
 * balancer, Prometheus scrapes each node and `sum by (network_interface_id, …)` gives the totals - the usual
 * practice for counters of a replicated service. A restart starts the counters again from zero, which
 * Prometheus' rate() and increase() expect of a counter.
 */
import type { FlowObservation, ObservationSink } from './flow-observation.js';

interface Counter {
  labels: string;
  packets: number;
  bytes: number;
}

const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class MetricsSink implements ObservationSink {
  private readonly counters = new Map<string, Counter>();

  async record(observations: readonly FlowObservation[]): Promise<void> {
    for (const o of observations) this.count(o);
  }

  private count(o: FlowObservation): void {
    const direction = o.flowDirection === 'ingress' ? 'in' : 'out';
    const action = o.action === 'ACCEPT' ? 'accept' : 'reject';
    const key = `${o.account}|${o.region}|${o.networkInterfaceId}|${direction}|${action}`;
    let counter = this.counters.get(key);
    if (!counter) {
      const labels =
        `account="${escape(o.account)}",region="${escape(o.region)}",network_interface_id="${escape(o.networkInterfaceId)}",` +
        `direction="${direction}",action="${action}"`;
      counter = { labels, packets: 0, bytes: 0 };
      this.counters.set(key, counter);
    }
    counter.packets += o.packets;
    counter.bytes += o.bytes;
  }

  /** Forgets every counter (POST /_vpclite/reset empties the database the ENIs lived in). */
  reset(): void {
    this.counters.clear();
  }

  render(): string {
    const lines = [
      '# HELP vpclite_network_interface_packets_total Packets seen at a network interface by POST /_vpclite/traffic on this node.',
      '# TYPE vpclite_network_interface_packets_total counter',
    ];
    for (const c of this.counters.values()) lines.push(`vpclite_network_interface_packets_total{${c.labels}} ${c.packets}`);
    lines.push(
      '# HELP vpclite_network_interface_bytes_total Bytes seen at a network interface by POST /_vpclite/traffic on this node.',
      '# TYPE vpclite_network_interface_bytes_total counter',
    );
    for (const c of this.counters.values()) lines.push(`vpclite_network_interface_bytes_total{${c.labels}} ${c.bytes}`);
    return `${lines.join('\n')}\n`;
  }
}
