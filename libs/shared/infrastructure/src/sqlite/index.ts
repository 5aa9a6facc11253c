export * from './sqlite-event-store.adapter';
export * from './sqlite-checkpoint-store.adapter';
export { openSqlite, type OpenSqliteOptions, type SqliteDatabase } from './sqlite-database';
export { Database as SqliteDriver, SQLITE_DRIVER_PACKAGE } from './sqlite-driver';
