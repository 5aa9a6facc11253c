import { randomBytes } from 'node:crypto';
import type { CollectionSpec, Filter, FindOptions, GuardedOutcome, ReadCollection, ReadDocument, ReadStore } from '@pls/event-sourcing';
import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import mongoose, { type Connection } from 'mongoose';
import { assertCollectionName, assertCollectionSpec, assertDocumentId, assertFilter, assertStreamRevision, resolveFindOptions, storedCopy } from '../port-validation/read-store.validation';
import { decodeValue, encodeFilter, encodeIndexKey, encodeKey, encodePath, encodeSort, encodeValue } from './mongo-encoding';

type StoredDocument = mongoose.mongo.Document & { _id: string };
type RawCollection = mongoose.mongo.Collection<StoredDocument>;

export interface MongoReadStoreOptions {
  /** `mongodb://…`; the database is chosen by `database`, not by the URI's path. */
  readonly uri: string;
  /** Letters, digits, `_` and `-` only (FerretDB's rule, stricter than MongoDB's). */
  readonly database: string;
  /** Put before every physical collection name, so several deployments or test runs can share a database. */
  readonly prefix?: string;
  readonly serverSelectionTimeoutMs?: number;
  /** How a guarded write checks the version it read; by default chosen from the server (`versionCheckFor`). */
  readonly versionCheck?: VersionCheck;
}

/**
 * How a guarded write makes sure the document is still at the version it read when it replaces it.
 * - `in-filter`: one replace filtered on `{_id, version}`. Atomic on MongoDB, and the default there.
 * - `read-then-replace`: a read by `_id`, then a replace by `_id`, under the version's claim. For
 *   FerretDB 1.24 on SQLite, which pushes an update's filter down to SQL only when `_id` is its one
 *   key: with the version in the filter it decodes every document of the collection in Go (measured:
 *   35 ms per write at 1,000 documents, 95 ms with larger ones, against ~1.5 ms by `_id`). Its
 *   conditional update is not atomic either (it evaluates the filter, then writes by `_id`), so on
 *   FerretDB the version in the filter guarded nothing the claim does not.
 */
export type VersionCheck = 'in-filter' | 'read-then-replace';

/** Bookkeeping in every stored document: the write version compare-and-set works on, and the tombstone mark. */
const META = '__rs';
const VERSION = `${META}.v`;
const TOMBSTONE = `${META}.tombstone`;
const REVISIONS = '_revisions';
const NOT_A_TOMBSTONE = { $exists: false } as const;
/** Collections of the store itself, under the same prefix; refused as read-model names. */
const RESERVED = '_store.';
const ALIASES = `${RESERVED}aliases`;
export const DEFAULT_CHECKPOINT_COLLECTION = `${RESERVED}checkpoints`;
const CLAIMS = `${RESERVED}claims`;
/** Each round of a contended guarded write lets one writer through, so this bounds starvation, not throughput. */
const GUARDED_WRITE_TIMEOUT_MS = 30_000;
/** A claim this old belongs to a writer that died between claiming and writing; it may be taken over. */
const STALE_CLAIM_MS = 60_000;

const DUPLICATE_KEY = 11000;
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const BAD_VALUE = 2;
const FAILED_TO_PARSE = 9;

function serverCode(error: unknown): number | undefined {
  return error instanceof mongoose.mongo.MongoServerError ? Number(error.code) : undefined;
}

