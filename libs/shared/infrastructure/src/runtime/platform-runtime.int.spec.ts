import { eventIdFor, openProjectionCollection, ProcessRegistry, silentLogger, type EventStore, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@pls/shared-kernel';
import { MemoryCheckpointStore } from '../embedded/memory-checkpoint-store.adapter';
import { InProcessEventBus } from '../in-process-bus';
import { MemoryReadStore } from '../memory-read-store';
import { SqliteEventStore } from '../sqlite';
import { PlatformRuntime } from './platform-runtime';
import { ReactionTracker } from './reaction-tracker';

interface Seen extends ReadDocument {
  readonly types: readonly string[];
}

/** One document per stream listing the event types it saw. */
const seenProjection: Projection<Seen> = {
  name: 'test.seen',
  version: 1,
  indexes: [],
  canHandle: () => true,
  documentId: (event) => event.streamId,
  evolve: (document, event) => ({ _id: event.streamId, types: [...(document?.types ?? []), event.type] }),
};

const CHAIN_LENGTH = 1000;

function append(store: EventStore, streamId: string, type: string, data: Record<string, unknown> = {}) {
  const commandId = `${streamId}:${type}:${JSON.stringify(data)}`;
  return store.appendToStream(streamId, [{ eventId: eventIdFor(commandId, 0), type, schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data, metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'system', orgId: 'system', roles: [] } } }], { expectedRevision: 'any' });
}

describe('PlatformRuntime read-your-writes', () => {
  let runtime: PlatformRuntime;
  let store: EventStore;
  let readStore: MemoryReadStore;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pls-runtime-'));
    const raw = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const tracker = new ReactionTracker();
    store = tracker.track(raw);
    readStore = new MemoryReadStore();
    const registry = new ProcessRegistry();
    registry.registerProjection(seenProjection);
    // A request's reaction: an opened case gets a reply, which is acknowledged in turn (two hops).
    registry.registerReactor({
      name: 'test.replies',
      topics: ['pls.test'],
      handle: async (event: RecordedEvent) => {
        if (event.type === 'test.CaseOpened') await append(store, event.streamId.replace('case', 'reply'), 'test.ReplySent');
        if (event.type === 'test.ReplySent') await append(store, event.streamId, 'test.ReplyAcknowledged');
      },
    });
    // Somebody else's long chain: each link appends the next, so the process is not quiet for a while.
    registry.registerReactor({
      name: 'test.chain',
      topics: ['pls.test'],
      handle: async (event: RecordedEvent) => {
        const link = (event.data as { link?: number }).link;
        if (event.type === 'test.ChainLink' && link !== undefined && link < CHAIN_LENGTH) await append(store, 'test.chain-1', 'test.ChainLink', { link: link + 1 });
      },
    });
    runtime = new PlatformRuntime(
      { store: raw, bus: new InProcessEventBus(), readStore, relayCheckpoints: new MemoryCheckpointStore(), clock: new ManualClock('2026-03-02T01:00:00.000Z'), logger: silentLogger },
      { relay: { name: 'test', filter: {} }, projector: { groupId: 'test.projector', topics: ['pls.test'] }, reactors: true },
      registry,
      tracker,
    );
    await runtime.onApplicationBootstrap();
  });

  afterEach(async () => {
    await runtime.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const seen = async (streamId: string) => (await (await openProjectionCollection<Seen>(readStore, seenProjection)).get(streamId))?.types ?? [];

  it('given a reactor that answers an event in two hops, when a command waits for its own events, then both hops are projected when the wait ends', async () => {
    const opened = await append(store, 'test.case-1', 'test.CaseOpened');
    await runtime.whenHandled(opened.events.map((event) => event.globalPosition));
    expect(await seen('test.case-1')).toEqual(['test.CaseOpened']);
    expect(await seen('test.reply-1')).toEqual(['test.ReplySent', 'test.ReplyAcknowledged']);
  });

  it('given another writer keeps the process busy, when a command waits for its own events, then it is answered before the other writer finishes', async () => {
    await append(store, 'test.chain-1', 'test.ChainLink', { link: 0 });
    const opened = await append(store, 'test.case-2', 'test.CaseOpened');
    await runtime.whenHandled(opened.events.map((event) => event.globalPosition));
    expect(await seen('test.reply-2')).toEqual(['test.ReplySent', 'test.ReplyAcknowledged']);
    expect((await seen('test.chain-1')).length).toBeLessThan(CHAIN_LENGTH);
    await runtime.whenCaughtUp();
    expect((await seen('test.chain-1')).length).toBe(CHAIN_LENGTH + 1);
  });

  it('given a command that appended nothing, when it waits, then it is answered at once', async () => {
    await expect(runtime.whenHandled([])).resolves.toBe(0);
  });
});
