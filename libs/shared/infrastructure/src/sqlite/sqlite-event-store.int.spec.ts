import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './sqlite-driver';
import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import { EVENT_STORE_ERRORS, type EventToAppend, type RecordedEvent } from '@pls/event-sourcing';
import { describeCheckpointStoreConformance, describeEventStoreConformance } from '@pls/event-sourcing/testing';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store.adapter';
import { SqliteEventStore } from './sqlite-event-store.adapter';

function temporaryFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pls-sqlite-'));
  return { file: join(dir, 'events.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeEventStoreConformance('SqliteEventStore', {
  appendsToSeveralStreams: true,
  readsForReplay: true,
  async create() {
    const { file, remove } = temporaryFile();
    let store = SqliteEventStore.open(file);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = SqliteEventStore.open(file);
        return store;
      },
      dispose: async () => {
        await store.close();
        remove();
      },
    };
  },
});

describeCheckpointStoreConformance('SqliteCheckpointStore sharing the event store file', {
  async create() {
    const { file, remove } = temporaryFile();
    const events = SqliteEventStore.open(file);
    let store = SqliteCheckpointStore.open(file);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = SqliteCheckpointStore.open(file);
        return store;
      },
      dispose: async () => {
        await store.close();
        await events.close();
        remove();
      },
    };
  },
});

