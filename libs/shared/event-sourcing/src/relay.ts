import { InvalidInput } from '@pls/shared-kernel';
import type { RecordedEvent } from './envelope';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { CheckpointStore } from './ports/checkpoint-store.port';
import type { EventBus, OutgoingMessage } from './ports/event-bus.port';
import type { AllFilter, EventStore, Subscription } from './ports/event-store.port';
import { UpcasterRegistry } from './upcasters';

export interface RelayOptions {
  /** Also the checkpoint name: one relay per service's own streams. */
  readonly name: string;
  readonly store: EventStore;
  readonly bus: EventBus;
  readonly checkpoints: CheckpointStore;
  /** Which of the store's events this relay owns (the service's own stream prefixes). */
  readonly filter: AllFilter;
  /** Topic an event goes to: one per context by default (`pls.<context>`). */
  readonly topicFor?: (event: RecordedEvent) => string;
  readonly upcasters?: UpcasterRegistry;
  readonly logger?: Logger;
  /** Delay before resubscribing after the bus or store failed; doubles up to 30 s. Default 200 ms. */
  readonly restartDelayMs?: number;
}

/** Topic per publishing context: `legal-aid.ApplicationGranted` → `pls.legal-aid`. */
export function contextTopic(event: Pick<RecordedEvent, 'type'>): string {
  const dot = event.type.indexOf('.');
  if (dot <= 0) throw new InvalidInput('MALFORMED_EVENT_TYPE', `cannot route event type ${JSON.stringify(event.type)} to a topic`);
  return `pls.${event.type.slice(0, dot)}`;
}

export const EVENT_HEADERS = {
  eventId: 'x-event-id',
  eventType: 'x-event-type',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
} as const;

export function toMessage(event: RecordedEvent): OutgoingMessage {
  return {
    key: event.streamId,
    value: event,
    headers: {
      [EVENT_HEADERS.eventId]: event.eventId,
      [EVENT_HEADERS.eventType]: event.type,
      [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
      [EVENT_HEADERS.causationId]: event.metadata.causationId,
    },
  };
}

/**
 * Tails the service's own streams and publishes them, keyed by stream id so each case keeps its
 * order. The checkpoint is stored only after the bus acknowledged the batch: a crash in between
 * republishes (at-least-once), never skips. This is what spares services a dual write.
 */
export class Relay {
  private subscription: Subscription | null = null;
  private readonly topicFor: (event: RecordedEvent) => string;
  private readonly logger: Logger;
  private failure: unknown = null;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private consecutiveFailures = 0;
  published = 0;
  /** Global position of the last event the bus acknowledged (0 until the first batch). */
  position = 0;

  constructor(private readonly options: RelayOptions) {
    this.topicFor = options.topicFor ?? contextTopic;
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.stopped = false;
    const after = await this.options.checkpoints.load(this.options.name);
    this.logger.info('relay starting', { relay: this.options.name, after });
    this.failure = null;
    this.subscription = this.options.store.subscribeToAll({
      after,
      filter: this.options.filter,
      onEvents: async (events) => {
        await this.publish(events);
        this.consecutiveFailures = 0;
      },
      onError: (error) => this.restartAfter(error),
    });
  }

  /** The bus or store failed mid-batch: resume from the stored checkpoint once it is back. */
  private restartAfter(error: unknown): void {
    this.failure = error;
    this.subscription = null;
    if (this.stopped) return;
    const delay = Math.min(30_000, (this.options.restartDelayMs ?? 200) * 2 ** this.consecutiveFailures++);
    this.logger.error('relay failed; resuming from checkpoint', { relay: this.options.name, error: String(error), retryInMs: delay });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start().catch((startError: unknown) => this.restartAfter(startError));
    }, delay);
    this.restartTimer.unref();
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const stored of events) {
      const event = this.options.upcasters ? this.options.upcasters.upcast(stored) : stored;
      const topic = this.topicFor(event);
      const batch = byTopic.get(topic) ?? [];
      batch.push(toMessage(event));
      byTopic.set(topic, batch);
    }
    for (const [topic, messages] of byTopic) await this.options.bus.publish(topic, messages);
    await this.options.checkpoints.store(this.options.name, events[events.length - 1].globalPosition);
    this.published += events.length;
    this.position = events[events.length - 1].globalPosition;
  }

  /** Resolves when everything in the store at the time of the call has been published. */
  async whenCaughtUp(): Promise<number> {
    if (this.stopped) throw new InvalidInput('RELAY_NOT_STARTED', `relay ${this.options.name} is not running`);
    if (!this.subscription) throw this.failure ?? new InvalidInput('RELAY_NOT_STARTED', `relay ${this.options.name} is not running`);
    return this.subscription.whenCaughtUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
  }
}
