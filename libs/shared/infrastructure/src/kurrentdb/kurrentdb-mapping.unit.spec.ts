import { randomUUID } from 'node:crypto';
import { AccessDeniedError, START, StreamDeletedError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import type { JSONRecordedEvent, Position, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { ConcurrencyConflict, InvalidInput, PlsError } from '@pls/shared-kernel';
import { EVENT_STORE_ERRORS, type EventToAppend, type RecordedEvent } from '@pls/event-sourcing';
import { EventStoreFailure, EventStoreUnavailable, KURRENTDB_ERRORS } from './kurrentdb-errors';
import { decideAppend, decodePosition, encodePosition, fromKurrentEvent, planAllFilter, toKurrentEventData, toKurrentStreamState, translateKurrentError } from './kurrentdb-mapping';

const commandId = '5b0c1a52-3c1f-4d0e-9a3b-7f2f4e1d2c3b';

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'legal-aid.ApplicationGranted',
    schemaVersion: 2,
    occurredAt: '2024-05-01T08:00:00.000+08:00',
    data: { applicationId: 'app-1', 金额: 5000, lines: ['a', null, true] },
    metadata: { commandId, correlationId: commandId, causationId: 'cause-1', actor: { userId: 'u-1', orgId: 'o-1', roles: ['handler'] }, regionCode: '512022', caseCode: '（2024）川2022法援字第1号' },
    ...overrides,
  };
}

/** The event as the client hands it back after the server stored `written` at `position`. */
function asStored(written: ReturnType<typeof toKurrentEventData>, streamId: string, revision: bigint, position: Position): KurrentRecordedEvent {
  const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as never;
  const stored: JSONRecordedEvent = {
    streamId,
    id: written.id,
    isJson: true,
    revision,
    type: written.type,
    created: new Date(),
    data: roundTrip(written.data),
    metadata: roundTrip(written.metadata),
    position,
  };
  return stored;
}

const at = (offset: bigint): Position => ({ commit: offset, prepare: offset });

describe('KurrentDB envelope mapping', () => {
  it('given an event to append, when mapped to KurrentDB, then its id and type are ours and data and metadata are JSON', () => {
    const event = anEvent();

    const written = toKurrentEventData(event);

    expect(written).toMatchObject({ id: event.eventId, type: event.type, contentType: 'application/json', data: event.data });
    expect(written.metadata).toEqual({ schemaVersion: 2, occurredAt: event.occurredAt, metadata: event.metadata, $correlationId: commandId, $causationId: 'cause-1' });
  });

  it('given an event mapped to KurrentDB and read back, when mapped to ours, then every envelope field is as appended', () => {
    const event = anEvent();

    const recorded = fromKurrentEvent(asStored(toKurrentEventData(event), 'legal-aid.application-1', 4n, at(1_234n)));

    expect(recorded).toEqual({ ...event, streamId: 'legal-aid.application-1', streamRevision: 4, globalPosition: 1_235 });
  });

  it('given data that is a bare string, number or null, when it round-trips, then it comes back the same', () => {
    for (const data of ['只是一句话', 42, null, [1, '二']]) {
      const event = anEvent({ data });

      expect(fromKurrentEvent(asStored(toKurrentEventData(event), 's.x-1', 0n, at(10n))).data).toEqual(data);
    }
  });

  it('given a caller that mutates its data after the append was called, when the event is written, then what is written is what was passed', () => {
    const data = { status: 'granted' };
    const written = toKurrentEventData(anEvent({ data }));

    data.status = 'denied';

    expect(written.data).toEqual({ status: 'granted' });
  });

  it('given data that JSON cannot carry, when mapped, then it is refused as UNSERIALIZABLE_EVENT_DATA', () => {
    expect(() => toKurrentEventData(anEvent({ data: { amount: 1n } }))).toThrow(expect.objectContaining({ code: EVENT_STORE_ERRORS.unserializableData }));
  });

  it('given an event another tool wrote without our envelope, when read, then it is refused as a foreign event, not guessed at', () => {
    const foreign = { ...asStored(toKurrentEventData(anEvent()), 's.x-1', 0n, at(5n)), metadata: { $correlationId: 'x' } } as KurrentRecordedEvent;

    const error = catching(() => fromKurrentEvent(foreign));

    expect(error).toBeInstanceOf(EventStoreFailure);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.foreignEvent });
  });

  it('given an event read without a log position (a server older than 22.6), when mapped, then it is refused with the reason', () => {
    const stored = { ...asStored(toKurrentEventData(anEvent()), 's.x-1', 0n, at(5n)), position: undefined } as KurrentRecordedEvent;

    expect(catching(() => fromKurrentEvent(stored))).toMatchObject({ code: KURRENTDB_ERRORS.failure, message: expect.stringContaining('22.6') });
  });
});

describe('KurrentDB expected revision', () => {
  it.each([
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    ['any', 'any'],
    [0, 0n],
    [41, 41n],
  ] as const)('given our expectation %p, when mapped, then KurrentDB is asked for %p', (ours, theirs) => {
    expect(toKurrentStreamState(ours)).toBe(theirs);
  });
});

