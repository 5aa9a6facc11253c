import { eventIdFor, ProjectionRunner, type CollectionSpec, type Filter, type FindOptions, type IndexSpec, type Projection, type ReadDocument } from '@pls/event-sourcing';
import { describeProjectionConformance, describeReadStoreConformance, MemoryEventStore } from '@pls/event-sourcing/testing';
import { MemoryCheckpointStore } from '../embedded/memory-checkpoint-store.adapter';
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

  it('given equalities on the index prefix alone, when counted, then the count comes from the keys and no document is tested', async () => {
    const count = await queue.count({ $and: [{ orgId: 'org-7' }, { status: 'open' }, {}] });

    const inRange = items.filter((item) => item.orgId === 'org-7' && item.status === 'open').length;
    expect(count).toBe(inRange);
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: 0 });
  });

  it('given a condition the keys cannot decide, when counted, then the index range is read and its documents tested', async () => {
    const count = await queue.count({ orgId: 'org-7', status: 'open', priority: 3 });

    const inRange = items.filter((item) => item.orgId === 'org-7' && item.status === 'open');
    expect(count).toBe(inRange.filter((item) => item.priority === 3).length);
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', examined: inRange.length });
  });

  it('given an equality whose type no stored key has, when counted on the keys, then nothing matches, as the filter says', async () => {
    expect(await queue.count({ orgId: 7 })).toBe(0);
    expect(await queue.count({ orgId: 'org-7', status: true })).toBe(0);
  });

  const twoQueues = { $or: [{ orgId: 'org-7', status: 'open' }, { orgId: 'org-8', status: 'open' }] };
  const inTwoQueues = (item: QueueItem): boolean => (item.orgId === 'org-7' || item.orgId === 'org-8') && item.status === 'open';

  it('counts an $or whose branches each fit an index by reading only those branches', async () => {
    const count = await queue.count(twoQueues);

    expect(count).toBe(items.filter(inTwoQueues).length);
    expect(queue.lastQueryStats).toMatchObject({ plan: 'union', examined: count });
  });

  it('merges $or branches that each read in sort order, reading no more documents than the page', async () => {
    const found = await queue.find(twoQueues, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected(inTwoQueues, 1, 20));
    expect(queue.lastQueryStats).toMatchObject({ plan: 'union', examined: 20, blockingSort: false });
  });

  it('merges backward walks of $or branches for a descending sort, ties in the walks\' order', async () => {
    const found = await queue.find(twoQueues, { sort: { dueAt: -1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(
      items
        .filter(inTwoQueues)
        .sort((a, b) => (a.dueAt < b.dueAt ? 1 : a.dueAt > b.dueAt ? -1 : a._id < b._id ? 1 : -1))
        .slice(0, 20)
        .map((item) => item._id),
    );
    expect(queue.lastQueryStats).toMatchObject({ plan: 'union', examined: 20, blockingSort: false });
  });

  it('races a sparse walk in sort order against the union of $or branches that do not read in that order, and sorts the union when it finishes first', async () => {
    const rare = { $or: [{ orgId: 'org-7', priority: 4 }, { orgId: 'org-8', priority: 4 }] };
    const isRare = (item: QueueItem): boolean => (item.orgId === 'org-7' || item.orgId === 'org-8') && item.priority === 4;

    const found = await queue.find(rare, { sort: { dueAt: 1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected(isRare, 1, 20));
    expect(queue.lastQueryStats).toMatchObject({ plan: 'union', blockingSort: true });
    const inBranches = items.filter((item) => item.orgId === 'org-7' || item.orgId === 'org-8').length;
    expect(queue.lastQueryStats?.examined).toBeLessThanOrEqual(2 * inBranches + 1);
  });

  it('keeps a dense walk in sort order when it fills the page before the union runs out', async () => {
    const orgs = (from: number) => Array.from({ length: 50 }, (_, i) => `org-${from + i}`);

    const found = await queue.find({ $or: [{ orgId: { $in: orgs(0) } }, { orgId: { $in: orgs(50) } }] }, { sort: { dueAt: -1 }, limit: 20 });

    expect(found.map((item) => item._id)).toEqual(expected(() => true, -1, 20));
    expect(queue.lastQueryStats).toMatchObject({ plan: 'index', index: 'dueAt_-1', blockingSort: false });
    expect(queue.lastQueryStats?.examined).toBeLessThanOrEqual(40);
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
  it('uses a multikey index only where the array field is pinned to one value, each document once', async () => {
    const store = new MemoryReadStore();
    const collection = await store.collection('tags.v1', { name: 'tags', indexes: [{ fields: { tag: 1 } }] });
    await collection.put({ _id: 'a', tag: 'x' });
    await collection.put({ _id: 'b', tag: ['x', 'y'] });
    await collection.put({ _id: 'c', tag: [] });

    expect((await collection.find({ tag: 'x' })).map((document) => document._id).sort()).toEqual(['a', 'b']);
    expect(collection.lastQueryStats).toMatchObject({ plan: 'index', examined: 2 });
    expect((await collection.find({ tag: { $in: ['x', 'y'] } })).map((document) => document._id).sort()).toEqual(['a', 'b']);
    expect(collection.lastQueryStats?.plan).toBe('scan');
    expect((await collection.find({ tag: { $gte: 'y' } })).map((document) => document._id)).toEqual(['b']);
    expect(collection.lastQueryStats?.plan).toBe('scan');
    expect((await collection.find({ tag: null })).map((document) => document._id)).toEqual([]);
    expect(await collection.count({ tag: 'x' })).toBe(2);
    expect(collection.lastQueryStats).toMatchObject({ plan: 'index', examined: 2 });

    await collection.put({ _id: 'b', tag: 'y' });
    await collection.delete('c');
    expect((await collection.find({ tag: 'x' })).map((document) => document._id)).toEqual(['a']);
    expect((await collection.find({ tag: { $in: ['x', 'y'] } })).map((document) => document._id)).toEqual(['a', 'b']);
    expect(collection.lastQueryStats?.plan).toBe('index');
    // No array left on the path: the keys decide an equality again, and follow the documents' changes.
    expect(await collection.count({ tag: 'x' })).toBe(1);
    expect(collection.lastQueryStats).toMatchObject({ plan: 'index', examined: 0 });
  });

  it('given matters with region paths, when a subtree queue is read by deadline, then it is one merged walk of the region and organisation ranges', async () => {
    const store = new MemoryReadStore();
    const matters = await store.collection('matters.v1', { name: 'matters', indexes: [{ fields: { regionPath: 1, nextDueAt: 1 } }, { fields: { orgId: 1, nextDueAt: 1 } }, { fields: { nextDueAt: 1 } }] });
    const random = mulberry32(7);
    const all = Array.from({ length: 2_000 }, (_, i) => {
      const county = `5101${String(Math.floor(random() * 10)).padStart(2, '0')}000000`;
      const nextDueAt = random() < 0.3 ? null : new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 1e9)).toISOString();
      return { _id: `m${String(i).padStart(5, '0')}`, regionPath: ['510000000000', '510100000000', county], orgId: `org-${i % 50}`, nextDueAt };
    });
    for (const matter of all) await matters.put(matter);
    const filter = { $and: [{ $or: [{ regionPath: '510104000000' }, { orgId: 'org-3' }] }, { nextDueAt: { $ne: null } }] };
    const wanted = all
      .filter((matter) => (matter.regionPath.includes('510104000000') || matter.orgId === 'org-3') && matter.nextDueAt !== null)
      .sort((a, b) => ((a.nextDueAt as string) < (b.nextDueAt as string) ? -1 : (a.nextDueAt as string) > (b.nextDueAt as string) ? 1 : a._id < b._id ? -1 : 1))
      .map((matter) => matter._id);

    const page = await matters.find(filter, { sort: { nextDueAt: 1, _id: 1 }, limit: 21 });

    expect(page.map((matter) => matter._id)).toEqual(wanted.slice(0, 21));
    expect(matters.lastQueryStats).toMatchObject({ plan: 'union', examined: 21, blockingSort: false });
    expect(await matters.count(filter)).toBe(wanted.length);
    expect((await matters.find(filter, { sort: { nextDueAt: 1, _id: 1 } })).map((matter) => matter._id)).toEqual(wanted);
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
    let unionPlans = 0;
    for (let round = 0; round < 300; round++) {
      const filter: Record<string, unknown> = {};
      for (let clauses = Math.floor(random() * 3); clauses >= 0; clauses--) filter[pick(fields)] = condition();
      if (random() < 0.4) filter.$or = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ [pick(fields)]: condition() }));
      if (random() < 0.2) filter[pick(fields)] = { $ne: null };
      const sort: Record<string, 1 | -1> = {};
      for (let keys = Math.floor(random() * 3); keys > 0; keys--) sort[pick(fields)] = random() < 0.5 ? 1 : -1;
      sort._id = random() < 0.5 ? 1 : -1;
      const options: FindOptions = { sort, ...(random() < 0.5 ? { limit: 1 + Math.floor(random() * 20) } : {}), ...(random() < 0.3 ? { skip: Math.floor(random() * 10) } : {}) };

      const fromIndexes = await indexed.find(filter as Filter, options);
      const fromScan = await scanned.find(filter as Filter, options);

      expect({ filter, options, ids: fromIndexes.map((document) => document._id) }).toEqual({ filter, options, ids: fromScan.map((document) => document._id) });
      expect(await indexed.count(filter as Filter)).toBe(await scanned.count(filter as Filter));
      if (indexed.lastQueryStats?.plan === 'index') indexPlans++;
      if (indexed.lastQueryStats?.plan === 'union') unionPlans++;
    }
    expect(indexPlans).toBeGreaterThan(100);
    expect(unionPlans).toBeGreaterThan(10);
  });
});

