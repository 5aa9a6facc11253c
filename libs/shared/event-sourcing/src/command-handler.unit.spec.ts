import { ConcurrencyConflict, DomainRuleViolation } from '@pls/shared-kernel';
import { CommandHandler } from './command-handler';
import type { Command, Decider, DomainEvent } from './decider';
import { unreachable } from './decider';
import { eventIdFor } from './envelope';
import type { AppendResult, EventStore } from './ports/event-store.port';
import { MemoryEventStore } from './testing/memory-event-store';
import { UpcasterRegistry } from './upcasters';

type ConsultationCommand =
  | Command<'RecordQuestion', { question: string }>
  | Command<'RecordAnswer', { answer: string }>
  | Command<'AddNote', { note: string }>;
type ConsultationEvent = DomainEvent<'QuestionRecorded', { question: string; channel?: string }> | DomainEvent<'AnswerRecorded', { answer: string }> | DomainEvent<'NoteAdded', { note: string }>;
type ConsultationState = { status: 'none' } | { status: 'open'; question: string; channel: string; notes: number } | { status: 'answered'; question: string };

const consultation: Decider<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RecordQuestion':
        if (state.status !== 'none') throw new DomainRuleViolation('CONSULTATION_EXISTS', 'the consultation already has its question');
        return [{ type: 'QuestionRecorded', data: { question: command.data.question, channel: 'hotline' } }];
      case 'RecordAnswer':
        if (state.status !== 'open') throw new DomainRuleViolation('CONSULTATION_NOT_OPEN', 'only an open consultation can be answered');
        return [{ type: 'AnswerRecorded', data: { answer: command.data.answer } }];
      case 'AddNote':
        if (command.data.note === '') return [];
        return [{ type: 'NoteAdded', data: { note: command.data.note } }];
      default:
        return unreachable(command, 'command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'QuestionRecorded':
        return { status: 'open', question: event.data.question, channel: event.data.channel ?? 'unknown', notes: 0 };
      case 'AnswerRecorded':
        return state.status === 'open' ? { status: 'answered', question: state.question } : state;
      case 'NoteAdded':
        return state.status === 'open' ? { ...state, notes: state.notes + 1 } : state;
      default:
        return unreachable(event, 'event');
    }
  },
};

const actor = { userId: 'clerk-1', orgId: 'org-1', roles: ['clerk'] };
let sequence = 0;
function command<C extends ConsultationCommand>(type: C['type'], data: C['data'], commandId = `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`): C {
  return { type, data, metadata: { commandId, now: '2026-03-02T01:00:00.000Z', actor } } as unknown as C;
}

const stream = 'intake.consultation-c1';

