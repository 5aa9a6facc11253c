import { excludeSystemEvents, eventTypeFilter, NO_STREAM, START, streamNameFilter } from '@kurrent/kurrentdb-client';
import type { AppendStreamState, EventData, Filter, Position, ReadPosition, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { ConcurrencyConflict, InvalidInput, isPlsError, type PlsError } from '@pls/shared-kernel';
import {
  eventIdConflict,
  matchesFilter,
  NO_STREAM_REVISION,
  revisionSatisfies,
  serializeEventPayload,
  wrongExpectedRevision,
  type AllFilter,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '@pls/event-sourcing';
import { EventStoreFailure, EventStoreUnavailable, KURRENTDB_ERRORS as K } from './kurrentdb-errors';

/**
 * What the platform keeps in a KurrentDB event's metadata. The envelope fields KurrentDB has no slot
 * for ride beside our metadata, which stays one untouched object so it reads back exactly.
 * `$correlationId` / `$causationId` are KurrentDB's own names: with them its `$by_correlation_id`
 * projection and UI follow a case's causal chain without knowing our envelope.
 */
export interface KurrentEnvelopeMetadata {
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
  readonly $correlationId?: string;
  readonly $causationId?: string;
}

/**
 * Our event ids go to KurrentDB as they are, not through a derived (v5-style) UUID: the shared
 * append validation already refuses any id that is not a lower-case UUID, because every deterministic
 * id is one, so KurrentDB's id and ours are the same string and its per-stream idempotency sees ours.
 *
 * Data and metadata are serialized here, when the append is called (the client serializes later,
 * after an await): a caller mutating its objects afterwards cannot change what is written.
 */
export function toKurrentEventData(event: EventToAppend): EventData {
  const data = JSON.parse(serializeEventPayload(event.data, event.eventId, 'data')) as unknown;
  const metadata = JSON.parse(serializeEventPayload(event.metadata, event.eventId, 'metadata')) as EventMetadata;
  const envelope: KurrentEnvelopeMetadata = {
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    metadata,
    ...(typeof metadata.correlationId === 'string' ? { $correlationId: metadata.correlationId } : {}),
    ...(typeof metadata.causationId === 'string' ? { $causationId: metadata.causationId } : {}),
  };
  // The client's JSON type leaves out numbers, booleans and null, which are JSON all the same.
  return { id: event.eventId, contentType: 'application/json', type: event.type, data: data as Record<string, unknown>, metadata: { ...envelope } };
}

export function fromKurrentEvent(event: KurrentRecordedEvent): RecordedEvent {
  const envelope = event.metadata as Partial<KurrentEnvelopeMetadata> | undefined;
  if (
    !event.isJson ||
    typeof envelope !== 'object' ||
    envelope === null ||
    envelope instanceof Uint8Array ||
    !Number.isSafeInteger(envelope.schemaVersion) ||
    typeof envelope.occurredAt !== 'string' ||
    typeof envelope.metadata !== 'object' ||
    envelope.metadata === null
  ) {
    throw new EventStoreFailure(K.foreignEvent, `event ${event.id} of type ${JSON.stringify(event.type)} in stream ${event.streamId} was not written by the platform: no PLS envelope in its metadata`, {
      streamId: event.streamId,
      eventId: event.id,
    });
  }
  if (event.position === undefined) {
    throw new EventStoreFailure(K.failure, `event ${event.id} in stream ${event.streamId} came back without a log position: KurrentDB 22.6 or later is required`, { eventId: event.id });
  }
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion as number,
    occurredAt: envelope.occurredAt,
    data: event.data,
    metadata: envelope.metadata,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: encodePosition(event.position),
  };
}

/** Our expectation in KurrentDB's terms. Both count revisions from 0, so a number passes as it is. */
export function toKurrentStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return 'stream_exists';
    case 'any':
      return 'any';
    default:
      return BigInt(expected);
  }
}

