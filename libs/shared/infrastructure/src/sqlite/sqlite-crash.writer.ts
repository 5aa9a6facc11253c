// The process the crash test kills: `node -r tools/ts-register.cjs sqlite-crash.writer.ts <db file>`.
// It appends for ever (sequentially, and in concurrent bursts that group commit batches together)
// and prints one line per event only after its append was acknowledged, so every printed line is
// a durability promise the test holds the reopened file to.
import { randomUUID } from 'node:crypto';
import { ConcurrencyConflict } from '@pls/shared-kernel';
import type { EventToAppend, ExpectedRevision } from '@pls/event-sourcing';
import { SqliteEventStore } from './sqlite-event-store.adapter';

export const CRASH_EVENT_TYPE = 'crash.Appended';
const BURST_STREAMS = 20;
const MAX_ROUNDS = 1_000_000;

export interface CrashEventData {
  readonly appendId: string;
  readonly index: number;
  readonly count: number;
  readonly text: string;
}

async function writeUntilKilled(file: string): Promise<void> {
  const store = SqliteEventStore.open(file);
  const revisions = new Map<string, number>();
  for (const event of await store.readAll()) revisions.set(event.streamId, event.streamRevision);

  const append = async (streamId: string, count: number): Promise<void> => {
    const appendId = randomUUID();
    const expectedRevision: ExpectedRevision = revisions.get(streamId) ?? 'no_stream';
    const events = Array.from({ length: count }, (_, index): EventToAppend<CrashEventData> => crashEvent({ appendId, index, count, text: '调解笔录'.repeat(40) }));
    try {
      const result = await store.appendToStream(streamId, events, { expectedRevision });
      revisions.set(streamId, result.nextExpectedRevision);
      process.stdout.write(result.events.map((event) => `ack ${appendId} ${event.streamId} ${event.streamRevision} ${event.eventId}\n`).join(''));
    } catch (error) {
      // The contested stream's loser is expected to be refused; anything else is a real failure.
      if (!(error instanceof ConcurrencyConflict)) throw error;
    }
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    await append('crash.serial-1', 1);
    if (round % 4 === 0) {
      await Promise.all([
        ...Array.from({ length: BURST_STREAMS }, (_, i) => append(`crash.burst-${i}`, 1 + ((round + i) % 3))),
        append('crash.contested-1', 2),
        append('crash.contested-1', 2),
      ]);
    }
  }
  await store.close();
}

function crashEvent(data: CrashEventData): EventToAppend<CrashEventData> {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: CRASH_EVENT_TYPE,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    data,
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'crash-writer', orgId: 'test', roles: [] } },
  };
}

if (require.main === module) {
  writeUntilKilled(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
