import { InvalidInput } from '@pls/shared-kernel';
import type { Filter, ReadCollection, ReadDocument } from './ports/read-store.port';

export interface PageRequest {
  /** At most this many (1–100). */
  readonly first?: number;
  /** The `endCursor` of the previous page. */
  readonly after?: string | null;
}

export interface Page<D> {
  readonly nodes: readonly D[];
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly totalCount: number;
}

export const MAX_PAGE_SIZE = 100;

/**
 * Keyset pagination (Relay connections): the cursor is the last row's sort value and id, so a page
 * stays correct while rows are added, and each page is one indexed range read, however deep.
 */
export async function paginate<D extends ReadDocument>(
  collection: ReadCollection<D>,
  filter: Filter,
  order: { readonly field: string; readonly direction: 1 | -1 },
  request: PageRequest,
): Promise<Page<D>> {
  const first = request.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInput('PAGE_SIZE_INVALID', `first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  const after = request.after ? decodeCursor(request.after) : null;
  const comparison = order.direction === 1 ? '$gt' : '$lt';
  const pageFilter: Filter = after
    ? { $and: [filter, { $or: [{ [order.field]: { [comparison]: after.value } }, { [order.field]: after.value, _id: { $gt: after.id } }] }] }
    : filter;
  const rows = await collection.find(pageFilter, { sort: { [order.field]: order.direction, _id: 1 }, limit: first + 1 });
  // A first page that is not full holds every match: counting them again would read them all twice.
  const totalCount = !after && rows.length <= first ? rows.length : await collection.count(filter);
  const nodes = rows.slice(0, first);
  const cursors = nodes.map((node) => encodeCursor(valueAt(node, order.field), node._id));
  return { nodes, cursors, hasNextPage: rows.length > first, endCursor: cursors.length > 0 ? cursors[cursors.length - 1] : null, totalCount };
}

function valueAt(document: ReadDocument, path: string): unknown {
  let current: unknown = document;
  for (const key of path.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return current ?? null;
}

export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    if (typeof cursor !== 'string' || cursor.length > 512) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') throw new Error('shape');
    const [value, id] = parsed as [unknown, string];
    if (value !== null && typeof value === 'object') throw new Error('value');
    return { value, id };
  } catch {
    throw new InvalidInput('CURSOR_INVALID', 'the cursor is not one this API returned');
  }
}
