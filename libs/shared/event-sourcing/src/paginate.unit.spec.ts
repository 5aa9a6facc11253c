import { paginate } from './paginate';
import type { FindOptions, ReadCollection, ReadDocument } from './ports/read-store.port';

interface Row extends ReadDocument {
  readonly dueAt: string;
}

/** Every stored row matches; the spec is about when paginate counts, not about filtering. */
function rowsCollection(total: number): { collection: ReadCollection<Row>; counts: () => number } {
  const rows: Row[] = Array.from({ length: total }, (_, i) => ({ _id: `r${String(i).padStart(3, '0')}`, dueAt: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}` }));
  let counted = 0;
  const collection = {
    name: 'rows',
    find: async (_filter?: unknown, options?: FindOptions) => rows.slice(0, options?.limit ?? rows.length),
    count: async () => {
      counted++;
      return rows.length;
    },
  } as unknown as ReadCollection<Row>;
  return { collection, counts: () => counted };
}

describe('paginate totalCount', () => {
  it('given a first page that holds every match, when paginating, then the total is its length and nothing is counted again', async () => {
    const { collection, counts } = rowsCollection(3);

    const page = await paginate(collection, {}, { field: 'dueAt', direction: 1 }, { first: 20 });

    expect(page).toMatchObject({ totalCount: 3, hasNextPage: false });
    expect(counts()).toBe(0);
  });

  it('given more matches than the page holds, when paginating, then the total is counted', async () => {
    const { collection, counts } = rowsCollection(25);

    const page = await paginate(collection, {}, { field: 'dueAt', direction: 1 }, { first: 20 });

    expect(page).toMatchObject({ totalCount: 25, hasNextPage: true });
    expect(page.nodes).toHaveLength(20);
    expect(counts()).toBe(1);
  });

  it('given a later page, when paginating, then the total is counted even when that page is not full', async () => {
    const { collection, counts } = rowsCollection(3);
    const first = await paginate(collection, {}, { field: 'dueAt', direction: 1 }, { first: 2 });

    const later = await paginate(collection, {}, { field: 'dueAt', direction: 1 }, { first: 20, after: first.endCursor });

    expect(later.totalCount).toBe(3);
    expect(counts()).toBe(2);
  });
});
