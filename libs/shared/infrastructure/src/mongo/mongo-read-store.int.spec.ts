import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CollectionSpec, GuardedOutcome, ReadDocument } from '@pls/event-sourcing';
import { describeCheckpointStoreConformance, describeProjectionConformance, describeReadStoreConformance } from '@pls/event-sourcing/testing';
import { MongoCheckpointStore } from './mongo-checkpoint-store.adapter';
import { MongoReadStore, versionCheckFor, type VersionCheck } from './mongo-read-store.adapter';

// Against FerretDB v1.24.2 on SQLite, built and started on demand (tools/servers/ferretdb.mjs), or
// against the server MONGO_URL names. One database per test file, one collection prefix per store.
// Loaded by path: tools/ is not an Nx library, and the module-boundary rule forbids relative imports into it.
const { ensureFerretDb } = require(join(__dirname, '../../../../../tools/servers/ferretdb.cjs')) as typeof import('../../../../../tools/servers/ferretdb.cjs');
type FerretDbHandle = Awaited<ReturnType<typeof ensureFerretDb>>;
const database = `pls_rs_${randomBytes(4).toString('hex')}`;
let server: FerretDbHandle;
const FIRST_BUILD_MS = 15 * 60_000;

beforeAll(async () => {
  server = await ensureFerretDb();
}, FIRST_BUILD_MS);

afterAll(async () => {
  if (!server) return;
  const store = await MongoReadStore.connect({ uri: server.uri, database });
  await store.connection.dropDatabase();
  await store.close();
  await server.stop();
});

const connect = (prefix = `t${randomBytes(4).toString('hex')}.`, versionCheck?: VersionCheck): Promise<MongoReadStore> => MongoReadStore.connect({ uri: server.uri, database, prefix, versionCheck });

describeReadStoreConformance('mongo on FerretDB', {
  async create() {
    const store = await connect();
    return { store, dispose: () => store.close() };
  },
});

describeProjectionConformance('mongo on FerretDB', {
  async create() {
    const store = await connect();
    return { store, dispose: () => store.close() };
  },
});

// MongoDB's default (the version in the replace filter), run here too: FerretDB answers it, only slowly.
describeReadStoreConformance('mongo on FerretDB, version checked in the filter', {
  async create() {
    const store = await connect(undefined, 'in-filter');
    return { store, dispose: () => store.close() };
  },
});

describeProjectionConformance('mongo on FerretDB, version checked in the filter', {
  async create() {
    const store = await connect(undefined, 'in-filter');
    return { store, dispose: () => store.close() };
  },
});

describeCheckpointStoreConformance('mongo on FerretDB', {
  async create() {
    const prefix = `t${randomBytes(4).toString('hex')}.`;
    let current = await connect(prefix);
    return {
      store: new MongoCheckpointStore(current),
      reopen: async () => {
        await current.close();
        current = await connect(prefix);
        return new MongoCheckpointStore(current);
      },
      dispose: () => current.close(),
    };
  },
});

