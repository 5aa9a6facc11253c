import { assertValidCheckpointName, assertValidCheckpointPosition, type CheckpointStore } from '@pls/event-sourcing';
import type Database from 'better-sqlite3';
import { openSqlite, type SqliteDatabase } from './sqlite-database';

export interface SqliteCheckpointStoreOptions {
  readonly busyTimeoutMs?: number;
}

/**
 * Checkpoints in a `checkpoints` table, usually in the event store's own file (its own connection;
 * WAL lets both work on one file). Commits use `synchronous=NORMAL`: a checkpoint lost to a power
 * cut only means republishing a few events, which consumers already tolerate (at-least-once), and
 * sparing the fsync keeps a relay that checkpoints every batch from doubling the store's I/O.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly loadStatement: Database.Statement<[string], number>;
  private readonly storeStatement: Database.Statement<[string, number]>;
  private readonly resetStatement: Database.Statement<[string]>;

  static open(filename: string, options: SqliteCheckpointStoreOptions = {}): SqliteCheckpointStore {
    const db = openSqlite(filename, { busyTimeoutMs: options.busyTimeoutMs, synchronous: 'NORMAL' });
    try {
      db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT');
      return new SqliteCheckpointStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(private readonly db: SqliteDatabase) {
    this.loadStatement = db.prepare<[string], number>('SELECT position FROM checkpoints WHERE name = ?').pluck();
    // The WHERE makes "never backwards" a property of the single statement, not of a read-then-write.
    this.storeStatement = db.prepare<[string, number]>(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE excluded.position > checkpoints.position',
    );
    this.resetStatement = db.prepare<[string]>('DELETE FROM checkpoints WHERE name = ?');
  }

  async load(name: string): Promise<number> {
    assertValidCheckpointName(name);
    return this.loadStatement.get(name) ?? 0;
  }

  async store(name: string, position: number): Promise<void> {
    assertValidCheckpointName(name);
    assertValidCheckpointPosition(position);
    this.storeStatement.run(name, position);
  }

  async reset(name: string): Promise<void> {
    assertValidCheckpointName(name);
    this.resetStatement.run(name);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
