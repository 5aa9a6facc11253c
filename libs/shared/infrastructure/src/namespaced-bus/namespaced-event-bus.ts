import { DEAD_LETTER_HEADERS, defaultDeadLetterTopic, type Consumer, type ConsumerOptions, type DeliveredMessage, type EventBus, type OutgoingMessage, type StalledConsumer } from '@pls/event-sourcing';
import { assertTopic, resolveConsumerOptions } from '../port-validation/event-bus.validation';

/**
 * Several deployments (staging beside production, or one test run beside another) can share one
 * Kafka cluster: every topic and consumer group gets the namespace as a prefix on the way out and
 * loses it on the way in, so the contexts keep speaking of `pls.intake` and nothing else changes.
 */
export class NamespacedEventBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly namespace: string,
  ) {}

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    return this.inner.publish(this.outward(assertTopic(topic)), messages);
  }

  async subscribe(options: ConsumerOptions): Promise<Consumer> {
    // Refused with the same codes as the inner bus would give, before any name is rewritten.
    resolveConsumerOptions(options, defaultDeadLetterTopic);
    const deadLetter = options.deadLetterTopic ?? defaultDeadLetterTopic;
    return this.inner
      .subscribe({
        ...options,
        groupId: this.outward(options.groupId),
        topics: options.topics.map((topic) => this.outward(topic)),
        deadLetterTopic: (topic) => this.outward(deadLetter(this.inward(topic))),
        handler: (message: DeliveredMessage) => options.handler({ ...message, topic: this.inward(message.topic), headers: this.inwardHeaders(message.headers) }),
      })
      .then((consumer) => ({ groupId: options.groupId, whenCaughtUp: () => consumer.whenCaughtUp(), stop: () => consumer.stop() }));
  }

  whenGroupCaughtUp(groupId: string, topics: readonly string[]): Promise<void> {
    if (!this.inner.whenGroupCaughtUp) return Promise.reject(new Error('the underlying bus cannot observe other processes\' consumer groups'));
    return this.inner.whenGroupCaughtUp(this.outward(groupId), topics.map((topic) => this.outward(topic)));
  }

  stalledConsumers(): readonly StalledConsumer[] {
    return this.inner.stalledConsumers?.() ?? [];
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private outward(name: string): string {
    return this.namespace ? `${this.namespace}.${name}` : name;
  }

  private inwardHeaders(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    const origin = headers[DEAD_LETTER_HEADERS.originalTopic];
    return origin === undefined ? headers : { ...headers, [DEAD_LETTER_HEADERS.originalTopic]: this.inward(origin) };
  }

  private inward(name: string): string {
    return this.namespace && name.startsWith(`${this.namespace}.`) ? name.slice(this.namespace.length + 1) : name;
  }
}
