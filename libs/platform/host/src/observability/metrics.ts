import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process: Node's defaults plus what an operator of an event-sourced
 * platform watches — the store's head, how far the relay has published, use-case outcomes and time.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  readonly useCaseCalls: Counter<'use_case' | 'method' | 'outcome'>;
  readonly useCaseSeconds: Histogram<'use_case'>;

  constructor(process: string, gauges: { headPosition?: () => Promise<number>; relayedPosition?: () => Promise<number> } = {}) {
    this.registry.setDefaultLabels({ process });
    collectDefaultMetrics({ register: this.registry });
    this.useCaseCalls = new Counter({ name: 'pls_use_case_calls_total', help: 'Use-case calls answered, by outcome (ok, refused, failed).', labelNames: ['use_case', 'method', 'outcome'], registers: [this.registry] });
    this.useCaseSeconds = new Histogram({ name: 'pls_use_case_duration_seconds', help: 'Time to answer a use-case call, store append and read-your-write wait included.', labelNames: ['use_case'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
    const { headPosition, relayedPosition } = gauges;
    if (headPosition) {
      new Gauge({ name: 'pls_event_store_head_position', help: 'Global position of the newest event in this service\'s store.', registers: [this.registry], async collect() { this.set(await headPosition()); } });
    }
    if (relayedPosition) {
      new Gauge({ name: 'pls_relay_position', help: 'Position of the last event the relay has published to the bus.', registers: [this.registry], async collect() { this.set(await relayedPosition()); } });
    }
  }

  recordCall(useCase: string, method: string, outcome: 'ok' | 'refused' | 'failed', seconds: number): void {
    this.useCaseCalls.inc({ use_case: useCase, method, outcome });
    this.useCaseSeconds.observe({ use_case: useCase }, seconds);
  }
}
