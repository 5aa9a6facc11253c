import type { IndexSpec, ReadCollection, ReadDocument, ReadStore } from '../ports/read-store.port';
import { expectRefusal, uniqueName } from './conformance-support';

export interface ReadStoreHarness {
  readonly store: ReadStore;
  dispose(): Promise<void>;
}

export interface ReadStoreFactory {
  create(): Promise<ReadStoreHarness>;
}

interface CaseDocument extends ReadDocument {
  readonly orgId: string;
  readonly status: string;
  readonly priority?: number;
  readonly dueAt: string;
  readonly party: { readonly name: string; readonly region: { readonly code: string } };
  readonly tags: readonly string[];
  readonly lawyer?: string;
}

const CASES: readonly CaseDocument[] = [
  { _id: 'c01', orgId: 'org-a', status: 'open', priority: 3, dueAt: '2024-03-01T09:00:00.000Z', party: { name: '张三', region: { code: '440104' } }, tags: ['urgent'], lawyer: 'l-1' },
  { _id: 'c02', orgId: 'org-a', status: 'open', priority: 1, dueAt: '2024-02-10T09:00:00.000Z', party: { name: '李四', region: { code: '440106' } }, tags: [] },
  { _id: 'c03', orgId: 'org-a', status: 'review', priority: 5, dueAt: '2024-04-15T09:00:00.000Z', party: { name: '王五', region: { code: '110101' } }, tags: ['minor'], lawyer: 'l-2' },
  { _id: 'c04', orgId: 'org-a', status: 'closed', priority: 2, dueAt: '2024-01-05T09:00:00.000Z', party: { name: '赵六', region: { code: '440104' } }, tags: [] },
  { _id: 'c05', orgId: 'org-b', status: 'open', dueAt: '2024-03-20T09:00:00.000Z', party: { name: '钱七', region: { code: '310101' } }, tags: ['urgent', 'minor'] },
  { _id: 'c06', orgId: 'org-b', status: 'open', priority: 4, dueAt: '2024-03-02T09:00:00.000Z', party: { name: '孙八', region: { code: '440111' } }, tags: [], lawyer: 'l-1' },
  { _id: 'c07', orgId: 'org-b', status: 'review', priority: 1, dueAt: '2024-05-01T09:00:00.000Z', party: { name: '周九', region: { code: '440104' } }, tags: [] },
  { _id: 'c08', orgId: 'org-b', status: 'closed', dueAt: '2023-12-31T09:00:00.000Z', party: { name: '吴十', region: { code: '120101' } }, tags: [] },
  { _id: 'c09', orgId: 'org-c', status: 'open', priority: 2, dueAt: '2024-02-28T09:00:00.000Z', party: { name: '郑一', region: { code: '440104' } }, tags: [], lawyer: 'l-3' },
  { _id: 'c10', orgId: 'org-c', status: 'open', priority: 3, dueAt: '2024-03-01T10:00:00.000Z', party: { name: '冯二', region: { code: '440103' } }, tags: ['urgent'] },
];

const INDEXES: readonly IndexSpec[] = [
  { fields: { orgId: 1, status: 1, dueAt: 1 } },
  { fields: { dueAt: -1 } },
  { fields: { 'party.region.code': 1 } },
  { fields: { priority: 1, _id: 1 } },
];

/** A supervisor's work queue in miniature: a region subtree or one organisation, only what has a value. */
const SUBTREE_QUEUE = { $and: [{ $or: [{ 'party.region.code': { $regex: '^44010' } }, { orgId: 'org-b' }] }, { priority: { $ne: null } }] };

const ids = (documents: readonly ReadDocument[]): string[] => documents.map((document) => document._id);
const sortedIds = (documents: readonly ReadDocument[]): string[] => ids(documents).sort();

/**
 * The behaviour every ReadStore adapter must show: MongoDB's query semantics for the subset the
 * read side uses, revision-guarded idempotent writes, and aliased collection generations.
 * Collection names are random per test, so the suite may share a database with other runs.
 */