describe('SqliteEventStore on a file', () => {
  let file: string;
  let remove: () => void;
  let store: SqliteEventStore;
  const opened: Array<{ close(): Promise<void> }> = [];

  const open = (options?: Parameters<typeof SqliteEventStore.open>[1]) => {
    const opening = SqliteEventStore.open(file, options);
    opened.push(opening);
    return opening;
  };

  beforeEach(() => {
    ({ file, remove } = temporaryFile());
    store = open();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.close()));
    remove();
  });

  it('given appends to several streams, when $all is read, then global positions are dense from 1', async () => {
    await store.appendToStream('test.case-1', events(2), { expectedRevision: 'no_stream' });
    await store.appendToStream('test.case-2', events(3), { expectedRevision: 'no_stream' });

    const all = await store.readAll();

    expect(all.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5]);
    expect(await store.headPosition()).toBe(5);
  });

  it('given fifty appends in one tick, when one has a stale revision and one reuses an event id of another stream, then those two fail alone and the rest commit in one transaction', async () => {
    const taken = (await store.appendToStream('test.case-taken', events(1), { expectedRevision: 'no_stream' })).events[0];
    await store.appendToStream('test.case-stale', events(2), { expectedRevision: 'no_stream' });
    const before = { ...store.stats };

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => {
        if (i === 10) return store.appendToStream('test.case-stale', events(3), { expectedRevision: 0 });
        if (i === 20) return store.appendToStream('test.case-reuse', [...events(1), { ...anEvent(), eventId: taken.eventId }], { expectedRevision: 'no_stream' });
        return store.appendToStream(`test.case-w${i}`, events(2), { expectedRevision: 'no_stream' });
      }),
    );

    const rejected = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [[i, outcome.reason]] : []));
    expect(rejected.map(([i]) => i)).toEqual([10, 20]);
    expect(rejected[0][1]).toBeInstanceOf(ConcurrencyConflict);
    expect(rejected[0][1]).toMatchObject({ code: EVENT_STORE_ERRORS.wrongExpectedRevision });
    expect(rejected[1][1]).toMatchObject({ code: EVENT_STORE_ERRORS.eventIdConflict, details: { eventIds: [taken.eventId] } });
    expect(store.stats).toEqual({ appends: before.appends + 50, commits: before.commits + 1 });
    expect(await store.readStream('test.case-stale')).toHaveLength(2);
    expect(await store.readStream('test.case-reuse')).toEqual([]);
    const all = await store.readAll();
    expect(all).toHaveLength(3 + 48 * 2);
    expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('given a burst of appends to one stream with the same expected revision, when flushed together, then the first wins and every other is a conflict', async () => {
    await store.appendToStream('test.case-1', events(1), { expectedRevision: 'no_stream' });

    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => store.appendToStream('test.case-1', events(2), { expectedRevision: 0 })));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', ...Array(19).fill('rejected')]);
    expect(await store.readStream('test.case-1')).toHaveLength(3);
  });

  it('given appends not yet flushed, when the store is closed, then they are committed and acknowledged before it closes', async () => {
    const pending = [store.appendToStream('test.case-1', events(2), { expectedRevision: 'no_stream' }), store.appendToStream('test.case-2', events(1), { expectedRevision: 'no_stream' })];

    await store.close();
    const results = await Promise.all(pending);

    const reopened = open();
    expect(await reopened.readAll()).toEqual(results.flatMap((result) => result.events));
  });

  it('given acknowledged appends, when the file is reopened by a plain SQLite connection, then it is in WAL mode and holds every event', async () => {
    const result = await store.appendToStream('test.case-1', events(3), { expectedRevision: 'no_stream' });
    await store.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT event_id FROM events ORDER BY global_position').pluck().all()).toEqual(result.events.map((e) => e.eventId));
    } finally {
      raw.close();
    }
  });

  it('given a subscriber on one connection, when another connection appends to the same file, then whenCaughtUp delivers it without waiting for the poll', async () => {
    const subscriber = open({ pollIntervalMs: 60_000 });
    const delivered: RecordedEvent[] = [];
    const subscription = subscriber.subscribeToAll({ onEvents: (batch) => void delivered.push(...batch) });
    await subscription.whenCaughtUp();

    const appended = await store.appendToStream('test.case-1', events(3), { expectedRevision: 'no_stream' });
    await subscription.whenCaughtUp();

    expect(delivered).toEqual(appended.events);
  });

  it('given an idle subscriber on one connection, when another connection appends, then the poll brings the events to it', async () => {
    const subscriber = open({ pollIntervalMs: 10 });
    let received!: (events: readonly RecordedEvent[]) => void;
    const arrival = new Promise<readonly RecordedEvent[]>((resolve) => (received = resolve));
    const subscription = subscriber.subscribeToAll({ onEvents: (batch) => received(batch) });
    await subscription.whenCaughtUp();

    const appended = await store.appendToStream('test.case-1', events(2), { expectedRevision: 'no_stream' });

    expect(await arrival).toEqual(appended.events);
  });

  it('given two connections appending to the same stream, when one is stale, then it gets a conflict like any other writer', async () => {
    const other = open();
    await store.appendToStream('test.case-1', events(1), { expectedRevision: 'no_stream' });

    const error = await other.appendToStream('test.case-1', events(1), { expectedRevision: 'no_stream' }).catch((refusal: unknown) => refusal);

    expect(error).toMatchObject({ code: EVENT_STORE_ERRORS.wrongExpectedRevision, details: { actual: 0 } });
  });

  it('given a closed store, when it is used, then every call is refused with STORE_CLOSED', async () => {
    await store.close();

    for (const call of [() => store.appendToStream('test.case-1', events(1), { expectedRevision: 'any' }), () => store.readStream('test.case-1'), () => store.readAll(), () => store.headPosition()]) {
      const error = await call().then(
        () => undefined,
        (refusal: unknown) => refusal,
      );
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ code: EVENT_STORE_ERRORS.storeClosed });
    }
    expect(() => store.subscribeToAll({ onEvents: () => undefined })).toThrow(expect.objectContaining({ code: EVENT_STORE_ERRORS.storeClosed }));
  });

  it('given a live subscription, when the store is closed, then the subscription stops and whenCaughtUp rejects', async () => {
    const subscription = store.subscribeToAll({ onEvents: () => undefined });
    await subscription.whenCaughtUp();

    await store.close();

    await expect(subscription.whenCaughtUp()).rejects.toMatchObject({ code: EVENT_STORE_ERRORS.subscriptionStopped });
  });

  it('given prefixes containing GLOB wildcards, when $all is filtered, then they match literally', async () => {
    await store.appendToStream('test.case-1', [anEvent({ type: 'test.Star*Event' })], { expectedRevision: 'no_stream' });
    await store.appendToStream('test.case-2', [anEvent({ type: 'test.StarXEvent' })], { expectedRevision: 'no_stream' });

    const starred = await store.readAll({ filter: { eventTypePrefixes: ['test.Star*'] } });
    const classes = await store.readAll({ filter: { eventTypePrefixes: ['test.Sta[r]'] } });

    expect(starred.map((e) => e.type)).toEqual(['test.Star*Event']);
    expect(classes).toEqual([]);
  });

  it('given an append, then the events it returns are the writer’s own plain values, equal to what is read back', async () => {
    const original = anEvent({ data: { note: '备注', nested: { items: [1, 2] } } });

    const [returned] = (await store.appendToStream('test.case-1', [original], { expectedRevision: 'no_stream' })).events;
    (original.data as { note: string }).note = 'changed by the caller afterwards';
    const [stored] = await store.readStream('test.case-1');

    expect(returned).toEqual(stored);
    expect({ ...returned }).toEqual(stored);
    expect(JSON.parse(JSON.stringify(returned))).toEqual(stored);
    expect(structuredClone(returned)).toEqual(stored);
    expect(returned.data).toBe(returned.data);
    (returned.data as { nested: { items: number[] } }).nested.items.push(3);
    expect((await store.readStream('test.case-1'))[0].data).toEqual({ note: '备注', nested: { items: [1, 2] } });
  });

  it('given appends from this connection and another, then a subscriber here gets every one, whichever way it learns of them', async () => {
    const other = open();
    const subscriber = open({ pollIntervalMs: 10 });
    const delivered: RecordedEvent[] = [];
    const subscription = subscriber.subscribeToAll({ onEvents: (batch) => void delivered.push(...batch) });
    const arrived = async (count: number) => {
      for (let waited = 0; delivered.length < count && waited < 200; waited++) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    await other.appendToStream('test.case-1', events(1), { expectedRevision: 'no_stream' });
    await arrived(1);
    await subscriber.appendToStream('test.case-2', events(2), { expectedRevision: 'no_stream' });
    await arrived(3);
    await other.appendToStream('test.case-1', events(1), { expectedRevision: 0 });
    await arrived(4);

    expect(delivered.map((event) => event.globalPosition)).toEqual([1, 2, 3, 4]);
    await subscription.stop();
  });
});

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'test.NoteAdded',
    schemaVersion: 1,
    occurredAt: '2024-05-01T08:00:00.000Z',
    data: { note: '备注' },
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'user-1', orgId: 'org-1', roles: ['clerk'] } },
    ...overrides,
  };
}

function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, () => anEvent());
}
