import type { CollectionSpec, Filter, FindOptions, GuardedOutcome, ReadCollection, ReadDocument, ReadStore } from '@pls/event-sourcing';
import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import { Query } from 'mingo';
import {
  assertCollectionName,
  assertCollectionSpec,
  assertDocumentId,
  assertFilter,
  assertStreamRevision,
  resolveFindOptions,
  storedCopy,
  thawedCopy,
} from '../port-validation/read-store.validation';
import { planQuery, sortDocuments, walkIndex, type Plan, type QueryStats } from './query-planner';
import { SecondaryIndex } from './secondary-index';

type Revisions = Readonly<Record<string, number>>;

interface CollectionData {
  /** Frozen stored copies: nothing outside the store holds a reference to them. */
  readonly documents: Map<string, ReadDocument>;
  /**
   * Revisions of documents a projection deleted. Without them a redelivered early event would
   * resurrect a deleted document; with them it is skipped like any other redelivery.
   */
  readonly tombstones: Map<string, Revisions>;
  readonly indexes: SecondaryIndex[];
  /** Specs whose indexes exist already: every write re-asserts its spec, and that must cost nothing. */
  readonly applied: WeakSet<CollectionSpec>;
}

/**
 * Read models in memory for embedded mode: MongoDB's query language through mingo, with real
 * secondary indexes so that a work queue over a million documents answers from an index range
 * instead of a scan. Volatile: embedded mode rebuilds every view from the event store at start.
 */
export class MemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, CollectionData>();
  private readonly aliases = new Map<string, string>();
  private closed = false;

  async collection<T extends ReadDocument = ReadDocument>(physicalName: string, spec: CollectionSpec): Promise<MemoryReadCollection<T>> {
    this.assertOpen();
    assertCollectionName(physicalName);
    assertCollectionSpec(spec);
    this.ensure(physicalName, spec);
    return new MemoryReadCollection<T>(this, physicalName, spec);
  }

  async resolveAlias(logicalName: string): Promise<string | null> {
    this.assertOpen();
    return this.aliases.get(assertCollectionName(logicalName)) ?? null;
  }

  async swapAlias(logicalName: string, physicalName: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(logicalName);
    if (!this.collections.has(assertCollectionName(physicalName))) {
      throw new InvalidInput('COLLECTION_UNKNOWN', `cannot point ${logicalName} at ${physicalName}: no such collection`);
    }
    this.aliases.set(logicalName, physicalName);
  }

  async dropCollection(physicalName: string): Promise<void> {
    this.assertOpen();
    this.collections.delete(assertCollectionName(physicalName));
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return [...this.collections.keys()].sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.collections.clear();
    this.aliases.clear();
  }

  /** @internal The collection's data, or undefined once dropped (reads then see an empty collection). */
  data(name: string): CollectionData | undefined {
    this.assertOpen();
    return this.collections.get(name);
  }

  /** @internal Like MongoDB, a write to a dropped collection creates it again. */
  ensure(name: string, spec: CollectionSpec): CollectionData {
    this.assertOpen();
    let data = this.collections.get(name);
    if (data?.applied.has(spec)) return data;
    if (!data) {
      data = { documents: new Map(), tombstones: new Map(), indexes: [], applied: new WeakSet() };
      this.collections.set(name, data);
    }
    for (const declared of spec.indexes) {
      const existing = data.indexes.find((index) => index.sameFieldsAs(declared));
      if (existing) continue;
      const index = new SecondaryIndex(declared);
      for (const document of data.documents.values()) {
        const conflict = index.conflictFor(document);
        if (conflict) throw new ConcurrencyConflict('DUPLICATE_KEY', `cannot build unique index ${index.name} on ${name}: ${document._id} and ${conflict} share a key`);
        index.replace(undefined, document);
      }
      data.indexes.push(index);
    }
    data.applied.add(spec);
    return data;
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput('STORE_CLOSED', 'the memory read store has been closed');
  }
}

export class MemoryReadCollection<T extends ReadDocument = ReadDocument> implements ReadCollection<T> {
  /** How the last `find` or `count` on this handle was answered. */
  lastQueryStats: QueryStats | null = null;

  constructor(
    private readonly store: MemoryReadStore,
    readonly name: string,
    private readonly spec: CollectionSpec,
  ) {}

