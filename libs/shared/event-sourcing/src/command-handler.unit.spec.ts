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
