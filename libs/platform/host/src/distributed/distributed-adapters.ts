import * as path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { EventBus, Logger } from '@pls/event-sourcing';
import { JsonLogger, KafkaEventBus, KurrentDbEventStore, MemoryCheckpointStore, MongoCheckpointStore, MongoReadStore, NamespacedEventBus, SqliteCheckpointStore, SqliteEventStore, type DeliveryObservation, type RuntimeAdapters } from '@pls/infrastructure';
import { systemClock, type Clock } from '@pls/shared-kernel';
import type { DistributedConfig } from './distributed-config';
import { FileClock } from './file-clock';
import { NoEventStore } from './no-event-store';

export function distributedClock(config: DistributedConfig): Clock {
  return config.testClockFile ? new FileClock(config.testClockFile) : systemClock;
}

export function processLogger(config: DistributedConfig, processName: string): JsonLogger {
  return new JsonLogger({ service: processName, level: config.logLevel, pretty: config.prettyLogs });
}

/** Handler calls of a process's consumers, fanned out to whoever records them (its metrics). */
export class DeliveryFeed {
  private readonly listeners = new Set<(observation: DeliveryObservation) => void>();

  readonly publish = (observation: DeliveryObservation): void => {
    for (const listener of this.listeners) listener(observation);
  };

  listen(listener: (observation: DeliveryObservation) => void): void {
    this.listeners.add(listener);
  }
}

export function openBus(config: DistributedConfig, processName: string, logger: Logger, deliveries?: DeliveryFeed): NamespacedEventBus {
  const kafka = new KafkaEventBus({ clientId: `${config.kafka.clientId}-${processName}`, brokers: [...config.kafka.brokers], defaultPartitions: config.kafka.partitions, logger, onDelivery: deliveries?.publish });
  return new NamespacedEventBus(kafka, config.kafka.namespace);
}

export function openReadStore(config: DistributedConfig): Promise<MongoReadStore> {
  return MongoReadStore.connect({ uri: config.mongo.url, database: config.mongo.database });
}

/**
 * A service: its streams in KurrentDB (PLS_KURRENTDB_URL) or, without one, in its own SQLite file;
 * its relay's checkpoint durable beside them (in MongoDB for KurrentDB, in the same file for SQLite)
 * so a restart resumes where the bus last acknowledged; Kafka between services; MongoDB for the read
 * models its use cases consult.
 */
export async function openServiceAdapters(config: DistributedConfig, service: string, deliveries?: DeliveryFeed): Promise<RuntimeAdapters> {
  const logger = processLogger(config, `${service}-service`);
  const readStore = await openReadStore(config);
  const bus = openBus(config, `${service}-service`, logger, deliveries);
  if (config.kurrentDbUrl) {
    return {
      store: KurrentDbEventStore.connect({ connectionString: config.kurrentDbUrl }),
      bus,
      readStore,
      relayCheckpoints: new MongoCheckpointStore(readStore, '_store.relay-checkpoints'),
      clock: distributedClock(config),
      logger,
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, `${service}-events.sqlite`);
  return { store: SqliteEventStore.open(file), bus, readStore, relayCheckpoints: SqliteCheckpointStore.open(file), clock: distributedClock(config), logger };
}

/** The projector owns no streams: Kafka in, MongoDB out, its progress in the consumer group's offsets. */
export async function openProjectorAdapters(config: DistributedConfig, deliveries?: DeliveryFeed): Promise<RuntimeAdapters> {
  const logger = processLogger(config, 'projector');
  return {
    store: new NoEventStore('projector'),
    bus: openBus(config, 'projector', logger, deliveries),
    readStore: await openReadStore(config),
    relayCheckpoints: new MemoryCheckpointStore(),
    clock: distributedClock(config),
    logger,
  };
}

/**
 * Readiness of the Kafka bus: the broker answers a round trip, and no consumer of this process sits
 * crashed waiting for its restart (a projector or reactor that is not consuming is not ready).
 */
export async function probeBus(bus: EventBus): Promise<string> {
  if (!bus.whenGroupCaughtUp) throw new Error('the bus cannot be probed');
  // Asking the broker about the (empty) set of topics is a round trip to it and nothing more.
  await bus.whenGroupCaughtUp('pls-health-probe', []);
  const stalled = bus.stalledConsumers?.() ?? [];
  if (stalled.length > 0) throw new Error(`consumer ${stalled.map(({ groupId, reason }) => `${groupId} crashed (${reason}), restarting`).join('; ')}`);
  return 'kafka answering';
}
