import {
  DEAD_LETTER_HEADERS,
  defaultDeadLetterTopic,
  silentLogger,
  type Consumer,
  type ConsumerOptions,
  type DeliveredMessage,
  type EventBus,
  type Logger,
  type OutgoingMessage,
  type StalledConsumer,
} from '@pls/event-sourcing';
import { InvalidInput } from '@pls/shared-kernel';
import { Partitioners, type Consumer as KafkaConsumer, type ConsumerRunConfig, type IHeaders, type ITopicConfig, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { assertOutgoingMessages, assertTopic, describeFailure, resolveConsumerOptions, retryDelay, type ResolvedConsumerOptions } from '../port-validation/event-bus.validation';
import { whenKafkaGroupCaughtUp } from './group-catch-up';
import { KafkaAdmin, kafkaClient, partitionKey } from './kafka-admin';

export interface KafkaConsumerTuning {
  /** Longest a fetch waits for new data; also bounds how late a member notices a rebalance. Default 250 ms. */
  readonly maxWaitTimeInMs?: number;
  /** Default 500 ms: members rejoin quickly when another joins or leaves. */
  readonly heartbeatIntervalMs?: number;
  /**
   * A member silent this long is dropped and its partitions move. kafkajs heartbeats only between
   * messages, so this also bounds one handler call. Default 30 s.
   */
  readonly sessionTimeoutMs?: number;
  /** How long a rebalance waits for members busy in a handler. Default 60 s. */
  readonly rebalanceTimeoutMs?: number;
}

export interface KafkaEventBusOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** Partitions of a topic the bus creates on first publish or subscribe. Default 3. */
  readonly defaultPartitions?: number;
  /** Replication of created topics; default the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** Topic-level settings for created topics, e.g. `{ 'retention.ms': '-1' }`. */
  readonly topicConfig?: Readonly<Record<string, string>>;
  readonly consumer?: KafkaConsumerTuning;
  readonly logger?: Logger;
  /** Told of every handler call of this bus's consumers: what a process exports as metrics. */
  readonly onDelivery?: (observation: DeliveryObservation) => void;
}

/** One handler call of a consumer, as the bus saw it. */
export interface DeliveryObservation {
  readonly groupId: string;
  readonly topic: string;
  /**
   * From the producer stamping the message (its send) to this handler call starting: time in Kafka
   * plus time queued behind the group's earlier messages. Null on a retry of the same message.
   */
  readonly deliveryLagMs: number | null;
  readonly handlerMs: number;
  readonly outcome: 'handled' | 'failed';
}

const SUBSCRIBE_TIMEOUT_MS = 60_000;
const CRASH_RESTART_INITIAL_MS = 500;
const CRASH_RESTART_MAX_MS = 30_000;
const TOPIC_READY_TIMEOUT_MS = 30_000;

function isRetriableMetadataError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE';
}
/** How often whenCaughtUp re-reads the group's offsets, which other members (or processes) commit too. */
const CAUGHT_UP_POLL_MS = 100;

/**
 * The EventBus port on Apache Kafka. Delivery is at-least-once: a message's offset is committed only
 * after its handler resolved (or the message was parked in the dead-letter topic), so a crash or a
 * rebalance in between redelivers it. The producer is idempotent with one request in flight, so a
 * retried send neither duplicates nor reorders a key's messages; messages are keyed by stream id and
 * partitioned with Java's murmur2, the same partition a Java client or the in-process bus would pick.
 */
export class KafkaEventBus implements EventBus {
  readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly admin: KafkaAdmin;
  private readonly producer: Producer;
  private producerConnected: Promise<void> | null = null;
  private readonly knownTopics = new Map<string, Promise<void>>();
  private readonly consumers = new Set<KafkaBusConsumer>();
  readonly defaultPartitions: number;
  private closed = false;