function newVersion(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Read models in MongoDB (or FerretDB) through mongoose's connection. The collections are reached
 * through the connection's driver API, not mongoose models: a model casts filters and documents
 * against a schema (and with `strict: false` still rewrites `$regex` and friends on cast), and it
 * buffers operations on a closed connection instead of failing them, while this store must pass
 * the read side's Mongo query language through exactly and refuse once closed. Indexes come from
 * the collection specs via `createIndexes`.
 */
export class MongoReadStore implements ReadStore {
  private closed = false;
  /** Specs whose indexes exist already, by physical name: every `collection()` re-asserts its spec. */
  private readonly ensured = new Map<string, Set<string>>();
  /** Guarded writes to one document queue here within this process; across processes the claims decide. */
  private readonly writing = new Map<string, Promise<unknown>>();

  private constructor(
    readonly connection: Connection,
    private readonly db: mongoose.mongo.Db,
    readonly prefix: string,
    private readonly ownsConnection: boolean,
    private readonly versionCheckOption: VersionCheck | undefined,
  ) {}

  private versionCheckOfServer: Promise<VersionCheck> | undefined;

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    // Before connecting: a refused option must not leave a connection open.
    assertVersionCheck(options.versionCheck);
    const connection = mongoose.createConnection(options.uri, {
      dbName: options.database,
      autoIndex: false,
      autoCreate: false,
      bufferCommands: false,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    await connection.asPromise();
    return MongoReadStore.over(connection, { prefix: options.prefix, ownsConnection: true, versionCheck: options.versionCheck });
  }

  /** Over a connection the caller manages (one per process, shared with the checkpoint store). */
  static over(connection: Connection, options: { prefix?: string; ownsConnection?: boolean; versionCheck?: VersionCheck } = {}): MongoReadStore {
    const db = connection.db;
    if (!db) throw new InvalidInput('STORE_NOT_CONNECTED', 'the mongoose connection is not open yet: await connection.asPromise() first');
    assertVersionCheck(options.versionCheck);
    return new MongoReadStore(connection, db, options.prefix ?? '', options.ownsConnection ?? false, options.versionCheck);
  }

  async collection<T extends ReadDocument = ReadDocument>(physicalName: string, spec: CollectionSpec): Promise<MongoReadCollection<T>> {
    this.assertOpen();
    assertReadModelName(physicalName);
    assertCollectionSpec(spec);
    await this.ensure(physicalName, spec);
    return new MongoReadCollection<T>(this, physicalName, spec);
  }

  async resolveAlias(logicalName: string): Promise<string | null> {
    const aliases = this.raw(ALIASES);
    const alias = await aliases.findOne({ _id: assertCollectionName(logicalName) });
    return typeof alias?.physical === 'string' ? alias.physical : null;
  }

  /** One document per logical name, replaced in one write: readers see the old target or the new one. */
  async swapAlias(logicalName: string, physicalName: string): Promise<void> {
    assertCollectionName(logicalName);
    assertReadModelName(physicalName);
    if (!(await this.exists(physicalName))) throw new InvalidInput('COLLECTION_UNKNOWN', `cannot point ${logicalName} at ${physicalName}: no such collection`);
    await this.raw(ALIASES).replaceOne({ _id: logicalName }, { physical: physicalName, swappedAt: new Date() }, { upsert: true });
  }

  async dropCollection(physicalName: string): Promise<void> {
    assertReadModelName(physicalName);
    this.assertOpen();
    this.ensured.delete(physicalName);
    try {
      await this.db.dropCollection(this.prefix + physicalName);
    } catch (error) {
      if (serverCode(error) !== NAMESPACE_NOT_FOUND) throw error;
    }
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    const all = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return all
      .map((collection) => collection.name)
      .filter((name) => name.startsWith(this.prefix) && !name.startsWith(this.prefix + RESERVED))
      .map((name) => name.slice(this.prefix.length))
      .sort();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ensured.clear();
    if (this.ownsConnection) await this.connection.close();
  }

  /** @internal The option, else what the server calls for: FerretDB says who it is in `buildInfo`. Asked once. */
  versionCheck(): Promise<VersionCheck> {
    if (this.versionCheckOption) return Promise.resolve(this.versionCheckOption);
    this.versionCheckOfServer ??= this.db
      .admin()
      .command({ buildInfo: 1 })
      .then((info) => versionCheckFor(info))
      .catch((error: unknown) => {
        this.versionCheckOfServer = undefined;
        throw error;
      });
    return this.versionCheckOfServer;
  }

  /** @internal The server-side collection behind a physical name; refuses once the store is closed. */
  raw(physicalName: string): RawCollection {
    this.assertOpen();
    return this.db.collection<StoredDocument>(this.prefix + physicalName);
  }

  /** @internal Runs one write per key at a time in this process, in call order. */
  async serialize<R>(key: string, action: () => Promise<R>): Promise<R> {
    const previous = this.writing.get(key) ?? Promise.resolve();
    const result = previous.then(action, action);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(key, settled);
    try {
      return await result;
    } finally {
      if (this.writing.get(key) === settled) this.writing.delete(key);
    }
  }

  /**
   * @internal Claims the right to replace one version of one document, exclusively: an insert
   * under a unique _id is the one write FerretDB makes atomic (see `applyGuarded`). False if
   * another writer holds the claim. Versions are random and never reused, so a claim never
   * blocks a later version; one left by a writer that died before writing is taken over once stale.
   */
  async claim(physicalName: string, id: string, version: string): Promise<(() => Promise<void>) | null> {
    const claims = this.raw(CLAIMS);
    const claimId = JSON.stringify([physicalName, id, version]);
    try {
      await claims.insertOne({ _id: claimId, claimedAt: new Date() });
    } catch (error) {
      if (serverCode(error) !== DUPLICATE_KEY) throw error;
      const held = await claims.findOne({ _id: claimId });
      if (held && held.claimedAt instanceof Date && Date.now() - held.claimedAt.getTime() > STALE_CLAIM_MS) await claims.deleteOne({ _id: claimId });
      return null;
    }
    return async () => {
      await claims.deleteOne({ _id: claimId });
    };
  }

  private async exists(physicalName: string): Promise<boolean> {
    this.assertOpen();
    return (await this.db.listCollections({ name: this.prefix + physicalName }, { nameOnly: true }).toArray()).length > 0;
  }

  private async ensure(physicalName: string, spec: CollectionSpec): Promise<void> {
    const key = JSON.stringify(spec.indexes);
    if (this.ensured.get(physicalName)?.has(key)) return;
    // Created explicitly so that an empty collection is listed (MongoDB creates one lazily on first write).
    try {
      await this.db.createCollection(this.prefix + physicalName);
    } catch (error) {
      if (serverCode(error) !== NAMESPACE_EXISTS) throw error;
    }
    const indexes = spec.indexes
      .filter((index) => !isIdOnly(index))
      .map((index) => {
        const fields = encodeIndexKey(index);
        return { key: fields, name: Object.entries(fields).map(([path, direction]) => `${path}_${direction}`).join('_'), ...(index.unique ? { unique: true } : {}) };
      });
    // Only the missing ones: FerretDB 1.24 panics (and drops the connection) on a createIndexes
    // whose list repeats indexes that already exist — which every second process opening a shared
    // read model does.
    const existing = new Set((await this.raw(physicalName).listIndexes().toArray()).map((index) => String(index['name'])));
    const missing = indexes.filter((index) => !existing.has(index.name));
    if (missing.length > 0) {
      try {
        await this.raw(physicalName).createIndexes(missing);
      } catch (error) {
        if (serverCode(error) === DUPLICATE_KEY) throw new ConcurrencyConflict('DUPLICATE_KEY', `cannot build a unique index on ${physicalName}: documents share a key (${(error as Error).message})`);
        throw error;
      }
    }
    const ensured = this.ensured.get(physicalName) ?? new Set<string>();
    ensured.add(key);
    this.ensured.set(physicalName, ensured);
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput('STORE_CLOSED', 'the Mongo read store has been closed');
  }
}

export class MongoReadCollection<T extends ReadDocument = ReadDocument> implements ReadCollection<T> {
  constructor(
    private readonly store: MongoReadStore,
    readonly name: string,
    private readonly spec: CollectionSpec,
  ) {}

  async get(id: string): Promise<T | null> {
    assertDocumentId(id);
    const stored = await this.store.raw(this.name).findOne({ _id: id, [TOMBSTONE]: NOT_A_TOMBSTONE });
    return stored ? (readable(stored) as T) : null;
  }

  async find(filter?: Filter, options?: FindOptions): Promise<T[]> {
    const query = liveOnly(filter);
    const { sort, skip, limit } = resolveFindOptions(options);
    const collection = this.store.raw(this.name);
    // MongoDB reads a limit of 0 as "no limit"; the port means "nothing".
    if (limit === 0) return [];
    const found = await queryErrors(() =>
      collection
        .find(query, { sort: encodeSort(sort), skip: skip > 0 ? skip : undefined, limit: limit === Infinity ? undefined : limit })
        .toArray(),
    );
    return found.map((stored) => readable(stored) as T);
  }

  async count(filter?: Filter): Promise<number> {
    const query = liveOnly(filter);
    return queryErrors(() => this.store.raw(this.name).countDocuments(query));
  }

  /**
   * Compare-and-set on the document's write version: read it, decide, then replace it only if the
   * version is still the one read (or insert it only if there still is none). A writer that lost
   * the race reads again and decides again, so two writers — in one process or in two — never
   * both apply, and none is lost. A deleted document stays as a tombstone holding its
   * `_revisions`, so a redelivered earlier event cannot bring it back.
   *
   * On MongoDB a replace filtered on `{_id, version}` would be atomic. FerretDB 1.24 is not: it
   * evaluates the filter, then writes by `_id`, with nothing holding the row in between, so two
   * writers that read the same version both "match". Hence the claim first: only the writer whose
   * insert of the claim for the version it read succeeded goes on to check that the document is
   * still at that version and replace it (inserts are atomic there, as the `_id` is a real unique
   * key in SQLite). On MongoDB the replace keeps the version in its filter; on FerretDB the version
   * is read by `_id` and the replace is by `_id`, the one filter it answers without decoding the
   * whole collection (`VersionCheck`). Writers in this process queue per document first, so they
   * do not spin on each other's claims.
   */
  async applyGuarded(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome> {
    assertDocumentId(id);
    assertStreamRevision(streamId, revision);
    if (typeof update !== 'function') throw new InvalidInput('UPDATE_INVALID', 'applyGuarded needs an update function');
    return this.store.serialize(JSON.stringify([this.name, id]), () => this.applyGuardedOnce(id, streamId, revision, update));
  }

  private async applyGuardedOnce(id: string, streamId: string, revision: number, update: (current: T | null) => T | null): Promise<GuardedOutcome> {
    const collection = this.store.raw(this.name);
    const streamKey = encodeKey(streamId);
    const deadline = Date.now() + GUARDED_WRITE_TIMEOUT_MS;
    const check = await this.store.versionCheck();
    while (Date.now() < deadline) {
      // From the primary: a version read from a lagging secondary could be claimed and replaced over a newer one.
      const stored = await collection.findOne({ _id: id }, { readPreference: 'primary' });
      const revisions = (stored?.[REVISIONS] ?? {}) as Record<string, number>;
      const last = revisions[streamKey];
      if (last !== undefined && revision <= last) return { kind: 'skipped', lastRevision: last };

      const live = stored && !stored[META]?.tombstone ? (readable(stored) as Record<string, unknown>) : null;
      if (live) delete live[REVISIONS];
      const next = update(live as T | null);
      if (next instanceof Promise) throw new InvalidInput('UPDATE_INVALID', 'applyGuarded updates are synchronous: return the document, not a promise');
      const nextRevisions = { ...revisions, [streamKey]: revision };
      const body = next === null ? this.tombstone(id, nextRevisions) : { ...storable(next, id), [REVISIONS]: nextRevisions };

      let written: boolean;
      if (stored) {
        const version = stored[META]?.v ?? null;
        const release = await this.store.claim(this.name, id, String(version ?? ''));
        if (!release) continue;
        // A replace that failed may still land (a connection lost after the server had it): its
        // claim is then kept until it goes stale, so no other writer replaces the same version meanwhile.
        try {
          written = check === 'in-filter' ? await replaceIfUnchanged(collection, stored._id, version, body) : await replaceIfStillAt(collection, stored._id, version, body);
        } catch (error) {
          // A unique-key refusal is the server's definite "not written": the version is free again.
          if (error instanceof ConcurrencyConflict && error.code === 'DUPLICATE_KEY') await release();
          throw error;
        }
        await release();
      } else {
        written = await insertIfAbsent(collection, body);
      }
      if (!written) continue;
      const expected = last === undefined ? 0 : last + 1;
      return revision === expected ? { kind: 'applied' } : { kind: 'gap', expected, got: revision };
    }
    throw new ConcurrencyConflict('GUARDED_WRITE_CONTENDED', `${this.name}/${id}: gave up after ${GUARDED_WRITE_TIMEOUT_MS / 1000} s of contended attempts`);
  }

  async put(document: T): Promise<void> {
    const body = storable(document);
    const collection = this.store.raw(this.name);
    // An upsert racing another upsert of the same new _id can lose with a duplicate _id; the retry then replaces.
    for (let attempt = 0; ; attempt++) {
      try {
        await collection.replaceOne({ _id: body._id }, body, { upsert: true });
        return;
      } catch (error) {
        if (serverCode(error) !== DUPLICATE_KEY) throw error;
        if (attempt >= 2 || !(await collection.findOne({ _id: body._id }, { projection: { _id: 1 } }))) throw duplicateKey(this.name, body._id, error);
      }
    }
  }

  async delete(id: string): Promise<void> {
    assertDocumentId(id);
    await this.store.raw(this.name).deleteOne({ _id: id });
  }

  /**
   * A deleted document's stand-in. Every unique index gets a value only this tombstone has on its
   * first field: two tombstones (or a tombstone and a document lacking the field) would otherwise
   * share the null key and refuse each other. MongoDB would allow a partial index instead, but
   * FerretDB 1.24 has no `partialFilterExpression` and ignores `sparse`.
   */
  private tombstone(id: string, revisions: Record<string, number>): StoredDocument {
    const body: Record<string, unknown> = { _id: id };
    const paths = this.spec.indexes
      .filter((index) => index.unique)
      .map((index) => encodePath(Object.keys(index.fields)[0], 'INDEX_SPEC_INVALID').split('.'))
      .sort((a, b) => b.length - a.length);
    for (const path of paths) {
      if (path[0] === '_id') continue;
      let at = body;
      for (const [depth, segment] of path.entries()) {
        const existing = at[segment];
        if (depth === path.length - 1) {
          if (existing === undefined) at[segment] = { tombstoneOf: id };
        } else if (typeof existing === 'object' && existing !== null) at = existing as Record<string, unknown>;
        else if (existing === undefined) at = at[segment] = {};
        else break;
      }
    }
    return { ...body, [REVISIONS]: revisions, [META]: { v: newVersion(), tombstone: true } } as unknown as StoredDocument;
  }
}

function isIdOnly(index: { readonly fields: Readonly<Record<string, 1 | -1>> }): boolean {
  const paths = Object.keys(index.fields);
  return paths.length === 1 && paths[0] === '_id';
}

function assertReadModelName(name: string): string {
  assertCollectionName(name);
  if (name.startsWith(RESERVED)) throw new InvalidInput('COLLECTION_NAME_INVALID', `collection names starting with "${RESERVED}" belong to the store itself, got ${JSON.stringify(name)}`);
  return name;
}

/** The caller's filter in stored names, never matching a tombstone. */
function liveOnly(filter: Filter | undefined): Record<string, unknown> {
  const encoded = encodeFilter(assertFilter(filter));
  return TOMBSTONE in encoded ? { $and: [encoded, { [TOMBSTONE]: NOT_A_TOMBSTONE }] } : { ...encoded, [TOMBSTONE]: NOT_A_TOMBSTONE };
}

/** A filter the server refuses to parse is the caller's mistake; anything else is the server's. */
async function queryErrors<R>(action: () => Promise<R>): Promise<R> {
  try {
    return await action();
  } catch (error) {
    const code = serverCode(error);
    if (code === BAD_VALUE || code === FAILED_TO_PARSE) throw new InvalidInput('FILTER_INVALID', `not a valid query: ${(error as Error).message}`);
    throw error;
  }
}

/** Checked like every adapter checks documents (same codes), then escaped and stamped with a fresh write version. */
function storable(document: unknown, expectedId?: string): StoredDocument {
  if (expectedId !== undefined && typeof document === 'object' && document !== null && !Array.isArray(document)) {
    // The stored `_revisions` are the store's own, whatever an update returns.
    const { [REVISIONS]: _ignored, ...fields } = document as Record<string, unknown>;
    document = fields;
  }
  const checked = storedCopy(document as ReadDocument) as Record<string, unknown>;
  if (expectedId !== undefined && checked._id !== expectedId) throw new InvalidInput('DOCUMENT_ID_MISMATCH', `the update for ${expectedId} returned a document with _id ${String(checked._id)}`);
  if (META in checked) throw new InvalidInput('FIELD_NAME_INVALID', `field name ${JSON.stringify(META)} is the Mongo read store's own bookkeeping`);
  return { ...(encodeValue(checked) as Record<string, unknown>), [META]: { v: newVersion() } } as unknown as StoredDocument;
}

function readable(stored: StoredDocument): ReadDocument {
  const { [META]: _meta, ...fields } = stored;
  return decodeValue(fields) as ReadDocument;
}

/** `versionCheck: 'in-filter'`: one replace whose filter holds the version read (atomic on MongoDB). */
function replaceIfUnchanged(collection: RawCollection, id: string, version: string | null, body: StoredDocument): Promise<boolean> {
  return replaceMatching(collection, { _id: id, [VERSION]: version }, id, body);
}

/**
 * `versionCheck: 'read-then-replace'`: the version checked by a read by `_id`, then a replace by
 * `_id`, the only filter FerretDB answers without decoding the whole collection. Safe under the
 * claim: only its holder replaces the claimed version, so between the read and the replace no other
 * guarded writer can move the document on. (What the claim cannot rule out, a writer stalled past
 * the claim's staleness while another takes it over, FerretDB's own non-atomic conditional update
 * could not rule out either. Unguarded `put`/`delete` are for documents no stream feeds: the port.)
 */
async function replaceIfStillAt(collection: RawCollection, id: string, version: string | null, body: StoredDocument): Promise<boolean> {
  const current = await collection.findOne({ _id: id }, { projection: { [META]: 1 }, readPreference: 'primary' });
  if (!current || (current[META]?.v ?? null) !== version) return false;
  return replaceMatching(collection, { _id: id }, id, body);
}

/** True when the filter matched and the document was replaced; a clash on a unique index is the caller's DUPLICATE_KEY. */
async function replaceMatching(collection: RawCollection, filter: mongoose.mongo.Filter<StoredDocument>, id: string, body: StoredDocument): Promise<boolean> {
  try {
    const result = await collection.replaceOne(filter, body);
    return result.matchedCount === 1;
  } catch (error) {
    if (serverCode(error) === DUPLICATE_KEY) throw duplicateKey(collection.collectionName, id, error);
    throw error;
  }
}

function assertVersionCheck(value: unknown): void {
  if (value !== undefined && value !== 'in-filter' && value !== 'read-then-replace') {
    throw new InvalidInput('VERSION_CHECK_INVALID', `versionCheck is 'in-filter' or 'read-then-replace', got ${JSON.stringify(value)}`);
  }
}

/** FerretDB answers `buildInfo` with its own version beside the MongoDB one it mimics. */
export function versionCheckFor(buildInfo: Record<string, unknown>): VersionCheck {
  return typeof buildInfo['ferretdbVersion'] === 'string' ? 'read-then-replace' : 'in-filter';
}

/** False when someone else inserted the document meanwhile; a clash on another unique index is the caller's DUPLICATE_KEY. */
async function insertIfAbsent(collection: RawCollection, body: StoredDocument): Promise<boolean> {
  try {
    await collection.insertOne(body);
    return true;
  } catch (error) {
    if (serverCode(error) !== DUPLICATE_KEY) throw error;
    if (await collection.findOne({ _id: body._id }, { projection: { _id: 1 } })) return false;
    throw duplicateKey(collection.collectionName, body._id, error);
  }
}

function duplicateKey(collection: string, id: string, error: unknown): ConcurrencyConflict {
  return new ConcurrencyConflict('DUPLICATE_KEY', `${id} would duplicate a unique key in ${collection}: ${(error as Error).message}`);
}
