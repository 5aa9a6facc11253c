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
  type ResolvedFindOptions,
} from '../port-validation/read-store.validation';
import { countOnKeys, planQuery, sortDocuments, walkIndex, walkUnion, type Plan, type QueryStats } from './query-planner';
import { SecondaryIndex } from './secondary-index';

type Revisions = Readonly<Record<string, number>>;

const REVISIONS = '_revisions';

const APPLIED: GuardedOutcome = Object.freeze({ kind: 'applied' });

interface CollectionData {
  /**
   * Frozen stored copies, without `_revisions`: nothing outside the store holds a reference to
   * them. Readers get a copy with `_revisions` put back from `revisions`.
   */
  readonly documents: Map<string, ReadDocument>;
  /**
   * Each document's `_revisions`, by document id. An entry outlives its document when a projection
   * deletes it: without it a redelivered early event would resurrect the deleted document; with it
   * the event is skipped like any other redelivery. A document without an entry has no `_revisions`
   * (one only ever `put`, never fed by a stream).
   */
  readonly revisions: Map<string, StreamRevisions>;
  /** Never one on a `_revisions` path (see `ensure`). */
  readonly indexes: SecondaryIndex[];
  /** Specs whose indexes exist already: every write re-asserts its spec, and that must cost nothing. */
  readonly applied: WeakSet<CollectionSpec>;
}

/**
 * The last applied revision of each stream that fed one document. Kept beside the document rather
 * than in it: `_revisions` is keyed by stream id, so inside the documents every `_revisions` object
 * would have a property name no other one has, which gives each its own hidden class in V8 and
 * makes the lookup and the copy on every applied event megamorphic. Most documents are fed by one
 * stream: two short parallel arrays are the smallest and quickest form for that.
 */
class StreamRevisions {
  private readonly streams: string[] = [];
  private readonly revisions: number[] = [];

  static of(streamId: string, revision: number): StreamRevisions {
    const revisions = new StreamRevisions();
    revisions.streams.push(streamId);
    revisions.revisions.push(revision);
    return revisions;
  }

  static from(recorded: Revisions): StreamRevisions {
    const revisions = new StreamRevisions();
    for (const [streamId, revision] of Object.entries(recorded)) revisions.record(streamId, revision);
    return revisions;
  }

  last(streamId: string): number | undefined {
    const at = this.streams.indexOf(streamId);
    return at === -1 ? undefined : this.revisions[at];
  }

  record(streamId: string, revision: number): void {
    const at = this.streams.indexOf(streamId);
    if (at === -1) {
      this.streams.push(streamId);
      this.revisions.push(revision);
    } else {
      this.revisions[at] = revision;
    }
  }

