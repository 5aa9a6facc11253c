import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { InvalidInput } from '@pls/shared-kernel';
import { EVENT_STORE_ERRORS, type EventToAppend } from '@pls/event-sourcing';
import { KurrentDbEventStore } from './kurrentdb-event-store.adapter';
import { EventStoreUnavailable, KURRENTDB_ERRORS } from './kurrentdb-errors';

// What the adapter does without any server: refusals that need no round trip, and how an
// unreachable server surfaces. Its behaviour against a real server is the conformance suite in
// libs/shared/infrastructure/src/containers (testcontainers, where a Docker engine exists).

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'intake.MatterRegistered',
    schemaVersion: 1,
    occurredAt: '2024-05-01T08:00:00.000Z',
    data: { subject: '劳动争议' },
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: { userId: 'u-1', orgId: 'o-1', roles: ['clerk'] } },
    ...overrides,
  };
}

describe('KurrentDbEventStore without a reachable server', () => {
  let store: KurrentDbEventStore;

  beforeEach(async () => {
    store = KurrentDbEventStore.connect({ connectionString: `kurrentdb://127.0.0.1:${await closedPort()}?tls=false&maxDiscoverAttempts=1` });
  });

  afterEach(async () => {
    await store.close();
  });

  it('given a malformed connection string, when connecting, then it is refused as MALFORMED_CONNECTION_STRING', () => {
    expect(() => KurrentDbEventStore.connect({ connectionString: 'http://127.0.0.1:2113' })).toThrow(expect.objectContaining({ code: KURRENTDB_ERRORS.malformedConnectionString }));
  });

  it.each([
    ['an event id that is not a UUID', () => [anEvent({ eventId: 'event-1' })], EVENT_STORE_ERRORS.malformedEventId],
    ['no events', () => [], EVENT_STORE_ERRORS.emptyAppend],
    ['data with a BigInt', () => [anEvent({ data: { amount: 1n } })], EVENT_STORE_ERRORS.unserializableData],
  ])('given %s, when appended, then it is refused as bad input before the server is asked', async (_what, build, code) => {
    const refusal = store.appendToStream('intake.matter-1', build(), { expectedRevision: 'any' });

    await expect(refusal).rejects.toBeInstanceOf(InvalidInput);
    await expect(refusal).rejects.toMatchObject({ code });
  });

  it('given a negative checkpoint, when subscribing, then it is refused synchronously and nothing is started', () => {
    const onEvents = jest.fn();

    expect(() => store.subscribeToAll({ after: -1, onEvents })).toThrow(expect.objectContaining({ code: EVENT_STORE_ERRORS.malformedPosition }));
    expect(onEvents).not.toHaveBeenCalled();
  });

  it.each([
    ['a stream is read', (s: KurrentDbEventStore) => s.readStream('intake.matter-1')],
    ['$all is read', (s: KurrentDbEventStore) => s.readAll({ filter: { streamPrefixes: ['intake.'] } })],
    ['the head is asked', (s: KurrentDbEventStore) => s.headPosition()],
    ['an event is appended', (s: KurrentDbEventStore) => s.appendToStream('intake.matter-1', [anEvent()], { expectedRevision: 'no_stream' })],
  ])('given no server, when %s, then it fails as retryable EVENT_STORE_UNAVAILABLE', async (_what, call) => {
    const error = await call(store).then(
      () => new Error('expected a rejection'),
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.unavailable, retryable: true });
  });

  it('given no server, when subscribed, then onError gets EVENT_STORE_UNAVAILABLE, no handler runs and whenCaughtUp rejects with it', async () => {
    const onEvents = jest.fn();
    let reportError!: (error: unknown) => void;
    const reported = new Promise<unknown>((resolve) => (reportError = resolve));

    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['intake.'] }, onEvents, onError: (error) => reportError(error) });

    const error = await reported;
    expect(error).toMatchObject({ code: KURRENTDB_ERRORS.unavailable });
    expect(onEvents).not.toHaveBeenCalled();
    await expect(subscription.whenCaughtUp()).rejects.toBe(error);
    await subscription.stop();
  });

  it('given a closed store, when used, then every call is refused as STORE_CLOSED', async () => {
    await store.close();

    await expect(store.readStream('intake.matter-1')).rejects.toMatchObject({ code: EVENT_STORE_ERRORS.storeClosed });
    await expect(store.headPosition()).rejects.toMatchObject({ code: EVENT_STORE_ERRORS.storeClosed });
    expect(() => store.subscribeToAll({ onEvents: () => undefined })).toThrow(expect.objectContaining({ code: EVENT_STORE_ERRORS.storeClosed }));
  });
});
