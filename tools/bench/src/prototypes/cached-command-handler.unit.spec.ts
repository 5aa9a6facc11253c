import { CommandHandler } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { COUNTER_CONTEXT, counterDecider, counterStream, incrementCommand } from '../counter.decider';
import { CachedCommandHandler } from './cached-command-handler';

describe('CachedCommandHandler (prototype)', () => {
  const stream = counterStream(1);
  let store: MemoryEventStore;
  let cached: CachedCommandHandler<Parameters<typeof counterDecider.decide>[0], ReturnType<typeof counterDecider.decide>[number], typeof counterDecider.initialState>;

  beforeEach(() => {
    store = new MemoryEventStore();
    cached = new CachedCommandHandler({ context: COUNTER_CONTEXT, decider: counterDecider, store });
  });

  afterEach(() => store.close());

  it('decides later commands on the cached state, without reading the stream again', async () => {
    await cached.handle(stream, incrementCommand('c1', 1));
    const second = await cached.handle(stream, incrementCommand('c2', 2));

    expect(second.events.map((event) => event.data)).toEqual([{ by: 1, total: 2 }]);
    expect(cached.stats).toEqual({ hits: 1, misses: 1, staleEntries: 0 });
  });

  it('returns the first result when a command is sent again, even after later commands', async () => {
    const first = await cached.handle(stream, incrementCommand('c1', 1));
    await cached.handle(stream, incrementCommand('c2', 2));

    const again = await cached.handle(stream, incrementCommand('c1', 1));

    expect(again.idempotentReplay).toBe(true);
    expect(again.events.map((event) => event.eventId)).toEqual(first.events.map((event) => event.eventId));
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('notices that someone else wrote, by the refused expected revision, and decides on the fresh state', async () => {
    await cached.handle(stream, incrementCommand('c1', 1));
    await new CommandHandler({ context: COUNTER_CONTEXT, decider: counterDecider, store }).handle(stream, incrementCommand('other', 2));

    const result = await cached.handle(stream, incrementCommand('c3', 3));

    expect(result.events.map((event) => event.data)).toEqual([{ by: 1, total: 3 }]);
    expect(cached.stats.staleEntries).toBe(1);
  });
});