  toObject(): Record<string, number> {
    const recorded: Record<string, number> = {};
    for (let i = 0; i < this.streams.length; i++) recorded[this.streams[i]] = this.revisions[i];
    return recorded;
  }
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
      data = { documents: new Map(), revisions: new Map(), indexes: [], applied: new WeakSet() };
      this.collections.set(name, data);
    }
    for (const declared of spec.indexes) {
      // Stored documents carry no `_revisions`, so an index on it would index nothing. Such a spec
      // is accepted and the index left unbuilt (a unique one is then not enforced); queries on
      // revisions scan documents with their revisions put back (`viewFor`) and answer right.
      // Nothing but diagnostics queries revisions.
      if (Object.keys(declared.fields).some(isRevisionsPath)) continue;
      const existing = data.indexes.find((index) => index.sameFieldsAs(declared));
      if (existing) continue;
      const index = new SecondaryIndex(declared, data.documents);
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
    const data = this.store.data(this.name);
    const document = data?.documents.get(id);
    return data && document ? (readable(data, document) as T) : null;
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    const query = compile(filter);
    const { sort, skip, limit } = resolveFindOptions(options);
    const data = this.store.data(this.name);
    if (!data || limit === 0) {
      this.lastQueryStats = { plan: 'scan', examined: 0, returned: 0, blockingSort: false };
      return [];
    }
    const planned = planQuery(query.filter, sort, data.indexes);
    const view = viewFor(data, query.filter, sort);
    const { plan, matches, examined } = planned.rival ? race(planned, planned.rival, data, view, query.test, skip + limit) : run(planned, data, view, query.test, skip + limit);
    const page = (plan.ordered ? matches : sortDocuments(matches, sort)).slice(skip, skip + limit);
    this.lastQueryStats = { plan: plan.kind, index: plan.index?.name, examined, returned: page.length, blockingSort: !plan.ordered };
    return page.map((document) => readable(data, document) as T);
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
    const onKeys = countOnKeys(plan, query.filter);
    if (onKeys !== null) {
      this.lastQueryStats = { plan: plan.kind, index: plan.index?.name, examined: 0, returned: 1, blockingSort: false };
      return onKeys;
    }
    const view = viewFor(data, query.filter, []);
    let examined = 0;
    let matched = 0;
    for (const candidate of candidates(plan, data)) {
      examined++;
      if (query.test(view(candidate))) matched++;
    }
    this.lastQueryStats = { plan: plan.kind, index: plan.index?.name, examined, returned: 1, blockingSort: false };
    return matched;
  }

  /**
   * Atomic per document: nothing awaits between reading the revisions and storing the result.
   *
   * The update gets a shallow copy of the stored document, without `_revisions` (the store's
   * bookkeeping; one the update returns is ignored). It may set top-level fields as it likes; the
   * values below them are the stored ones, frozen, so changing one in place throws instead of
   * corrupting the store (projections return new values; a frozen Date still has working setters:
   * do not call them). This spares a deep copy of the document for every event, and it lets the
   * stored copy of the result re-validate only what the update replaced (`storedUpdate`).
   */
  async applyGuarded(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome> {
    assertDocumentId(id);
    assertStreamRevision(streamId, revision);
    if (typeof update !== 'function') throw new InvalidInput('UPDATE_INVALID', 'applyGuarded needs an update function');
    const data = this.store.ensure(this.name, this.spec);
    const revisions = data.revisions.get(id);
    const last = revisions?.last(streamId);
    if (last !== undefined && revision <= last) return { kind: 'skipped', lastRevision: last };

    const current = data.documents.get(id);
    const next = update(current ? ({ ...current } as T) : null);
    if (next === null) {
      replace(data, id, undefined);
    } else {
      if (next instanceof Promise) throw new InvalidInput('UPDATE_INVALID', 'applyGuarded updates are synchronous: return the document, not a promise');
      const stored = storedUpdate(next, current);
      if (stored._id !== id) throw new InvalidInput('DOCUMENT_ID_MISMATCH', `the update for ${id} returned a document with _id ${stored._id}`);
      replace(data, id, stored);
    }
    // Only now that the write went through: a refused or throwing update leaves no trace.
    if (revisions) revisions.record(streamId, revision);
    else data.revisions.set(id, StreamRevisions.of(streamId, revision));
    const expected = last === undefined ? 0 : last + 1;
    return revision === expected ? APPLIED : { kind: 'gap', expected, got: revision };
  }

  async put(document: T): Promise<void> {
    const { _revisions: revisions, ...fields } = storedCopy(document) as ReadDocument;
    const data = this.store.ensure(this.name, this.spec);
    replace(data, fields._id, Object.freeze(fields));
    if (revisions === undefined) data.revisions.delete(fields._id);
    else data.revisions.set(fields._id, StreamRevisions.from(revisions));
  }

  async delete(id: string): Promise<void> {
    assertDocumentId(id);
    const data = this.store.data(this.name);
    if (!data) return;
    replace(data, id, undefined);
    data.revisions.delete(id);
  }
}

/** What a reader gets: a mutable deep copy, with `_revisions` put back if the document has them. */
function readable(data: CollectionData, document: ReadDocument): ReadDocument {
  const copy = thawedCopy(document) as Record<string, unknown>;
  const revisions = data.revisions.get(document._id);
  if (revisions) copy[REVISIONS] = revisions.toObject();
  return copy as ReadDocument;
}

/**
 * How a query sees the stored documents. They carry no `_revisions`, so a filter or sort that
 * names it is tested on copies with `_revisions` put back: slower, and only for such queries.
 */
function viewFor(data: CollectionData, filter: Filter, sort: ResolvedFindOptions['sort']): (document: ReadDocument) => ReadDocument {
  if (!sort.some(([path]) => isRevisionsPath(path)) && !mentionsRevisions(filter, 0)) return (document) => document;
  return (document) => {
    const revisions = data.revisions.get(document._id);
    return revisions ? { ...document, [REVISIONS]: revisions.toObject() } : document;
  };
}

