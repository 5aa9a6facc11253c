export { KurrentDbEventStore, type KurrentDbClientPort, type KurrentDbClientSettings, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.adapter';
export { EventStoreFailure, EventStoreUnavailable, KURRENTDB_ERRORS } from './kurrentdb-errors';