describe('KurrentDB position encoding', () => {
  it('given a position, when encoded and decoded, then reading from the decoded position starts at that very record', () => {
    for (const offset of [0n, 1n, 4_096n, 987_654_321n, BigInt(Number.MAX_SAFE_INTEGER) - 1n]) {
      const encoded = encodePosition(at(offset));

      expect(decodePosition(encoded)).toEqual(at(offset));
    }
  });

  it('given the events of one transaction sharing a commit position, when encoded, then each gets its own strictly increasing number', () => {
    const transaction = [
      { commit: 1_000n, prepare: 1_000n },
      { commit: 1_000n, prepare: 1_180n },
      { commit: 1_000n, prepare: 1_377n },
    ];
    const next = { commit: 1_500n, prepare: 1_500n };

    const encoded = [...transaction, next].map(encodePosition);

    expect(new Set(encoded).size).toBe(4);
    expect([...encoded].sort((a, b) => a - b)).toEqual(encoded);
  });

  it('given the log order of positions, when encoded, then the numbers keep that order', () => {
    const offsets = [0n, 17n, 18n, 4_000n, 4_001n, 2n ** 40n];

    const encoded = offsets.map((offset) => encodePosition(at(offset)));

    expect(encoded).toEqual([1, 18, 19, 4_001, 4_002, 2 ** 40 + 1]);
  });

  it('given checkpoint 0, when decoded, then the read starts at the beginning of $all', () => {
    expect(decodePosition(0)).toBe(START);
  });

  it('given a position past 2^53, when encoded, then it is refused instead of rounded', () => {
    const error = catching(() => encodePosition(at(BigInt(Number.MAX_SAFE_INTEGER))));

    expect(error).toBeInstanceOf(EventStoreFailure);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.positionOutOfRange });
  });
});

describe('KurrentDB $all filters', () => {
  const event = (streamId: string, type: string) => ({ streamId, type });

  it('given stream prefixes, when planned, then the server filters on stream names and nothing else is dropped but system types', () => {
    const plan = planAllFilter({ streamPrefixes: ['legal-aid.', 'mediation.case-'] });

    expect(plan.server).toMatchObject({ filterOn: 'streamName', prefixes: ['legal-aid.', 'mediation.case-'] });
    expect(plan.keep(event('legal-aid.application-1', 'legal-aid.ApplicationGranted'))).toBe(true);
    expect(plan.keep(event('legal-aid.application-1', '$metadata'))).toBe(false);
  });

  it('given stream and type prefixes, when planned, then the server filters streams and the types are checked on what it returns', () => {
    const plan = planAllFilter({ streamPrefixes: ['legal-aid.'], eventTypePrefixes: ['legal-aid.Application', 'legal-aid.Lawyer'] });

    expect(plan.server).toMatchObject({ filterOn: 'streamName', prefixes: ['legal-aid.'] });
    expect(plan.keep(event('legal-aid.application-1', 'legal-aid.ApplicationGranted'))).toBe(true);
    expect(plan.keep(event('legal-aid.application-1', 'legal-aid.LawyerAssigned'))).toBe(true);
    expect(plan.keep(event('legal-aid.application-1', 'legal-aid.NoteAdded'))).toBe(false);
  });

  it('given only type prefixes, when planned, then the server filters on event types', () => {
    const plan = planAllFilter({ eventTypePrefixes: ['intake.'] });

    expect(plan.server).toMatchObject({ filterOn: 'eventType', prefixes: ['intake.'] });
    expect(plan.keep(event('intake.matter-1', 'intake.MatterRegistered'))).toBe(true);
  });

  it.each([['no filter', undefined], ['an empty filter', {}], ['empty prefix lists', { streamPrefixes: [], eventTypePrefixes: [] }]])(
    'given %s, when planned, then the server excludes system events',
    (_what, filter) => {
      const plan = planAllFilter(filter);

      expect(plan.server).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
      expect(plan.keep(event('$stats-127.0.0.1:2113', '$statsCollected'))).toBe(false);
      expect(plan.keep(event('intake.matter-1', 'intake.MatterRegistered'))).toBe(true);
    },
  );
});