/**
 * A KurrentDB position {commit, prepare} as the port's number: the prepare position + 1.
 *
 * Why prepare and not commit: the prepare position is the event's own byte offset in the
 * transaction log, unique per event, while the commit position may be shared by the events of one
 * transaction. An append is written contiguously by the single writer, so in `$all` order
 * (commit, then prepare) the prepare positions strictly increase. Reading from {p, p} starts at that
 * record's offset and yields it and everything after; readers drop what is not beyond the checkpoint,
 * so an inclusive server start and a transaction's earlier events never come back twice.
 * The + 1 keeps 0 meaning "before the first event", whatever sits at offset 0.
 *
 * Limit: a JS number is exact up to 2^53, i.e. 8 PiB of log — far past any single deployment here;
 * beyond it the conversion refuses rather than rounding (two events on one number would break
 * checkpoints silently).
 */
export function encodePosition(position: Position): number {
  const encoded = position.prepare + 1n;
  if (position.prepare < 0n || encoded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new EventStoreFailure(K.positionOutOfRange, `log position ${position.prepare} cannot be carried exactly as a JS number (limit 2^53 - 2)`, {
      commit: position.commit.toString(),
      prepare: position.prepare.toString(),
    });
  }
  return Number(encoded);
}

/** Where a forward read must start to see every event after `after`: inclusive, so readers still drop `<= after`. */
export function decodePosition(after: number): ReadPosition {
  if (after === 0) return START;
  const offset = BigInt(after - 1);
  return { commit: offset, prepare: offset };
}

export interface AllFilterPlan {
  /** What the server applies: one list of prefixes, or "no system events" when the reader gave none. */
  readonly server: Filter;
  /** What is checked here on what the server returned: the other prefix list, and never a `$` type. */
  readonly keep: (event: { readonly streamId: string; readonly type: string }) => boolean;
}

/**
 * KurrentDB filters on stream names or on event types, never both at once. Stream prefixes go to the
 * server (they are the selective ones: a context, a category, a test namespace) and type prefixes
 * are then checked here; type prefixes alone go to the server. Our types never start with `$`, so
 * dropping `$` types here also keeps system events out when a stream prefix happens to match them.
 */
export function planAllFilter(filter: AllFilter | undefined): AllFilterPlan {
  const streamPrefixes = filter?.streamPrefixes ?? [];
  const typePrefixes = filter?.eventTypePrefixes ?? [];
  const notSystem = (event: { readonly type: string }) => !event.type.startsWith('$');
  if (streamPrefixes.length > 0) {
    const residual: AllFilter = { eventTypePrefixes: typePrefixes };
    return { server: streamNameFilter({ prefixes: [...streamPrefixes] }), keep: (event) => notSystem(event) && matchesFilter(event, residual) };
  }
  if (typePrefixes.length > 0) return { server: eventTypeFilter({ prefixes: [...typePrefixes] }), keep: notSystem };
  return { server: excludeSystemEvents(), keep: notSystem };
}

export type AppendDecision =
  | { readonly kind: 'write'; readonly expectedRevision: number }
  | { readonly kind: 'replay'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'refuse'; readonly error: ConcurrencyConflict };

/**
 * The same verdict the SQLite store reaches, taken on the stream as it was just read.
 *
 * KurrentDB checks event ids only within its recent-id cache and only when the expected revision
 * is behind, so an id already recorded earlier in the stream would be written a second time:
 * the adapter reads the stream and decides here. A write always names the exact revision it saw,
 * so a writer that slipped in between the read and the write makes it fail, not interleave.
 * Event ids are checked within the stream (KurrentDB has no index by event id): a command's events
 * always go to its one stream, so that is where a retry finds them.
 */