function isRevisionsPath(path: string): boolean {
  return path === REVISIONS || path.startsWith(`${REVISIONS}.`);
}

/** Conservative: any key or string naming `_revisions` (field paths, `$expr` operands) counts, and so does any function. */
function mentionsRevisions(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes(REVISIONS);
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null || depth > 100) return false;
  if (Array.isArray(value)) return value.some((item) => mentionsRevisions(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes(REVISIONS) || mentionsRevisions(item, depth + 1));
}

/**
 * The stored copy of an update's result, validating and copying only what the update replaced.
 * A top-level object identical to the previous stored document's value under the same key is that
 * frozen, validated copy itself (the update received it in its shallow input and kept it), so it
 * is shared rather than checked and copied again. Everything else goes through `storedCopy`, which
 * refuses what it always refused. The result is read as `{ ...next }` reads it: own enumerable
 * properties, nothing from a non-object.
 */
function storedUpdate(next: unknown, previous: ReadDocument | undefined): ReadDocument {
  const fields: Readonly<Record<string, unknown>> = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : {};
  const keys = Object.keys(fields);
  let sharing = false;
  if (previous !== undefined) {
    for (const key of keys) {
      const value = fields[key];
      if (key !== REVISIONS && typeof value === 'object' && value !== null && value === previous[key]) {
        sharing = true;
        break;
      }
    }
  }
  // Nothing shared (a rebuild's documents mostly): one copy of the whole result, without an intermediate one.
  if (!sharing && !Object.hasOwn(fields, REVISIONS) && Object.getPrototypeOf(fields) === Object.prototype) return storedCopy(fields as ReadDocument);
  const changed: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === REVISIONS) continue;
    const value = fields[key];
    if (!(previous !== undefined && typeof value === 'object' && value !== null && value === previous[key])) changed[key] = value;
  }
  const validated = storedCopy(changed as ReadDocument) as Record<string, unknown>;
  if (!sharing) return validated as ReadDocument;
  // Put together in the update's key order, as a full copy would be.
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (Object.hasOwn(validated, key)) stored[key] = validated[key];
    else if (key !== REVISIONS && typeof fields[key] === 'object' && fields[key] !== null) stored[key] = fields[key];
  }
  return Object.freeze(stored) as ReadDocument;
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

interface Collected {
  readonly plan: Plan;
  /** As the query sees them (`viewFor`), in the plan's order. */
  readonly matches: ReadDocument[];
  readonly examined: number;
}

function run(plan: Plan, data: CollectionData, view: (document: ReadDocument) => ReadDocument, test: (document: ReadDocument) => boolean, wanted: number): Collected {
  const enough = plan.ordered ? wanted : Infinity;
  const matches: ReadDocument[] = [];
  let examined = 0;
  for (const candidate of candidates(plan, data)) {
    examined++;
    const document = view(candidate);
    if (!test(document)) continue;
    matches.push(document);
    if (matches.length >= enough) break;
  }
  return { plan, matches, examined };
}

/** One document from each plan in turn, until the ordered one has the page or the rival has everything. */
function race(ordered: Plan, rival: Plan, data: CollectionData, view: (document: ReadDocument) => ReadDocument, test: (document: ReadDocument) => boolean, wanted: number): Collected {
  const walks = [candidates(ordered, data)[Symbol.iterator](), candidates(rival, data)[Symbol.iterator]()];
  const found: ReadDocument[][] = [[], []];
  let examined = 0;
  for (;;) {
    for (const side of [0, 1]) {
      const next = walks[side].next();
      if (next.done) return { plan: side === 0 ? ordered : rival, matches: found[side], examined };
      examined++;
      const document = view(next.value);
      if (!test(document)) continue;
      found[side].push(document);
      if (side === 0 && found[0].length >= wanted) return { plan: ordered, matches: found[0], examined };
    }
  }
}

function candidates(plan: Plan, data: CollectionData): Iterable<ReadDocument> {
  switch (plan.kind) {
    case 'id':
      return (plan.ids ?? []).flatMap((id) => data.documents.get(id) ?? []);
    case 'index':
      return walkIndex(plan);
    case 'scan':
      return data.documents.values();
    case 'union':
      return walkUnion(plan, (branch) => candidates(branch, data));
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
