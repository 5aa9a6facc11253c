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
} from '@pls/event-sourcing';
import { InvalidInput } from '@pls/shared-kernel';
import {
  assertOutgoingMessages,
  assertTopic,
  describeFailure,
  resolveConsumerOptions,
  retryDelay,
  type ResolvedConsumerOptions,
} from '../port-validation/event-bus.validation';
import { kafkaPartition } from './murmur2';

export interface InProcessEventBusOptions {
  /** Partitions of a topic created on first use (Kafka's auto-create). Default 4. */
  readonly defaultPartitions?: number;
  readonly logger?: Logger;
}

export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
  /** Next offset of each partition, i.e. how many messages it holds. */
  readonly endOffsets: readonly number[];
}

/** Which partitions each live member of a group owns, as `topic/partition`. */
export type GroupAssignment = ReadonlyMap<string, readonly string[]>;

interface StoredRecord {
  readonly key: string;
  /** Serialized like on a broker: every delivery parses a fresh copy nobody else can mutate. */
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Kafka semantics in one process: keyed partitions, append-only logs with offsets, consumer groups
 * with committed offsets and partition assignment, at-least-once delivery, retries with backoff and
 * dead-lettering.
 *
 * It is volatile on purpose. In embedded mode the relay's checkpoint lives in memory as well, so a
 * restart republishes every event from the SQLite store and every consumer (idempotent by the
 * revision guard and by event-derived command ids) rebuilds its view. A durable bus would only
 * duplicate the store. The log is never truncated, so memory grows with every message until the
 * process restarts: the price of Kafka-like `fromBeginning` for groups that join late.
 */
export class InProcessEventBus implements EventBus {
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private readonly defaultPartitions: number;
  private closed = false;
  readonly logger: Logger;

  constructor(options: InProcessEventBusOptions = {}) {
    this.defaultPartitions = assertPartitionCount(options.defaultPartitions ?? 4);
    this.logger = options.logger ?? silentLogger;
  }

  /** Kafka's admin `createTopics`: fixes the partition count of a topic before first use. */
  createTopic(name: string, options: { readonly partitions: number }): void {
    this.assertOpen();
    assertTopic(name);
    const partitions = assertPartitionCount(options.partitions);
    const existing = this.topics.get(name);
    if (existing && existing.partitions.length !== partitions) {
      throw new InvalidInput('TOPIC_EXISTS', `topic ${name} already exists with ${existing.partitions.length} partitions`);
    }
    if (!existing) this.topics.set(name, new Topic(name, partitions));
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertTopic(topic);
    assertOutgoingMessages(messages);
    // Serialize everything before appending anything: a batch is all or nothing, like a producer request.
    const records = messages.map((message): StoredRecord => ({
      key: message.key,
      value: JSON.stringify(message.value),
      headers: { ...message.headers },
    }));
    for (const record of records) this.append(topic, record);
  }

  async subscribe(options: ConsumerOptions): Promise<Consumer> {
    this.assertOpen();
    const resolved = resolveConsumerOptions(options, defaultDeadLetterTopic);
    let group = this.groups.get(resolved.groupId);
    if (!group) {
      group = new Group(resolved.groupId);
      this.groups.set(resolved.groupId, group);
    }
    for (const name of resolved.topics) {
      // auto.offset.reset: only a partition the group has never read from takes the consumer's start.
      this.topic(name).partitions.forEach((log, partition) => group.placeIfUnknown(name, partition, resolved.fromBeginning ? 0 : log.end));
    }
    const member = new Member(this, group, resolved);
    group.join(member);
    return member;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.groups.values()].flatMap((group) => group.liveMembers().map((member) => member.stop())));
  }

  describeTopic(name: string): TopicDescription | null {
    const topic = this.topics.get(name);
    return topic ? { name, partitions: topic.partitions.length, endOffsets: topic.partitions.map((log) => log.end) } : null;
  }

  assignment(groupId: string): GroupAssignment {
    return this.groups.get(groupId)?.describeAssignment() ?? new Map();
  }

  /** @internal */
  topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new Topic(name, this.defaultPartitions);
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** @internal */
  append(topicName: string, record: StoredRecord): void {
    const topic = this.topic(topicName);
    topic.partitions[kafkaPartition(record.key, topic.partitions.length)].append(record);
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput('BUS_CLOSED', 'the in-process bus has been closed');
  }
}

class Topic {
  readonly partitions: PartitionLog[];
  constructor(
    readonly name: string,
    partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionLog());
  }
}

