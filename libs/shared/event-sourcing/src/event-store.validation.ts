import { ConcurrencyConflict, InvalidInput, isUuid } from '@pls/shared-kernel';
import { parseStreamName, type EventToAppend } from './envelope';
import type { AllFilter, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StreamAppend } from './ports/event-store.port';

/**
 * The refusals every EventStore adapter gives, so that callers (and the conformance suite) can
 * rely on the code whatever the technology underneath. Checked before anything is written.
 */
export const EVENT_STORE_ERRORS = {
  /** ConcurrencyConflict: the stream's last revision is not the one the writer expected. */
  wrongExpectedRevision: 'WRONG_EXPECTED_REVISION',
  /**
   * ConcurrencyConflict: some of the event ids are already recorded, but not as an exact replay of
   * this append (partial overlap, other positions or another stream). A conflict rather than bad
   * input: a command handler that re-reads the stream finds the command's earlier events there.
   */
  eventIdConflict: 'EVENT_ID_CONFLICT',
  emptyAppend: 'EMPTY_APPEND',
  /** InvalidInput: a multi-stream append names one stream twice (its parts would race each other). */
  duplicateStreamInAppend: 'DUPLICATE_STREAM_IN_APPEND',
  malformedStreamName: 'MALFORMED_STREAM_NAME',
  malformedExpectedRevision: 'MALFORMED_EXPECTED_REVISION',
  duplicateEventId: 'DUPLICATE_EVENT_ID',
  malformedEventId: 'MALFORMED_EVENT_ID',
  malformedEventType: 'MALFORMED_EVENT_TYPE',
  malformedSchemaVersion: 'MALFORMED_SCHEMA_VERSION',
  malformedOccurredAt: 'MALFORMED_OCCURRED_AT',
  malformedMetadata: 'MALFORMED_EVENT_METADATA',
  unserializableData: 'UNSERIALIZABLE_EVENT_DATA',
  malformedRevision: 'MALFORMED_REVISION',
  malformedPosition: 'MALFORMED_POSITION',
  malformedMaxCount: 'MALFORMED_MAX_COUNT',
  malformedFilter: 'MALFORMED_FILTER',
  malformedCheckpointName: 'MALFORMED_CHECKPOINT_NAME',
  storeClosed: 'STORE_CLOSED',
  subscriptionStopped: 'SUBSCRIPTION_STOPPED',
} as const;

const E = EVENT_STORE_ERRORS;
const EVENT_TYPE = /^[^\s$]\S{0,254}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** -1 stands for "the stream does not exist" wherever a revision is compared. */
export const NO_STREAM_REVISION = -1;

export function assertValidStreamId(streamId: string): void {
  if (typeof streamId !== 'string') throw new InvalidInput(E.malformedStreamName, `stream id must be a string, got ${typeof streamId}`);
  parseStreamName(streamId);
}

export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidInput(E.malformedExpectedRevision, `expected revision must be a non-negative integer, 'no_stream', 'stream_exists' or 'any', got ${JSON.stringify(expected)}`);
  }
}

/** Everything about an append that can be refused without looking at the store. */
export function assertValidAppend(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): void {
  assertValidStreamId(streamId);
  assertValidExpectedRevision(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidInput(E.emptyAppend, `nothing to append to ${streamId}`);
  const seen = new Set<string>();
  for (const event of events) {
    assertValidEvent(event);
    if (seen.has(event.eventId)) throw new InvalidInput(E.duplicateEventId, `event id ${event.eventId} appears twice in one append to ${streamId}`, { eventId: event.eventId });
    seen.add(event.eventId);
  }
}

export function assertValidMultiStreamAppend(appends: readonly StreamAppend[]): void {
  if (!Array.isArray(appends) || appends.length === 0) throw new InvalidInput(E.emptyAppend, 'nothing to append: no streams given');
  const streams = new Set<string>();
  const eventIds = new Set<string>();
  for (const append of appends) {
    assertValidAppend(append?.streamId, append?.events, append?.expectedRevision);
    if (streams.has(append.streamId)) throw new InvalidInput(E.duplicateStreamInAppend, `stream ${append.streamId} appears twice in one append`, { streamId: append.streamId });
    streams.add(append.streamId);
    for (const event of append.events) {
      if (eventIds.has(event.eventId)) throw new InvalidInput(E.duplicateEventId, `event id ${event.eventId} appears twice in one append`, { eventId: event.eventId });
      eventIds.add(event.eventId);
    }
  }
}

function assertValidEvent(event: EventToAppend): void {
  if (typeof event !== 'object' || event === null) throw new InvalidInput(E.malformedEventId, 'an event to append must be an object');
  // KurrentDB only accepts UUIDs, and deterministic ids are UUIDs: one rule for every adapter.
  if (typeof event.eventId !== 'string' || !isUuid(event.eventId)) {
    throw new InvalidInput(E.malformedEventId, `event id must be a lower-case UUID, got ${JSON.stringify(event.eventId)}`);
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidInput(E.malformedEventType, `event type must be a non-empty string without spaces, not starting with $, got ${JSON.stringify(event.type)}`);
  }
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidInput(E.malformedSchemaVersion, `schema version must be a positive integer, got ${JSON.stringify(event.schemaVersion)}`);
  }
  if (typeof event.occurredAt !== 'string' || !ISO_INSTANT.test(event.occurredAt) || Number.isNaN(Date.parse(event.occurredAt))) {
    throw new InvalidInput(E.malformedOccurredAt, `occurredAt must be an ISO-8601 instant with a zone, got ${JSON.stringify(event.occurredAt)}`);
  }
  if (typeof event.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata)) {
    throw new InvalidInput(E.malformedMetadata, `event metadata must be an object (event ${event.eventId})`);
  }
}

