import type { DeliveryObservation } from '@pls/infrastructure';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process: Node's defaults plus what an operator of an event-sourced
 * platform watches — the store's head, how far the relay has published, use-case outcomes and time.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  readonly useCaseCalls: Counter<'use_case' | 'method' | 'outcome'>;
  readonly useCaseSeconds: Histogram<'use_case'>;
  readonly deliveryLagSeconds: Histogram<'group' | 'topic'>;
  readonly handlerSeconds: Histogram<'group' | 'topic' | 'outcome'>;

  constructor(process: string, gauges: { headPosition?: () => Promise<number>; relayedPosition?: () => Promise<number> } = {}) {
    this.registry.setDefaultLabels({ process });
    collectDefaultMetrics({ register: this.registry });
    this.useCaseCalls = new Counter({ name: 'pls_use_case_calls_total', help: 'Use-case calls answered, by outcome (ok, refused, failed).', labelNames: ['use_case', 'method', 'outcome'], registers: [this.registry] });
    this.useCaseSeconds = new Histogram({ name: 'pls_use_case_duration_seconds', help: 'Time to answer a use-case call, store append and read-your-write wait included.', labelNames: ['use_case'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
    // The bus's side of projection lag: producer send → the projector's (or a reactor's) handler, and the handler itself.
    const lagBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    this.deliveryLagSeconds = new Histogram({ name: 'pls_bus_delivery_lag_seconds', help: 'From a message\'s send by its producer to its consumer\'s handler starting (first attempt).', labelNames: ['group', 'topic'], buckets: lagBuckets, registers: [this.registry] });
    this.handlerSeconds = new Histogram({ name: 'pls_bus_handler_duration_seconds', help: 'Time a consumer\'s handler took for one message (projector: the read-model write), by outcome.', labelNames: ['group', 'topic', 'outcome'], buckets: lagBuckets, registers: [this.registry] });
    const { headPosition, relayedPosition } = gauges;
    if (headPosition) {
      new Gauge({ name: 'pls_event_store_head_position', help: 'Global position of the newest event in this service\'s store.', registers: [this.registry], async collect() { this.set(await headPosition()); } });
    }
    if (relayedPosition) {
      new Gauge({ name: 'pls_relay_position', help: 'Position of the last event the relay has published to the bus.', registers: [this.registry], async collect() { this.set(await relayedPosition()); } });
    }
  }

  recordDelivery({ groupId, topic, deliveryLagMs, handlerMs, outcome }: DeliveryObservation): void {
    if (deliveryLagMs !== null) this.deliveryLagSeconds.observe({ group: groupId, topic }, deliveryLagMs / 1000);
    this.handlerSeconds.observe({ group: groupId, topic, outcome }, handlerMs / 1000);
  }

  recordCall(useCase: string, method: string, outcome: 'ok' | 'refused' | 'failed', seconds: number): void {
    this.useCaseCalls.inc({ use_case: useCase, method, outcome });
    this.useCaseSeconds.observe({ use_case: useCase }, seconds);
  }
}