  constructor(private readonly options: KafkaEventBusOptions) {
    this.logger = options.logger ?? silentLogger;
    this.defaultPartitions = options.defaultPartitions ?? 3;
    if (!Number.isInteger(this.defaultPartitions) || this.defaultPartitions < 1) {
      throw new InvalidInput('PARTITIONS_INVALID', `defaultPartitions is a positive integer, got ${options.defaultPartitions}`);
    }
    this.kafka = kafkaClient(options);
    this.admin = new KafkaAdmin({ admin: this.kafka.admin() });
    // Bounded retries (kafkajs warns once per bus that this weakens exactly-once): publish must fail
    // eventually so the relay keeps its checkpoint and republishes, which at-least-once allows.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertTopic(topic);
    assertOutgoingMessages(messages);
    // Serialized before anything is sent: a refused message refuses the whole batch.
    const records = messages.map((message) => ({ key: message.key, value: JSON.stringify(message.value), headers: { ...message.headers } }));
    if (records.length === 0) return;
    await this.send(topic, records);
  }

  async subscribe(options: ConsumerOptions): Promise<Consumer> {
    this.assertOpen();
    const resolved = resolveConsumerOptions(options, defaultDeadLetterTopic);
    await Promise.all(resolved.topics.map((topic) => this.ensureTopic(topic)));
    const consumer = new KafkaBusConsumer(this, resolved, this.newConsumer(resolved.groupId), this.admin);
    this.consumers.add(consumer);
    try {
      await consumer.start();
    } catch (error) {
      this.consumers.delete(consumer);
      await consumer.stop().catch(() => undefined);
      throw error;
    }
    return consumer;
  }

  /** Consumers of this bus waiting to be restarted after a crash, and why: not ready while any is. */
  stalledConsumers(): StalledConsumer[] {
    return [...this.consumers].flatMap((consumer) => (consumer.stalledBy ? [{ groupId: consumer.groupId, reason: consumer.stalledBy }] : []));
  }

  /** Another process's group (the projector, seen from a service): see `whenKafkaGroupCaughtUp`. */
  whenGroupCaughtUp(groupId: string, topics: readonly string[]): Promise<void> {
    return whenKafkaGroupCaughtUp(this.admin, groupId, topics);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.stop()));
    const producer = this.producerConnected;
    this.producerConnected = null;
    if (producer) await producer.then(() => this.producer.disconnect()).catch(() => undefined);
    await this.admin.close();
  }

  /** Topics are created with an explicit partition count, since the partition of a key depends on it. */
  ensureTopic(topic: string): Promise<void> {
    let known = this.knownTopics.get(topic);
    if (!known) {
      known = this.createTopic(topic).catch((error: unknown) => {
        this.knownTopics.delete(topic);
        throw error;
      });
      this.knownTopics.set(topic, known);
    }
    return known;
  }

  /** @internal */
  async send(topic: string, messages: { key: string; value: string; headers: IHeaders }[]): Promise<void> {
    await this.ensureTopic(topic);
    this.producerConnected ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnected = null;
      throw error;
    });
    await this.producerConnected;
    await this.producer.send({ topic, acks: -1, messages });
  }

  /** @internal */
  observe(observation: DeliveryObservation): void {
    try {
      this.options.onDelivery?.(observation);
    } catch (error) {
      this.logger.warn('kafka bus: a delivery observer threw; ignored', { error: describeFailure(error) });
    }
  }

  /** @internal */
  forget(consumer: KafkaBusConsumer): void {
    this.consumers.delete(consumer);
  }

  private async createTopic(topic: string): Promise<void> {
    const admin = await this.admin.client();
    const config: ITopicConfig = {
      topic,
      numPartitions: this.defaultPartitions,
      ...(this.options.replicationFactor ? { replicationFactor: this.options.replicationFactor } : {}),
      ...(this.options.topicConfig ? { configEntries: Object.entries(this.options.topicConfig).map(([name, value]) => ({ name, value })) } : {}),
    };
    // Resolves false when the topic exists already: another process (or bus) created it first.
    await admin.createTopics({ topics: [config], waitForLeaders: false });
    await this.waitForLeaders(topic);
  }

  /**
   * kafkajs's own `waitForLeaders` gives up when a KRaft broker briefly answers "unknown topic"
   * before its metadata image holds the new topic; this waits through that, bounded.
   */
  private async waitForLeaders(topic: string): Promise<void> {
    const admin = await this.admin.client();
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    let lastError: unknown = null;
    while (Date.now() < deadline) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = topics.find((described) => described.name === topic)?.partitions ?? [];
        if (partitions.length > 0 && partitions.every((partition) => partition.leader >= 0)) return;
      } catch (error) {
        if (!isRetriableMetadataError(error)) throw error;
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`kafka bus: topic ${topic} has no leader after ${TOPIC_READY_TIMEOUT_MS / 1000} s${lastError ? ` (${describeFailure(lastError)})` : ''}`);
  }

  private newConsumer(groupId: string): KafkaConsumer {
    const tuning = this.options.consumer ?? {};
    return this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 250,
      heartbeatInterval: tuning.heartbeatIntervalMs ?? 500,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: tuning.rebalanceTimeoutMs ?? 60_000,
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput('BUS_CLOSED', 'the Kafka bus has been closed');
  }
}

