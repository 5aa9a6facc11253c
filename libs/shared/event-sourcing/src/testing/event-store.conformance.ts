import { randomBytes, randomUUID } from 'node:crypto';
import { ConcurrencyConflict, InvalidInput, type PlsError } from '@pls/shared-kernel';
import { plainRecordedEvent, type EventToAppend, type RecordedEvent } from '../envelope';
import { EVENT_STORE_ERRORS as CODES } from '../event-store.validation';
import type { EventStore, ExpectedRevision, SubscribeToAllOptions, Subscription } from '../ports/event-store.port';

export interface EventStoreHarness {
  readonly store: EventStore;
  /** Close the store and open it again on the same storage; the harness disposes of the new one. */
  readonly reopen?: () => Promise<EventStore>;
  dispose(): Promise<void>;
}

export interface EventStoreFactory {
  create(): Promise<EventStoreHarness>;
  /**
   * Whether the adapter offers the optional `appendToStreams` (several streams in one commit). The
   * suite checks the declaration against the store, and runs the multi-stream cases where it is true.
   */
  readonly appendsToSeveralStreams: boolean;
  /** Whether the adapter offers the optional `readAllForReplay`; checked like `appendsToSeveralStreams`. */
  readonly readsForReplay: boolean;
}

/**
 * The behaviour every EventStore adapter must show. Each test writes under its own random
 * namespace (stream and event type prefixes) and reads `$all` only after the head it saw first, so
 * the suite also runs against a shared server (KurrentDB) whose `$all` holds other tests' events
 * and whose positions are neither dense nor small.
 */
