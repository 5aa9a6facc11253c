import { randomBytes } from 'node:crypto';
import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { describeEventBusConformance } from '@pls/event-sourcing/testing';
import { KafkaEventBus } from '../kafka';
import { describeWithContainers } from './container-runtime';

// Confluent's image of Apache Kafka 3.9 in KRaft mode: the protocol kafkajs speaks (4.x removed
// older protocol versions). PLS_KAFKA_IMAGE picks another.
const IMAGE = process.env['PLS_KAFKA_IMAGE'] ?? 'confluentinc/cp-kafka:7.9.0';
const PLAINTEXT = 9093;

describeWithContainers('Kafka event bus conformance (testcontainers)')(`KafkaEventBus on ${IMAGE}`, () => {
  let container: StartedKafkaContainer;
  let brokers: string[];

  beforeAll(async () => {
    container = await new KafkaContainer(IMAGE).withKraft().start();
    brokers = [`${container.getHost()}:${container.getMappedPort(PLAINTEXT)}`];
  }, 10 * 60_000);

  afterAll(async () => {
    await container?.stop();
  });

  describeEventBusConformance('kafka', {
    async create() {
      const bus = new KafkaEventBus({ clientId: `pls-containers-${randomBytes(4).toString('hex')}`, brokers });
      return { bus, dispose: () => bus.close() };
    },
  });
});
