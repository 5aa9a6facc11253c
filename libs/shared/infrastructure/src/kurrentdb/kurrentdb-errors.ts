import { PlsError } from '@pls/shared-kernel';

export const KURRENTDB_ERRORS = {
  /** EventStoreUnavailable: the server did not answer, is not the leader, or the deadline passed. */
  unavailable: 'EVENT_STORE_UNAVAILABLE',
  /** EventStoreFailure: the credentials the platform runs with may not do this: a deployment error. */
  accessDenied: 'EVENT_STORE_ACCESS_DENIED',
  /** EventStoreFailure: the stream was deleted or tombstoned outside the platform, which never deletes. */
  streamDeleted: 'EVENT_STORE_STREAM_DELETED',
  /** EventStoreFailure: `$all` holds an event the platform did not write (no PLS envelope). */
  foreignEvent: 'EVENT_STORE_FOREIGN_EVENT',
  /** EventStoreFailure: a log position beyond 2^53, which a JS number cannot carry exactly. */
  positionOutOfRange: 'EVENT_STORE_POSITION_OUT_OF_RANGE',
  /** InvalidInput: the server refused the append as larger than its configured maximum. */
  appendTooLarge: 'APPEND_TOO_LARGE',
  malformedConnectionString: 'MALFORMED_CONNECTION_STRING',
  /** EventStoreFailure: anything else the server or the client reported. */
  failure: 'EVENT_STORE_FAILURE',
} as const;

/**
 * The store could not be reached in time. Nothing is known to be written: the caller may retry the
 * same command, whose deterministic event ids make a repeated append an idempotent replay.
 */
export class EventStoreUnavailable extends PlsError {
  readonly category = 'INTERNAL' as const;
  readonly retryable = true;
}

/** The store answered with a refusal that retrying will not change. */
export class EventStoreFailure extends PlsError {
  readonly category = 'INTERNAL' as const;
  readonly retryable = false;
}
