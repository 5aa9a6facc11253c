/* eslint-disable @nx/enforce-module-boundaries -- a prototype of a change to MemoryReadStore must reuse that adapter's internals (index, planner, validation) so that only the change is measured */
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
} from '../../../../libs/shared/infrastructure/src/port-validation/read-store.validation';
import { planQuery, sortDocuments, walkIndex, type Plan } from '../../../../libs/shared/infrastructure/src/memory-read-store/query-planner';
import { SecondaryIndex } from '../../../../libs/shared/infrastructure/src/memory-read-store/secondary-index';

/**
 * PROTOTYPE — not product code. A copy of `MemoryReadStore` with two changes to `applyGuarded`,
 * kept here to measure them (tools/bench/src/prototypes/rebuild-ablation.ts) and to prove with the
 * read-store conformance suites that they keep the port's contract. If adopted, the change belongs
 * in libs/shared/infrastructure/src/memory-read-store/memory-read-store.adapter.ts.
 *
 * 1. Revisions live beside the document, not in it. The adapter keeps `_revisions` inside each
 *    stored document, keyed by stream id: every document then has a property name no other
 *    document has, so V8 gives each its own hidden class (hundreds of thousands of maps), and
 *    `revisions[streamId]` and `{ ...revisions, [streamId]: n }` run megamorphic. Here an entry
 *    holds the frozen document and two small parallel arrays (streams, revisions); `_revisions` is
 *    materialised only when a document is read.
 * 2. Cheaper copies. The update receives a shallow copy (its top level may be mutated as before;
 *    nested values are the stored, frozen ones, so mutating them throws instead of corrupting the
 *    store), and the stored copy re-validates only the top-level values the update replaced.
 *    The adapter deep-thaws and deep-copies the whole document for every event.
 */

type Revisions = Readonly<Record<string, number>>;

interface Entry {
  /** Frozen, without `_revisions`; undefined once deleted (the entry stays as the tombstone). */
  document: ReadDocument | undefined;
  readonly streams: string[];
  readonly revisions: number[];
}

interface CollectionData {
  readonly entries: Map<string, Entry>;
  readonly indexes: SecondaryIndex[];
  readonly applied: WeakSet<CollectionSpec>;
  size: number;
}

export interface SideTableReadStoreOptions {
  /** Change 2 (shallow input, structural sharing). Off: deep copies as in the adapter, to measure change 1 alone. */
  readonly sharedCopies?: boolean;
}

export class SideTableReadStore implements ReadStore {
  private readonly collections = new Map<string, CollectionData>();
  private readonly aliases = new Map<string, string>();
  private closed = false;

  constructor(readonly options: SideTableReadStoreOptions = {}) {}

