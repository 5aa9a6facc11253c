import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventIdFor, ProjectionRunner, UpcasterRegistry, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryCheckpointStore } from '../embedded/memory-checkpoint-store.adapter';
import { MemoryReadStore } from '../memory-read-store/memory-read-store.adapter';
import { SqliteEventStore } from './sqlite-event-store.adapter';

interface Desk extends ReadDocument {
  readonly channel: string;
  readonly registeredBy: string;
  readonly notes: number;
}

/** A view that reads the metadata and an upcast field: both must survive a replay page. */
const desks: Projection<Desk> = {
  name: 'test.desks',
  version: 1,
  indexes: [],
  canHandle: (event) => event.streamId.startsWith('test.matter-'),
  documentId: (event) => event.streamId.slice('test.matter-'.length),
  evolve(document, event) {
    const data = event.data as { channel?: string };
    if (event.type === 'test.MatterRegistered') return { _id: event.streamId.slice('test.matter-'.length), channel: data.channel ?? 'missing', registeredBy: event.metadata.actor.userId, notes: 0 };
    return document && { ...document, notes: document.notes + 1 };
  },
};
const upcasters = new UpcasterRegistry().register('test.MatterRegistered', 1, (data) => ({ ...(data as object), channel: 'walk-in' }));

describe('SqliteEventStore replay pages', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pls-replay-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    for (const [matter, schemaVersion, notes] of [['m1', 1, 2], ['m2', 2, 0], ['m3', 1, 1]] as const) {
      const commandId = `register-${matter}`;
      const actor = { userId: `clerk-of-${matter}`, orgId: 'desk-1', roles: ['clerk'] };
      const events = [
        { eventId: eventIdFor(commandId, 0), type: 'test.MatterRegistered', schemaVersion, occurredAt: '2026-03-01T00:00:00.000Z', data: schemaVersion === 1 ? {} : { channel: 'hotline' }, metadata: { commandId, correlationId: commandId, causationId: commandId, actor } },
        ...Array.from({ length: notes }, (_, i) => ({ eventId: eventIdFor(commandId, i + 1), type: 'test.NoteAdded', schemaVersion: 1, occurredAt: '2026-03-02T00:00:00.000Z', data: {}, metadata: { commandId, correlationId: commandId, causationId: commandId, actor } })),
      ];
      await store.appendToStream(`test.matter-${matter}`, events, { expectedRevision: 'no_stream' });
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a history with old schema versions, when a view that reads metadata is rebuilt, then it reads replay pages and equals the view applied live event by event', async () => {
    const replayPages = jest.spyOn(store, 'readAllForReplay');
    const rebuilt = new ProjectionRunner({ readStore: new MemoryReadStore(), projections: [desks], upcasters });
    const live = new ProjectionRunner({ readStore: new MemoryReadStore(), projections: [desks], upcasters });
    await live.open();

    await rebuilt.rebuild(desks.name, store, new MemoryCheckpointStore(), { batchSize: 2 });
    for (const event of await store.readAll()) await live.apply(event);

    expect(replayPages).toHaveBeenCalled();
    const documents = await rebuilt.collection<Desk>(desks.name).find({}, { sort: { _id: 1 } });
    expect(documents).toEqual(await live.collection<Desk>(desks.name).find({}, { sort: { _id: 1 } }));
    expect(documents.map(({ _id, channel, registeredBy, notes }) => ({ _id, channel, registeredBy, notes }))).toEqual([
      { _id: 'm1', channel: 'walk-in', registeredBy: 'clerk-of-m1', notes: 2 },
      { _id: 'm2', channel: 'hotline', registeredBy: 'clerk-of-m2', notes: 0 },
      { _id: 'm3', channel: 'walk-in', registeredBy: 'clerk-of-m3', notes: 1 },
    ]);
  });

  it('given a replayed event, when its metadata is read twice, then it is parsed once and the same object comes back', async () => {
    const [first] = (await store.readAllForReplay({ maxCount: 1 })) as RecordedEvent[];

    expect(first.metadata).toBe(first.metadata);
    expect(first.metadata.actor.userId).toBe('clerk-of-m1');
  });
});
