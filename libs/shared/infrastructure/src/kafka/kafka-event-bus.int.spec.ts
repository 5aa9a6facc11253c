import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEAD_LETTER_HEADERS, RecordingLogger, type Consumer, type DeliveredMessage } from '@pls/event-sourcing';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { describeEventBusConformance } from '@pls/event-sourcing/testing';
import { KafkaAdmin } from './kafka-admin';
import { KafkaEventBus } from './kafka-event-bus.adapter';

// A real broker: KAFKA_BROKERS if set, else the local one from tools/servers/kafka.mjs (fetched from
// Maven Central on first use). It is left running for the next test file; see tools/servers/README.md.
// Loaded by path: tools/ is not an Nx library, and the module-boundary rule forbids relative imports into it.
const { ensureKafka } = require(join(__dirname, '../../../../../tools/servers/kafka.cjs')) as typeof import('../../../../../tools/servers/kafka.cjs');

let brokers: string[] = [];
beforeAll(async () => {
  ({ brokers } = await ensureKafka());
}, 15 * 60_000);

/** Topics and groups are random per test: the broker outlives the run and is shared with other files. */
const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

const newBus = (): KafkaEventBus => new KafkaEventBus({ clientId: uniqueName('pls-test'), brokers });

describeEventBusConformance('kafka (real broker)', {
  async create() {
    const bus = newBus();
    return { bus, dispose: () => bus.close() };
  },
});

