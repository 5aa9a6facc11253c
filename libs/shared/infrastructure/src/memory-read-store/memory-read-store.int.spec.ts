import type { Filter, FindOptions, IndexSpec, ReadDocument } from '@pls/event-sourcing';
import { describeProjectionConformance, describeReadStoreConformance } from '@pls/event-sourcing/testing';
import { MemoryReadStore, type MemoryReadCollection } from './memory-read-store.adapter';

describeReadStoreConformance('memory', {
  async create() {
    const store = new MemoryReadStore();
    return { store, dispose: () => store.close() };
  },
});

describeProjectionConformance('memory', {
  async create() {
    const store = new MemoryReadStore();
    return { store, dispose: () => store.close() };
  },
});

interface QueueItem extends ReadDocument {
  readonly orgId: string;
  readonly status: string;
  readonly dueAt: string;
  readonly priority: number;
}

const STATUSES = ['open', 'assigned', 'waiting', 'closed'];
const WORK_QUEUE_INDEX: IndexSpec = { fields: { orgId: 1, status: 1, dueAt: 1 } };

/** Deterministic pseudo-random numbers, so a failing case can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function queueItem(i: number, random: () => number): QueueItem {
  const dueAt = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 24 * 60) * 60_000).toISOString();
  return { _id: `item-${String(i).padStart(7, '0')}`, orgId: `org-${Math.floor(random() * 100)}`, status: STATUSES[Math.floor(random() * STATUSES.length)], dueAt, priority: Math.floor(random() * 5) };
}

describe('MemoryReadStore indexes', () => {
  const DOCUMENTS = 200_000;
  let store: MemoryReadStore;
  let queue: MemoryReadCollection<QueueItem>;
  let items: QueueItem[];

  beforeAll(async () => {
    store = new MemoryReadStore();
    queue = await store.collection<QueueItem>('work-queue.v1', { name: 'work-queue', indexes: [WORK_QUEUE_INDEX, { fields: { dueAt: -1 } }] });
    const random = mulberry32(42);
    items = Array.from({ length: DOCUMENTS }, (_, i) => queueItem(i, random));
    for (const item of items) await queue.put(item);
  });

  afterAll(async () => {
    await store.close();
  });

  const expected = (filter: (item: QueueItem) => boolean, direction: 1 | -1, limit: number): string[] =>
    items
      .filter(filter)
      .sort((a, b) => (a.dueAt < b.dueAt ? -direction : a.dueAt > b.dueAt ? direction : a._id < b._id ? -1 : 1))
      .slice(0, limit)
      .map((item) => item._id);

  it('answers the work-queue query from the index, examining only the documents it returns', async () => {
    const found = await queue.find({ orgId: 'org-7', status: 'open' }, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected((item) => item.orgId === 'org-7' && item.status === 'open', 1, 20));
    expect(queue.lastQueryStats).toEqual({ plan: 'index', index: 'orgId_1_status_1_dueAt_1', examined: 20, returned: 20, blockingSort: false });
  });

  it('walks the index backwards for a descending sort', async () => {
    const found = await queue.find({ orgId: 'org-7', status: 'open' }, { sort: { dueAt: -1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(
      items
        .filter((item) => item.orgId === 'org-7' && item.status === 'open')
        .sort((a, b) => (a.dueAt < b.dueAt ? 1 : a.dueAt > b.dueAt ? -1 : a._id < b._id ? 1 : -1))
        .slice(0, 20)
        .map((item) => item._id),
    );
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: 20, blockingSort: false });
  });

  it('seeks to the start of a due-date range instead of walking up to it', async () => {
    const from = '2024-07-01T00:00:00.000Z';

    const found = await queue.find({ orgId: 'org-7', status: 'open', dueAt: { $gte: from } }, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected((item) => item.orgId === 'org-7' && item.status === 'open' && item.dueAt >= from, 1, 20));
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: 20 });
  });

  it('merges the index ranges of an $in on a leading field, still in due-date order', async () => {
    const found = await queue.find({ orgId: 'org-7', status: { $in: ['open', 'waiting'] } }, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected((item) => item.orgId === 'org-7' && (item.status === 'open' || item.status === 'waiting'), 1, 20));
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: 20, blockingSort: false });
  });

  it('tests the rest of the filter on index candidates only', async () => {
    const found = await queue.find({ orgId: 'org-7', status: 'open', priority: { $gte: 3 } }, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected((item) => item.orgId === 'org-7' && item.status === 'open' && item.priority >= 3, 1, 20));
    const inOrgAndStatus = items.filter((item) => item.orgId === 'org-7' && item.status === 'open').length;
    expect(queue.lastQueryStats?.examined).toBeLessThan(inOrgAndStatus);
  });

  it('counts from the index range', async () => {
    const count = await queue.count({ orgId: 'org-7', status: 'open' });

    const inRange = items.filter((item) => item.orgId === 'org-7' && item.status === 'open').length;
    expect(count).toBe(inRange);
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: inRange });
  });

  it('reads a sort-only query in index order and stops at the limit', async () => {
    const found = await queue.find({}, { sort: { dueAt: -1 }, limit: 5 });

    expect(found.map((item) => item._id)).toEqual(
      [...items]
        .sort((a, b) => (a.dueAt < b.dueAt ? 1 : a.dueAt > b.dueAt ? -1 : a._id < b._id ? -1 : 1))
        .slice(0, 5)
        .map((item) => item._id),
    );
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', index: 'dueAt_-1', examined: 5 });
  });

  it('falls back to a full scan, and says so, when no index fits', async () => {
    await queue.find({ priority: 4 }, { limit: 10 });

    expect(queue.lastQueryStats).toMatchObject({ plan: 'scan' });
  });

  it('looks documents up by _id without scanning', async () => {
    await queue.find({ _id: { $in: ['item-0000007', 'item-0199999'] } });

    expect(queue.lastQueryStats).toEqual({ plan: 'id', examined: 2, returned: 2, blockingSort: false });
  });
});

describe('MemoryReadStore query planner', () => {
  it('stops using an index while a document holds an array on an indexed path, and resumes once it is gone', async () => {
    const store = new MemoryReadStore();
    const collection = await store.collection('tags.v1', { name: 'tags', indexes: [{ fields: { tag: 1 } }] });
    await collection.put({ _id: 'a', tag: 'x' });
    await collection.put({ _id: 'b', tag: ['x', 'y'] });

    expect((await collection.find({ tag: 'x' })).map((document) => document._id).sort()).toEqual(['a', 'b']);
    expect(collection.lastQueryStats?.plan).toBe('scan');

    await collection.put({ _id: 'b', tag: 'y' });
    expect((await collection.find({ tag: 'x' })).map((document) => document._id)).toEqual(['a']);
    expect(collection.lastQueryStats?.plan).toBe('index');
  });

  it('builds an index declared on a collection that already holds documents', async () => {
    const store = new MemoryReadStore();
    const before = await store.collection('late.v1', { name: 'late', indexes: [] });
    for (let i = 0; i < 100; i++) await before.put({ _id: `d${i}`, n: i });

    const after = await store.collection('late.v1', { name: 'late', indexes: [{ fields: { n: 1 } }] });

    expect((await after.find({ n: { $gte: 95 } }, { sort: { n: 1 } })).map((document) => document.n)).toEqual([95, 96, 97, 98, 99]);
    expect(after.lastQueryStats).toMatchObject({ plan: 'index', examined: 5 });
  });

  it('gives the same answers with indexes as a full scan, for random filters, sorts and pages over mixed-type data', async () => {
    const random = mulberry32(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const values = [null, 0, 1, 2, 2.5, -1, 'a', 'ab', 'abc', 'b', 'B', '', true, false, new Date('2024-01-01T00:00:00Z'), new Date('2024-06-01T00:00:00Z'), undefined];
    const store = new MemoryReadStore();
    const indexes: IndexSpec[] = [
      { fields: { a: 1 } },
      { fields: { a: 1, b: -1 } },
      { fields: { b: -1, c: 1 } },
      { fields: { 'n.x': 1, a: -1 } },
    ];
    const indexed = await store.collection('mixed.indexed', { name: 'mixed', indexes });
    const scanned = await store.collection('mixed.scanned', { name: 'mixed', indexes: [] });
    for (let i = 0; i < 600; i++) {
      const document = { _id: `m${String(i).padStart(4, '0')}`, a: pick(values), b: pick(values), c: pick(values), n: random() < 0.8 ? { x: pick(values) } : pick(values) };
      await indexed.put(document as ReadDocument);
      await scanned.put(document as ReadDocument);
    }
    const fields = ['a', 'b', 'c', 'n.x'];
    const condition = (): unknown => {
      const value = pick(values.filter((candidate) => candidate !== undefined));
      switch (Math.floor(random() * 8)) {
        case 0:
          return value;
        case 1:
          return { $in: [pick(values.filter((candidate) => candidate !== undefined)), value] };
        case 2:
          return { $gt: value };
        case 3:
          return { $gte: value, $lt: pick(values.filter((candidate) => candidate !== undefined)) };
        case 4:
          return { $lte: value };
        case 5:
          return { $regex: pick(['^a', '^ab', '^b', '^B', '^']) };
        case 6:
          return { $ne: value };
        default:
          return { $exists: random() < 0.5 };
      }
    };
    let indexPlans = 0;
    for (let round = 0; round < 300; round++) {
      const filter: Record<string, unknown> = {};
      for (let clauses = Math.floor(random() * 3); clauses >= 0; clauses--) filter[pick(fields)] = condition();
      const sort: Record<string, 1 | -1> = {};
      for (let keys = Math.floor(random() * 3); keys > 0; keys--) sort[pick(fields)] = random() < 0.5 ? 1 : -1;
      sort._id = random() < 0.5 ? 1 : -1;
      const options: FindOptions = { sort, ...(random() < 0.5 ? { limit: 1 + Math.floor(random() * 20) } : {}), ...(random() < 0.3 ? { skip: Math.floor(random() * 10) } : {}) };

      const fromIndexes = await indexed.find(filter as Filter, options);
      const fromScan = await scanned.find(filter as Filter, options);

      expect({ filter, options, ids: fromIndexes.map((document) => document._id) }).toEqual({ filter, options, ids: fromScan.map((document) => document._id) });
      expect(await indexed.count(filter as Filter)).toBe(await scanned.count(filter as Filter));
      if (indexed.lastQueryStats?.plan === 'index') indexPlans++;
    }
    expect(indexPlans).toBeGreaterThan(100);
  });
});
