import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { RecordingLogger, type Consumer } from '@pls/event-sourcing';
import { KafkaEventBus } from './kafka-event-bus.adapter';

// A broker of its own that the test stops and starts: stopping the shared one would break every
// other test using it. In the `distributed` project (npm run test:distributed), one file at a time,
// beside the topology's own fault tests: a broker restart starved of CPU by a parallel suite made
// kafkajs's reconnection outlast any sensible deadline on two cores.
const { ensureKafka, startKafka, stopKafka } = require(join(__dirname, '../../../../../tools/servers/kafka.cjs')) as typeof import('../../../../../tools/servers/kafka.cjs');

const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

describe('KafkaEventBus across a broker restart (real broker)', () => {
  const consumers: Consumer[] = [];

  it('given a consumer and a producer, when the broker stops and starts again, then both carry on and nothing published is lost', async () => {
    const instance = { instance: 'bus-restart-spec', port: 19192 };
    const { brokers: restartable } = await ensureKafka(instance);
    const logger = new RecordingLogger();
    const restartBus = new KafkaEventBus({ clientId: uniqueName('pls-restart'), brokers: restartable, logger });
    const topic = uniqueName('restart');
    try {
      const seen = new Set<number>();
      consumers.push(await restartBus.subscribe({ groupId: uniqueName('group'), topics: [topic], handler: async (message) => void seen.add(message.value as number) }));
      const consumer = consumers[0]!;
      await restartBus.publish(topic, [0, 1, 2].map((n) => ({ key: `case-${n}`, value: n })));
      await consumer.whenCaughtUp();

      await stopKafka(instance);
      await startKafka(instance);
      await restartBus.publish(topic, [3, 4, 5].map((n) => ({ key: `case-${n}`, value: n })));
      await consumer.whenCaughtUp();

      expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(restartBus.stalledConsumers()).toEqual([]);
    } catch (error) {
      // What kafkajs and the bus said during the outage is the only account of why it did not resume.
      for (const { level, message, context } of logger.entries) process.stderr.write(`${level} ${message} ${JSON.stringify(context)}\n`);
      throw error;
    } finally {
      await Promise.allSettled(consumers.splice(0).map((consumer) => consumer.stop()));
      await restartBus.close();
      await stopKafka(instance);
    }
  }, 300_000);
});
