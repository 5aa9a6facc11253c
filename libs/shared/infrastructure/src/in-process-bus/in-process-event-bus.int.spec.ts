import { DEAD_LETTER_HEADERS, RecordingLogger, type Consumer, type DeliveredMessage } from '@pls/event-sourcing';
import { describeEventBusConformance } from '@pls/event-sourcing/testing';
import { isPlsError } from '@pls/shared-kernel';
import { InProcessEventBus } from './in-process-event-bus.adapter';
import { kafkaPartition, murmur2 } from './murmur2';

describeEventBusConformance('in-process', {
  async create() {
    const bus = new InProcessEventBus();
    return { bus, dispose: () => bus.close() };
  },
});

describeEventBusConformance('in-process with a single partition per topic', {
  async create() {
    const bus = new InProcessEventBus({ defaultPartitions: 1 });
    return { bus, dispose: () => bus.close() };
  },
});

describe('InProcessEventBus', () => {
  let bus: InProcessEventBus;
  let logger: RecordingLogger;
  const consumers: Consumer[] = [];

  beforeEach(() => {
    logger = new RecordingLogger();
    bus = new InProcessEventBus({ logger });
  });

  afterEach(async () => {
    await Promise.allSettled(consumers.splice(0).map((consumer) => consumer.stop()));
    await bus.close();
  });

  const codeOf = (action: () => unknown): string | undefined => {
    try {
      action();
    } catch (error) {
      return isPlsError(error) ? error.code : String(error);
    }
    return undefined;
  };

  it('hashes keys with the murmur2 of Kafka’s own test vectors', () => {
    const vectors: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];

    expect(vectors.map(([key]) => murmur2(Buffer.from(key)))).toEqual(vectors.map(([, hash]) => hash));
  });

  it('puts a key on the partition Kafka’s default partitioner would choose', async () => {
    bus.createTopic('pls.intake', { partitions: 6 });

    await bus.publish('pls.intake', [{ key: 'intake.matter-1', value: 1 }]);

    const expected = kafkaPartition('intake.matter-1', 6);
    expect(bus.describeTopic('pls.intake')?.endOffsets).toEqual([0, 1, 2, 3, 4, 5].map((partition) => (partition === expected ? 1 : 0)));
  });

  it('creates a topic on first use with the default partition count, and refuses to change an existing one', async () => {
    await bus.publish('pls.mediation', [{ key: 'k', value: 1 }]);

    expect(bus.describeTopic('pls.mediation')?.partitions).toBe(4);
    expect(codeOf(() => bus.createTopic('pls.mediation', { partitions: 8 }))).toBe('TOPIC_EXISTS');
    expect(codeOf(() => bus.createTopic('pls.other', { partitions: 0 }))).toBe('PARTITION_COUNT_INVALID');
    expect(codeOf(() => new InProcessEventBus({ defaultPartitions: 1.5 }))).toBe('PARTITION_COUNT_INVALID');
    expect(codeOf(() => bus.createTopic('pls.mediation', { partitions: 4 }))).toBeUndefined();
  });

  it('assigns contiguous partition ranges in join order and reassigns them when members leave', async () => {
    bus.createTopic('pls.legal-aid', { partitions: 5 });
    const handler = async (): Promise<void> => undefined;
    const first = await bus.subscribe({ groupId: 'projector', topics: ['pls.legal-aid'], handler });
    const second = await bus.subscribe({ groupId: 'projector', topics: ['pls.legal-aid'], handler });
    consumers.push(first, second);

    expect([...bus.assignment('projector').values()]).toEqual([
      ['pls.legal-aid/0', 'pls.legal-aid/1', 'pls.legal-aid/2'],
      ['pls.legal-aid/3', 'pls.legal-aid/4'],
    ]);

    await first.stop();

    expect([...bus.assignment('projector').values()]).toEqual([['pls.legal-aid/0', 'pls.legal-aid/1', 'pls.legal-aid/2', 'pls.legal-aid/3', 'pls.legal-aid/4']]);
  });

  it('leaves members beyond the partition count idle, as Kafka does', async () => {
    bus.createTopic('pls.notarization', { partitions: 1 });
    const handler = async (): Promise<void> => undefined;
    consumers.push(await bus.subscribe({ groupId: 'g', topics: ['pls.notarization'], handler }));
    consumers.push(await bus.subscribe({ groupId: 'g', topics: ['pls.notarization'], handler }));

    expect([...bus.assignment('g').values()]).toEqual([['pls.notarization/0'], []]);
  });

  it('logs every parked message with its origin', async () => {
    const consumer = await bus.subscribe({
      groupId: 'reactor',
      topics: ['pls.intake'],
      maxAttempts: 2,
      retryBackoffMs: 1,
      handler: async () => {
        throw new Error('downstream refused');
      },
    });
    consumers.push(consumer);

    await bus.publish('pls.intake', [{ key: 'intake.matter-9', value: { n: 1 }, headers: { 'x-event-id': 'e-9' } }]);
    await consumer.whenCaughtUp();

    expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([
      expect.objectContaining({
        message: 'message parked in dead-letter topic',
        context: expect.objectContaining({ topic: 'pls.intake', key: 'intake.matter-9', group: 'reactor', deadLetterTopic: 'pls.intake.dlq', attempts: 2 }),
      }),
    ]);
    expect(bus.describeTopic('pls.intake.dlq')?.endOffsets.reduce((sum, end) => sum + end, 0)).toBe(1);
    expect(DEAD_LETTER_HEADERS.error).toBe('x-dead-letter-error');
  });

  it('stops a consumer waiting out a long backoff at once, leaving the message uncommitted', async () => {
    const failed = signal();
    const slow = await bus.subscribe({
      groupId: 'slow',
      topics: ['pls.intake'],
      retryBackoffMs: 3_600_000,
      handler: async () => {
        failed.resolve();
        throw new Error('try again in an hour');
      },
    });
    consumers.push(slow);
    await bus.publish('pls.intake', [{ key: 'k', value: 1 }]);
    await failed.promise;

    await slow.stop();

    const redelivered: DeliveredMessage[] = [];
    const next = await bus.subscribe({ groupId: 'slow', topics: ['pls.intake'], handler: async (message) => void redelivered.push(message) });
    consumers.push(next);
    await next.whenCaughtUp();
    expect(redelivered.map((message) => [message.value, message.attempt])).toEqual([[1, 1]]);
  });

  it('lets timers and I/O run while a long backlog is handled', async () => {
    await bus.publish('pls.intake', Array.from({ length: 5_000 }, (_, i) => ({ key: 'one-key', value: i })));
    let immediateRan = false;
    let ranBeforeTheEnd = false;
    setImmediate(() => {
      immediateRan = true;
    });

    const consumer = await bus.subscribe({
      groupId: 'backlog',
      topics: ['pls.intake'],
      handler: async (message) => {
        if (message.value === 4_999) ranBeforeTheEnd = immediateRan;
      },
    });
    consumers.push(consumer);
    await consumer.whenCaughtUp();

    expect(ranBeforeTheEnd).toBe(true);
  });

  it('rejects a pending whenCaughtUp when its consumer stops', async () => {
    const reached = signal();
    const release = signal();
    const consumer = await bus.subscribe({
      groupId: 'blocked',
      topics: ['pls.intake'],
      handler: async () => {
        reached.resolve();
        await release.promise;
      },
    });
    consumers.push(consumer);
    await bus.publish('pls.intake', [{ key: 'k', value: 1 }]);
    await reached.promise;
    const waiting = consumer.whenCaughtUp();

    const stopping = consumer.stop();
    release.resolve();
    await stopping;

    await expect(waiting).rejects.toMatchObject({ code: 'CONSUMER_STOPPED' });
  });
});

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
