import Database from 'better-sqlite3';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeToAllOptions, Subscription } from '@pls/event-sourcing';

/**
 * PROTOTYPE — not product code. What `SqliteEventStore.readAll` costs with two changes to how it
 * turns rows into events; every other method goes to the real store.
 *
 * 1. Statements in raw mode (`statement.raw(true)`): better-sqlite3 hands back arrays and the
 *    event object is built in JS with one shape, instead of the addon setting nine named
 *    properties on a fresh object per row.
 * 2. Metadata parsed on first access. A rebuild's projections read `data`; the metadata (actor,
 *    correlation, case code — about half of the stored JSON, often non-ASCII) is parsed for every
 *    event and thrown away. It is an own enumerable getter on a plain object, so spreading the
 *    event (upcasters), JSON.stringify (relay, Kafka) and structuredClone still see the value.
 *    A getter on a class prototype was measured faster still, but spread and JSON.stringify skip
 *    inherited accessors, which would silently drop metadata downstream: not an option.
 *
 * Only unfiltered pages are served here (a rebuild's reads); a filtered read goes to the store.
 */
export class LazyMetadataReader implements EventStore {
  private readonly db: Database.Database;
  private readonly page: Database.Statement<[number, number], unknown[]>;

  constructor(
    private readonly store: EventStore,
    file: string,
  ) {
    this.db = new Database(file, { readonly: true });
    this.page = this.db
      .prepare<[number, number], unknown[]>(
        'SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, occurred_at, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
      )
      .raw(true);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (options.filter?.streamPrefixes?.length || options.filter?.eventTypePrefixes?.length) return this.store.readAll(options);
    return this.page.all(options.after ?? 0, options.maxCount ?? -1).map(toRecorded);
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.store.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.store.subscribeToAll(options);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toRecorded(row: unknown[]): RecordedEvent {
  let metadataJson = row[8] as string | undefined;
  let metadata: RecordedEvent['metadata'] | undefined;
  return {
    eventId: row[1] as string,
    type: row[4] as string,
    schemaVersion: row[5] as number,
    occurredAt: row[6] as string,
    data: JSON.parse(row[7] as string),
    get metadata(): RecordedEvent['metadata'] {
      if (metadataJson !== undefined) {
        metadata = JSON.parse(metadataJson) as RecordedEvent['metadata'];
        metadataJson = undefined;
      }
      return metadata as RecordedEvent['metadata'];
    },
    streamId: row[2] as string,
    streamRevision: row[3] as number,
    globalPosition: row[0] as number,
  };
}