  async get(id: string): Promise<T | null> {
    assertDocumentId(id);
    const document = this.store.data(this.name)?.documents.get(id);
    return document ? (thawedCopy(document) as T) : null;
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    const query = compile(filter);
    const { sort, skip, limit } = resolveFindOptions(options);
    const data = this.store.data(this.name);
    if (!data || limit === 0) {
      this.lastQueryStats = { plan: 'scan', examined: 0, returned: 0, blockingSort: false };
      return [];
    }
    const plan = planQuery(query.filter, sort, data.indexes);
    const enough = plan.ordered ? skip + limit : Infinity;
    const matches: ReadDocument[] = [];
    let examined = 0;
    for (const document of candidates(plan, data)) {
      examined++;
      if (!query.test(document)) continue;
      matches.push(document);
      if (matches.length >= enough) break;
    }
    const page = (plan.ordered ? matches : sortDocuments(matches, sort)).slice(skip, skip + limit);
    this.lastQueryStats = { plan: plan.kind, index: plan.index?.name, examined, returned: page.length, blockingSort: !plan.ordered };
    return page.map((document) => thawedCopy(document) as T);
  }

  async count(filter?: Filter): Promise<number> {
    const query = compile(filter);
    const data = this.store.data(this.name);
    if (!data) return 0;
    if (Object.keys(query.filter).length === 0) {
      this.lastQueryStats = { plan: 'scan', examined: 0, returned: 1, blockingSort: false };
      return data.documents.size;
    }
    const plan = planQuery(query.filter, [], data.indexes);
    let examined = 0;
    let matched = 0;
    for (const document of candidates(plan, data)) {
      examined++;
      if (query.test(document)) matched++;
    }
    this.lastQueryStats = { plan: plan.kind, index: plan.index?.name, examined, returned: 1, blockingSort: false };
    return matched;
  }

  /** Atomic per document: nothing awaits between reading the revisions and storing the result. */
  async applyGuarded(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome> {
    assertDocumentId(id);
    assertStreamRevision(streamId, revision);
    if (typeof update !== 'function') throw new InvalidInput('UPDATE_INVALID', 'applyGuarded needs an update function');
    const data = this.store.ensure(this.name, this.spec);
    const current = data.documents.get(id);
    const revisions: Revisions = current?._revisions ?? data.tombstones.get(id) ?? {};
    const last = Object.hasOwn(revisions, streamId) ? revisions[streamId] : undefined;
    if (last !== undefined && revision <= last) return { kind: 'skipped', lastRevision: last };

    const next = update(current ? (thawedCopy(current) as T) : null);
    const recorded = Object.freeze({ ...revisions, [streamId]: revision });
    if (next === null) {
      replace(data, id, undefined);
      data.tombstones.set(id, recorded);
    } else {
      if (next instanceof Promise) throw new InvalidInput('UPDATE_INVALID', 'applyGuarded updates are synchronous: return the document, not a promise');
      const stored = storedCopy({ ...next, _revisions: recorded });
      if (stored._id !== id) throw new InvalidInput('DOCUMENT_ID_MISMATCH', `the update for ${id} returned a document with _id ${stored._id}`);
      replace(data, id, stored);
      data.tombstones.delete(id);
    }
    const expected = last === undefined ? 0 : last + 1;
    return revision === expected ? { kind: 'applied' } : { kind: 'gap', expected, got: revision };
  }

  async put(document: T): Promise<void> {
    const stored = storedCopy(document);
    const data = this.store.ensure(this.name, this.spec);
    replace(data, stored._id, stored);
    data.tombstones.delete(stored._id);
  }

  async delete(id: string): Promise<void> {
    assertDocumentId(id);
    const data = this.store.data(this.name);
    if (!data) return;
    replace(data, id, undefined);
    data.tombstones.delete(id);
  }
}

/** Unique indexes are checked before anything changes, so a refused write leaves no trace. */
function replace(data: CollectionData, id: string, next: ReadDocument | undefined): void {
  const previous = data.documents.get(id);
  if (next) {
    for (const index of data.indexes) {
      const conflict = index.conflictFor(next);
      if (conflict) throw new ConcurrencyConflict('DUPLICATE_KEY', `${id} would duplicate the key of ${conflict} in unique index ${index.name}`);
    }
  }
  for (const index of data.indexes) index.replace(previous, next);
  if (next) data.documents.set(id, next);
  else data.documents.delete(id);
}

function candidates(plan: Plan, data: CollectionData): Iterable<ReadDocument> {
  switch (plan.kind) {
    case 'id':
      return (plan.ids ?? []).flatMap((id) => data.documents.get(id) ?? []);
    case 'index':
      return walkIndex(plan);
    case 'scan':
      return data.documents.values();
    default: {
      const unexpected: never = plan.kind;
      throw new TypeError(`unknown plan ${String(unexpected)}`);
    }
  }
}

function compile(filter: Filter | undefined): { filter: Filter; test(document: ReadDocument): boolean } {
  const checked = assertFilter(filter);
  let query: Query;
  try {
    query = new Query(checked as Record<string, unknown>);
  } catch (error) {
    throw new InvalidInput('FILTER_INVALID', `not a valid query: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    filter: checked,
    test: (document) => {
      try {
        return query.test(document);
      } catch (error) {
        throw new InvalidInput('FILTER_INVALID', `not a valid query: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