class PartitionLog {
  readonly records: StoredRecord[] = [];
  private listeners = new Set<() => void>();

  get end(): number {
    return this.records.length;
  }

  append(record: StoredRecord): void {
    this.records.push(record);
    const listeners = this.listeners;
    this.listeners = new Set();
    for (const listener of listeners) listener();
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

interface CaughtUpWaiter {
  readonly member: Member;
  readonly targets: readonly { readonly key: string; readonly end: number }[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

class Group {
  private readonly members: Member[] = [];
  /** Next offset to deliver per partition. */
  private readonly committed = new Map<string, number>();
  private readonly owners = new Map<string, PartitionWorker>();
  /** Settles when the last worker that owned a partition has finished its in-flight message. */
  private readonly released = new Map<string, Promise<void>>();
  private readonly waiters = new Set<CaughtUpWaiter>();

  constructor(readonly id: string) {}

  position(topic: string, partition: number): number {
    return this.committed.get(partitionKey(topic, partition)) ?? 0;
  }

  placeIfUnknown(topic: string, partition: number, offset: number): void {
    const key = partitionKey(topic, partition);
    if (!this.committed.has(key)) this.committed.set(key, offset);
  }

  commit(topic: string, partition: number, nextOffset: number): void {
    this.committed.set(partitionKey(topic, partition), nextOffset);
    for (const waiter of this.waiters) {
      if (waiter.targets.every(({ key, end }) => (this.committed.get(key) ?? 0) >= end)) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  whenCaughtUp(member: Member, bus: InProcessEventBus): Promise<void> {
    const targets: { key: string; end: number }[] = [];
    for (const name of member.options.topics) {
      bus.topic(name).partitions.forEach((log, partition) => {
        if (this.position(name, partition) < log.end) targets.push({ key: partitionKey(name, partition), end: log.end });
      });
    }
    if (targets.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.add({ member, targets, resolve, reject }));
  }

  rejectWaitersOf(member: Member, error: unknown): void {
    for (const waiter of this.waiters) {
      if (waiter.member !== member) continue;
      this.waiters.delete(waiter);
      waiter.reject(error);
    }
  }

  liveMembers(): Member[] {
    return [...this.members];
  }

  join(member: Member): void {
    this.members.push(member);
    this.rebalance(member.bus);
  }

  leave(member: Member): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.rebalance(member.bus);
  }

  /**
   * Kafka's range assignor: per topic, the partitions are cut into contiguous ranges over the
   * members subscribed to it, in join order. A moved partition is handed over only after its
   * previous owner finished (and committed) the message in its hands, so a rebalance without
   * failures delivers nothing twice and never runs one partition on two members at once.
   */
  private rebalance(bus: InProcessEventBus): void {
    const wanted = new Map<string, { member: Member; topic: string; partition: number }>();
    const topics = new Set(this.members.flatMap((member) => member.options.topics));
    for (const name of topics) {
      const subscribers = this.members.filter((member) => member.options.topics.includes(name));
      const partitions = bus.topic(name).partitions.length;
      const share = Math.floor(partitions / subscribers.length);
      const extra = partitions % subscribers.length;
      let next = 0;
      subscribers.forEach((member, index) => {
        const count = share + (index < extra ? 1 : 0);
        for (let i = 0; i < count; i++, next++) wanted.set(partitionKey(name, next), { member, topic: name, partition: next });
      });
    }
    for (const [key, worker] of this.owners) {
      if (wanted.get(key)?.member === worker.member) continue;
      worker.revoke();
      this.owners.delete(key);
    }
    for (const [key, { member, topic, partition }] of wanted) {
      if (this.owners.has(key)) continue;
      const worker = new PartitionWorker(bus, this, member, topic, partition, this.released.get(key));
      this.owners.set(key, worker);
      this.released.set(key, worker.done);
      member.adopt(worker);
    }
  }

  describeAssignment(): GroupAssignment {
    const byMember = new Map<string, string[]>();
    for (const member of this.members) byMember.set(member.memberId, []);
    for (const [key, worker] of this.owners) byMember.get(worker.member.memberId)?.push(key);
    for (const keys of byMember.values()) keys.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return byMember;
  }
}

let memberSequence = 0;

class Member implements Consumer {
  readonly memberId: string;
  private readonly workers = new Set<PartitionWorker>();
  private stopping: Promise<void> | null = null;

  constructor(
    readonly bus: InProcessEventBus,
    private readonly group: Group,
    readonly options: ResolvedConsumerOptions,
  ) {
    this.memberId = `${group.id}#${++memberSequence}`;
  }

  get groupId(): string {
    return this.group.id;
  }

  adopt(worker: PartitionWorker): void {
    this.workers.add(worker);
    void worker.done.then(() => this.workers.delete(worker));
  }

  async whenCaughtUp(): Promise<void> {
    if (this.stopping) throw consumerStopped(this);
    return this.group.whenCaughtUp(this, this.bus);
  }

  /** Finishes the message in hand (never abandons a running handler), then leaves the group. */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.group.leave(this);
      this.group.rejectWaitersOf(this, consumerStopped(this));
      this.stopping = Promise.all([...this.workers].map((worker) => worker.done)).then(() => undefined);
    }
    return this.stopping;
  }
}

function consumerStopped(member: Member): InvalidInput {
  return new InvalidInput('CONSUMER_STOPPED', `consumer ${member.memberId} of group ${member.groupId} has stopped`);
}

/** A long backlog is handled in slices so timers and I/O of the rest of the process still run. */
const YIELD_EVERY = 256;

class PartitionWorker {
  readonly done: Promise<void>;
  private revoked = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly bus: InProcessEventBus,
    private readonly group: Group,
    readonly member: Member,
    private readonly topic: string,
    private readonly partition: number,
    previousOwner: Promise<void> | undefined,
  ) {
    this.done = this.run(previousOwner).catch((error: unknown) => {
      bus.logger.error('in-process bus: partition worker crashed', { topic, partition, group: group.id, error: describeFailure(error) });
    });
  }

  revoke(): void {
    this.revoked = true;
    this.wake?.();
  }

  private async run(previousOwner: Promise<void> | undefined): Promise<void> {
    await previousOwner;
    const log = this.bus.topic(this.topic).partitions[this.partition];
    let sinceYield = 0;
    while (!this.revoked) {
      const offset = this.group.position(this.topic, this.partition);
      if (offset >= log.end) {
        await this.pause((resume) => log.onAppend(resume));
        continue;
      }
      if (!(await this.handle(log.records[offset], offset))) return;
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** True once the offset is committed (handled or parked); false if revoked before that. */
  private async handle(record: StoredRecord, offset: number): Promise<boolean> {
    const { handler, maxAttempts, retryBackoffMs } = this.member.options;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        await handler(this.delivery(record, offset, attempt));
        this.group.commit(this.topic, this.partition, offset + 1);
        return true;
      } catch (error) {
        failure = error;
      }
      // Uncommitted on purpose: whoever owns the partition next redelivers it (at-least-once).
      if (this.revoked) return false;
      if (attempt >= maxAttempts) {
        this.park(record, offset, failure, attempt);
        this.group.commit(this.topic, this.partition, offset + 1);
        return true;
      }
      await this.pause((resume) => {
        const timer = setTimeout(resume, retryDelay(retryBackoffMs, attempt));
        timer.unref();
        return () => clearTimeout(timer);
      });
      if (this.revoked) return false;
    }
  }

  private delivery(record: StoredRecord, offset: number, attempt: number): DeliveredMessage {
    return {
      topic: this.topic,
      partition: this.partition,
      offset,
      key: record.key,
      value: JSON.parse(record.value) as unknown,
      headers: { ...record.headers },
      attempt,
    };
  }

  private park(record: StoredRecord, offset: number, error: unknown, attempts: number): void {
    const deadLetterTopic = this.member.options.deadLetterTopic(this.topic);
    const reason = describeFailure(error);
    this.bus.append(deadLetterTopic, {
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        [DEAD_LETTER_HEADERS.originalTopic]: this.topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(this.partition),
        [DEAD_LETTER_HEADERS.originalOffset]: String(offset),
        [DEAD_LETTER_HEADERS.error]: reason,
        [DEAD_LETTER_HEADERS.attempts]: String(attempts),
      },
    });
    this.bus.logger.warn('message parked in dead-letter topic', {
      topic: this.topic,
      partition: this.partition,
      offset,
      key: record.key,
      group: this.group.id,
      deadLetterTopic,
      attempts,
      error: reason,
    });
  }

  /** Waits for `arm`'s signal or for revocation, whichever comes first. */
  private pause(arm: (resume: () => void) => () => void): Promise<void> {
    if (this.revoked) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const disarm = arm(() => this.wake?.());
      this.wake = () => {
        this.wake = null;
        disarm();
        resolve();
      };
    });
  }
}

function assertPartitionCount(partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
    throw new InvalidInput('PARTITION_COUNT_INVALID', `a topic has between 1 and 10000 partitions, got ${partitions}`);
  }
  return partitions;
}