describe('CommandHandler', () => {
  it('appends the decided events to a new stream and returns its revision', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    const result = await handler.handle(stream, command('RecordQuestion', { question: '拖欠工资怎么办？' }));
    expect(result).toMatchObject({ streamId: stream, revision: 0, idempotentReplay: false });
    expect(result.events[0]).toMatchObject({ type: 'intake.QuestionRecorded', schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data: { question: '拖欠工资怎么办？' } });
    expect(result.events[0].metadata).toMatchObject({ actor, commandId: result.events[0].metadata.commandId });
  });

  describe('appending other streams alongside', () => {
    const reservation = { streamId: 'intake.casecode-SC1', events: [{ eventId: eventIdFor('00000000-0000-4000-8000-999999999999', 0), type: 'intake.CaseCodeReserved', schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data: {}, metadata: { commandId: 'x', correlationId: 'x', causationId: 'x', actor } }], expectedRevision: 'no_stream' as const };

    it('given a store that cannot append to several streams at once, when a command asks for it, then it is refused as MULTI_STREAM_APPEND_UNSUPPORTED and nothing is appended', async () => {
      const store = new MemoryEventStore();
      const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
      await expect(handler.handle(stream, command('RecordQuestion', { question: 'q' }), { alongside: [reservation] })).rejects.toMatchObject({ code: 'MULTI_STREAM_APPEND_UNSUPPORTED' });
      expect(await store.headPosition()).toBe(0);
    });

    it('given a stream expected to be new, when the command is handled, then it is decided without reading the stream; when it is sent again, then the first result comes back', async () => {
      const store = new MemoryEventStore();
      const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
      const readStream = jest.spyOn(store, 'readStream');
      const question = command('RecordQuestion', { question: 'q' });
      const first = await handler.handle(stream, question, { expectNewStream: true });
      expect(readStream).not.toHaveBeenCalled();
      const again = await new CommandHandler({ context: 'intake', decider: consultation, store }).handle(stream, question, { expectNewStream: true });
      expect(again).toMatchObject({ idempotentReplay: true, events: first.events });
      expect(await store.headPosition()).toBe(1);
    });

    it('given the alongside stream conflicts, when the command is handled, then the conflict is thrown at once, not retried', async () => {
      const taken = new ConcurrencyConflict('WRONG_EXPECTED_REVISION', 'the code is taken', { streamId: reservation.streamId });
      class MultiStreamStore extends MemoryEventStore {
        readonly appendToStreams = jest.fn(async () => Promise.reject(taken));
      }
      const store = new MultiStreamStore();
      const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
      await expect(handler.handle(stream, command('RecordQuestion', { question: 'q' }), { alongside: [reservation] })).rejects.toBe(taken);
      expect(store.appendToStreams).toHaveBeenCalledTimes(1);
    });
  });

  it('derives event ids from the command id so the same command always yields the same ids', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    const question = command('RecordQuestion', { question: 'q' });
    const result = await handler.handle(stream, question);
    expect(result.events[0].eventId).toBe(eventIdFor(question.metadata.commandId, 0));
  });

  it('given a command already handled, when it is sent again, then nothing new is appended and the first result comes back', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    const question = command('RecordQuestion', { question: 'q' });
    const first = await handler.handle(stream, question);
    await handler.handle(stream, command('AddNote', { note: 'called back' }));
    const again = await handler.handle(stream, question);
    expect(again.idempotentReplay).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(await store.headPosition()).toBe(2);
  });

  it('given a refusal, then the error carries its code and nothing is appended', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    await expect(handler.handle(stream, command('RecordAnswer', { answer: 'a' }))).rejects.toMatchObject({ code: 'CONSULTATION_NOT_OPEN' });
    expect(await store.headPosition()).toBe(0);
  });

  it('given a decision with no events, then nothing is appended and the revision is unchanged', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    const result = await handler.handle(stream, command('AddNote', { note: '' }));
    expect(result).toMatchObject({ revision: 0, events: [], idempotentReplay: false });
    expect(await store.headPosition()).toBe(1);
  });

  it('given another writer got in first, when the append conflicts, then it re-reads, decides again and succeeds', async () => {
    const inner = new MemoryEventStore();
    let interfered = false;
    const racing: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>): Promise<AppendResult> => {
        if (!interfered) {
          interfered = true;
          await new CommandHandler({ context: 'intake', decider: consultation, store: inner }).handle(stream, command('AddNote', { note: 'the other clerk' }));
        }
        return inner.appendToStream(...args);
      },
    });
    await new CommandHandler({ context: 'intake', decider: consultation, store: inner }).handle(stream, command('RecordQuestion', { question: 'q' }));
    const result = await new CommandHandler({ context: 'intake', decider: consultation, store: racing }).handle(stream, command('AddNote', { note: 'mine' }));
    expect(result.revision).toBe(2);
    expect((await inner.readStream(stream)).map((event) => event.data)).toEqual([{ question: 'q', channel: 'hotline' }, { note: 'the other clerk' }, { note: 'mine' }]);
  });

  it('given conflicts on every attempt, then it gives up after the bounded retries with WRONG_EXPECTED_REVISION', async () => {
    const inner = new MemoryEventStore();
    await new CommandHandler({ context: 'intake', decider: consultation, store: inner }).handle(stream, command('RecordQuestion', { question: 'q' }));
    let attempts = 0;
    const alwaysLate: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>): Promise<AppendResult> => {
        attempts++;
        await new CommandHandler({ context: 'intake', decider: consultation, store: inner }).handle(stream, command('AddNote', { note: `other ${attempts}` }));
        return inner.appendToStream(...args);
      },
    });
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: alwaysLate, maxRetries: 2 });
    const refusal = handler.handle(stream, command('AddNote', { note: 'mine' }));
    await expect(refusal).rejects.toBeInstanceOf(ConcurrencyConflict);
    await expect(refusal).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
    expect(attempts).toBe(3);
  });

  it('upcasts events stored under an old schema before folding them', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream(stream, [{ eventId: eventIdFor('legacy', 0), type: 'intake.QuestionRecorded', schemaVersion: 1, occurredAt: '2025-01-01T00:00:00.000Z', data: { text: 'old shape' }, metadata: { commandId: 'legacy', correlationId: 'legacy', causationId: 'legacy', actor } }], { expectedRevision: 'no_stream' });
    const upcasters = new UpcasterRegistry().register('intake.QuestionRecorded', 1, (data) => ({ question: (data as { text: string }).text, channel: 'walk-in' }));
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store, upcasters });
    const { state } = await handler.load(stream);
    expect(state).toEqual({ status: 'open', question: 'old shape', channel: 'walk-in', notes: 0 });
  });

  it('refuses a command without a command id, and a negative retry count', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });
    await expect(handler.handle(stream, command('RecordQuestion', { question: 'q' }, ''))).rejects.toMatchObject({ code: 'MISSING_COMMAND_ID' });
    expect(() => new CommandHandler({ context: 'intake', decider: consultation, store, maxRetries: -1 })).toThrow(expect.objectContaining({ code: 'BAD_RETRY_COUNT' }));
    expect(await store.headPosition()).toBe(0);
  });
});