export function describeReadStoreConformance(adapterName: string, factory: ReadStoreFactory): void {
  describe(`ReadStore conformance: ${adapterName}`, () => {
    let harness: ReadStoreHarness;
    let store: ReadStore;

    beforeEach(async () => {
      harness = await factory.create();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    const open = <T extends ReadDocument = ReadDocument>(indexes: readonly IndexSpec[] = [], name = uniqueName('conformance.rs')): Promise<ReadCollection<T>> =>
      store.collection<T>(name, { name, indexes });

    describe('documents', () => {
      it('given a stored document, when it is read back, then it equals what was put and neither side can change the stored copy', async () => {
        const collection = await open();
        const document = { _id: 'd1', title: '法律援助申请', count: 3, nested: { list: [1, 'two', { three: 3 }] }, at: '2024-05-01T08:00:00.000Z', flag: false, none: null };

        await collection.put(document);
        document.nested.list.push('mutated by the writer');
        const read = (await collection.get('d1')) as Record<string, unknown>;
        (read.nested as { list: unknown[] }).list.push('mutated by the reader');

        expect(await collection.get('d1')).toEqual({ _id: 'd1', title: '法律援助申请', count: 3, nested: { list: [1, 'two', { three: 3 }] }, at: '2024-05-01T08:00:00.000Z', flag: false, none: null });
      });

      it('given no such document, when it is read, then the result is null', async () => {
        const collection = await open();

        expect(await collection.get('missing')).toBeNull();
      });

      it('given a document put twice, when it is read, then the second version replaced the first', async () => {
        const collection = await open();

        await collection.put({ _id: 'd1', a: 1, b: 1 });
        await collection.put({ _id: 'd1', a: 2 });

        expect(await collection.get('d1')).toEqual({ _id: 'd1', a: 2 });
      });

      it('given a stored document, when it is deleted, then it is gone, and deleting a missing id is harmless', async () => {
        const collection = await open();
        await collection.put({ _id: 'd1' });

        await collection.delete('d1');
        await collection.delete('never-there');

        expect(await collection.get('d1')).toBeNull();
        expect(await collection.count()).toBe(0);
      });

      it('given undefined properties, when the document is stored, then they are not stored at all', async () => {
        const collection = await open();

        await collection.put({ _id: 'd1', gone: undefined, kept: 1 });

        expect(await collection.get('d1')).toStrictEqual({ _id: 'd1', kept: 1 });
        expect(ids(await collection.find({ gone: { $exists: false } }))).toEqual(['d1']);
      });

      it('given dotted field names below the top level, when stored, then they round-trip (stream ids are such names)', async () => {
        const collection = await open();

        await collection.put({ _id: 'd1', perStream: { 'legal-aid.application-1': 4 } });

        expect(await collection.get('d1')).toEqual({ _id: 'd1', perStream: { 'legal-aid.application-1': 4 } });
      });

      const invalidDocuments: [string, Record<string, unknown>, string][] = [
        ['a $-prefixed top-level field', { _id: 'x', $set: { a: 1 } }, 'FIELD_NAME_INVALID'],
        ['a dotted top-level field', { _id: 'x', 'a.b': 1 }, 'FIELD_NAME_INVALID'],
        ['a $-prefixed nested field', { _id: 'x', a: { $gt: 1 } }, 'FIELD_NAME_INVALID'],
        ['a $-prefixed field inside an array', { _id: 'x', a: [{ $where: 'x' }] }, 'FIELD_NAME_INVALID'],
        ['a missing _id', { a: 1 }, 'DOCUMENT_ID_INVALID'],
        ['an empty _id', { _id: '' }, 'DOCUMENT_ID_INVALID'],
        ['a numeric _id', { _id: 7 }, 'DOCUMENT_ID_INVALID'],
        ['a function value', { _id: 'x', run: () => 1 }, 'FIELD_VALUE_INVALID'],
        ['a Map value', { _id: 'x', map: new Map() }, 'FIELD_VALUE_INVALID'],
      ];
      it.each(invalidDocuments)('given %s, when the document is put, then it is refused with a code and nothing is stored', async (_, document, code) => {
        const collection = await open();

        await expectRefusal(() => collection.put(document as ReadDocument), code);

        expect(await collection.count()).toBe(0);
      });

      it('given a unique index, when a second document takes an existing key, then it is refused with DUPLICATE_KEY and not stored', async () => {
        const collection = await open([{ fields: { caseCode: 1 }, unique: true }]);
        await collection.put({ _id: 'a', caseCode: '(2024)粤0104法援123号' });

        await expectRefusal(() => collection.put({ _id: 'b', caseCode: '(2024)粤0104法援123号' }), 'DUPLICATE_KEY');
        await collection.put({ _id: 'a', caseCode: '(2024)粤0104法援123号', updated: true });

        expect(await collection.get('b')).toBeNull();
        expect(await collection.get('a')).toEqual({ _id: 'a', caseCode: '(2024)粤0104法援123号', updated: true });
      });
    });

    describe.each([
      ['without indexes', [] as readonly IndexSpec[]],
      ['with indexes', INDEXES],
    ])('queries %s', (_, indexes) => {
      let collection: ReadCollection<CaseDocument>;

      beforeEach(async () => {
        collection = await open<CaseDocument>(indexes);
        for (const document of CASES) await collection.put(document);
      });

      const filters: [string, Record<string, unknown>, string[]][] = [
        ['an implicit equality', { status: 'open' }, ['c01', 'c02', 'c05', 'c06', 'c09', 'c10']],
        ['two equalities', { orgId: 'org-a', status: 'open' }, ['c01', 'c02']],
        ['$eq', { status: { $eq: 'review' } }, ['c03', 'c07']],
        ['$ne', { orgId: 'org-a', status: { $ne: 'open' } }, ['c03', 'c04']],
        ['$in', { status: { $in: ['review', 'closed'] } }, ['c03', 'c04', 'c07', 'c08']],
        ['$in on a leading index field', { orgId: { $in: ['org-a', 'org-c'] }, status: 'open' }, ['c01', 'c02', 'c09', 'c10']],
        ['$nin', { status: { $nin: ['open', 'review'] } }, ['c04', 'c08']],
        ['a date range on ISO strings', { dueAt: { $gte: '2024-03-01T00:00:00.000Z', $lt: '2024-04-01T00:00:00.000Z' } }, ['c01', 'c05', 'c06', 'c10']],
        ['an exclusive lower date bound', { dueAt: { $gt: '2024-03-01T09:00:00.000Z' } }, ['c03', 'c05', 'c06', 'c07', 'c10']],
        ['an inclusive upper date bound', { dueAt: { $lte: '2024-02-10T09:00:00.000Z' } }, ['c02', 'c04', 'c08']],
        ['a numeric range', { priority: { $gt: 1, $lte: 3 } }, ['c01', 'c04', 'c09', 'c10']],
        ['a numeric lower bound (missing fields never match)', { priority: { $gte: 4 } }, ['c03', 'c06']],
        ['a numeric bound against strings (types never cross)', { dueAt: { $gt: 5 } }, []],
        ['$exists true', { lawyer: { $exists: true } }, ['c01', 'c03', 'c06', 'c09']],
        ['$exists false', { priority: { $exists: false } }, ['c05', 'c08']],
        ['equality to null (missing or null)', { priority: null }, ['c05', 'c08']],
        ['a nested field by dot path', { 'party.region.code': '440104' }, ['c01', 'c04', 'c07', 'c09']],
        ['an array containing a value', { tags: 'urgent' }, ['c01', 'c05', 'c10']],
        ['$or', { $or: [{ status: 'closed' }, { priority: { $gte: 5 } }] }, ['c03', 'c04', 'c08']],
        ['$and with ranges on one field', { $and: [{ dueAt: { $gte: '2024-02-01' } }, { dueAt: { $lt: '2024-03-01' } }] }, ['c02', 'c09']],
        ['$regex with a prefix', { 'party.region.code': { $regex: '^4401' } }, ['c01', 'c02', 'c04', 'c06', 'c07', 'c09', 'c10']],
        ['a regex literal with a prefix', { 'party.region.code': /^44010/ }, ['c01', 'c02', 'c04', 'c07', 'c09', 'c10']],
        ['a case-insensitive $regex', { orgId: { $regex: '^ORG-B', $options: 'i' } }, ['c05', 'c06', 'c07', 'c08']],
        ['an equality and a range on an index', { orgId: 'org-b', status: 'open', dueAt: { $lt: '2024-03-10T00:00:00.000Z' } }, ['c06']],
        ['an _id list', { _id: { $in: ['c03', 'c07', 'nope'] } }, ['c03', 'c07']],
        ['$ne null (missing never matches)', { priority: { $ne: null } }, ['c01', 'c02', 'c03', 'c04', 'c06', 'c07', 'c09', 'c10']],
        ['$or of a prefix regex and an equality, with $ne null beside it', SUBTREE_QUEUE, ['c01', 'c02', 'c04', 'c06', 'c07', 'c09', 'c10']],
        ['$or of two prefix regexes', { $or: [{ 'party.region.code': /^4401/ }, { 'party.region.code': { $regex: '^1101' } }] }, ['c01', 'c02', 'c03', 'c04', 'c06', 'c07', 'c09', 'c10']],
        ['an empty filter', {}, CASES.map((document) => document._id)],
      ];
      it.each(filters)('given %s, when finding, then exactly the matching documents come back', async (_, filter, expected) => {
        expect(sortedIds(await collection.find(filter))).toEqual(expected);
        expect(await collection.count(filter)).toBe(expected.length);
      });

      it('given a multi-field sort, when finding, then documents come back in that order', async () => {
        const found = await collection.find({}, { sort: { orgId: 1, dueAt: -1 } });

        expect(ids(found)).toEqual(['c03', 'c01', 'c02', 'c04', 'c07', 'c05', 'c06', 'c08', 'c10', 'c09']);
      });

      it('given a sort on a field some documents lack, when finding, then the missing ones come first ascending and last descending', async () => {
        expect(ids(await collection.find({}, { sort: { priority: 1, _id: 1 } }))).toEqual(['c05', 'c08', 'c02', 'c07', 'c04', 'c09', 'c01', 'c10', 'c06', 'c03']);
        expect(ids(await collection.find({}, { sort: { priority: -1, _id: -1 } }))).toEqual(['c03', 'c06', 'c10', 'c01', 'c09', 'c04', 'c07', 'c02', 'c08', 'c05']);
      });

      it('given the work-queue query, when finding, then the open cases of one organisation come back by due date', async () => {
        const found = await collection.find({ orgId: 'org-b', status: 'open' }, { sort: { dueAt: 1 }, limit: 20 });

        expect(ids(found)).toEqual(['c06', 'c05']);
      });

      it('given a descending sort on a nested field with a filter, when finding, then order and filter both hold', async () => {
        const found = await collection.find({ status: { $in: ['open', 'review'] } }, { sort: { 'party.region.code': -1, _id: 1 } });

        expect(ids(found)).toEqual(['c06', 'c02', 'c01', 'c07', 'c09', 'c10', 'c05', 'c03']);
      });

      it('given skip and limit, when paging, then pages are consecutive slices of the sorted result', async () => {
        const sort = { dueAt: 1 } as const;
        const all = ids(await collection.find({}, { sort }));

        const pages = [await collection.find({}, { sort, limit: 4 }), await collection.find({}, { sort, skip: 4, limit: 4 }), await collection.find({}, { sort, skip: 8, limit: 4 })];

        expect(pages.map(ids)).toEqual([all.slice(0, 4), all.slice(4, 8), all.slice(8)]);
        expect(all).toEqual(['c08', 'c04', 'c02', 'c09', 'c01', 'c10', 'c06', 'c05', 'c03', 'c07']);
      });

      it('given a limit of 0 or a skip past the end, when finding, then nothing comes back', async () => {
        expect(await collection.find({}, { limit: 0 })).toEqual([]);
        expect(await collection.find({}, { skip: 100 })).toEqual([]);
      });

      it('given a filter on an indexed range with a sort against the index, when finding, then the order still holds', async () => {
        const found = await collection.find({ dueAt: { $gte: '2024-03-01T00:00:00.000Z' } }, { sort: { dueAt: 1 }, limit: 3 });

        expect(ids(found)).toEqual(['c01', 'c10', 'c06']);
      });

      it('given an $or of a prefix regex and an equality, when finding sorted and paged, then the order is the one of a sorted scan', async () => {
        expect(ids(await collection.find(SUBTREE_QUEUE, { sort: { priority: 1, _id: 1 } }))).toEqual(['c02', 'c07', 'c04', 'c09', 'c01', 'c10', 'c06']);
        expect(ids(await collection.find(SUBTREE_QUEUE, { sort: { priority: 1, _id: 1 }, skip: 2, limit: 3 }))).toEqual(['c04', 'c09', 'c01']);
        expect(ids(await collection.find(SUBTREE_QUEUE, { sort: { dueAt: 1 }, limit: 3 }))).toEqual(['c04', 'c02', 'c09']);
        expect(ids(await collection.find(SUBTREE_QUEUE, { sort: { dueAt: -1 } }))).toEqual(['c07', 'c06', 'c10', 'c01', 'c09', 'c02', 'c04']);
      });

      it('given documents changed after indexing, when finding, then the queries see the new values', async () => {
        await collection.put({ ...CASES[1], status: 'closed' });
        await collection.delete('c01');

        expect(ids(await collection.find({ orgId: 'org-a', status: 'open' }, { sort: { dueAt: 1 } }))).toEqual([]);
        expect(sortedIds(await collection.find({ orgId: 'org-a', status: 'closed' }))).toEqual(['c02', 'c04']);
      });
    });

    describe('query input', () => {
      const invalid: [string, (collection: ReadCollection) => Promise<unknown>, string][] = [
        ['an unknown operator', (collection) => collection.find({ a: { $nope: 1 } }), 'FILTER_INVALID'],
        ['an unknown operator in a count', (collection) => collection.count({ $nope: [] }), 'FILTER_INVALID'],
        ['a filter that is not an object', (collection) => collection.find('status = open' as unknown as Record<string, unknown>), 'FILTER_INVALID'],
        ['a sort direction of 2', (collection) => collection.find({}, { sort: { a: 2 as 1 } }), 'SORT_INVALID'],
        ['a negative skip', (collection) => collection.find({}, { skip: -1 }), 'SKIP_INVALID'],
        ['a fractional limit', (collection) => collection.find({}, { limit: 1.5 }), 'LIMIT_INVALID'],
        ['an empty document id', (collection) => collection.get(''), 'DOCUMENT_ID_INVALID'],
      ];
      it.each(invalid)('given %s, when querying, then it is refused with a code', async (_, query, code) => {
        const collection = await open();
        await collection.put({ _id: 'd1', a: 1 });

        await expectRefusal(() => query(collection), code);
      });

      it('given invalid collection names or index specs, when opening, then they are refused with a code', async () => {
        await expectRefusal(() => store.collection('', { name: 'x', indexes: [] }), 'COLLECTION_NAME_INVALID');
        await expectRefusal(() => store.collection('bad$name', { name: 'x', indexes: [] }), 'COLLECTION_NAME_INVALID');
        await expectRefusal(() => store.collection(uniqueName('conformance.rs'), { name: 'x', indexes: [{ fields: { a: 2 as 1 } }] }), 'INDEX_SPEC_INVALID');
        await expectRefusal(() => store.collection(uniqueName('conformance.rs'), { name: 'x', indexes: [{ fields: {} }] }), 'INDEX_SPEC_INVALID');
        await expectRefusal(() => store.collection(uniqueName('conformance.rs'), { name: 'x', indexes: [{ fields: { $a: 1 } }] }), 'INDEX_SPEC_INVALID');
      });
    });

    describe('revision-guarded writes', () => {
      const stream = 'legal-aid.application-7f3a';
      const other = 'intake.matter-91c2';
      type Counted = ReadDocument & { readonly count: number; readonly seen?: readonly string[] };
      const bump =
        (label: string) =>
        (current: Counted | null): Counted => ({ _id: 'doc', count: (current?.count ?? 0) + 1, seen: [...(current?.seen ?? []), label] });

      it('given a new document, when the first event is applied, then it is stored with its stream revision', async () => {
        const collection = await open<Counted>();

        const outcome = await collection.applyGuarded('doc', stream, 0, bump('r0'));

        expect(outcome).toEqual({ kind: 'applied' });
        expect(await collection.get('doc')).toEqual({ _id: 'doc', count: 1, seen: ['r0'], _revisions: { [stream]: 0 } });
      });

      it('given an applied revision, when it arrives again, then it is skipped without calling the update and the document is unchanged', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));
        const before = await collection.get('doc');
        const update = jest.fn(bump('again'));

        const outcome = await collection.applyGuarded('doc', stream, 0, update);

        expect(outcome).toEqual({ kind: 'skipped', lastRevision: 0 });
        expect(update).not.toHaveBeenCalled();
        expect(await collection.get('doc')).toEqual(before);
      });

      it('given an applied revision, when the next one arrives, then it is applied', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));

        const outcome = await collection.applyGuarded('doc', stream, 1, bump('r1'));

        expect(outcome).toEqual({ kind: 'applied' });
        expect(await collection.get('doc')).toEqual({ _id: 'doc', count: 2, seen: ['r0', 'r1'], _revisions: { [stream]: 1 } });
      });

      it('given a later revision, when an older one arrives, then it is skipped and reports the last revision', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));
        await collection.applyGuarded('doc', stream, 1, bump('r1'));

        expect(await collection.applyGuarded('doc', stream, 0, bump('late'))).toEqual({ kind: 'skipped', lastRevision: 1 });
      });

      it('given a revision jump, when it arrives, then it is reported as a gap and still applied', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));
        await collection.applyGuarded('doc', stream, 1, bump('r1'));

        const outcome = await collection.applyGuarded('doc', stream, 4, bump('r4'));

        expect(outcome).toEqual({ kind: 'gap', expected: 2, got: 4 });
        expect(await collection.get('doc')).toEqual({ _id: 'doc', count: 3, seen: ['r0', 'r1', 'r4'], _revisions: { [stream]: 4 } });
      });

      it('given a stream never seen by the document, when its first event is not revision 0, then it is a gap from 0', async () => {
        const collection = await open<Counted>();

        expect(await collection.applyGuarded('doc', stream, 3, bump('r3'))).toEqual({ kind: 'gap', expected: 0, got: 3 });
      });

      it('given an update that returns null, when applied, then the document is deleted and redelivered earlier events do not bring it back', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));

        expect(await collection.applyGuarded('doc', stream, 1, () => null)).toEqual({ kind: 'applied' });
        expect(await collection.get('doc')).toBeNull();
        expect(await collection.count()).toBe(0);
        expect(await collection.applyGuarded('doc', stream, 0, bump('redelivered'))).toEqual({ kind: 'skipped', lastRevision: 1 });
        expect(await collection.get('doc')).toBeNull();

        const revived = jest.fn(bump('r2'));
        expect(await collection.applyGuarded('doc', stream, 2, revived)).toEqual({ kind: 'applied' });
        expect(revived).toHaveBeenCalledWith(null);
        expect(await collection.get('doc')).toEqual({ _id: 'doc', count: 1, seen: ['r2'], _revisions: { [stream]: 2 } });
      });

      it('given two streams feeding one document, when their events interleave, then each stream keeps its own revision', async () => {
        const collection = await open<Counted>();

        expect(await collection.applyGuarded('doc', stream, 0, bump('a0'))).toEqual({ kind: 'applied' });
        expect(await collection.applyGuarded('doc', other, 0, bump('b0'))).toEqual({ kind: 'applied' });
        expect(await collection.applyGuarded('doc', stream, 0, bump('a0 again'))).toEqual({ kind: 'skipped', lastRevision: 0 });
        expect(await collection.applyGuarded('doc', other, 1, bump('b1'))).toEqual({ kind: 'applied' });

        expect(await collection.get('doc')).toEqual({ _id: 'doc', count: 3, seen: ['a0', 'b0', 'b1'], _revisions: { [stream]: 0, [other]: 1 } });
      });

      it('given many concurrent guarded writes to one document, when they settle, then none is lost', async () => {
        const collection = await open<Counted>();
        const streams = Array.from({ length: 25 }, (_, i) => `intake.matter-${i}`);

        const outcomes = await Promise.all(streams.map((id) => collection.applyGuarded('doc', id, 0, bump(id))));

        expect(outcomes.every((outcome) => outcome.kind === 'applied')).toBe(true);
        const document = await collection.get('doc');
        expect(document?.count).toBe(25);
        expect([...(document?.seen ?? [])].sort()).toEqual([...streams].sort());
        expect(Object.keys(document?._revisions ?? {}).sort()).toEqual([...streams].sort());
      });

      it('given an update that throws, when applied, then nothing is stored and the same revision can be applied later', async () => {
        const collection = await open<Counted>();
        await collection.applyGuarded('doc', stream, 0, bump('r0'));

        await expect(
          collection.applyGuarded('doc', stream, 1, () => {
            throw new Error('evolve failed');
          }),
        ).rejects.toThrow('evolve failed');

        expect((await collection.get('doc'))?._revisions).toEqual({ [stream]: 0 });
        expect(await collection.applyGuarded('doc', stream, 1, bump('r1'))).toEqual({ kind: 'applied' });
      });

      it('given an update returning another _id, when applied, then it is refused with DOCUMENT_ID_MISMATCH and nothing is stored', async () => {
        const collection = await open<Counted>();

        await expectRefusal(() => collection.applyGuarded('doc', stream, 0, () => ({ _id: 'other', count: 1 })), 'DOCUMENT_ID_MISMATCH');

        expect(await collection.count()).toBe(0);
      });

      it('given an update returning a $-prefixed field, when applied, then it is refused with FIELD_NAME_INVALID and nothing is stored', async () => {
        const collection = await open<Counted>();

        await expectRefusal(() => collection.applyGuarded('doc', stream, 0, () => ({ _id: 'doc', count: 1, $inc: { count: 1 } })), 'FIELD_NAME_INVALID');

        expect(await collection.get('doc')).toBeNull();
      });

      const invalidRevisions: [string, string, number, string][] = [
        ['an empty stream id', '', 0, 'STREAM_ID_INVALID'],
        ['a negative revision', stream, -1, 'STREAM_REVISION_INVALID'],
        ['a fractional revision', stream, 1.5, 'STREAM_REVISION_INVALID'],
      ];
      it.each(invalidRevisions)('given %s, when a guarded write is attempted, then it is refused with a code', async (_, streamId, revision, code) => {
        const collection = await open<Counted>();

        await expectRefusal(() => collection.applyGuarded('doc', streamId, revision, bump('x')), code);
      });
    });

    describe('collections and aliases', () => {
      it('given a logical name never swapped, when it is resolved, then it is null', async () => {
        expect(await store.resolveAlias(uniqueName('conformance.view'))).toBeNull();
      });

      it('given an opened collection, when collections are listed, then it is there even while empty', async () => {
        const name = uniqueName('conformance.rs');
        await open([], name);

        expect(await store.listCollections()).toContain(name);
      });

      it('given a swap, when the logical name is resolved, then it points at the physical collection', async () => {
        const logical = uniqueName('conformance.view');
        await open([], `${logical}.v1`);

        await store.swapAlias(logical, `${logical}.v1`);

        expect(await store.resolveAlias(logical)).toBe(`${logical}.v1`);
      });

      it('given a physical collection that does not exist, when an alias is swapped to it, then it is refused with COLLECTION_UNKNOWN', async () => {
        const logical = uniqueName('conformance.view');

        await expectRefusal(() => store.swapAlias(logical, `${logical}.never-built`), 'COLLECTION_UNKNOWN');
        expect(await store.resolveAlias(logical)).toBeNull();
      });

      it('given a live generation, when a new one is rebuilt, swapped in and the old one dropped, then readers see only the new one', async () => {
        const logical = uniqueName('conformance.view');
        const old = await open([{ fields: { status: 1 } }], `${logical}.v1`);
        await old.put({ _id: 'a', status: 'stale' });
        await store.swapAlias(logical, `${logical}.v1`);

        const rebuilt = await open([{ fields: { status: 1 } }], `${logical}.v2.g1`);
        await rebuilt.put({ _id: 'a', status: 'fresh' });
        await rebuilt.put({ _id: 'b', status: 'fresh' });
        await store.swapAlias(logical, `${logical}.v2.g1`);
        await store.dropCollection(`${logical}.v1`);

        const live = await store.resolveAlias(logical);
        expect(live).toBe(`${logical}.v2.g1`);
        const reader = await store.collection(live as string, { name: logical, indexes: [{ fields: { status: 1 } }] });
        expect(sortedIds(await reader.find({ status: 'fresh' }))).toEqual(['a', 'b']);
        const listed = await store.listCollections();
        expect(listed).toContain(`${logical}.v2.g1`);
        expect(listed).not.toContain(`${logical}.v1`);
      });

      it('given a dropped collection, when it is opened again, then it is empty, and dropping an unknown one is harmless', async () => {
        const name = uniqueName('conformance.rs');
        const collection = await open([{ fields: { a: 1 } }], name);
        await collection.put({ _id: 'd1', a: 1 });

        await store.dropCollection(name);
        await store.dropCollection(uniqueName('conformance.never'));

        expect(await store.listCollections()).not.toContain(name);
        const reopened = await open([{ fields: { a: 1 } }], name);
        expect(await reopened.get('d1')).toBeNull();
        expect(await reopened.find({ a: 1 })).toEqual([]);
      });

      it('given a closed store, when a collection is opened, then it is refused with STORE_CLOSED', async () => {
        await store.close();

        await expectRefusal(() => open(), 'STORE_CLOSED');
      });
    });
  });
}
