import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from './sqlite-driver';

export type SqliteDatabase = Database;

export interface OpenSqliteOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
  /**
   * FULL: a commit returns only after the WAL is fsynced, so an acknowledged write survives power
   * loss. NORMAL: the database stays consistent but the last commits may be lost on power loss.
   */
  readonly synchronous: 'FULL' | 'NORMAL';
}

/** WAL lets readers (subscribers, other processes) read while one writer commits. */
export function openSqlite(filename: string, options: OpenSqliteOptions): SqliteDatabase {
  const inMemory = filename === ':memory:' || filename === '';
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true });
  const db = new Database(filename, { timeout: options.busyTimeoutMs ?? 5_000 });
  try {
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