describe('MongoReadStore on FerretDB', () => {
  const stream = 'legal-aid.application-7f3a';
  let stores: MongoReadStore[] = [];

  const open = async (prefix?: string, versionCheck?: VersionCheck): Promise<MongoReadStore> => {
    const store = await connect(prefix, versionCheck);
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  interface Tally extends ReadDocument {
    readonly seen: readonly number[];
  }

  it('given FerretDB, when a store is opened without a version check named, then it reads the version by _id and replaces by _id; another server keeps it in the filter', async () => {
    const store = await open();

    expect(await store.versionCheck()).toBe('read-then-replace');
    expect(versionCheckFor({ version: '7.0.14', ok: 1 })).toBe('in-filter');
    expect(versionCheckFor({ version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 })).toBe('read-then-replace');
    await expect(connect(undefined, 'optimistic' as VersionCheck)).rejects.toMatchObject({ code: 'VERSION_CHECK_INVALID' });
  });

  it('given a replace that fails without a definite answer, when the write is refused, then its claim stays so no other writer replaces the same version meanwhile', async () => {
    const store = await open();
    const folders = await store.collection<Tally>('claims-kept.v1', { name: 'claims-kept', indexes: [] });
    await folders.applyGuarded('f1', stream, 0, () => ({ _id: 'f1', seen: [0] }));
    const raw = store.raw('claims-kept.v1');
    const collectionPrototype = Object.getPrototypeOf(raw) as { replaceOne: (...args: unknown[]) => Promise<unknown> };
    const replace = jest.spyOn(collectionPrototype, 'replaceOne').mockRejectedValueOnce(new Error('connection reset by peer'));

    await expect(folders.applyGuarded('f1', stream, 1, (current) => ({ _id: 'f1', seen: [...(current?.seen ?? []), 1] }))).rejects.toThrow('connection reset by peer');
    replace.mockRestore();

    const version = (await raw.findOne({ _id: 'f1' }))?.['__rs']?.v as string;
    expect(await store.raw('_store.claims').findOne({ _id: JSON.stringify(['claims-kept.v1', 'f1', version]) })).not.toBeNull();
    expect(await store.claim('claims-kept.v1', 'f1', version)).toBeNull();
    expect(await folders.get('f1')).toMatchObject({ seen: [0] });
  });

  describe.each<VersionCheck>(['read-then-replace', 'in-filter'])('with the version checked %s', (versionCheck) => {
    it('given two store instances applying the same revisions of a stream concurrently, then each revision is applied exactly once', async () => {
      const prefix = `t${randomBytes(4).toString('hex')}.`;
      const [first, second] = [await open(prefix, versionCheck), await open(prefix, versionCheck)];
      const spec = { name: 'tallies', indexes: [] };
      const [a, b] = [await first.collection<Tally>('tallies.v1', spec), await second.collection<Tally>('tallies.v1', spec)];
      const record = (revision: number) => (current: Tally | null): Tally => ({ _id: 'org-gz', seen: [...(current?.seen ?? []), revision] });

      const outcomes: GuardedOutcome[][] = [];
      for (let revision = 0; revision < 20; revision++) {
        outcomes.push(await Promise.all([a.applyGuarded('org-gz', stream, revision, record(revision)), b.applyGuarded('org-gz', stream, revision, record(revision))]));
      }

      expect(outcomes.map((pair) => pair.map((outcome) => outcome.kind).sort())).toEqual(Array.from({ length: 20 }, () => ['applied', 'skipped']));
      expect(await b.get('org-gz')).toEqual({ _id: 'org-gz', seen: Array.from({ length: 20 }, (_, i) => i), _revisions: { [stream]: 19 } });
    });

    it('given four store instances feeding one document from different streams at once, then no write is lost', async () => {
      const prefix = `t${randomBytes(4).toString('hex')}.`;
      const spec = { name: 'tallies', indexes: [] };
      const handles = await Promise.all([0, 1, 2, 3].map(async () => (await open(prefix, versionCheck)).collection<Tally>('tallies.v1', spec)));
      const streams = Array.from({ length: 32 }, (_, i) => `intake.matter-${i}`);

      await Promise.all(streams.map((id, i) => handles[i % handles.length].applyGuarded('org-gz', id, 0, (current) => ({ _id: 'org-gz', seen: [...(current?.seen ?? []), i] }))));

      const tally = await handles[0].get('org-gz');
      expect([...(tally?.seen ?? [])].sort((x, y) => x - y)).toEqual(streams.map((_, i) => i));
      expect(Object.keys(tally?._revisions ?? {}).sort()).toEqual([...streams].sort());
    });
  });

  it('given a stored document, when a write with a $-prefixed key is refused, then nothing on the server changed', async () => {
    const store = await open();
    const folders = await store.collection('folders.v1', { name: 'folders', indexes: [] });
    await folders.applyGuarded('f1', stream, 0, () => ({ _id: 'f1', title: '原件', meta: { pages: 1 } }));
    const before = await store.raw('folders.v1').findOne({ _id: 'f1' });

    await expect(folders.put({ _id: 'f1', title: 'x', meta: { $set: { pages: 9 } } })).rejects.toMatchObject({ code: 'FIELD_NAME_INVALID' });
    await expect(folders.applyGuarded('f1', stream, 1, () => ({ _id: 'f1', title: 'y', list: [{ $where: 'sleep(1000)' }] }))).rejects.toMatchObject({ code: 'FIELD_NAME_INVALID' });
    await expect(folders.put({ _id: 'f2', __rs: { v: 'forged' } })).rejects.toMatchObject({ code: 'FIELD_NAME_INVALID' });

    expect(await store.raw('folders.v1').findOne({ _id: 'f1' })).toEqual(before);
    expect(await folders.count()).toBe(1);
    expect(await folders.applyGuarded('f1', stream, 1, (current) => current && { ...current, title: '副本' })).toEqual({ kind: 'applied' });
  });

  it('given a collection spec, when the collection is opened, then the server holds exactly its indexes', async () => {
    const store = await open();
    await store.collection('queue.v1', {
      name: 'queue',
      indexes: [{ fields: { orgId: 1, status: 1, dueAt: 1 } }, { fields: { 'party.region.code': -1 } }, { fields: { caseCode: 1 }, unique: true }, { fields: { _id: 1 } }],
    });

    const indexes = await store.raw('queue.v1').listIndexes().toArray();

    expect(indexes.map((index) => ({ key: index.key, unique: index.unique === true })).sort((x, y) => JSON.stringify(x.key).localeCompare(JSON.stringify(y.key)))).toEqual([
      { key: { _id: 1 }, unique: false },
      { key: { caseCode: 1 }, unique: true },
      { key: { orgId: 1, status: 1, dueAt: 1 }, unique: false },
      { key: { 'party.region.code': -1 }, unique: false },
    ]);
  });

  it('given a multikey region path index as the matters view declares it, when a subtree queue is read by deadline, then the server answers from documents holding arrays', async () => {
    const store = await open();
    const matters = await store.collection<ReadDocument & { regionPath: readonly string[]; nextDueAt: string | null }>('matters.v2', {
      name: 'matters',
      indexes: [{ fields: { regionPath: 1, nextDueAt: 1 } }, { fields: { receivingOrgId: 1, nextDueAt: 1 } }],
    });
    await matters.put({ _id: 'm1', regionPath: ['510000000000', '510100000000', '510104000000'], receivingOrgId: 'org-a', nextDueAt: '2026-03-02T00:00:00.000Z' });
    await matters.put({ _id: 'm2', regionPath: ['510000000000', '510100000000', '510105000000', '510104000000'], receivingOrgId: 'org-b', nextDueAt: '2026-03-01T00:00:00.000Z' });
    await matters.put({ _id: 'm3', regionPath: ['510000000000', '510100000000', '510105000000'], receivingOrgId: 'org-c', nextDueAt: '2026-02-01T00:00:00.000Z' });
    await matters.put({ _id: 'm4', regionPath: ['510000000000', '510100000000', '510104000000'], receivingOrgId: 'org-a', nextDueAt: null });

    const queue = await matters.find({ $and: [{ $or: [{ regionPath: '510104000000' }, { receivingOrgId: 'org-c' }] }, { nextDueAt: { $ne: null } }] }, { sort: { nextDueAt: 1, _id: 1 } });

    expect(queue.map((matter) => matter._id)).toEqual(['m3', 'm2', 'm1']);
    const indexes = await store.raw('matters.v2').listIndexes().toArray();
    expect(indexes.map((index) => index.key)).toContainEqual({ regionPath: 1, nextDueAt: 1 });
  });

  it('given stream ids and field names with dots, spaces and percent signs, then they are stored escaped and read back as written', async () => {
    const store = await open();
    const notes = await store.collection('notes.v1', { name: 'notes', indexes: [] });
    const odd = { 'a.b': 1, ' padded ': 2, '100%': 3, '全角　空格': 4 };

    await notes.applyGuarded('n1', stream, 0, () => ({ _id: 'n1', odd }));

    expect(await notes.get('n1')).toEqual({ _id: 'n1', odd, _revisions: { [stream]: 0 } });
    const raw = await store.raw('notes.v1').findOne({ _id: 'n1' });
    expect(raw?._revisions).toEqual({ 'legal-aid%002Eapplication-7f3a': 0 });
    expect(Object.keys(raw?.odd ?? {})).toEqual(['a%002Eb', '%0020padded%0020', '100%0025', '全角%3000空格']);
    expect((await notes.find({ 'odd.a.b': 1 })).map((note) => note._id)).toEqual([]);
    expect((await notes.find({ odd: { $eq: odd } })).map((note) => note._id)).toEqual(['n1']);
  });

  it('given a unique index, when documents holding keys are deleted by their streams, then the tombstones clash with nothing and the keys are free again', async () => {
    const store = await open();
    const spec: CollectionSpec = { name: 'codes', indexes: [{ fields: { 'case.code': 1 }, unique: true }] };
    const codes = await store.collection('codes.v1', spec);
    for (const id of ['a', 'b']) {
      await codes.applyGuarded(id, `${stream}-${id}`, 0, () => ({ _id: id, case: { code: `(2024)粤0104法援${id}号` } }));
      await codes.applyGuarded(id, `${stream}-${id}`, 1, () => null);
    }
    await codes.put({ _id: 'no-code' });

    await codes.applyGuarded('c', `${stream}-c`, 0, () => ({ _id: 'c', case: { code: '(2024)粤0104法援a号' } }));

    expect((await codes.find({})).map((document) => document._id).sort()).toEqual(['c', 'no-code']);
    expect(await codes.applyGuarded('a', `${stream}-a`, 0, () => ({ _id: 'a', case: { code: 'resurrected' } }))).toEqual({ kind: 'skipped', lastRevision: 1 });
    await expect(codes.put({ _id: 'd', case: { code: '(2024)粤0104法援a号' } })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
  });

  it('given a name in the store’s own namespace, when it is opened as a read model, then it is refused', async () => {
    const store = await open();

    await expect(store.collection('_store.aliases', { name: 'x', indexes: [] })).rejects.toMatchObject({ code: 'COLLECTION_NAME_INVALID' });
  });
});
