import { performance } from 'node:perf_hooks';
import { DEAD_LETTER_HEADERS, type Consumer, type ConsumerOptions, type DeliveredMessage, type EventBus, type OutgoingMessage } from '../ports/event-bus.port';
import { deferred, expectRefusal, uniqueName } from './conformance-support';

export interface EventBusHarness {
  readonly bus: EventBus;
  dispose(): Promise<void>;
}

export interface EventBusFactory {
  create(): Promise<EventBusHarness>;
}

interface Payload {
  readonly key: string;
  readonly seq: number;
}

const seqOf = (message: DeliveredMessage): number => (message.value as Payload).seq;

function numbered(key: string, from: number, to: number, headers?: Record<string, string>): OutgoingMessage[] {
  return Array.from({ length: to - from }, (_, i) => ({ key, value: { key, seq: from + i }, ...(headers ? { headers } : {}) }));
}

function byKey(messages: readonly DeliveredMessage[]): Map<string, DeliveredMessage[]> {
  const grouped = new Map<string, DeliveredMessage[]>();
  for (const message of messages) grouped.set(message.key, [...(grouped.get(message.key) ?? []), message]);
  return grouped;
}

/**
 * The behaviour every EventBus adapter must show: Kafka's, as the services rely on it. Topics and
 * groups are random per test, waits are on `whenCaughtUp()` or on a promise a handler resolves,
 * never on a sleep, so the same suite runs against a real broker.
 */