  async collection<T extends ReadDocument = ReadDocument>(physicalName: string, spec: CollectionSpec): Promise<ReadCollection<T>> {
    this.assertOpen();
    assertCollectionName(physicalName);
    assertCollectionSpec(spec);
    this.ensure(physicalName, spec);
    return new SideTableCollection<T>(this, physicalName, spec, this.options.sharedCopies ?? true);
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

  data(name: string): CollectionData | undefined {
    this.assertOpen();
    return this.collections.get(name);
  }

  ensure(name: string, spec: CollectionSpec): CollectionData {
    this.assertOpen();
    let data = this.collections.get(name);
    if (data?.applied.has(spec)) return data;
    if (!data) {
      data = { entries: new Map(), indexes: [], applied: new WeakSet(), size: 0 };
      this.collections.set(name, data);
    }
    for (const declared of spec.indexes) {
      if (data.indexes.some((index) => index.sameFieldsAs(declared))) continue;
      const index = new SecondaryIndex(declared);
      for (const { document } of data.entries.values()) {
        if (!document) continue;
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

class SideTableCollection<T extends ReadDocument = ReadDocument> implements ReadCollection<T> {
  constructor(
    private readonly store: SideTableReadStore,
    readonly name: string,
    private readonly spec: CollectionSpec,
    private readonly sharedCopies: boolean,
  ) {}

  async get(id: string): Promise<T | null> {
    assertDocumentId(id);
    const entry = this.store.data(this.name)?.entries.get(id);
    return entry?.document ? (readable(entry) as T) : null;
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    const query = compile(filter);
    const { sort, skip, limit } = resolveFindOptions(options);
    const data = this.store.data(this.name);
    if (!data || limit === 0) return [];
    const plan = planQuery(query.filter, sort, data.indexes);
    const enough = plan.ordered ? skip + limit : Infinity;
    const matches: ReadDocument[] = [];
    for (const document of candidates(plan, data)) {
      if (!query.test(withRevisions(data, document, query.needsRevisions))) continue;
      matches.push(document);
      if (matches.length >= enough) break;
    }
    const page = (plan.ordered ? matches : sortDocuments(matches, sort)).slice(skip, skip + limit);
    return page.map((document) => readable(data.entries.get(document._id) as Entry) as T);
  }

  async count(filter?: Filter): Promise<number> {
    const query = compile(filter);
    const data = this.store.data(this.name);
    if (!data) return 0;
    if (Object.keys(query.filter).length === 0) return data.size;
    const plan = planQuery(query.filter, [], data.indexes);
    let matched = 0;
    for (const document of candidates(plan, data)) if (query.test(withRevisions(data, document, query.needsRevisions))) matched++;
    return matched;
  }

  async applyGuarded(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome> {
    assertDocumentId(id);
    assertStreamRevision(streamId, revision);
    if (typeof update !== 'function') throw new InvalidInput('UPDATE_INVALID', 'applyGuarded needs an update function');
    const data = this.store.ensure(this.name, this.spec);
    // One lookup finds the document and its revisions together.
    const entry = data.entries.get(id);
    const slot = entry ? entry.streams.indexOf(streamId) : -1;
    const last = slot === -1 ? undefined : (entry as Entry).revisions[slot];
    if (last !== undefined && revision <= last) return { kind: 'skipped', lastRevision: last };

    const current = entry?.document;
    const input = current ? (this.sharedCopies ? { ...current } : thawedCopy(current)) : null;
    const next = update(input as T | null);
    if (next === null) {
      replace(data, id, undefined);
    } else {
      if (next instanceof Promise) throw new InvalidInput('UPDATE_INVALID', 'applyGuarded updates are synchronous: return the document, not a promise');
      const fields = withoutRevisions(next as ReadDocument);
      const stored = this.sharedCopies ? sharingCopy(fields, current) : storedCopy(fields as ReadDocument);
      if (stored._id !== id) throw new InvalidInput('DOCUMENT_ID_MISMATCH', `the update for ${id} returned a document with _id ${stored._id}`);
      replace(data, id, stored);
    }
    const target = data.entries.get(id) ?? newEntry(data, id);
    if (slot === -1) {
      target.streams.push(streamId);
      target.revisions.push(revision);
    } else {
      target.revisions[slot] = revision;
    }
    const expected = last === undefined ? 0 : last + 1;
    return revision === expected ? { kind: 'applied' } : { kind: 'gap', expected, got: revision };
  }

  async put(document: T): Promise<void> {
    const { _revisions: revisions, ...fields } = storedCopy(document) as ReadDocument;
    const data = this.store.ensure(this.name, this.spec);
    replace(data, fields._id, Object.freeze(fields) as ReadDocument);
    const entry = data.entries.get(fields._id) as Entry;
    entry.streams.length = 0;
    entry.revisions.length = 0;
    for (const [stream, revision] of Object.entries(revisions ?? {})) {
      entry.streams.push(stream);
      entry.revisions.push(revision);
    }
  }

  async delete(id: string): Promise<void> {
    assertDocumentId(id);
    const data = this.store.data(this.name);
    if (!data) return;
    replace(data, id, undefined);
    data.entries.delete(id);
  }
}

/** Rest destructuring copies every field: only pay for it when an update did return `_revisions`. */
function withoutRevisions(document: ReadDocument): Record<string, unknown> {
  if (!Object.hasOwn(document, '_revisions')) return document;
  const { _revisions: _ignored, ...fields } = document;
  return fields;
}

function newEntry(data: CollectionData, id: string): Entry {
  const entry: Entry = { document: undefined, streams: [], revisions: [] };
  data.entries.set(id, entry);
  return entry;
}

function revisionsOf(entry: Entry): Revisions {
  const revisions: Record<string, number> = {};
  entry.streams.forEach((stream, index) => (revisions[stream] = entry.revisions[index]));
  return revisions;
}

/** What a reader sees: a mutable deep copy with `_revisions` put back. */
function readable(entry: Entry): ReadDocument {
  const document = thawedCopy(entry.document as ReadDocument);
  return entry.streams.length === 0 ? document : { ...document, _revisions: revisionsOf(entry) };
}

function withRevisions(data: CollectionData, document: ReadDocument, needed: boolean): ReadDocument {
  const entry = data.entries.get(document._id) as Entry;
  return needed && entry.streams.length > 0 ? { ...document, _revisions: revisionsOf(entry) } : document;
}

/**
 * A stored copy that re-validates only what changed: a top-level value identical to the previous
 * stored document's was validated and frozen when that one was stored, so it is shared.
 */
function sharingCopy(next: Record<string, unknown>, previous: ReadDocument | undefined): ReadDocument {
  if (!previous) return storedCopy(next as ReadDocument);
  const changed: Record<string, unknown> = { _id: next._id };
  let shared = 0;
  for (const key of Object.keys(next)) {
    const value = next[key];
    if (value !== null && typeof value === 'object' && value === previous[key]) shared++;
    else changed[key] = value;
  }
  if (shared === 0) return storedCopy(changed as ReadDocument);
  const validated = storedCopy(changed as ReadDocument) as Record<string, unknown>;
  // Rebuilt in the update's key order, as the adapter stores it.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (Object.hasOwn(validated, key)) copy[key] = validated[key];
    else if (next[key] !== undefined) copy[key] = next[key];
  }
  return Object.freeze(copy) as ReadDocument;
}

function replace(data: CollectionData, id: string, next: ReadDocument | undefined): void {
  const entry = data.entries.get(id);
  const previous = entry?.document;
  if (next) {
    for (const index of data.indexes) {
      const conflict = index.conflictFor(next);
      if (conflict) throw new ConcurrencyConflict('DUPLICATE_KEY', `${id} would duplicate the key of ${conflict} in unique index ${index.name}`);
    }
  }
  for (const index of data.indexes) index.replace(previous, next);
  const target = entry ?? newEntry(data, id);
  if (previous && !next) data.size--;
  if (!previous && next) data.size++;
  target.document = next;
}

function candidates(plan: Plan, data: CollectionData): Iterable<ReadDocument> {
  switch (plan.kind) {
    case 'id':
      return (plan.ids ?? []).flatMap((id) => data.entries.get(id)?.document ?? []);
    case 'index':
      return walkIndex(plan);
    case 'scan':
      return [...data.entries.values()].flatMap((entry) => entry.document ?? []);
    default: {
      const unexpected: never = plan.kind;
      throw new TypeError(`unknown plan ${String(unexpected)}`);
    }
  }
}

function compile(filter: Filter | undefined): { filter: Filter; needsRevisions: boolean; test(document: ReadDocument): boolean } {
  const checked = assertFilter(filter);
  let query: Query;
  try {
    query = new Query(checked as Record<string, unknown>);
  } catch (error) {
    throw new InvalidInput('FILTER_INVALID', `not a valid query: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    filter: checked,
    // Stored documents lack `_revisions`; a filter that names it is tested against the materialised form.
    needsRevisions: JSON.stringify(checked).includes('_revisions'),
    test: (document) => {
      try {
        return query.test(document);
      } catch (error) {
        throw new InvalidInput('FILTER_INVALID', `not a valid query: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