export function describeEventStoreConformance(adapterName: string, factory: EventStoreFactory): void {
  describe(`EventStore conformance: ${adapterName}`, () => {
    let harness: EventStoreHarness;
    let store: EventStore;
    let ns: string;
    let subscriptions: Subscription[];

    beforeEach(async () => {
      harness = await factory.create();
      store = harness.store;
      ns = `c${randomBytes(5).toString('hex')}`;
      subscriptions = [];
    });

    afterEach(async () => {
      await Promise.allSettled(subscriptions.map((subscription) => subscription.stop()));
      await harness.dispose();
    });

    const stream = (name = 'case-1') => `${ns}.${name}`;
    const type = (name = 'NoteAdded') => `${ns}.${name}`;
    const event = (overrides: Partial<EventToAppend> = {}): EventToAppend => anEvent(type(), overrides);
    const events = (count: number, overrides: Partial<EventToAppend> = {}) => Array.from({ length: count }, () => event(overrides));
    const append = (streamId: string, toAppend: readonly EventToAppend[], expectedRevision: ExpectedRevision) =>
      store.appendToStream(streamId, toAppend, { expectedRevision });
    const readOurs = async (after: number) => store.readAll({ after, filter: { streamPrefixes: [`${ns}.`] } });
    const subscribe = (options: Omit<SubscribeToAllOptions, 'onEvents'> & { onEvents?: SubscribeToAllOptions['onEvents'] }) => {
      const batches: RecordedEvent[][] = [];
      const subscription = store.subscribeToAll({
        filter: { streamPrefixes: [`${ns}.`] },
        ...options,
        onEvents: async (delivered) => {
          batches.push([...delivered]);
          await options.onEvents?.(delivered);
        },
      });
      subscriptions.push(subscription);
      return { subscription, batches, delivered: () => batches.flat() };
    };

    describe('appending', () => {
      it('given a new stream, when events are appended with no_stream, then they get revisions from 0 and increasing global positions', async () => {
        const head = await store.headPosition();
        const toAppend = events(3);

        const result = await append(stream(), toAppend, 'no_stream');

        expect(result.idempotentReplay).toBe(false);
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
        expect(result.events.map((e) => e.eventId)).toEqual(toAppend.map((e) => e.eventId));
        expectStrictlyIncreasing([head, ...result.events.map((e) => e.globalPosition)]);
        expect(result.lastPosition).toBe(result.events[2].globalPosition);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.lastPosition);
      });

      it('given an appended event, when the stream is read, then every envelope field comes back as it was appended', async () => {
        const original = event({ schemaVersion: 3, occurredAt: '2024-02-29T23:59:59.123+08:00', data: { amount: 12.5, tags: ['a', 'b'], nested: { none: null, yes: true } } });

        const [recorded] = (await append(stream(), [original], 'no_stream')).events;

        expect(recorded).toEqual({ ...original, streamId: stream(), streamRevision: 0, globalPosition: recorded.globalPosition });
        expect(await store.readStream(stream())).toEqual([recorded]);
      });

      it('given an existing stream, when appending with its last revision, then the new events continue its revisions', async () => {
        await append(stream(), events(2), 'no_stream');

        const result = await append(stream(), events(2), 1);

        expect(result.events.map((e) => e.streamRevision)).toEqual([2, 3]);
        expect(result.nextExpectedRevision).toBe(3);
        expect((await store.readStream(stream())).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
      });

      it('given an existing stream, when appending with no_stream, then a conflict reports the actual revision and nothing is stored', async () => {
        await append(stream(), events(2), 'no_stream');
        const late = events(2);

        const error = await rejectionOf(() => append(stream(), late, 'no_stream'));

        expectConflict(error, CODES.wrongExpectedRevision, { streamId: stream(), expected: 'no_stream', actual: 1 });
        expect(await store.readStream(stream())).toHaveLength(2);
      });

      it('given no stream, when appending with a numeric expected revision, then a conflict reports that the stream does not exist', async () => {
        const error = await rejectionOf(() => append(stream(), events(1), 0));

        expectConflict(error, CODES.wrongExpectedRevision, { streamId: stream(), expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('given a stream, when appending with a stale revision, then the conflict names expected and actual revisions and nothing of the append is stored', async () => {
        await append(stream(), events(3), 'no_stream');
        const stale = events(3);

        const error = await rejectionOf(() => append(stream(), stale, 0));

        expectConflict(error, CODES.wrongExpectedRevision, { streamId: stream(), expected: 0, actual: 2 });
        const stored = (await store.readStream(stream())).map((e) => e.eventId);
        expect(stored).toHaveLength(3);
        expect(stored).not.toContain(stale[0].eventId);
      });

      it('given two writers holding the same expected revision, when both append at once, then exactly one wins and nothing of the loser is stored', async () => {
        await append(stream(), events(1), 'no_stream');
        const first = events(2);
        const second = events(2);

        const outcomes = await Promise.allSettled([append(stream(), first, 0), append(stream(), second, 0)]);

        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expectConflict(lost[0].reason, CODES.wrongExpectedRevision, { streamId: stream(), expected: 0, actual: 2 });
        const winner = outcomes[0].status === 'fulfilled' ? first : second;
        expect((await store.readStream(stream())).slice(1).map((e) => e.eventId)).toEqual(winner.map((e) => e.eventId));
      });

      it('given ten writers racing to create the same stream, when all append with no_stream, then exactly one creates it', async () => {
        const attempts = Array.from({ length: 10 }, () => events(2));

        const outcomes = await Promise.allSettled(attempts.map((attempt) => append(stream(), attempt, 'no_stream')));

        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [attempts[index]] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expectConflict(outcome.reason, CODES.wrongExpectedRevision, { streamId: stream(), expected: 'no_stream', actual: 1 });
        }
        expect((await store.readStream(stream())).map((e) => e.eventId)).toEqual(winners[0].map((e) => e.eventId));
      });

      it('given a writer that lost a race, when it retries with the revision the conflict reported, then its append succeeds', async () => {
        await append(stream(), events(2), 'no_stream');
        const error = await rejectionOf(() => append(stream(), events(1), 0));
        const actual = (error as PlsError).details?.['actual'] as number;

        const retried = await append(stream(), events(1), actual);

        expect(retried.nextExpectedRevision).toBe(2);
      });

      it('given no stream, when appending with stream_exists, then it is a conflict; given the stream, then it appends', async () => {
        const refused = await rejectionOf(() => append(stream(), events(1), 'stream_exists'));
        expectConflict(refused, CODES.wrongExpectedRevision, { streamId: stream(), expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(stream())).toEqual([]);

        await append(stream(), events(1), 'no_stream');
        const result = await append(stream(), events(1), 'stream_exists');

        expect(result.nextExpectedRevision).toBe(1);
      });

      it('given any, when appending whether or not the stream exists, then the events go to the end of the stream', async () => {
        const created = await append(stream(), events(1), 'any');
        const continued = await append(stream(), events(2), 'any');

        expect(created.nextExpectedRevision).toBe(0);
        expect(continued.events.map((e) => e.streamRevision)).toEqual([1, 2]);
      });

      it('given thirty writers each appending five times to its own stream at once, then every stream has contiguous revisions and $all holds each event once in append order per stream', async () => {
        const head = await store.headPosition();
        const writers = Array.from({ length: 30 }, (_, w) => stream(`case-${w}`));

        await Promise.all(
          writers.map(async (streamId) => {
            let expected: ExpectedRevision = 'no_stream';
            for (let i = 0; i < 5; i++) expected = (await append(streamId, [event({ data: { streamId, i } })], expected)).nextExpectedRevision;
          }),
        );

        const all = await readOurs(head);
        expect(all).toHaveLength(150);
        expect(new Set(all.map((e) => e.eventId)).size).toBe(150);
        expectStrictlyIncreasing(all.map((e) => e.globalPosition));
        for (const streamId of writers) {
          const inAll = all.filter((e) => e.streamId === streamId);
          expect(inAll.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
          expect(inAll.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
          expect(await store.readStream(streamId)).toEqual(inAll);
        }
      });
    });

    describe('idempotent re-append', () => {
      it('given an acknowledged append, when the same events are appended again at the same expected revision, then it is a replay with the same revisions and positions and nothing new', async () => {
        await append(stream(), events(1), 'no_stream');
        const toAppend = events(2);
        const first = await append(stream(), toAppend, 0);
        const head = await store.headPosition();

        const replay = await append(stream(), toAppend, 0);

        expect(replay).toEqual({ ...first, idempotentReplay: true });
        expect(await store.readStream(stream())).toHaveLength(3);
        expect(await store.headPosition()).toBe(head);
      });

      it('given a stream created by an append whose acknowledgement was lost, when the creator retries with no_stream after others wrote, then it is a replay of the original', async () => {
        const creation = events(2);
        const first = await append(stream(), creation, 'no_stream');
        await append(stream(), events(1), 1);

        const replay = await append(stream(), creation, 'no_stream');

        expect(replay).toEqual({ ...first, idempotentReplay: true });
        expect(await store.readStream(stream())).toHaveLength(3);
      });

      it('given an append made with any, when it is repeated with any, then it is a replay', async () => {
        const toAppend = events(2);
        const first = await append(stream(), toAppend, 'any');

        const replay = await append(stream(), toAppend, 'any');

        expect(replay).toEqual({ ...first, idempotentReplay: true });
        expect(await store.readStream(stream())).toHaveLength(2);
      });

      it('given recorded events, when an append repeats only some of their ids, then it is refused as EVENT_ID_CONFLICT and nothing of it is stored', async () => {
        const [a, b] = events(2);
        await append(stream(), [a, b], 'no_stream');
        const c = event();

        const error = await rejectionOf(() => append(stream(), [a, c], 'no_stream'));

        expectConflict(error, CODES.eventIdConflict, { streamId: stream() });
        expect((await store.readStream(stream())).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
      });

      it('given recorded events, when a new event is appended followed by an already recorded one, then it is refused as EVENT_ID_CONFLICT and the new event is not stored', async () => {
        const [a, b] = events(2);
        await append(stream(), [a, b], 'no_stream');
        const c = event();

        const error = await rejectionOf(() => append(stream(), [c, b], 1));

        expectConflict(error, CODES.eventIdConflict, { streamId: stream() });
        expect((await store.readStream(stream())).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
      });
    });

    it(`given the adapter, when asked for appendToStreams, then it ${factory.appendsToSeveralStreams ? 'offers' : 'does not offer'} it, as its harness declares`, () => {
      expect(typeof store.appendToStreams === 'function').toBe(factory.appendsToSeveralStreams);
    });

    // Registered only for adapters that declare the capability: a case run against a store without it could not fail.
    if (factory.appendsToSeveralStreams) describe('appending to several streams at once', () => {
      const many = (appends: Parameters<NonNullable<EventStore['appendToStreams']>>[0]) => {
        if (!store.appendToStreams) throw new Error('the harness declared appendToStreams, the store does not offer it');
        return store.appendToStreams(appends);
      };

      it('given two new streams, when they are appended together, then both are stored with consecutive positions and one result each, in order', async () => {
        const head = await store.headPosition();
        const [a, b] = [events(1), events(2)];

        const results = await many([{ streamId: stream('code-1'), events: a, expectedRevision: 'no_stream' }, { streamId: stream('case-1'), events: b, expectedRevision: 'no_stream' }]);

        expect(results.map((result) => result.events.map((e) => e.streamId))).toEqual([[stream('code-1')], [stream('case-1'), stream('case-1')]]);
        expect(results[1].nextExpectedRevision).toBe(1);
        expect((await readOurs(head)).map((e) => e.eventId)).toEqual([...a, ...b].map((e) => e.eventId));
      });

      it('given one of the streams already exists, when both are appended together with no_stream, then WRONG_EXPECTED_REVISION names it and neither stream gets anything', async () => {
        await append(stream('code-1'), events(1), 'no_stream');
        const head = await store.headPosition();

        const error = await rejectionOf(() => many([{ streamId: stream('code-1'), events: events(1), expectedRevision: 'no_stream' }, { streamId: stream('case-1'), events: events(1), expectedRevision: 'no_stream' }]));

        expectConflict(error, CODES.wrongExpectedRevision, { streamId: stream('code-1') });
        expect(await readOurs(head)).toEqual([]);
        expect(await store.readStream(stream('case-1'))).toEqual([]);
      });

      it('given two writers race for the same stream in two multi-stream appends, when both are sent at once, then exactly one lands whole and the other leaves nothing', async () => {
        const outcomes = await Promise.allSettled(['case-a', 'case-b'].map((other) => many([{ streamId: stream('code-1'), events: events(1), expectedRevision: 'no_stream' }, { streamId: stream(other), events: events(1), expectedRevision: 'no_stream' }])));

        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect((await store.readStream(stream('case-a'))).length + (await store.readStream(stream('case-b'))).length).toBe(1);
        expect(await store.readStream(stream('code-1'))).toHaveLength(1);
      });

      it('given an acknowledged multi-stream append, when it is sent again, then every part answers as an idempotent replay and nothing is added', async () => {
        const parts = [{ streamId: stream('code-1'), events: events(1), expectedRevision: 'no_stream' as const }, { streamId: stream('case-1'), events: events(2), expectedRevision: 'no_stream' as const }];
        const first = await many(parts);
        const head = await store.headPosition();

        const again = await many(parts);

        expect(again).toEqual(first.map((result) => ({ ...result, idempotentReplay: true })));
        expect(await store.headPosition()).toBe(head);
      });

      it('given one stream named twice, when appended together, then it is refused as DUPLICATE_STREAM_IN_APPEND and nothing is stored', async () => {
        const head = await store.headPosition();

        const error = await rejectionOf(() => many([{ streamId: stream(), events: events(1), expectedRevision: 'any' }, { streamId: stream(), events: events(1), expectedRevision: 'any' }]));

        expect(error).toBeInstanceOf(InvalidInput);
        expect((error as PlsError).code).toBe(CODES.duplicateStreamInAppend);
        expect(await readOurs(head)).toEqual([]);
      });
    });

    describe('reading a stream', () => {
      it('given a stream of ten events, when read from revision 3 with maxCount 4, then revisions 3 to 6 come back in order', async () => {
        await append(stream(), events(10), 'no_stream');

        const slice = await store.readStream(stream(), { fromRevision: 3, maxCount: 4 });

        expect(slice.map((e) => e.streamRevision)).toEqual([3, 4, 5, 6]);
      });

      it('given a stream of three events, when read from beyond its end, then nothing comes back', async () => {
        await append(stream(), events(3), 'no_stream');

        expect(await store.readStream(stream(), { fromRevision: 3 })).toEqual([]);
      });

      it('given no such stream, when it is read, then it is empty', async () => {
        expect(await store.readStream(stream('case-never'))).toEqual([]);
      });

      it('given two streams, when one is read, then only its events come back', async () => {
        await append(stream('case-1'), events(2), 'no_stream');
        await append(stream('case-2'), events(3), 'no_stream');
        await append(stream('case-1'), events(1), 1);

        const read = await store.readStream(stream('case-1'));

        expect(read.map((e) => [e.streamId, e.streamRevision])).toEqual([
          [stream('case-1'), 0],
          [stream('case-1'), 1],
          [stream('case-1'), 2],
        ]);
      });
    });

    describe('reading $all', () => {
      let head: number;
      let recorded: RecordedEvent[];

      beforeEach(async () => {
        head = await store.headPosition();
        recorded = [];
        const script: Array<[string, string]> = [
          ['case-1', 'CaseOpened'],
          ['party-1', 'PartyAdded'],
          ['case-2', 'CaseOpened'],
          ['case-1', 'CaseClosed'],
          ['party-1', 'PartyRemoved'],
          ['case-2', 'NoteAdded'],
        ];
        for (const [name, eventType] of script) {
          const result = await append(stream(name), [event({ type: type(eventType) })], 'any');
          recorded.push(...result.events);
        }
      });

      it('given appends to several streams, when $all is read after the earlier head, then they come back in global order exactly as recorded', async () => {
        const all = await readOurs(head);

        expect(all).toEqual(recorded);
        expectStrictlyIncreasing(all.map((e) => e.globalPosition));
      });

      it(`given the adapter, when asked for readAllForReplay, then it ${factory.readsForReplay ? 'offers' : 'does not offer'} it, as its harness declares`, () => {
        expect(typeof store.readAllForReplay === 'function').toBe(factory.readsForReplay);
      });

      // Registered only where declared, as for appendToStreams: against a store without it they could not fail.
      if (factory.readsForReplay) describe('for replay', () => {
        const replay = (options: Parameters<NonNullable<EventStore['readAllForReplay']>>[0]) => {
          if (!store.readAllForReplay) throw new Error('the harness declared readAllForReplay, the store does not offer it');
          return store.readAllForReplay(options);
        };
        // Every field read as a projection reads it: by name, the metadata included.
        const fieldByField = plainRecordedEvent;

        it('given appends to several streams, when $all is read for replay, then every field of every event, the metadata included, is what readAll gives', async () => {
          const replayed = await replay({ after: head, filter: { streamPrefixes: [`${ns}.`] } });

          expect(replayed.map(fieldByField)).toEqual(recorded.map(fieldByField));
        });

        it('given a checkpoint, a filter and maxCount, when $all is read for replay, then the page is the one readAll gives', async () => {
          const options = { after: recorded[0].globalPosition, maxCount: 2, filter: { streamPrefixes: [`${ns}.case-`] } };

          const replayed = await replay(options);

          expect(replayed.map(fieldByField)).toEqual((await store.readAll(options)).map(fieldByField));
          expect(replayed.map((e) => e.streamId)).toEqual([stream('case-2'), stream('case-1')]);
        });

        it('given a replayed event, when it is serialised as JSON, then the text holds the whole event, the metadata included', async () => {
          const [first] = await replay({ after: head, maxCount: 1, filter: { streamPrefixes: [`${ns}.`] } });

          expect(JSON.parse(JSON.stringify(first))).toEqual(JSON.parse(JSON.stringify(recorded[0])));
        });

        it('given a bad checkpoint, when $all is read for replay, then it is refused as readAll refuses it', async () => {
          const error = await rejectionOf(() => replay({ after: -1 }));
          const expected = await rejectionOf(() => store.readAll({ after: -1 }));

          expect((error as PlsError).code).toBe((expected as PlsError).code);
        });
      });

      it('given a checkpoint, when $all is read after it, then the event at the checkpoint is excluded', async () => {
        const all = await readOurs(recorded[2].globalPosition);

        expect(all).toEqual(recorded.slice(3));
      });

      it('given maxCount, when $all is read, then only that many of the next events come back', async () => {
        const page = await store.readAll({ after: head, maxCount: 2, filter: { streamPrefixes: [`${ns}.`] } });

        expect(page).toEqual(recorded.slice(0, 2));
      });

      it('given a stream prefix filter, when $all is read, then only streams starting with a prefix come back', async () => {
        const cases = await store.readAll({ after: head, filter: { streamPrefixes: [`${ns}.case-`] } });
        const twoPrefixes = await store.readAll({ after: head, filter: { streamPrefixes: [`${ns}.case-2`, `${ns}.party-`] } });

        expect(cases).toEqual(recorded.filter((e) => e.streamId.startsWith(`${ns}.case-`)));
        expect(twoPrefixes).toEqual(recorded.filter((e) => e.streamId === stream('case-2') || e.streamId === stream('party-1')));
      });

      it('given an event type prefix filter, when $all is read, then only types starting with a prefix come back', async () => {
        const caseEvents = await store.readAll({ after: head, filter: { eventTypePrefixes: [`${ns}.Case`] } });

        expect(caseEvents.map((e) => e.type)).toEqual([type('CaseOpened'), type('CaseOpened'), type('CaseClosed')]);
      });

      it('given both stream and type prefixes, when $all is read, then an event must match both', async () => {
        const both = await store.readAll({ after: head, filter: { streamPrefixes: [`${ns}.case-1`], eventTypePrefixes: [`${ns}.Case`] } });

        expect(both.map((e) => [e.streamId, e.type])).toEqual([
          [stream('case-1'), type('CaseOpened')],
          [stream('case-1'), type('CaseClosed')],
        ]);
      });

      it('given a filter and maxCount, when $all is read, then maxCount counts matching events only', async () => {
        const page = await store.readAll({ after: head, maxCount: 2, filter: { eventTypePrefixes: [`${ns}.Party`] } });

        expect(page.map((e) => e.type)).toEqual([type('PartyAdded'), type('PartyRemoved')]);
      });

      it('given an empty filter, when $all is read, then every event after the checkpoint comes back', async () => {
        const all = await store.readAll({ after: head, filter: {} });

        expect(all.filter((e) => e.streamId.startsWith(`${ns}.`))).toEqual(recorded);
      });

      it('given the appends, when the head position is asked, then it is at least the last recorded position', async () => {
        expect(await store.headPosition()).toBeGreaterThanOrEqual(recorded[recorded.length - 1].globalPosition);
        expect(head).toBeLessThan(recorded[0].globalPosition);
      });
    });

    describe('subscribing to $all', () => {
      it('given existing events, when subscribing and more are appended during catch-up and after it, then every event arrives once, in order, with no gap', async () => {
        const head = await store.headPosition();
        const before = (await append(stream('case-1'), events(5), 'no_stream')).events;
        const duringCatchUp: RecordedEvent[] = [];
        let appendedDuringCatchUp = false;

        const { subscription, delivered } = subscribe({
          after: head,
          maxCount: 2,
          onEvents: async () => {
            if (appendedDuringCatchUp) return;
            appendedDuringCatchUp = true;
            duringCatchUp.push(...(await append(stream('case-2'), events(3), 'no_stream')).events);
          },
        });
        await subscription.whenCaughtUp();
        const live = (await append(stream('case-1'), events(4), 4)).events;
        const caughtUpAt = await subscription.whenCaughtUp();

        const expected = [...before, ...duringCatchUp, ...live].sort((x, y) => x.globalPosition - y.globalPosition);
        expect(delivered()).toEqual(expected);
        expect(subscription.position).toBe(expected[expected.length - 1].globalPosition);
        expect(caughtUpAt).toBe(subscription.position);
      });

      it('given maxCount, when the subscription delivers, then batches are non-empty, at most that size, and in global order', async () => {
        const head = await store.headPosition();
        await append(stream(), events(7), 'no_stream');

        const { subscription, batches } = subscribe({ after: head, maxCount: 3 });
        await subscription.whenCaughtUp();

        expect(batches.length).toBeGreaterThanOrEqual(3);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(3);
        }
        expectStrictlyIncreasing([head, ...batches.flat().map((e) => e.globalPosition)]);
        expect(batches.flat().map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      });

      it('given a slow handler, when whenCaughtUp resolves, then every event appended before the call has been handled', async () => {
        const head = await store.headPosition();
        await append(stream(), events(6), 'no_stream');
        const handled: string[] = [];

        const { subscription } = subscribe({
          after: head,
          maxCount: 1,
          onEvents: async (delivered) => {
            await new Promise<void>((resolve) => setImmediate(resolve));
            handled.push(...delivered.map((e) => e.eventId));
          },
        });
        await append(stream(), events(2), 5);
        await subscription.whenCaughtUp();

        expect(handled).toHaveLength(8);
      });

      it('given a checkpoint, when subscribing after it, then only later events are delivered', async () => {
        const recorded = (await append(stream(), events(5), 'no_stream')).events;

        const { subscription, delivered } = subscribe({ after: recorded[1].globalPosition });
        await subscription.whenCaughtUp();

        expect(delivered()).toEqual(recorded.slice(2));
      });

      it('given a filter, when events of other streams and types are appended, then only matching events are delivered', async () => {
        const head = await store.headPosition();
        const { subscription, delivered } = subscribe({ after: head, filter: { streamPrefixes: [`${ns}.case-`], eventTypePrefixes: [`${ns}.Case`] } });

        const wanted = (await append(stream('case-1'), [event({ type: type('CaseOpened') })], 'no_stream')).events;
        await append(stream('case-1'), [event({ type: type('NoteAdded') })], 0);
        await append(stream('party-1'), [event({ type: type('CaseOpened') })], 'no_stream');
        await subscription.whenCaughtUp();

        expect(delivered()).toEqual(wanted);
      });

      it('given a subscription, when it has caught up, then onCaughtUp is told a position at least as far as the last event', async () => {
        const head = await store.headPosition();
        const recorded = (await append(stream(), events(3), 'no_stream')).events;
        let caughtUp!: (position: number) => void;
        const reported = new Promise<number>((resolve) => (caughtUp = resolve));

        subscribe({ after: head, onCaughtUp: (position) => caughtUp(position) });

        expect(await reported).toBeGreaterThanOrEqual(recorded[2].globalPosition);
      });

      it('given a subscription telling it caught up, when whenCaughtUp is asked from that callback, then it resolves', async () => {
        const head = await store.headPosition();
        const recorded = (await append(stream(), events(2), 'no_stream')).events;
        let askedInCallback!: (answer: Promise<number>) => void;
        const asked = new Promise<Promise<number>>((resolve) => (askedInCallback = resolve));
        const { subscription } = subscribe({ after: head, onCaughtUp: () => askedInCallback(subscription.whenCaughtUp()) });

        expect(await (await asked)).toBeGreaterThanOrEqual(recorded[1].globalPosition);
      });

      it('given a stopped subscription, when more events are appended, then it delivers nothing more and whenCaughtUp rejects', async () => {
        const head = await store.headPosition();
        await append(stream(), events(2), 'no_stream');
        const first = subscribe({ after: head });
        await first.subscription.whenCaughtUp();

        await first.subscription.stop();
        await append(stream(), events(2), 1);
        const witness = subscribe({ after: head });
        await witness.subscription.whenCaughtUp();

        expect(witness.delivered()).toHaveLength(4);
        expect(first.delivered()).toHaveLength(2);
        await expect(first.subscription.whenCaughtUp()).rejects.toMatchObject({ code: CODES.subscriptionStopped });
      });

      it('given a handler in the middle of a batch, when the subscription is stopped, then stop waits for it and no further batch is delivered', async () => {
        const head = await store.headPosition();
        await append(stream(), events(3), 'no_stream');
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let entered!: () => void;
        const inHandler = new Promise<void>((resolve) => (entered = resolve));
        let handlerFinished = false;

        const { subscription, batches } = subscribe({
          after: head,
          maxCount: 1,
          onEvents: async () => {
            entered();
            await released;
            handlerFinished = true;
          },
        });
        await inHandler;
        const stopping = subscription.stop();
        release();
        await stopping;

        expect(handlerFinished).toBe(true);
        expect(batches).toHaveLength(1);
      });

      it('given a handler that throws, when it fails on a batch, then onError gets the error, the subscription stops and whenCaughtUp rejects with it', async () => {
        const head = await store.headPosition();
        const recorded = (await append(stream(), events(4), 'no_stream')).events;
        const failure = new Error('projection failed');
        let reportError!: (error: unknown) => void;
        const reported = new Promise<unknown>((resolve) => (reportError = resolve));
        let calls = 0;

        const { subscription, batches } = subscribe({
          after: head,
          maxCount: 1,
          onEvents: () => {
            calls++;
            if (calls === 2) throw failure;
          },
          onError: (error) => reportError(error),
        });

        expect(await reported).toBe(failure);
        await append(stream(), events(1), 3);
        const witness = subscribe({ after: head });
        await witness.subscription.whenCaughtUp();
        expect(batches).toHaveLength(2);
        expect(subscription.position).toBe(recorded[0].globalPosition);
        await expect(subscription.whenCaughtUp()).rejects.toBe(failure);
      });
    });

    describe('payloads', () => {
      it('given a large payload of Chinese text and many records, when appended, then it round-trips exactly through every read path', async () => {
        const head = await store.headPosition();
        // About 0.7 MB of UTF-8: large, yet under KurrentDB's default 1 MiB append limit.
        const data = {
          statement: '申请人因劳动争议申请法律援助。'.repeat(12_000),
          parties: Array.from({ length: 2_000 }, (_, i) => ({ i, name: `当事人${i}`, share: i / 7, flags: [true, false, null] })),
        };
        const original = event({ data });

        await append(stream(), [original], 'no_stream');
        const { subscription, delivered } = subscribe({ after: head });
        await subscription.whenCaughtUp();

        const [fromStream] = await store.readStream(stream());
        const [fromAll] = await readOurs(head);
        for (const recorded of [fromStream, fromAll, delivered()[0]]) {
          expect(recorded.data).toEqual(data);
          expect(JSON.stringify(recorded.data)).toBe(JSON.stringify(data));
        }
      });

      it('given Chinese, astral and control characters in data and metadata, when appended and read, then every code point survives', async () => {
        const data = {
          调解协议: '双方自愿达成如下协议：一、被申请人于２０２４年６月１日前支付人民币伍仟元整。',
          rare: '𠮷野家 𪚥 😀👨‍👩‍👧 e\u0301',
          control: 'line\nbreak\ttab\u0000nul "quotes" \\ backslash',
          '键 with spaces': ['北京市', '朝阳区', '人民调解委员会'],
        };
        const original = event({
          data,
          metadata: { ...anEvent(type()).metadata, actor: { userId: '张三', orgId: '北京市朝阳区司法局', roles: ['调解员'] }, regionCode: '110105', caseCode: '（2024）京0105民调字第123号' },
        });

        await append(stream(), [original], 'no_stream');
        const [recorded] = await store.readStream(stream());

        expect(recorded.data).toEqual(data);
        expect(recorded.metadata).toEqual(original.metadata);
      });
    });

    describe('durability', () => {
      it('given acknowledged appends, when the store is closed and reopened, then every event reads back identically and appends continue the revisions', async () => {
        if (!harness.reopen) {
          console.warn(`${adapterName}: the factory gives no reopen, so durability across reopen is not checked here`);
          return;
        }
        const head = await store.headPosition();
        await append(stream('case-1'), events(3), 'no_stream');
        await append(stream('case-2'), [event({ data: { 地址: '上海市浦东新区' } })], 'no_stream');
        const streamBefore = await store.readStream(stream('case-1'));
        const allBefore = await readOurs(head);

        store = await harness.reopen();

        expect(await store.readStream(stream('case-1'))).toEqual(streamBefore);
        expect(await readOurs(head)).toEqual(allBefore);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(allBefore[allBefore.length - 1].globalPosition);
        const continued = await append(stream('case-1'), events(1), 2);
        expect(continued.nextExpectedRevision).toBe(3);
        expect(continued.lastPosition).toBeGreaterThan(allBefore[allBefore.length - 1].globalPosition);
      });
    });

    describe('bad input', () => {
      const valid = () => anEvent(type());
      const appendCases: Array<[string, string, () => [string, EventToAppend[], ExpectedRevision]]> = [
        ['an empty event list', CODES.emptyAppend, () => [stream(), [], 'any']],
        ['a stream id without a context', CODES.malformedStreamName, () => [`case-1`, [valid()], 'any']],
        ['a stream id without an entity id', CODES.malformedStreamName, () => [`${ns}.case`, [valid()], 'any']],
        ['a stream id with spaces', CODES.malformedStreamName, () => [`${ns}.case-has space`, [valid()], 'any']],
        ['an empty stream id', CODES.malformedStreamName, () => ['', [valid()], 'any']],
        ['a negative expected revision', CODES.malformedExpectedRevision, () => [stream(), [valid()], -1]],
        ['a fractional expected revision', CODES.malformedExpectedRevision, () => [stream(), [valid()], 1.5]],
        ['an expected revision that is not a number', CODES.malformedExpectedRevision, () => [stream(), [valid()], Number.NaN]],
        ['an unknown expected revision keyword', CODES.malformedExpectedRevision, () => [stream(), [valid()], 'latest' as ExpectedRevision]],
        ['one event id twice in the append', CODES.duplicateEventId, () => { const e = valid(); return [stream(), [e, { ...e, type: type('Other') }], 'any']; }],
        ['an event id that is not a UUID', CODES.malformedEventId, () => [stream(), [{ ...valid(), eventId: 'event-1' }], 'any']],
        ['an empty event type', CODES.malformedEventType, () => [stream(), [{ ...valid(), type: '' }], 'any']],
        ['a zero schema version', CODES.malformedSchemaVersion, () => [stream(), [{ ...valid(), schemaVersion: 0 }], 'any']],
        ['an occurredAt that is not an instant', CODES.malformedOccurredAt, () => [stream(), [{ ...valid(), occurredAt: '2024-13-45' }], 'any']],
        ['an occurredAt without a zone', CODES.malformedOccurredAt, () => [stream(), [{ ...valid(), occurredAt: '2024-05-01T08:00:00' }], 'any']],
        ['metadata that is not an object', CODES.malformedMetadata, () => [stream(), [{ ...valid(), metadata: null as never }], 'any']],
        ['data that is undefined', CODES.unserializableData, () => [stream(), [{ ...valid(), data: undefined }], 'any']],
        ['data with a BigInt', CODES.unserializableData, () => [stream(), [{ ...valid(), data: { amount: BigInt(1) } }], 'any']],
        ['data with a cycle', CODES.unserializableData, () => { const data: Record<string, unknown> = {}; data['self'] = data; return [stream(), [{ ...valid(), data }], 'any']; }],
        ['a bad event after a good one', CODES.malformedSchemaVersion, () => [stream(), [valid(), { ...valid(), schemaVersion: -1 }], 'any']],
      ];

      it.each(appendCases)('given %s, when appended, then it is refused with %s and nothing is stored', async (_what, code, build) => {
        const head = await store.headPosition();
        const [streamId, toAppend, expectedRevision] = build();

        const error = await rejectionOf(() => append(streamId, toAppend, expectedRevision));

        expectInvalid(error, code);
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(stream())).toEqual([]);
      });

      const readCases: Array<[string, string, (s: EventStore, streamId: string) => Promise<unknown>]> = [
        ['readStream from a negative revision', CODES.malformedRevision, (s, streamId) => s.readStream(streamId, { fromRevision: -1 })],
        ['readStream from a fractional revision', CODES.malformedRevision, (s, streamId) => s.readStream(streamId, { fromRevision: 0.5 })],
        ['readStream with a negative maxCount', CODES.malformedMaxCount, (s, streamId) => s.readStream(streamId, { maxCount: -5 })],
        ['readStream with a zero maxCount', CODES.malformedMaxCount, (s, streamId) => s.readStream(streamId, { maxCount: 0 })],
        ['readStream of a malformed stream id', CODES.malformedStreamName, (s) => s.readStream('no dots here')],
        ['readAll after a negative position', CODES.malformedPosition, (s) => s.readAll({ after: -1 })],
        ['readAll after a fractional position', CODES.malformedPosition, (s) => s.readAll({ after: 2.5 })],
        ['readAll with a negative maxCount', CODES.malformedMaxCount, (s) => s.readAll({ maxCount: -1 })],
        ['readAll with an empty prefix', CODES.malformedFilter, (s) => s.readAll({ filter: { streamPrefixes: [''] } })],
      ];

      it.each(readCases)('given %s, when read, then it is refused with %s', async (_what, code, read) => {
        await append(stream(), events(1), 'no_stream');

        expectInvalid(await rejectionOf(() => read(store, stream())), code);
      });

      it('given a negative position, when subscribing, then it is refused with MALFORMED_POSITION and no handler runs', () => {
        const onEvents = jest.fn();

        let error: unknown;
        try {
          subscriptions.push(store.subscribeToAll({ after: -3, onEvents }));
        } catch (caught) {
          error = caught;
        }

        expectInvalid(error, CODES.malformedPosition);
        expect(onEvents).not.toHaveBeenCalled();
      });
    });
  });
}

function anEvent(type: string, overrides: Partial<EventToAppend> = {}): EventToAppend {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2024-05-01T08:00:00.000Z',
    data: { note: 'n', at: Date.now() },
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'user-1', orgId: 'org-1', roles: ['clerk'] } },
    ...overrides,
  };
}

/** Port methods return promises: a refusal must arrive as a rejection, not a synchronous throw. */
function rejectionOf(call: () => Promise<unknown>): Promise<unknown> {
  let pending: Promise<unknown>;
  try {
    pending = call();
  } catch (thrown) {
    throw new Error(`expected a rejected promise, but the call threw synchronously: ${String(thrown)}`);
  }
  return pending.then(
    (value) => {
      throw new Error(`expected a rejection, but the call resolved with ${JSON.stringify(value)?.slice(0, 300)}`);
    },
    (error: unknown) => error,
  );
}

function expectConflict(error: unknown, code: string, details: Record<string, unknown>): void {
  expect(error).toBeInstanceOf(ConcurrencyConflict);
  expect(error).toMatchObject({ code, details: expect.objectContaining(details) });
}

function expectInvalid(error: unknown, code: string): void {
  expect(error).toBeInstanceOf(InvalidInput);
  expect((error as PlsError).code).toBe(code);
}

function expectStrictlyIncreasing(positions: readonly number[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
}