describe('KurrentDB append decision', () => {
  const streamId = 'legal-aid.application-1';
  const recorded = (ids: readonly string[], firstRevision = 0): RecordedEvent[] =>
    ids.map((id, index) => ({ ...anEvent({ eventId: id }), streamId, streamRevision: firstRevision + index, globalPosition: 100 + index * 10 }));
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

  it('given no stream, when appending with no_stream, then it writes expecting no stream', () => {
    expect(decideAppend(streamId, [], 'no_stream', [a])).toEqual({ kind: 'write', expectedRevision: -1 });
  });

  it('given a stream at revision 1, when appending with any, then it writes expecting exactly revision 1', () => {
    expect(decideAppend(streamId, recorded([a, b]), 'any', [c])).toEqual({ kind: 'write', expectedRevision: 1 });
  });

  it('given a stream at revision 1, when appending with a stale revision, then it refuses with expected and actual', () => {
    const decision = decideAppend(streamId, recorded([a, b]), 0, [c]);

    expect(decision).toMatchObject({ kind: 'refuse', error: { code: EVENT_STORE_ERRORS.wrongExpectedRevision, details: { streamId, expected: 0, actual: 1 } } });
  });

  it('given no stream, when appending with stream_exists, then it refuses reporting no_stream', () => {
    expect(decideAppend(streamId, [], 'stream_exists', [a])).toMatchObject({ kind: 'refuse', error: { details: { actual: 'no_stream' } } });
  });

  it('given events appended at revision 0, when the same ids are appended again with the same expectation after others wrote, then it is a replay of them', () => {
    const stream = recorded([a, b, c]);

    expect(decideAppend(streamId, stream, 0, [b, c])).toEqual({ kind: 'replay', events: stream.slice(1) });
    expect(decideAppend(streamId, stream, 'no_stream', [a, b])).toEqual({ kind: 'replay', events: stream.slice(0, 2) });
  });

  it('given recorded events, when an append repeats only some of their ids, then it refuses as EVENT_ID_CONFLICT', () => {
    const decision = decideAppend(streamId, recorded([a, b]), 'no_stream', [a, c]);

    expect(decision).toMatchObject({ kind: 'refuse', error: { code: EVENT_STORE_ERRORS.eventIdConflict, details: { streamId, eventIds: [a] } } });
  });

  it('given a recorded event, when a new event followed by it is appended at the current revision, then it refuses rather than writing the id twice', () => {
    const decision = decideAppend(streamId, recorded([a, b]), 1, [c, b]);

    expect(decision).toMatchObject({ kind: 'refuse', error: { code: EVENT_STORE_ERRORS.eventIdConflict } });
  });
});

describe('KurrentDB error translation', () => {
  const context = { operation: 'append', streamId: 'legal-aid.application-1', expected: 3 } as const;

  it('given WrongExpectedVersion with an actual revision, when translated, then it is our conflict with the same code as the SQLite store', () => {
    const error = translateKurrentError(new WrongExpectedVersionError(undefined, { streamName: context.streamId, expected: 3n, current: 5n }), context);

    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ code: EVENT_STORE_ERRORS.wrongExpectedRevision, details: { streamId: context.streamId, expected: 3, actual: 5 } });
  });

  it('given WrongExpectedVersion on a stream that does not exist, when translated, then actual is no_stream', () => {
    const error = translateKurrentError(new WrongExpectedVersionError(undefined, { streamName: context.streamId, expected: 3n, current: 'no_stream' }), context);

    expect(error).toMatchObject({ details: { actual: 'no_stream' } });
  });

  it.each([
    ['an unavailable server', new UnavailableError(undefined, 'connection refused'), 'unavailable'],
    ['a follower answering a leader-only request', { type: 'not-leader', message: 'Not leader. New leader at 10.0.0.2:2113' }, 'not-leader'],
    ['a deadline that passed', { type: 'deadline-exceeded', message: 'Deadline exceeded' }, 'deadline-exceeded'],
    ['an unclassified gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }), 'grpc-14'],
    ['an unclassified gRPC DEADLINE_EXCEEDED', Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }), 'grpc-4'],
  ])('given %s, when translated, then it is a retryable EVENT_STORE_UNAVAILABLE saying why', (_what, raw, reason) => {
    const error = translateKurrentError(raw, context);

    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.unavailable, category: 'INTERNAL', retryable: true, details: { reason } });
    expect(error.message).toContain('append on legal-aid.application-1');
    expect(error.message).toContain('retrying the same command is safe');
  });

  it.each([
    ['access denied', new AccessDeniedError(undefined, 'Access denied')],
    ['an unclassified gRPC PERMISSION_DENIED', Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 })],
  ])('given %s, when translated, then it is a non-retryable EVENT_STORE_ACCESS_DENIED', (_what, raw) => {
    const error = translateKurrentError(raw, context);

    expect(error).toBeInstanceOf(EventStoreFailure);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.accessDenied, retryable: false });
  });

  it('given a deleted stream, when translated, then it is EVENT_STORE_STREAM_DELETED naming the stream', () => {
    const error = translateKurrentError(StreamDeletedError.fromStreamName(context.streamId), context);

    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.streamDeleted, details: { streamId: context.streamId } });
  });

  it('given an append larger than the server accepts, when translated, then it is bad input: nothing was written', () => {
    const error = translateKurrentError({ type: 'maximum-append-size-exceeded', message: 'Maximum Append Size of 1048576 Exceeded.' }, context);

    expect(error).toBeInstanceOf(InvalidInput);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.appendTooLarge });
  });

  it('given an error of ours, when translated, then it passes through unchanged', () => {
    const ours = new InvalidInput('MALFORMED_STREAM_NAME', 'bad');

    expect(translateKurrentError(ours, context)).toBe(ours);
  });

  it('given anything else, when translated, then it is EVENT_STORE_FAILURE carrying the cause', () => {
    const error = translateKurrentError(new Error('something odd'), context);

    expect(error).toBeInstanceOf(PlsError);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.failure, message: expect.stringContaining('something odd') });
  });
});

function catching(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