export function decideAppend(streamId: string, stream: readonly RecordedEvent[], expected: ExpectedRevision, eventIds: readonly string[]): AppendDecision {
  const actual = stream.length === 0 ? NO_STREAM_REVISION : stream[stream.length - 1].streamRevision;
  const byId = new Map(stream.map((event) => [event.eventId, event]));
  const found = eventIds.map((id) => byId.get(id));
  const known = found.filter((event): event is RecordedEvent => event !== undefined);
  if (known.length === 0) {
    return revisionSatisfies(expected, actual) ? { kind: 'write', expectedRevision: actual } : { kind: 'refuse', error: wrongExpectedRevision(streamId, expected, actual) };
  }
  const first = found[0];
  const exact =
    known.length === found.length &&
    first !== undefined &&
    replayStartsWhereExpected(expected, first.streamRevision) &&
    known.every((event, index) => event.streamRevision === first.streamRevision + index);
  return exact ? { kind: 'replay', events: known } : { kind: 'refuse', error: eventIdConflict(streamId, known.map((event) => event.eventId)) };
}

function replayStartsWhereExpected(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'no_stream') return firstRevision === 0;
  if (typeof expected === 'number') return firstRevision === expected + 1;
  return true;
}

export interface ErrorContext {
  readonly operation: string;
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
}

// gRPC status codes, for errors that reach us before the client has classified them.
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNAVAILABLE = 14;
const GRPC_UNAUTHENTICATED = 16;

/**
 * A KurrentDB client error as one of ours. Duck-typed on the client's `type` tag and the gRPC
 * status `code`: errors from the native bridge and from gRPC streams are different classes, and
 * some connection failures arrive unclassified.
 */
export function translateKurrentError(error: unknown, context: ErrorContext): PlsError {
  if (isPlsError(error)) return error;
  const { type, code, message } = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; code?: unknown; message?: unknown };
  const cause = typeof message === 'string' && message.length > 0 ? message : String(error);
  const where = context.streamId ? `${context.operation} on ${context.streamId}` : context.operation;
  switch (type) {
    case 'wrong-expected-version':
      return wrongExpectedRevision(context.streamId ?? '?', context.expected ?? 'any', actualRevisionOf(error));
    case 'unavailable':
    case 'not-leader':
    case 'deadline-exceeded':
    case 'timeout':
    case 'cancelled':
      return unavailable(where, cause, type);
    case 'access-denied':
      return new EventStoreFailure(K.accessDenied, `KurrentDB refused ${where}: access denied for the configured credentials (${cause})`, { operation: context.operation });
    case 'stream-deleted':
    case 'stream-tombstoned':
      return new EventStoreFailure(K.streamDeleted, `${where}: the stream was deleted in KurrentDB; the platform never deletes streams, so this needs an operator`, { streamId: context.streamId });
    case 'maximum-append-size-exceeded':
    case 'append-record-size-exceeded':
    case 'transaction-max-size-exceeded':
      return new InvalidInput(K.appendTooLarge, `${where}: the events are larger than KurrentDB accepts in one append (${cause})`, { streamId: context.streamId });
    default:
      break;
  }
  switch (code) {
    case GRPC_UNAVAILABLE:
    case GRPC_DEADLINE_EXCEEDED:
    case GRPC_CANCELLED:
      return unavailable(where, cause, `grpc-${code}`);
    case GRPC_PERMISSION_DENIED:
    case GRPC_UNAUTHENTICATED:
      return new EventStoreFailure(K.accessDenied, `KurrentDB refused ${where}: access denied for the configured credentials (${cause})`, { operation: context.operation });
    default:
      return new EventStoreFailure(K.failure, `KurrentDB failed ${where}: ${cause}`, { operation: context.operation });
  }
}

function unavailable(where: string, cause: string, reason: string): EventStoreUnavailable {
  return new EventStoreUnavailable(K.unavailable, `KurrentDB did not complete ${where} (${reason}): ${cause}. Nothing is known to be written; retrying the same command is safe`, { reason });
}

function actualRevisionOf(error: unknown): number {
  const actual = (error as { actualState?: unknown }).actualState;
  return typeof actual === 'bigint' ? Number(actual) : NO_STREAM_REVISION;
}
