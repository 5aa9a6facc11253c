import { silentLogger, type Logger } from '@pls/event-sourcing';
import { InvalidInput } from '@pls/shared-kernel';
import { Kafka, logLevel, type Admin, type KafkaConfig, type logCreator } from 'kafkajs';
import { assertTopic } from '../port-validation/event-bus.validation';

export interface KafkaConnectionOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger?: Logger;
}

/** Next offset of each partition of a topic, indexed by partition: how far the topic has been written. */
export type TopicEndOffsets = ReadonlyMap<string, readonly number[]>;

/** Committed "next offset to read" of one group per `topic/partition`; absent where it never committed. */
export type CommittedOffsets = ReadonlyMap<string, number>;

/**
 * kafkajs answers a topic created a moment ago (by this or another client) with "unknown topic" or
 * a malformed-response TypeError until its cached metadata catches up; a few short retries ride it out.
 */
async function freshMetadataRetry<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * kafkajs logs through its own console logger by default; here only its warnings and errors reach
 * the project logger, since its info level narrates every connection and rebalance.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...context } = log;
      if (level === logLevel.ERROR) logger.error(`kafkajs ${namespace}: ${message}`, context);
      else if (level === logLevel.WARN) logger.warn(`kafkajs ${namespace}: ${message}`, context);
    };
}

export function kafkaClient(options: KafkaConnectionOptions, extra: Partial<KafkaConfig> = {}): Kafka {
  if (typeof options.clientId !== 'string' || options.clientId.length === 0) throw new InvalidInput('CLIENT_ID_INVALID', 'a Kafka client needs a non-empty clientId');
  if (!Array.isArray(options.brokers) || options.brokers.length === 0 || options.brokers.some((broker) => typeof broker !== 'string' || !/^[^\s:]+:\d+$/.test(broker))) {
    throw new InvalidInput('BROKERS_INVALID', `brokers are host:port strings, got ${JSON.stringify(options.brokers)}`);
  }
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(options.logger ?? silentLogger),
    // Rides out a broker restart (a few seconds, more on a busy machine) instead of crashing consumers.
    retry: { initialRetryTime: 250, maxRetryTime: 5_000, retries: 12 },
    ...extra,
  });
}

/**
 * The read side of Kafka's bookkeeping: end offsets of topics and committed offsets of groups. The
 * distributed runtime uses it to tell whether every process has caught up, the bus to implement
 * `whenCaughtUp()`.
 */
export class KafkaAdmin {
  private readonly admin: Admin;
  private connecting: Promise<void> | null = null;

  constructor(options: KafkaConnectionOptions | { readonly admin: Admin }) {
    this.admin = 'admin' in options ? options.admin : kafkaClient(options).admin();
  }

  /** @internal the connected kafkajs admin client */
  async client(): Promise<Admin> {
    this.connecting ??= this.admin.connect().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    await this.connecting;
    return this.admin;
  }

  /** High watermark of every partition; a topic that does not exist has none. */
  async topicEndOffsets(topics: readonly string[]): Promise<TopicEndOffsets> {
    const admin = await this.client();
    const existing = new Set(await admin.listTopics());
    const result = new Map<string, number[]>();
    for (const topic of new Set(topics.map(assertTopic))) {
      if (!existing.has(topic)) {
        result.set(topic, []);
        continue;
      }
      const offsets = await freshMetadataRetry(() => admin.fetchTopicOffsets(topic));
      const ends: number[] = [];
      for (const { partition, high } of offsets) ends[partition] = Number(high);
      result.set(topic, ends);
    }
    return result;
  }

  async committedOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffsets> {
    const admin = await this.client();
    const existing = new Set(await admin.listTopics());
    const wanted = [...new Set(topics)].filter((topic) => existing.has(topic));
    const result = new Map<string, number>();
    if (wanted.length === 0) return result;
    for (const { topic, partitions } of await freshMetadataRetry(() => admin.fetchOffsets({ groupId, topics: wanted }))) {
      for (const { partition, offset } of partitions) {
        const committed = Number(offset);
        if (committed >= 0) result.set(partitionKey(topic, partition), committed);
      }
    }
    return result;
  }

  /**
   * Messages written to `topics` that the groups have not committed yet, summed over every group and
   * partition. A group that never committed on a partition owes all of it, so 0 means every group
   * has handled (or parked) everything written so far.
   */
  async consumerGroupLag(groupIds: readonly string[], topics: readonly string[]): Promise<number> {
    const ends = await this.topicEndOffsets(topics);
    let lag = 0;
    for (const groupId of new Set(groupIds)) {
      const committed = await this.committedOffsets(groupId, [...ends.keys()]);
      for (const [topic, partitions] of ends) {
        partitions.forEach((end, partition) => {
          lag += Math.max(0, end - (committed.get(partitionKey(topic, partition)) ?? 0));
        });
      }
    }
    return lag;
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = null;
    if (connecting) await connecting.then(() => this.admin.disconnect()).catch(() => undefined);
  }
}
