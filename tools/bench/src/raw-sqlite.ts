import { SqliteDriver as Database } from '@pls/infrastructure';
import { incrementEvents } from './counter.decider';

// The same table as SqliteEventStore's (columns, STRICT, both UNIQUE indexes): each insert then
// writes the same pages, so the only difference left between the two rows is our code.
const EVENTS_TABLE = `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY,
    event_id        TEXT    NOT NULL UNIQUE,
    stream_id       TEXT    NOT NULL,
    stream_revision INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    UNIQUE (stream_id, stream_revision)
  ) STRICT;
`;

type Row = [number, string, string, number, string, number, string, string, string];

/**
 * Rows with the payloads the counter benchmark writes, spread over `streams` streams, built before
 * the clock starts: the reference measures SQLite and the disk, nothing else.
 */
export function rawRows(count: number, streams: readonly string[], pick: () => number): Row[] {
  const revisions = new Map<string, number>();
  const rows: Row[] = [];
  for (let position = 1; position <= count; position++) {
    const streamId = streams[Math.floor(pick() * streams.length)];
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    const [event] = incrementEvents(streamId, revision, 1);
    rows.push([position, event.eventId, streamId, revision, event.type, event.schemaVersion, event.occurredAt, JSON.stringify(event.data), JSON.stringify(event.metadata)]);
  }
  return rows;
}

/**
 * The durable-append ceiling of this disk: one INSERT per transaction (autocommit, the cheapest
 * way to get one), WAL with synchronous=FULL, so every row costs one fsync of the WAL exactly as
 * an acknowledged single-event append does. Returns the wall and CPU seconds the inserts took.
 */
export function rawInsertRound(file: string, rows: readonly Row[]): { seconds: number; cpuSeconds: number } {
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`raw reference: expected WAL, SQLite chose ${String(mode)}`);
    db.pragma('synchronous = FULL');
    db.exec(EVENTS_TABLE);
    const insert = db.prepare<Row>('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const row of rows) insert.run(...row);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    db.close();
  }
}