describe('ProjectionRunner.rebuild into MemoryReadStore', () => {
  interface Card extends ReadDocument {
    readonly code: string;
    readonly status: string;
  }
  const cards: Projection<Card> = {
    name: 'bench.cards',
    version: 1,
    indexes: [{ fields: { status: 1 } }, { fields: { code: 1 }, unique: true }],
    canHandle: (event) => event.streamId.startsWith('bench.card-'),
    documentId: (event) => event.streamId.slice('bench.card-'.length),
    evolve: (document, event) => ({ ...document, _id: event.streamId.slice('bench.card-'.length), ...(event.data as { code: string; status: string }) }),
  };
  const actor = { userId: 'u', orgId: 'o', roles: [] };

  async function history(changes: readonly (readonly [card: string, code: string, status: string])[]): Promise<MemoryEventStore> {
    const events = new MemoryEventStore();
    const revisions = new Map<string, number>();
    for (const [index, [card, code, status]] of changes.entries()) {
      const revision = revisions.get(card) ?? -1;
      const commandId = `change-${index}`;
      await events.appendToStream(
        `bench.card-${card}`,
        [{ eventId: eventIdFor(commandId, 0), type: 'bench.CardChanged', schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data: { code, status }, metadata: { commandId, correlationId: commandId, causationId: commandId, actor } }],
        { expectedRevision: revision === -1 ? 'no_stream' : revision },
      );
      revisions.set(card, revision + 1);
    }
    return events;
  }

  /** The read store, recording the spec each collection is opened with. */
  function recordingStore(): { store: MemoryReadStore; opened: CollectionSpec[] } {
    const store = new MemoryReadStore();
    const opened: CollectionSpec[] = [];
    const open = store.collection.bind(store);
    store.collection = (async (physicalName: string, spec: CollectionSpec) => {
      opened.push(spec);
      return open(physicalName, spec);
    }) as MemoryReadStore['collection'];
    return { store, opened };
  }

  it('catches up with only the unique indexes and builds the others before the swap, so the new generation answers from them', async () => {
    const events = await history([
      ['c1', 'A', 'open'],
      ['c2', 'B', 'open'],
      ['c1', 'A', 'closed'],
      ['c3', 'C', 'open'],
    ]);
    const { store, opened } = recordingStore();
    const runner = new ProjectionRunner({ readStore: store, projections: [cards] });

    await runner.rebuild(cards.name, events, new MemoryCheckpointStore(), { generation: 'g1' });

    expect(opened.map((spec) => spec.indexes)).toEqual([[{ fields: { code: 1 }, unique: true }], cards.indexes]);
    expect(await store.resolveAlias(cards.name)).toBe('bench.cards.v1.g1');
    const live = runner.collection<Card>(cards.name) as MemoryReadCollection<Card>;
    expect((await live.find({ status: 'open' }, { sort: { status: 1 } })).map((card) => card._id).sort()).toEqual(['c2', 'c3']);
    expect(live.lastQueryStats).toMatchObject({ plan: 'index', index: 'status_1', examined: 2 });
  });

  it('given a history that duplicates a unique key, then the rebuild fails at that event and the old generation keeps serving', async () => {
    const events = await history([
      ['c1', 'A', 'open'],
      ['c2', 'A', 'open'],
      ['c1', 'Z', 'open'],
    ]);
    const store = new MemoryReadStore();
    const runner = new ProjectionRunner({ readStore: store, projections: [cards] });
    await runner.open();
    const checkpoints = new MemoryCheckpointStore();

    await expect(runner.rebuild(cards.name, events, checkpoints, { generation: 'g1', batchSize: 1 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });

    expect(await checkpoints.load('rebuild:bench.cards.v1.g1')).toBe(1);
    expect(await store.resolveAlias(cards.name)).toBe('bench.cards.v1');
  });
});

describe('MemoryReadStore revisions and guarded updates', () => {
  const stream = 'legal-aid.application-7f3a';
  const other = 'intake.matter-91c2';
  interface Folder extends ReadDocument {
    readonly title: string;
    readonly tags: readonly string[];
    readonly meta: { readonly pages: number };
  }
  const folder = (current: Folder | null, title: string): Folder => ({ _id: 'f1', title, tags: current?.tags ?? ['a'], meta: current?.meta ?? { pages: 1 } });

  async function open(): Promise<MemoryReadCollection<Folder>> {
    return new MemoryReadStore().collection<Folder>('folders.v1', { name: 'folders', indexes: [] });
  }

  it('hands the update a copy of the document without _revisions, top level open, nested values frozen', async () => {
    const collection = await open();
    await collection.applyGuarded('f1', stream, 0, (current) => folder(current, 'first'));
    let seen: Folder | null = null;

    await collection.applyGuarded('f1', stream, 1, (current) => {
      seen = current;
      expect(current).not.toHaveProperty('_revisions');
      expect(() => (current?.tags as string[]).push('b')).toThrow(TypeError);
      (current as { title: string }).title = 'renamed in place';
      return current;
    });

    expect(seen).not.toBeNull();
    expect(await collection.get('f1')).toEqual({ _id: 'f1', title: 'renamed in place', tags: ['a'], meta: { pages: 1 }, _revisions: { [stream]: 1 } });
  });

  it('ignores _revisions returned by an update: the store records them itself', async () => {
    const collection = await open();

    await collection.applyGuarded('f1', stream, 0, (current) => ({ ...folder(current, 'x'), _revisions: { [stream]: 99, [other]: 5 } }));

    expect((await collection.get('f1'))?._revisions).toEqual({ [stream]: 0 });
    expect(await collection.applyGuarded('f1', other, 0, (current) => folder(current, 'y'))).toEqual({ kind: 'applied' });
    expect((await collection.get('f1'))?._revisions).toEqual({ [stream]: 0, [other]: 0 });
  });

  it('keeps the nested values an update kept, and validates the ones it replaced', async () => {
    const collection = await open();
    await collection.applyGuarded('f1', stream, 0, (current) => folder(current, 'first'));

    await collection.applyGuarded('f1', stream, 1, (current) => ({ ...(current as Folder), meta: { pages: 2 } }));
    const refused = collection.applyGuarded('f1', stream, 2, (current) => ({ ...(current as Folder), meta: { $pages: 3 } as unknown as Folder['meta'] }));

    await expect(refused).rejects.toMatchObject({ code: 'FIELD_NAME_INVALID' });
    const stored = await collection.get('f1');
    expect(stored).toEqual({ _id: 'f1', title: 'first', tags: ['a'], meta: { pages: 2 }, _revisions: { [stream]: 1 } });
    // Read copies are the reader's own, and in the order the update gave the fields.
    (stored?.tags as string[]).push('mine');
    expect((await collection.get('f1'))?.tags).toEqual(['a']);
    expect(Object.keys(stored ?? {})).toEqual(['_id', 'title', 'tags', 'meta', '_revisions']);
  });

  it('gives back _revisions exactly as put: none, empty or set, and guards later events by the ones put', async () => {
    const collection = await open();
    await collection.put({ _id: 'plain', title: 'p', tags: [], meta: { pages: 0 } });
    await collection.put({ _id: 'empty', title: 'e', tags: [], meta: { pages: 0 }, _revisions: {} });
    await collection.put({ _id: 'fed', title: 'f', tags: [], meta: { pages: 0 }, _revisions: { [stream]: 4 } });

    expect(await collection.get('plain')).not.toHaveProperty('_revisions');
    expect((await collection.get('empty'))?._revisions).toEqual({});
    expect(await collection.applyGuarded('fed', stream, 4, () => null)).toEqual({ kind: 'skipped', lastRevision: 4 });
    await collection.put({ _id: 'fed', title: 'f2', tags: [], meta: { pages: 0 } });
    expect(await collection.get('fed')).not.toHaveProperty('_revisions');
  });

  it('answers filters and sorts on _revisions, with or without an index declared on them', async () => {
    const store = new MemoryReadStore();
    // Stream ids are dotted, so a path into _revisions cannot name one: queries take the whole map.
    for (const indexes of [[], [{ fields: { _revisions: 1 } }]] as IndexSpec[][]) {
      const collection = await store.collection<Folder>(`folders-${indexes.length}.v1`, { name: 'folders', indexes });
      for (const [id, revision] of [['a', 2], ['b', 0], ['c', 1]] as const) {
        for (let r = 0; r <= revision; r++) await collection.applyGuarded(id, stream, r, () => ({ _id: id, title: id, tags: [], meta: { pages: r } }));
      }
      await collection.put({ _id: 'unfed', title: 'u', tags: [], meta: { pages: 0 } });

      const found = await collection.find({ _revisions: { [stream]: 1 } });
      expect(found).toEqual([{ _id: 'c', title: 'c', tags: [], meta: { pages: 1 }, _revisions: { [stream]: 1 } }]);
      expect(await collection.count({ _revisions: { $exists: false } })).toBe(1);
      expect(await collection.count({ $expr: { $gt: [{ $size: { $objectToArray: '$_revisions' } }, 0] } })).toBe(3);
      expect((await collection.find({}, { sort: { _revisions: 1 } })).map((document) => document._id)).toEqual(['unfed', 'b', 'c', 'a']);
    }
  });
});