interface CaughtUpWaiter {
  readonly targets: ReadonlyMap<string, number>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

class KafkaBusConsumer implements Consumer {
  /** Offsets this member committed; the group's offsets committed by others are read from the broker. */
  private readonly committedHere = new Map<string, number>();
  private readonly waiters = new Set<CaughtUpWaiter>();
  private stopping: Promise<void> | null = null;
  private readonly retryWakers = new Set<() => void>();
  /** Crashes in a row that kafkajs gave up on; reset when the member joins its group again. */
  private crashesInARow = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  /** A restart under way: stop() waits for it, so that it does not reconnect a stopped consumer. */
  private restarting: Promise<void> | null = null;
  private lastCrash: string | null = null;

  constructor(
    private readonly bus: KafkaEventBus,
    private readonly options: ResolvedConsumerOptions,
    private readonly consumer: KafkaConsumer,
    private readonly admin: KafkaAdmin,
  ) {}

  get groupId(): string {
    return this.options.groupId;
  }

  /** Resolves once this member has joined its group, so a message published afterwards reaches it. */
  async start(): Promise<void> {
    const startAt = this.options.fromBeginning ? new Map<string, number>() : await this.endsOfUnreadPartitions();
    const pinned: { topic: string; partition: number; offset: string }[] = [];
    await this.consumer.connect();
    // A crash while joining (a broker that has just started answers "coordinator loading") is
    // restarted like any other, so subscribing rides it out up to the deadline.
    this.superviseCrashes();
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        removeJoin();
        reject(new Error(`consumer of group ${this.groupId} did not join within ${SUBSCRIBE_TIMEOUT_MS / 1000} s${this.lastCrash ? ` (last crash: ${this.lastCrash})` : ''}`));
      }, SUBSCRIBE_TIMEOUT_MS);
      const removeJoin = this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
        clearTimeout(timer);
        removeJoin();
        // Runs inside the join, before the first fetch would resolve "latest" on its own.
        for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
          for (const partition of partitions) {
            const end = startAt.get(partitionKey(topic, partition));
            if (end === undefined) continue;
            this.consumer.seek({ topic, partition, offset: String(end) });
            pinned.push({ topic, partition, offset: String(end) });
          }
        }
        resolve();
      });
    });
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
    await this.consumer.run(this.runConfig());
    await joined;
    if (pinned.length > 0) await this.pin(pinned);
  }

  /** Why the consumer is not consuming, while it waits to restart after a crash; null while it runs. */
  get stalledBy(): string | null {
    return this.lastCrash;
  }

  private runConfig(): ConsumerRunConfig {
    return {
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.topics.length * this.bus.defaultPartitions,
      eachMessage: ({ topic, partition, message, heartbeat }) => this.handle(topic, partition, message, heartbeat),
    };
  }

  /**
   * kafkajs restarts a crashed consumer only when it deems the error retriable; a broker restart can
   * end in a non-retriable one ("Failed to find group coordinator" while the coordinator loads its
   * groups), after which kafkajs leaves the consumer disconnected for good and the group's partitions
   * unread — a projector or reactor silently stopped. A bus consumer must outlive its broker, so every
   * crash kafkajs will not restart is restarted here, with a growing pause, until stop().
   */
  private superviseCrashes(): void {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.crashesInARow = 0;
      if (this.lastCrash) this.bus.logger.info('kafka bus: consumer rejoined its group after a crash', { group: this.groupId });
      this.lastCrash = null;
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (this.stopping) return;
      this.lastCrash = describeFailure(payload.error);
      if (payload.restart) {
        this.bus.logger.warn('kafka bus: consumer crashed, kafkajs restarts it', { group: this.groupId, error: this.lastCrash });
        return;
      }
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    if (this.stopping || this.restartTimer) return;
    this.crashesInARow += 1;
    const delay = Math.min(CRASH_RESTART_MAX_MS, CRASH_RESTART_INITIAL_MS * 2 ** (this.crashesInARow - 1));
    this.bus.logger.error('kafka bus: consumer crashed, restarting it', { group: this.groupId, error: this.lastCrash, crashesInARow: this.crashesInARow, restartInMs: delay });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarting = this.restart().finally(() => (this.restarting = null));
    }, delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.consumer.connect();
      // A failure from here on (the broker still away) arrives as another CRASH event.
      await this.consumer.run(this.runConfig());
    } catch (error) {
      this.lastCrash = describeFailure(error);
      this.scheduleRestart();
    }
  }

  async whenCaughtUp(): Promise<void> {
    if (this.stopping) throw this.stoppedError();
    const ends = await this.admin.topicEndOffsets(this.options.topics);
    const targets = new Map<string, number>();
    for (const [topic, partitions] of ends) partitions.forEach((end, partition) => end > 0 && targets.set(partitionKey(topic, partition), end));
    if (targets.size === 0) return;
    return new Promise<void>((resolve, reject) => {
      const waiter: CaughtUpWaiter = { targets, resolve, reject };
      this.waiters.add(waiter);
      void this.pollUntilCaughtUp(waiter);
    });
  }

  /** Finishes the message in hand (its offset is committed only if it succeeded), then leaves the group. */
  stop(): Promise<void> {
    if (!this.stopping) {
      const error = this.stoppedError();
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters.clear();
      for (const wake of this.retryWakers) wake();
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = null;
      this.stopping = (this.restarting ?? Promise.resolve())
        .then(() => this.consumer.disconnect())
        .finally(() => this.bus.forget(this));
    }
    return this.stopping;
  }

  /**
   * `fromBeginning: false` means "from the moment of subscribing". Kafka resolves "latest" only at a
   * member's first fetch, after the join, so a message published right after subscribe() returned
   * could be skipped, and a group that has never committed would look behind forever to
   * whenCaughtUp(). So the ends are read before joining, and the partitions the group never read
   * are sought to them and committed there.
   */
  private async endsOfUnreadPartitions(): Promise<Map<string, number>> {
    const ends = await this.admin.topicEndOffsets(this.options.topics);
    const committed = await this.admin.committedOffsets(this.groupId, this.options.topics);
    const unread = new Map<string, number>();
    for (const [topic, partitions] of ends) {
      partitions.forEach((end, partition) => {
        const key = partitionKey(topic, partition);
        if (!committed.has(key)) unread.set(key, end);
      });
    }
    return unread;
  }

  private async pin(offsets: { topic: string; partition: number; offset: string }[]): Promise<void> {
    try {
      await this.consumer.commitOffsets(offsets);
      for (const { topic, partition, offset } of offsets) this.noteCommitted(topic, partition, Number(offset));
    } catch (error) {
      // Only a rebalance right after joining gets here; the partitions' next owner then starts at "latest".
      this.bus.logger.warn('kafka bus: could not commit the starting offsets of a consumer subscribing from now on', { group: this.groupId, error: describeFailure(error) });
    }
  }

  private async handle(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const offset = Number(message.offset);
    const { handler, maxAttempts, retryBackoffMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) return;
      let failure: unknown;
      let handled = false;
      const startedAt = Date.now();
      try {
        await handler(delivery(topic, partition, message, attempt));
        handled = true;
      } catch (error) {
        failure = error;
      }
      this.bus.observe({
        groupId: this.groupId,
        topic,
        deliveryLagMs: attempt === 1 && message.timestamp ? Math.max(0, startedAt - Number(message.timestamp)) : null,
        handlerMs: Date.now() - startedAt,
        outcome: handled ? 'handled' : 'failed',
      });
      if (handled) {
        // A commit refused (broker away, group rebalanced) is not the handler's failure: it must not
        // count towards parking a message that was handled. Thrown, it makes kafkajs reconnect or
        // rejoin, and the message is redelivered, which at-least-once allows.
        await this.commit(topic, partition, offset + 1);
        return;
      }
      // Left uncommitted on purpose: whoever owns the partition next redelivers it (at-least-once).
      if (this.stopping) return;
      if (attempt >= maxAttempts) {
        await this.park(topic, partition, message, failure, attempt);
        await this.commit(topic, partition, offset + 1);
        return;
      }
      this.bus.logger.warn('kafka bus: handler failed, retrying', { topic, partition, offset, group: this.groupId, attempt, error: describeFailure(failure) });
      await this.pause(retryDelay(retryBackoffMs, attempt));
      // Throws when the group is rebalancing: the message then goes, uncommitted, to the partition's next owner.
      await heartbeat();
    }
  }

  private async park(topic: string, partition: number, message: KafkaMessage, failure: unknown, attempts: number): Promise<void> {
    const parkedTopic = this.options.deadLetterTopic(topic);
    const error = describeFailure(failure);
    await this.bus.send(parkedTopic, [
      {
        key: message.key?.toString('utf8') ?? '',
        value: message.value?.toString('utf8') ?? 'null',
        headers: {
          ...headersOf(message),
          [DEAD_LETTER_HEADERS.originalTopic]: topic,
          [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
          [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
          [DEAD_LETTER_HEADERS.error]: error,
          [DEAD_LETTER_HEADERS.attempts]: String(attempts),
        },
      },
    ]);
    this.bus.logger.error('kafka bus: message parked in the dead-letter topic', { topic, partition, offset: message.offset, group: this.groupId, parkedTopic, attempts, error });
  }

  private async commit(topic: string, partition: number, next: number): Promise<void> {
    await this.consumer.commitOffsets([{ topic, partition, offset: String(next) }]);
    this.noteCommitted(topic, partition, next);
  }

  private noteCommitted(topic: string, partition: number, next: number): void {
    const key = partitionKey(topic, partition);
    if (next > (this.committedHere.get(key) ?? 0)) this.committedHere.set(key, next);
    for (const waiter of this.waiters) {
      if ([...waiter.targets].every(([target, end]) => (this.committedHere.get(target) ?? 0) >= end)) this.settle(waiter);
    }
  }

  /**
   * Partitions owned by other members commit elsewhere, so the group's offsets are re-read from the
   * broker until they reach the targets; this member's own commits settle the waiter at once.
   */
  private async pollUntilCaughtUp(waiter: CaughtUpWaiter): Promise<void> {
    while (this.waiters.has(waiter)) {
      try {
        const committed = await this.admin.committedOffsets(this.groupId, this.options.topics);
        const reached = [...waiter.targets].every(([target, end]) => Math.max(committed.get(target) ?? 0, this.committedHere.get(target) ?? 0) >= end);
        if (reached) this.settle(waiter);
      } catch (error) {
        this.bus.logger.warn('kafka bus: could not read committed offsets, retrying', { group: this.groupId, error: describeFailure(error) });
      }
      if (this.waiters.has(waiter)) await new Promise((resolve) => setTimeout(resolve, CAUGHT_UP_POLL_MS));
    }
  }

  private settle(waiter: CaughtUpWaiter): void {
    if (this.waiters.delete(waiter)) waiter.resolve();
  }

  /** A retry backoff that stop() cuts short, so stopping never waits out a long backoff. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.retryWakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.retryWakers.add(done);
    });
  }

  private stoppedError(): InvalidInput {
    return new InvalidInput('CONSUMER_STOPPED', `the Kafka consumer of group ${this.groupId} has stopped`);
  }
}

function headersOf(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    headers[name] = first === undefined || first === null ? '' : first.toString();
  }
  return headers;
}

function delivery(topic: string, partition: number, message: KafkaMessage, attempt: number): DeliveredMessage {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString('utf8') ?? '',
    value: JSON.parse(message.value?.toString('utf8') ?? 'null') as unknown,
    headers: headersOf(message),
    attempt,
  };
}
