export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.adapter';
export { EventStoreFailure, EventStoreUnavailable, KURRENTDB_ERRORS } from './kurrentdb-errors';
