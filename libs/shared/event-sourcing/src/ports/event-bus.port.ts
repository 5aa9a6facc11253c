/**
 * A message as published: Kafka semantics. The key decides the partition, so every message of one
 * key (a stream id) is delivered in the order it was published.
 */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DeliveredMessage extends OutgoingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 on first delivery, then 2, 3, … while the handler keeps failing. */
  readonly attempt: number;
}

export interface ConsumerOptions {
  /** Consumers sharing a group id share the work; each group sees every message. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Awaited per message; the offset is committed only after it resolves (at-least-once). */
  readonly handler: (message: DeliveredMessage) => Promise<void>;
  /** Deliveries before a message is parked in the dead-letter topic. Default 5. */
  readonly maxAttempts?: number;
  /** First retry delay; doubles each attempt. Default 100 ms. */
  readonly retryBackoffMs?: number;
  /** Where poison messages go. Default `<topic>.dlq`. */
  readonly deadLetterTopic?: (topic: string) => string;
  /** Start from the earliest retained message when the group has no committed offset. Default true. */
  readonly fromBeginning?: boolean;
}

export interface Consumer {
  readonly groupId: string;
  /** Resolves once every message published before this call has been handled or parked. */
  whenCaughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface StalledConsumer {
  readonly groupId: string;
  readonly reason: string;
}

export interface EventBus {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: ConsumerOptions): Promise<Consumer>;
  /**
   * Resolves once consumer group `groupId` — possibly running in another process — has handled or
   * parked everything published to `topics` before the call. Only buses that can observe other
   * processes' groups (Kafka) offer it; the distributed services wait on the projector with it.
   */
  whenGroupCaughtUp?(groupId: string, topics: readonly string[]): Promise<void>;
  /**
   * This bus's consumers that are not consuming because they crashed and wait to be restarted, with
   * the reason: readiness reports them. Buses whose consumers cannot crash (in-process) omit it.
   */
  stalledConsumers?(): readonly StalledConsumer[];
  close(): Promise<void>;
}

export const DEAD_LETTER_HEADERS = {
  originalTopic: 'x-dead-letter-topic',
  originalPartition: 'x-dead-letter-partition',
  originalOffset: 'x-dead-letter-offset',
  error: 'x-dead-letter-error',
  attempts: 'x-dead-letter-attempts',
} as const;

export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