describe('CommandHandler cached state', () => {
  /** The store as one handler sees it, counting its reads and appends. */
  function counted(inner: MemoryEventStore) {
    const counts = { reads: 0, appends: 0 };
    const store: EventStore = Object.assign(Object.create(inner) as EventStore, {
      readStream: async (...args: Parameters<EventStore['readStream']>) => {
        counts.reads++;
        return inner.readStream(...args);
      },
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        counts.appends++;
        return inner.appendToStream(...args);
      },
    });
    return { store, counts };
  }

  /** Another writer on the same store, with its own cache: another process, as far as `handler` can tell. */
  const outsider = (inner: MemoryEventStore) => new CommandHandler({ context: 'intake', decider: consultation, store: inner });
  const notes = async (inner: MemoryEventStore, streamId = stream) => (await inner.readStream(streamId)).map((event) => event.data);

  it('given a stream handled before, when the next command comes, then it is decided on the cached state without reading the stream', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store });

    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    const result = await handler.handle(stream, command('AddNote', { note: 'called back' }));

    expect(result).toMatchObject({ revision: 1, idempotentReplay: false });
    expect(counts).toEqual({ reads: 1, appends: 2 });
    expect(await notes(inner)).toEqual([{ question: 'q', channel: 'hotline' }, { note: 'called back' }]);
  });

  it('given another writer appended since, when the cached revision is refused, then it drops the entry, re-reads and succeeds after the other write', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store, maxRetries: 0 });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    await outsider(inner).handle(stream, command('AddNote', { note: 'the other clerk' }));

    const result = await handler.handle(stream, command('AddNote', { note: 'mine' }));

    // maxRetries 0: the stale entry cost a refused append, not one of the retries.
    expect(result.revision).toBe(2);
    expect(counts).toEqual({ reads: 2, appends: 3 });
    expect(await notes(inner)).toEqual([{ question: 'q', channel: 'hotline' }, { note: 'the other clerk' }, { note: 'mine' }]);
    // The fresh read is cached in turn.
    await handler.handle(stream, command('AddNote', { note: 'again' }));
    expect(counts.reads).toBe(2);
  });

  it('given another writer changed the state, when the cached state would allow the command, then the conflict brings in the other write and the command is refused on it', async () => {
    const inner = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: inner });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    await outsider(inner).handle(stream, command('RecordAnswer', { answer: 'theirs' }));

    await expect(handler.handle(stream, command('RecordAnswer', { answer: 'mine' }))).rejects.toMatchObject({ code: 'CONSULTATION_NOT_OPEN' });
    expect(await inner.headPosition()).toBe(2);
  });

  it('given another writer changed the state, when the cached state refuses the command, then the refusal is checked against a fresh read', async () => {
    const inner = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: inner });
    // Refused on the empty stream, which leaves that empty state cached.
    await expect(handler.handle(stream, command('RecordAnswer', { answer: 'too early' }))).rejects.toMatchObject({ code: 'CONSULTATION_NOT_OPEN' });
    await outsider(inner).handle(stream, command('RecordQuestion', { question: 'q' }));

    const result = await handler.handle(stream, command('RecordAnswer', { answer: 'a' }));

    expect(result).toMatchObject({ revision: 1, idempotentReplay: false });
  });

  it('given another writer appended since, when the cached state decides nothing, then the revision returned is the stream’s current one', async () => {
    const inner = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: inner });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    await outsider(inner).handle(stream, command('AddNote', { note: 'the other clerk' }));

    const result = await handler.handle(stream, command('AddNote', { note: '' }));

    expect(result).toMatchObject({ revision: 1, events: [], idempotentReplay: false });
  });

  it('given a command id in the cache, when it is sent again, then the first result comes back without deciding again', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    const decider = { ...consultation, decide: jest.fn(consultation.decide) };
    const handler = new CommandHandler({ context: 'intake', decider, store });
    const question = command('RecordQuestion', { question: 'q' });
    const first = await handler.handle(stream, question);
    await handler.handle(stream, command('AddNote', { note: 'called back' }));
    decider.decide.mockClear();

    const again = await handler.handle(stream, question);

    expect(again).toEqual({ ...first, idempotentReplay: true });
    expect(decider.decide).not.toHaveBeenCalled();
    expect(counts.appends).toBe(2);
    expect(await inner.headPosition()).toBe(2);
  });

  it('given a command another writer handled, when it is sent here on a cached state that does not know it, then the first result comes back', async () => {
    const inner = new MemoryEventStore();
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: inner });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    const note = command('AddNote', { note: 'sent twice' });
    const first = await outsider(inner).handle(stream, note);

    const again = await handler.handle(stream, note);

    expect(again).toMatchObject({ revision: 1, idempotentReplay: true, events: first.events });
    expect(await inner.headPosition()).toBe(2);
    expect((await handler.handle(stream, command('AddNote', { note: 'next' }))).revision).toBe(2);
  });

  it('keeps at most cachedStreams streams, the least recently used leaving first', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store, cachedStreams: 2 });
    const [s1, s2, s3] = ['intake.consultation-c1', 'intake.consultation-c2', 'intake.consultation-c3'];
    const note = (streamId: string) => handler.handle(streamId, command('AddNote', { note: 'n' }));

    for (const streamId of [s1, s2, s3]) await handler.handle(streamId, command('RecordQuestion', { question: streamId }));
    expect(handler.cachedStreamCount).toBe(2);
    expect(counts.reads).toBe(3);

    await note(s2); // cached; now the most recently used
    expect(counts.reads).toBe(3);
    await note(s1); // evicted by s3: read again, and s3 (least recently used) leaves
    expect(counts.reads).toBe(4);
    await note(s2);
    expect(counts.reads).toBe(4);
    await note(s3);
    expect(counts.reads).toBe(5);
    expect(handler.cachedStreamCount).toBe(2);
  });

  it('given cachedStreams 0, then every command reads its stream, and a negative size is refused', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store, cachedStreams: 0 });

    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    await handler.handle(stream, command('AddNote', { note: 'n' }));

    expect(counts.reads).toBe(2);
    expect(handler.cachedStreamCount).toBe(0);
    expect(() => new CommandHandler({ context: 'intake', decider: consultation, store, cachedStreams: -1 })).toThrow(expect.objectContaining({ code: 'BAD_CACHE_SIZE' }));
  });

  it('folds the cached state from the appended events as recorded and upcast, as a read would', async () => {
    const store = new MemoryEventStore();
    const upcasters = new UpcasterRegistry().register('intake.QuestionRecorded', 1, (data) => ({ ...(data as object), channel: 'upcast' }));
    const decider = { ...consultation, evolve: jest.fn(consultation.evolve) };
    const handler = new CommandHandler({ context: 'intake', decider, store, upcasters });

    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));

    expect(decider.evolve).toHaveBeenCalledTimes(1);
    expect(decider.evolve).toHaveBeenCalledWith({ status: 'none' }, { type: 'QuestionRecorded', data: { question: 'q', channel: 'upcast' } });
    expect(decider.evolve.mock.results[0].value).toEqual((await handler.load(stream)).state);
  });

  it('given an append that fails for another reason, then the entry is dropped and the next command reads the stream', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    let failNext = false;
    const flaky: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk I/O error');
        }
        return store.appendToStream(...args);
      },
    });
    const handler = new CommandHandler({ context: 'intake', decider: consultation, store: flaky });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    failNext = true;

    await expect(handler.handle(stream, command('AddNote', { note: 'lost' }))).rejects.toThrow('disk I/O error');
    const result = await handler.handle(stream, command('AddNote', { note: 'kept' }));

    expect(result.revision).toBe(1);
    expect(counts.reads).toBe(2);
  });

  it('given a fold that throws after the append landed, then the command still succeeds and the next one reads the stream', async () => {
    const inner = new MemoryEventStore();
    const { store, counts } = counted(inner);
    let evolveFails = false;
    const decider = {
      ...consultation,
      evolve: (state: ConsultationState, event: ConsultationEvent) => {
        if (evolveFails) {
          evolveFails = false;
          throw new TypeError('evolve bug');
        }
        return consultation.evolve(state, event);
      },
    };
    const handler = new CommandHandler({ context: 'intake', decider, store });
    await handler.handle(stream, command('RecordQuestion', { question: 'q' }));
    evolveFails = true;

    const result = await handler.handle(stream, command('AddNote', { note: 'n' }));
    await handler.handle(stream, command('AddNote', { note: 'm' }));

    expect(result.revision).toBe(1);
    expect(counts.reads).toBe(2);
    expect(await inner.headPosition()).toBe(3);
  });
});