/** JSON text of an event's data or metadata; undefined, BigInt and cycles are refused, not mangled. */
export function serializeEventPayload(value: unknown, eventId: string, what: 'data' | 'metadata'): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidInput(E.unserializableData, `event ${eventId}: ${what} is not JSON-serializable (${(error as Error).message})`, { eventId });
  }
  if (json === undefined) throw new InvalidInput(E.unserializableData, `event ${eventId}: ${what} is not JSON-serializable`, { eventId });
  return json;
}

export function assertValidReadStream(streamId: string, options: ReadStreamOptions = {}): void {
  assertValidStreamId(streamId);
  if (options.fromRevision !== undefined && !isNonNegativeInteger(options.fromRevision)) {
    throw new InvalidInput(E.malformedRevision, `fromRevision must be a non-negative integer, got ${JSON.stringify(options.fromRevision)}`);
  }
  assertValidMaxCount(options.maxCount);
}

export function assertValidReadAll(options: ReadAllOptions = {}): void {
  if (options.after !== undefined && !isNonNegativeInteger(options.after)) {
    throw new InvalidInput(E.malformedPosition, `after must be a non-negative integer position, got ${JSON.stringify(options.after)}`);
  }
  assertValidMaxCount(options.maxCount);
  assertValidFilter(options.filter);
}

function assertValidMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 1)) {
    throw new InvalidInput(E.malformedMaxCount, `maxCount must be a positive integer, got ${JSON.stringify(maxCount)}`);
  }
}

function assertValidFilter(filter: AllFilter | undefined): void {
  if (filter === undefined) return;
  for (const prefixes of [filter.streamPrefixes, filter.eventTypePrefixes]) {
    if (prefixes === undefined) continue;
    if (!Array.isArray(prefixes) || prefixes.some((prefix) => typeof prefix !== 'string' || prefix.length === 0)) {
      throw new InvalidInput(E.malformedFilter, `filter prefixes must be non-empty strings, got ${JSON.stringify(prefixes)}`);
    }
  }
}

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Whether a stream whose last revision is `actual` (-1: none) satisfies the writer's expectation. */
export function revisionSatisfies(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM_REVISION;
    case 'stream_exists':
      return actual !== NO_STREAM_REVISION;
    default:
      return actual === expected;
  }
}

export function wrongExpectedRevision(streamId: string, expected: ExpectedRevision, actual: number): ConcurrencyConflict {
  const shownActual = actual === NO_STREAM_REVISION ? 'no_stream' : actual;
  return new ConcurrencyConflict(E.wrongExpectedRevision, `stream ${streamId}: expected revision ${JSON.stringify(expected)}, but it is ${JSON.stringify(shownActual)}`, {
    streamId,
    expected,
    actual: shownActual,
  });
}

export function eventIdConflict(streamId: string, eventIds: readonly string[]): ConcurrencyConflict {
  return new ConcurrencyConflict(E.eventIdConflict, `append to ${streamId}: event ids ${eventIds.join(', ')} are already recorded, but not as this exact append`, { streamId, eventIds });
}

/**
 * An empty or absent prefix list does not constrain; within a list any prefix matches; stream and
 * type prefixes must both match when both are given.
 */
export function matchesFilter(event: { readonly streamId: string; readonly type: string }, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypePrefixes } = filter;
  if (streamPrefixes?.length && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  if (eventTypePrefixes?.length && !eventTypePrefixes.some((prefix) => event.type.startsWith(prefix))) return false;
  return true;
}

export function assertValidCheckpointName(name: string): void {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 255) {
    throw new InvalidInput(E.malformedCheckpointName, `checkpoint name must be a non-blank string of at most 255 characters, got ${JSON.stringify(name)}`);
  }
}

export function assertValidCheckpointPosition(position: number): void {
  if (!isNonNegativeInteger(position)) throw new InvalidInput(E.malformedPosition, `a checkpoint is a non-negative integer position, got ${JSON.stringify(position)}`);
}