describe('KafkaEventBus', () => {
  const buses: KafkaEventBus[] = [];
  const consumers: Consumer[] = [];
  let topic: string;

  const bus = (): KafkaEventBus => {
    const created = newBus();
    buses.push(created);
    return created;
  };
  const track = (consumer: Consumer): Consumer => {
    consumers.push(consumer);
    return consumer;
  };

  beforeEach(() => {
    topic = uniqueName('pls.kafka-spec');
  });

  afterEach(async () => {
    await Promise.allSettled(consumers.splice(0).map((consumer) => consumer.stop()));
    await Promise.allSettled(buses.splice(0).map((created) => created.close()));
  });

  it('given a poison message among others of its key, when it keeps failing, then it lands in <topic>.dlq with its origin and the partition keeps flowing', async () => {
    const producer = bus();
    const handled: number[] = [];
    const consumer = track(
      await producer.subscribe({
        groupId: uniqueName('group'),
        topics: [topic],
        maxAttempts: 2,
        retryBackoffMs: 1,
        handler: async (message) => {
          if ((message.value as { n: number }).n === 1) throw new Error('cannot read this case file');
          handled.push((message.value as { n: number }).n);
        },
      }),
    );

    await producer.publish(topic, [0, 1, 2, 3].map((n) => ({ key: 'case-9', value: { n }, headers: { 'x-event-id': `e-${n}` } })));
    await consumer.whenCaughtUp();

    expect(handled).toEqual([0, 2, 3]);
    const parked: DeliveredMessage[] = [];
    const deadLetters = track(await bus().subscribe({ groupId: uniqueName('dlq-reader'), topics: [`${topic}.dlq`], handler: async (message) => void parked.push(message) }));
    await deadLetters.whenCaughtUp();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ key: 'case-9', value: { n: 1 } });
    expect(parked[0].headers).toMatchObject({
      'x-event-id': 'e-1',
      [DEAD_LETTER_HEADERS.originalTopic]: topic,
      [DEAD_LETTER_HEADERS.originalOffset]: '1',
      [DEAD_LETTER_HEADERS.attempts]: '2',
    });
    expect(parked[0].headers[DEAD_LETTER_HEADERS.error]).toContain('cannot read this case file');
  });

  it('given a handler that failed and a process that died before committing, when another process joins the group, then the message is handled again', async () => {
    const groupId = uniqueName('group');
    const doomed = bus();
    const reached = deferred();
    const crashed = deferred();
    const firstLife = track(
      await doomed.subscribe({
        groupId,
        topics: [topic],
        maxAttempts: 1_000,
        retryBackoffMs: 60_000,
        handler: async (message) => {
          if ((message.value as { n: number }).n !== 1) return;
          reached.resolve();
          await crashed.promise;
          throw new Error('the process died here');
        },
      }),
    );
    await doomed.publish(topic, [0, 1, 2].map((n) => ({ key: 'case-1', value: { n } })));
    await reached.promise;

    const dying = firstLife.stop();
    crashed.resolve();
    await dying;
    await doomed.close();
    const seen: number[] = [];
    const secondLife = track(await bus().subscribe({ groupId, topics: [topic], handler: async (message) => void seen.push((message.value as { n: number }).n) }));
    await secondLife.whenCaughtUp();

    expect(seen).toEqual([1, 2]);
  });

  it('given two buses consuming in one group, when messages of many keys are published, then they split the partitions and each message is handled once', async () => {
    const groupId = uniqueName('group');
    const seenBy = { a: [] as DeliveredMessage[], b: [] as DeliveredMessage[] };
    const a = track(await bus().subscribe({ groupId, topics: [topic], handler: async (message) => void seenBy.a.push(message) }));
    const b = track(await bus().subscribe({ groupId, topics: [topic], handler: async (message) => void seenBy.b.push(message) }));

    await bus().publish(topic, Array.from({ length: 30 }, (_, i) => ({ key: `case-${i}`, value: i })));
    await Promise.all([a.whenCaughtUp(), b.whenCaughtUp()]);

    expect(seenBy.a.length).toBeGreaterThan(0);
    expect(seenBy.b.length).toBeGreaterThan(0);
    expect([...seenBy.a, ...seenBy.b].map((message) => message.value).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const partitionsOfA = new Set(seenBy.a.map((message) => message.partition));
    expect(seenBy.b.filter((message) => partitionsOfA.has(message.partition))).toEqual([]);
  });

  it('given groups that consumed part of a topic, when the lag is asked, then it counts what each group has not committed', async () => {
    const producer = bus();
    const admin = new KafkaAdmin({ clientId: uniqueName('pls-admin'), brokers });
    try {
      await producer.publish(topic, Array.from({ length: 6 }, (_, i) => ({ key: `k-${i}`, value: i })));
      const groupId = uniqueName('group');
      const consumer = track(await producer.subscribe({ groupId, topics: [topic], handler: async () => undefined }));
      await consumer.whenCaughtUp();

      const ends = await admin.topicEndOffsets([topic]);
      expect(ends.get(topic)?.reduce((sum, end) => sum + end, 0)).toBe(6);
      expect(await admin.consumerGroupLag([groupId], [topic])).toBe(0);
      expect(await admin.consumerGroupLag([groupId, uniqueName('idle-group')], [topic])).toBe(6);
    } finally {
      await admin.close();
    }
  });

  it('given a consumer whose commit crashes it with an error kafkajs will not restart, when it crashes, then the bus restarts it, reports it stalled meanwhile, and the handled message is redelivered, not parked', async () => {
    const stalledWhenLogged: unknown[] = [];
    const logger = new RecordingLogger();
    const crashing = new KafkaEventBus({
      clientId: uniqueName('pls-test'),
      brokers,
      logger: {
        debug: (message, context) => logger.debug(message, context),
        info: (message, context) => logger.info(message, context),
        warn: (message, context) => logger.warn(message, context),
        error: (message, context) => {
          logger.error(message, context);
          stalledWhenLogged.push(...crashing.stalledConsumers());
        },
      },
    });
    buses.push(crashing);
    const seen: number[] = [];
    const groupId = uniqueName('group');
    // maxAttempts 1: were a refused commit counted as the handler failing, the message would be parked.
    const consumer = track(await crashing.subscribe({ groupId, topics: [topic], maxAttempts: 1, handler: async (message) => void seen.push(message.value as number) }));
    // What a broker restart did in the field: "Failed to find group coordinator", which kafkajs
    // treats as non-retriable and answers by leaving the consumer disconnected.
    const kafkajsConsumer = (consumer as unknown as { consumer: { commitOffsets: (...args: unknown[]) => Promise<void> } }).consumer;
    jest.spyOn(kafkajsConsumer, 'commitOffsets').mockRejectedValueOnce(new KafkaJSNonRetriableError('Failed to find group coordinator'));

    await crashing.publish(topic, [{ key: 'case-1', value: 1 }]);
    await consumer.whenCaughtUp();

    expect(seen).toEqual([1, 1]);
    expect(stalledWhenLogged).toEqual([{ groupId, reason: expect.stringContaining('Failed to find group coordinator') }]);
    expect(logger.entries.some((entry) => entry.message === 'kafka bus: consumer crashed, restarting it')).toBe(true);
    expect(crashing.stalledConsumers()).toEqual([]);
    const admin = new KafkaAdmin({ clientId: uniqueName('pls-admin'), brokers });
    try {
      expect((await admin.topicEndOffsets([`${topic}.dlq`])).get(`${topic}.dlq`)?.reduce((sum, end) => sum + end, 0) ?? 0).toBe(0);
    } finally {
      await admin.close();
    }
  });
});
