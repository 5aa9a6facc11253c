/** Mongo query language subset: the read side speaks it in both modes (mingo in memory, MongoDB distributed). */
export type Filter = Readonly<Record<string, unknown>>;
export type SortSpec = Readonly<Record<string, 1 | -1>>;

export interface IndexSpec {
  readonly fields: SortSpec;
  readonly unique?: boolean;
}

export interface CollectionSpec {
  /** Logical name, e.g. `intake.work-queue`. */
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

export interface FindOptions {
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
}

/** Every read-model document carries the last applied revision of each stream that fed it. */
export interface ReadDocument {
  readonly _id: string;
  readonly _revisions?: Readonly<Record<string, number>>;
  readonly [field: string]: unknown;
}

export type GuardedOutcome =
  /** Applied: the stream revision was the next one expected. */
  | { readonly kind: 'applied' }
  /** Already seen (redelivery or replay): nothing changed. */
  | { readonly kind: 'skipped'; readonly lastRevision: number }
  /** Applied, but revisions between the last seen and this one never arrived. */
  | { readonly kind: 'gap'; readonly expected: number; readonly got: number };

export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  readonly name: string;
  get(id: string): Promise<T | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  /**
   * Revision-guarded upsert: if `revision` for `streamId` was already applied to the document, do
   * nothing; otherwise store `update(current)` (null deletes) with the revision recorded.
   * Atomic per document.
   */
  applyGuarded(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome>;
  /** Unguarded write, for documents that are not fed by streams (checkpoints, bookkeeping). */
  put(document: T): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface ReadStore {
  /** Open (creating and indexing if needed) a physical collection. */
  collection<T extends ReadDocument = ReadDocument>(physicalName: string, spec: CollectionSpec): Promise<ReadCollection<T>>;
  /** Which physical collection a logical name currently serves from (null if never swapped). */
  resolveAlias(logicalName: string): Promise<string | null>;
  /** Point a logical name at a (fully rebuilt) physical collection, atomically. */
  swapAlias(logicalName: string, physicalName: string): Promise<void>;
  dropCollection(physicalName: string): Promise<void>;
  listCollections(): Promise<string[]>;
  close(): Promise<void>;
}