export function describeEventBusConformance(adapterName: string, factory: EventBusFactory): void {
  describe(`EventBus conformance: ${adapterName}`, () => {
    let harness: EventBusHarness;
    let bus: EventBus;
    let consumers: Consumer[];
    let topic: string;

    beforeEach(async () => {
      harness = await factory.create();
      bus = harness.bus;
      consumers = [];
      topic = uniqueName('conformance.bus');
    });

    afterEach(async () => {
      await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
      await harness.dispose();
    });

    type SubscribeOptions = Partial<ConsumerOptions> & Pick<ConsumerOptions, 'handler'>;
    const subscribe = async (options: SubscribeOptions): Promise<Consumer> => {
      const consumer = await bus.subscribe({ groupId: uniqueName('group'), topics: [topic], retryBackoffMs: 1, ...options });
      consumers.push(consumer);
      return consumer;
    };
    const recorder = (): { seen: DeliveredMessage[]; handler: (message: DeliveredMessage) => Promise<void> } => {
      const seen: DeliveredMessage[] = [];
      return { seen, handler: async (message) => void seen.push(message) };
    };

    it('given a published message, when a consumer catches up, then it receives key, value, headers and its position as attempt 1', async () => {
      await bus.publish(topic, [{ key: 'case-1', value: { hello: 'world', n: 1, nested: { list: [1, 'two', null, true] } }, headers: { 'x-trace': 't-1' } }]);
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen).toHaveLength(1);
      const [message] = seen;
      expect(message).toMatchObject({ topic, key: 'case-1', value: { hello: 'world', n: 1, nested: { list: [1, 'two', null, true] } }, headers: { 'x-trace': 't-1' }, attempt: 1 });
      expect(Number.isInteger(message.partition) && message.partition >= 0).toBe(true);
      expect(Number.isInteger(message.offset) && message.offset >= 0).toBe(true);
    });

    it('given a topic nobody published to, when a consumer asks whether it caught up, then it has at once', async () => {
      const consumer = await subscribe({ handler: async () => undefined });

      await expect(consumer.whenCaughtUp()).resolves.toBeUndefined();
    });

    it('given an empty batch, when it is published, then nothing is delivered', async () => {
      const { seen, handler } = recorder();
      const consumer = await subscribe({ handler });

      await bus.publish(topic, []);
      await consumer.whenCaughtUp();

      expect(seen).toEqual([]);
    });

    it('given many keys published in interleaved batches, when consumed, then each key arrives in publish order from a single partition', async () => {
      const keys = Array.from({ length: 40 }, (_, i) => `stream-${i}`);
      for (let batch = 0; batch < 5; batch++) await bus.publish(topic, keys.flatMap((key) => numbered(key, batch * 5, batch * 5 + 5)));
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen).toHaveLength(40 * 25);
      for (const [key, messages] of byKey(seen)) {
        expect({ key, seqs: messages.map(seqOf) }).toEqual({ key, seqs: Array.from({ length: 25 }, (_, i) => i) });
        expect(new Set(messages.map((message) => message.partition)).size).toBe(1);
      }
      const offsetsByPartition = new Map<number, number[]>();
      for (const message of seen) offsetsByPartition.set(message.partition, [...(offsetsByPartition.get(message.partition) ?? []), message.offset]);
      for (const offsets of offsetsByPartition.values()) expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    });

    it('given two consumer groups, when messages are published, then each group sees every message', async () => {
      const first = recorder();
      const second = recorder();
      const consumerA = await subscribe({ handler: first.handler });
      const consumerB = await subscribe({ handler: second.handler });

      for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await bus.publish(topic, numbered(key, 0, 5));
      await Promise.all([consumerA.whenCaughtUp(), consumerB.whenCaughtUp()]);

      const identities = (messages: DeliveredMessage[]) => messages.map((message) => `${message.key}:${seqOf(message)}`).sort();
      expect(identities(first.seen)).toHaveLength(30);
      expect(identities(first.seen)).toEqual(identities(second.seen));
    });

    it('given two consumers in one group, when messages are published, then together they see each message exactly once and share the partitions', async () => {
      const groupId = uniqueName('group');
      const first = recorder();
      const second = recorder();
      const consumerA = await subscribe({ groupId, handler: first.handler });
      const consumerB = await subscribe({ groupId, handler: second.handler });

      await bus.publish(topic, Array.from({ length: 60 }, (_, i) => numbered(`key-${i}`, 0, 4)).flat());
      await Promise.all([consumerA.whenCaughtUp(), consumerB.whenCaughtUp()]);

      const all = [...first.seen, ...second.seen].map((message) => `${message.key}:${seqOf(message)}`);
      expect(all).toHaveLength(240);
      expect(new Set(all).size).toBe(240);
      const partitionsA = new Set(first.seen.map((message) => message.partition));
      const partitionsB = new Set(second.seen.map((message) => message.partition));
      expect([...partitionsA].filter((partition) => partitionsB.has(partition))).toEqual([]);
      if (partitionsA.size + partitionsB.size > 1) {
        expect(first.seen.length).toBeGreaterThan(0);
        expect(second.seen.length).toBeGreaterThan(0);
      }
    });

    it('given consumers joining and leaving one group mid-stream, when the survivor catches up, then nothing is lost and each key keeps its order', async () => {
      const groupId = uniqueName('group');
      const seen: DeliveredMessage[] = [];
      const handler = async (message: DeliveredMessage): Promise<void> => void seen.push(message);
      const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
      const consumerA = await subscribe({ groupId, handler });
      await bus.publish(topic, keys.flatMap((key) => numbered(key, 0, 5)));

      const consumerB = await subscribe({ groupId, handler });
      await bus.publish(topic, keys.flatMap((key) => numbered(key, 5, 10)));
      await consumerB.whenCaughtUp();
      await consumerA.stop();
      await bus.publish(topic, keys.flatMap((key) => numbered(key, 10, 15)));
      await consumerB.whenCaughtUp();

      for (const key of keys) {
        const firstDeliveries = [...new Set((byKey(seen).get(key) ?? []).map(seqOf))];
        expect({ key, seqs: firstDeliveries }).toEqual({ key, seqs: Array.from({ length: 15 }, (_, i) => i) });
      }
    });

    it('given a handler that fails once, when the message is redelivered, then it comes back as attempt 2 and later messages of its key wait for it', async () => {
      const seen: DeliveredMessage[] = [];
      const consumer = await subscribe({
        handler: async (message) => {
          seen.push(message);
          if (message.key === 'a' && seqOf(message) === 1 && message.attempt === 1) throw new Error('transient');
        },
      });

      await bus.publish(topic, [...numbered('a', 0, 4), ...numbered('b', 0, 4)]);
      await consumer.whenCaughtUp();

      const deliveries = byKey(seen);
      expect(deliveries.get('a')?.map((message) => [seqOf(message), message.attempt])).toEqual([
        [0, 1],
        [1, 1],
        [1, 2],
        [2, 1],
        [3, 1],
      ]);
      expect(deliveries.get('b')?.map((message) => [seqOf(message), message.attempt])).toEqual([0, 1, 2, 3].map((seq) => [seq, 1]));
      const [firstTry, secondTry] = (deliveries.get('a') ?? []).filter((message) => seqOf(message) === 1);
      expect([secondTry.partition, secondTry.offset]).toEqual([firstTry.partition, firstTry.offset]);
    });

    it('given a handler that fails twice, when the message is retried, then each wait is at least the doubled backoff', async () => {
      const backoff = 20;
      const attempts: { attempt: number; at: number }[] = [];
      const consumer = await subscribe({
        retryBackoffMs: backoff,
        handler: async (message) => {
          attempts.push({ attempt: message.attempt, at: performance.now() });
          if (message.attempt < 3) throw new Error('not yet');
        },
      });

      await bus.publish(topic, numbered('k', 0, 1));
      await consumer.whenCaughtUp();

      expect(attempts.map(({ attempt }) => attempt)).toEqual([1, 2, 3]);
      const timerSlack = 2;
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(backoff - timerSlack);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(2 * backoff - timerSlack);
    });

    it('given a message that keeps failing, when maxAttempts is reached, then it is parked in <topic>.dlq with its origin and the key keeps flowing', async () => {
      const seen: DeliveredMessage[] = [];
      const consumer = await subscribe({
        maxAttempts: 3,
        handler: async (message) => {
          seen.push(message);
          if (seqOf(message) === 1) throw new Error(`boom ${seqOf(message)}`);
        },
      });

      await bus.publish(topic, numbered('poison', 0, 3, { 'x-trace': 'trace-7' }));
      await consumer.whenCaughtUp();

      expect(seen.map((message) => [seqOf(message), message.attempt])).toEqual([
        [0, 1],
        [1, 1],
        [1, 2],
        [1, 3],
        [2, 1],
      ]);
      const failed = seen[1];
      const parked = recorder();
      const deadLetters = await subscribe({ topics: [`${topic}.dlq`], handler: parked.handler });
      await deadLetters.whenCaughtUp();
      expect(parked.seen).toHaveLength(1);
      expect(parked.seen[0]).toMatchObject({ topic: `${topic}.dlq`, key: 'poison', value: { key: 'poison', seq: 1 } });
      expect(parked.seen[0].headers).toMatchObject({
        'x-trace': 'trace-7',
        [DEAD_LETTER_HEADERS.originalTopic]: topic,
        [DEAD_LETTER_HEADERS.originalPartition]: String(failed.partition),
        [DEAD_LETTER_HEADERS.originalOffset]: String(failed.offset),
        [DEAD_LETTER_HEADERS.attempts]: '3',
      });
      expect(parked.seen[0].headers[DEAD_LETTER_HEADERS.error]).toContain('boom 1');
    });

    it('given maxAttempts 1 and a custom dead-letter topic, when the handler fails, then the message is parked there after one delivery', async () => {
      const parkedTopic = `${topic}.parked`;
      const seen: DeliveredMessage[] = [];
      const consumer = await subscribe({
        maxAttempts: 1,
        deadLetterTopic: (original) => `${original}.parked`,
        handler: async (message) => {
          seen.push(message);
          throw new Error('always');
        },
      });

      await bus.publish(topic, numbered('k', 0, 2));
      await consumer.whenCaughtUp();

      expect(seen.map((message) => [seqOf(message), message.attempt])).toEqual([
        [0, 1],
        [1, 1],
      ]);
      const parked = recorder();
      const deadLetters = await subscribe({ topics: [parkedTopic], handler: parked.handler });
      await deadLetters.whenCaughtUp();
      expect(parked.seen.map((message) => [seqOf(message), message.headers[DEAD_LETTER_HEADERS.attempts]])).toEqual([
        [0, '1'],
        [1, '1'],
      ]);
    });

    it('given a consumer that handled messages and stopped, when a new consumer joins its group, then it resumes after the last committed offset', async () => {
      const groupId = uniqueName('group');
      const before = recorder();
      const first = await subscribe({ groupId, handler: before.handler });
      await bus.publish(topic, numbered('case', 0, 5));
      await first.whenCaughtUp();
      await first.stop();

      await bus.publish(topic, numbered('case', 5, 10));
      const after = recorder();
      const second = await subscribe({ groupId, handler: after.handler });
      await second.whenCaughtUp();

      expect(before.seen.map(seqOf)).toEqual([0, 1, 2, 3, 4]);
      expect(after.seen.map(seqOf)).toEqual([5, 6, 7, 8, 9]);
    });

    it('given a consumer stopped while its handler fails, when a new consumer joins its group, then the uncommitted message is delivered again', async () => {
      const groupId = uniqueName('group');
      const reached = deferred();
      const release = deferred();
      const before: number[] = [];
      const first = await subscribe({
        groupId,
        maxAttempts: 1_000,
        handler: async (message) => {
          before.push(seqOf(message));
          if (seqOf(message) !== 2) return;
          reached.resolve();
          await release.promise;
          throw new Error('stopped mid-message');
        },
      });
      await bus.publish(topic, numbered('case', 0, 5));
      await reached.promise;

      const stopping = first.stop();
      release.resolve();
      await stopping;
      const after = recorder();
      const second = await subscribe({ groupId, handler: after.handler });
      await second.whenCaughtUp();

      expect(before.slice(0, 3)).toEqual([0, 1, 2]);
      expect(after.seen.map(seqOf)).toEqual([2, 3, 4]);
      expect(after.seen[0].attempt).toBe(1);
    });

    it('given messages published before a group exists, when it subscribes with fromBeginning false, then it sees only later messages', async () => {
      await bus.publish(topic, numbered('k', 0, 3));
      const latest = recorder();
      const earliest = recorder();

      const fromNow = await subscribe({ fromBeginning: false, handler: latest.handler });
      const fromStart = await subscribe({ handler: earliest.handler });
      await bus.publish(topic, numbered('k', 3, 5));
      await Promise.all([fromNow.whenCaughtUp(), fromStart.whenCaughtUp()]);

      expect(latest.seen.map(seqOf)).toEqual([3, 4]);
      expect(earliest.seen.map(seqOf)).toEqual([0, 1, 2, 3, 4]);
    });

    it('given headers, when delivered, then they round-trip exactly and a message without headers has none', async () => {
      const headers = { 'x-event-id': '4f1c2a9e-0000-4000-8000-000000000001', 'x-correlation-id': 'corr-1', 'x-note': '调解 — médiation ✓', empty: '' };
      await bus.publish(topic, [
        { key: 'h', value: 1, headers },
        { key: 'h', value: 2 },
      ]);
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen.map((message) => message.headers)).toEqual([headers, {}]);
    });

    it('given unicode keys and values, when delivered, then they arrive unchanged', async () => {
      const value = { 当事人: '张三', 地址: '广东省广州市越秀区', note: '𠮷野家 🧑‍⚖️ e\u0301 שלום', list: ['法律援助', '公证', '人民调解'] };
      await bus.publish(topic, [{ key: '粤0104-法援-2024-000123', value }]);
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen.map((message) => [message.key, message.value])).toEqual([['粤0104-法援-2024-000123', value]]);
    });

    it('given a value with a Date and undefined properties, when delivered, then it arrives as JSON carries it', async () => {
      await bus.publish(topic, [{ key: 'j', value: { at: new Date('2024-05-01T08:00:00.000Z'), gone: undefined, list: [1, 2] } }]);
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen[0].value).toStrictEqual({ at: '2024-05-01T08:00:00.000Z', list: [1, 2] });
    });

    it('given values mutated by the producer after publishing and by a handler, when delivered again, then every delivery sees the original', async () => {
      const original = { status: 'open', tags: ['a'] };
      await bus.publish(topic, [{ key: 'm', value: original }]);
      original.status = 'changed-by-producer';
      original.tags.push('b');
      const seen: unknown[] = [];
      const mutating = await subscribe({
        handler: async (message) => {
          seen.push(structuredClone(message.value));
          const value = message.value as { status: string; tags: string[] };
          value.status = 'changed-by-handler';
          value.tags.push('c');
          if (message.attempt === 1) throw new Error('retry me');
        },
      });
      const other = recorder();
      const otherGroup = await subscribe({ handler: other.handler });

      await Promise.all([mutating.whenCaughtUp(), otherGroup.whenCaughtUp()]);

      expect(seen).toEqual([
        { status: 'open', tags: ['a'] },
        { status: 'open', tags: ['a'] },
      ]);
      expect(other.seen.map((message) => message.value)).toEqual([{ status: 'open', tags: ['a'] }]);
    });

    it('given a batch with one invalid message, when it is published, then it is refused and none of the batch is delivered', async () => {
      await expectRefusal(() => bus.publish(topic, [{ key: 'ok', value: 1 }, { key: 7 as unknown as string, value: 2 }]), 'MESSAGE_KEY_INVALID');
      await bus.publish(topic, [{ key: 'ok', value: 'marker' }]);
      const { seen, handler } = recorder();

      const consumer = await subscribe({ handler });
      await consumer.whenCaughtUp();

      expect(seen.map((message) => message.value)).toEqual(['marker']);
    });

    const invalidPublishes: [string, (bus: EventBus, topic: string) => Promise<void>, string][] = [
      ['an empty topic', (bus) => bus.publish('', [{ key: 'k', value: 1 }]), 'TOPIC_NAME_INVALID'],
      ['a topic with spaces', (bus) => bus.publish('not a topic', [{ key: 'k', value: 1 }]), 'TOPIC_NAME_INVALID'],
      ['messages that are not an array', (bus, topic) => bus.publish(topic, { key: 'k', value: 1 } as unknown as OutgoingMessage[]), 'MESSAGES_INVALID'],
      ['a numeric key', (bus, topic) => bus.publish(topic, [{ key: 42 as unknown as string, value: 1 }]), 'MESSAGE_KEY_INVALID'],
      ['a missing key', (bus, topic) => bus.publish(topic, [{ value: 1 } as unknown as OutgoingMessage]), 'MESSAGE_KEY_INVALID'],
      ['an undefined value', (bus, topic) => bus.publish(topic, [{ key: 'k', value: undefined }]), 'MESSAGE_VALUE_INVALID'],
      ['a function in the value', (bus, topic) => bus.publish(topic, [{ key: 'k', value: { run: () => 1 } }]), 'MESSAGE_VALUE_INVALID'],
      ['NaN in the value', (bus, topic) => bus.publish(topic, [{ key: 'k', value: { n: Number.NaN } }]), 'MESSAGE_VALUE_INVALID'],
      ['a Map in the value', (bus, topic) => bus.publish(topic, [{ key: 'k', value: new Map([['a', 1]]) }]), 'MESSAGE_VALUE_INVALID'],
      ['a header that is not a string', (bus, topic) => bus.publish(topic, [{ key: 'k', value: 1, headers: { n: 1 as unknown as string } }]), 'MESSAGE_HEADERS_INVALID'],
    ];
    it.each(invalidPublishes)('given %s, when it is published, then it is refused with a code', async (_, publish, code) => {
      await expectRefusal(() => publish(bus, topic), code);
    });

    const invalidSubscriptions: [string, Partial<ConsumerOptions>, string][] = [
      ['an empty group id', { groupId: '' }, 'GROUP_ID_INVALID'],
      ['no topics', { topics: [] }, 'TOPICS_INVALID'],
      ['an empty topic', { topics: [''] }, 'TOPIC_NAME_INVALID'],
      ['no handler', { handler: undefined as unknown as ConsumerOptions['handler'] }, 'HANDLER_INVALID'],
      ['a negative maxAttempts', { maxAttempts: -1 }, 'MAX_ATTEMPTS_INVALID'],
      ['a maxAttempts of 0', { maxAttempts: 0 }, 'MAX_ATTEMPTS_INVALID'],
      ['a fractional maxAttempts', { maxAttempts: 2.5 }, 'MAX_ATTEMPTS_INVALID'],
      ['a negative backoff', { retryBackoffMs: -5 }, 'RETRY_BACKOFF_INVALID'],
      ['a dead-letter topic equal to the topic', { deadLetterTopic: (original: string) => original }, 'TOPIC_NAME_INVALID'],
    ];
    it.each(invalidSubscriptions)('given %s, when subscribing, then it is refused with a code', async (_, options, code) => {
      await expectRefusal(() => bus.subscribe({ groupId: uniqueName('group'), topics: [topic], handler: async () => undefined, ...options }), code);
    });

    it('given a stopped consumer, when asked whether it caught up, then it refuses with CONSUMER_STOPPED', async () => {
      const consumer = await subscribe({ handler: async () => undefined });
      await consumer.stop();
      await consumer.stop();

      await expectRefusal(() => consumer.whenCaughtUp(), 'CONSUMER_STOPPED');
    });

    it('given a closed bus, when publishing or subscribing, then it refuses with BUS_CLOSED', async () => {
      await bus.close();

      await expectRefusal(() => bus.publish(topic, [{ key: 'k', value: 1 }]), 'BUS_CLOSED');
      await expectRefusal(() => bus.subscribe({ groupId: uniqueName('group'), topics: [topic], handler: async () => undefined }), 'BUS_CLOSED');
    });
  });
}
