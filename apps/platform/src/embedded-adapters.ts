import * as path from 'node:path';
import { systemClock, type Clock } from '@pls/shared-kernel';
import { InProcessEventBus, JsonLogger, MemoryCheckpointStore, MemoryReadStore, SqliteEventStore, type RuntimeAdapters } from '@pls/infrastructure';
import type { PlatformConfig } from './config';

/**
 * Embedded mode: the events are durable in one SQLite file; the bus and the read models live in
 * memory and are rebuilt from the events at every start, so the relay's checkpoint is volatile too.
 */
export async function openEmbeddedAdapters(config: PlatformConfig, clock: Clock = systemClock): Promise<RuntimeAdapters> {
  return {
    store: SqliteEventStore.open(path.join(config.dataDir, 'events.sqlite')),
    bus: new InProcessEventBus(),
    readStore: new MemoryReadStore(),
    relayCheckpoints: new MemoryCheckpointStore(),
    clock,
    logger: new JsonLogger({ service: 'platform', level: config.logLevel, pretty: config.prettyLogs }),
  };
}
