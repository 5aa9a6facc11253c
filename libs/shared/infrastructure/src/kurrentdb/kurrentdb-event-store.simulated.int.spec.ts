import { randomUUID } from 'node:crypto';
import { EVENT_STORE_ERRORS, type EventToAppend } from '@pls/event-sourcing';
import { describeEventStoreConformance } from '@pls/event-sourcing/testing';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter';
import { SimulatedKurrentDb } from './simulated-kurrentdb';

// The adapter's own logic through the whole conformance suite, over a stand-in that keeps the
// client's contract (see SimulatedKurrentDb). The real server: ../containers/kurrentdb.int.spec.ts.
describeEventStoreConformance('kurrentdb adapter over a simulated node', {
  appendsToSeveralStreams: false,
  readsForReplay: false,
  async create() {
    const node = new SimulatedKurrentDb();
    let store = KurrentDbEventStore.over(node.client(), { pageSize: 4 });
    return {
      get store() {
        return store;
      },
      reopen: async () => {
        await store.close();
        store = KurrentDbEventStore.over(node.client(), { pageSize: 4 });
        return store;
      },
      dispose: () => store.close(),
    };
  },
});

describe('KurrentDbEventStore over a simulated node', () => {
  it('given as many writers as append rounds, when all append to one stream with any at once, then every append lands and revisions stay contiguous', async () => {
    const store = KurrentDbEventStore.over(new SimulatedKurrentDb().client(), { maxAppendAttempts: 5 });
    const streamId = 'intake.matter-1';
    const writers = Array.from({ length: 5 }, () => anEvent());

    const results = await Promise.all(writers.map((event) => store.appendToStream(streamId, [event], { expectedRevision: 'any' })));

    expect(results.map((result) => result.nextExpectedRevision).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect((await store.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1, 2, 3, 4]);
    await store.close();
  });

  it('given writers that keep moving the stream, when an any append runs out of rounds, then it is a WRONG_EXPECTED_REVISION conflict and nothing of it is stored', async () => {
    const store = KurrentDbEventStore.over(new SimulatedKurrentDb().client(), { maxAppendAttempts: 1 });
    const streamId = 'intake.matter-1';
    const writers = Array.from({ length: 3 }, () => anEvent());

    const outcomes = await Promise.allSettled(writers.map((event) => store.appendToStream(streamId, [event], { expectedRevision: 'any' })));

    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(lost.length).toBeGreaterThan(0);
    for (const outcome of lost) expect(outcome.reason).toMatchObject({ code: EVENT_STORE_ERRORS.wrongExpectedRevision });
    expect(await store.readStream(streamId)).toHaveLength(outcomes.length - lost.length);
    await store.close();
  });
});

function anEvent(): EventToAppend {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'intake.MatterRegistered',
    schemaVersion: 1,
    occurredAt: '2024-05-01T08:00:00.000Z',
    data: { subject: '劳动争议' },
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'u-1', orgId: 'o-1', roles: ['clerk'] } },
  };
}
