import { InvalidInput } from '@pls/shared-kernel';
import type { CollectionSpec, Filter, FindOptions, IndexSpec, SortSpec } from '@pls/event-sourcing';

// Input checks every ReadStore adapter shares, so the memory store refuses exactly what MongoDB
// would refuse (or store differently), with the same codes.

/** MongoDB's namespace rules: no `$`, no NUL, nothing in the reserved `system.` space. */
export function assertCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200 || name.includes('$') || name.includes('\0') || name.startsWith('system.')) {
    throw new InvalidInput('COLLECTION_NAME_INVALID', `collection names are 1–200 characters without "$" or NUL, outside "system.", got ${JSON.stringify(name)}`);
  }
  return name;
}

export function assertFieldPath(path: string, code: string): string[] {
  const segments = path.split('.');
  if (path.length === 0 || segments.some((segment) => segment.length === 0 || segment.startsWith('$'))) {
    throw new InvalidInput(code, `${JSON.stringify(path)} is not a field path (dotted names, no empty or "$" segments)`);
  }
  return segments;
}

export function assertCollectionSpec(spec: CollectionSpec): CollectionSpec {
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.indexes)) {
    throw new InvalidInput('INDEX_SPEC_INVALID', 'a collection spec lists its indexes (an empty list is fine)');
  }
  spec.indexes.forEach(assertIndexSpec);
  return spec;
}

function assertIndexSpec(index: IndexSpec): void {
  const fields = typeof index === 'object' && index !== null ? Object.entries(index.fields ?? {}) : [];
  if (fields.length === 0) throw new InvalidInput('INDEX_SPEC_INVALID', 'an index names at least one field');
  for (const [path, direction] of fields) {
    assertFieldPath(path, 'INDEX_SPEC_INVALID');
    if (direction !== 1 && direction !== -1) throw new InvalidInput('INDEX_SPEC_INVALID', `index direction of ${path} must be 1 or -1, got ${String(direction)}`);
  }
}

export function indexName(index: IndexSpec): string {
  return Object.entries(index.fields)
    .map(([path, direction]) => `${path}_${direction}`)
    .join('_');
}

export function assertDocumentId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidInput('DOCUMENT_ID_INVALID', `document ids are non-empty strings, got ${JSON.stringify(id)}`);
  return id;
}

export function assertStreamRevision(streamId: unknown, revision: unknown): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidInput('STREAM_ID_INVALID', `a guarded write names its stream, got ${JSON.stringify(streamId)}`);
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
    throw new InvalidInput('STREAM_REVISION_INVALID', `stream revisions are non-negative integers, got ${String(revision)}`);
  }
}

export function assertFilter(filter: unknown): Filter {
  if (filter === undefined) return {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new InvalidInput('FILTER_INVALID', 'a filter is a query object');
  return filter as Filter;
}

export interface ResolvedFindOptions {
  readonly sort: readonly (readonly [path: string, direction: 1 | -1])[];
  readonly skip: number;
  /** Infinity when the caller set none; 0 returns nothing (unlike MongoDB's "0 = no limit"). */
  readonly limit: number;
}

export function resolveFindOptions(options: FindOptions | undefined): ResolvedFindOptions {
  const skip = options?.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new InvalidInput('SKIP_INVALID', `skip is a non-negative integer, got ${String(skip)}`);
  const limit = options?.limit ?? Infinity;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) throw new InvalidInput('LIMIT_INVALID', `limit is a non-negative integer, got ${String(limit)}`);
  return { sort: resolveSort(options?.sort), skip, limit };
}

function resolveSort(sort: SortSpec | undefined): ResolvedFindOptions['sort'] {
  if (sort === undefined) return [];
  if (typeof sort !== 'object' || sort === null || Array.isArray(sort)) throw new InvalidInput('SORT_INVALID', 'a sort is an object of field → 1 | -1');
  return Object.entries(sort).map(([path, direction]) => {
    assertFieldPath(path, 'SORT_INVALID');
    if (direction !== 1 && direction !== -1) throw new InvalidInput('SORT_INVALID', `sort direction of ${path} must be 1 or -1, got ${String(direction)}`);
    return [path, direction] as const;
  });
}

const MAX_DEPTH = 100;

/**
 * A stored copy of a document: deep, frozen, and shaped the way MongoDB would store it. Field names
 * that MongoDB refuses or cannot query (`$`-prefixed anywhere, dotted at the top) are refused;
 * `undefined` properties are dropped (the driver's `ignoreUndefined`), `undefined` array items
 * become null. Stream ids carry dots, which is why dotted names are allowed below the top level:
 * `_revisions` is keyed by them.
 */
export function storedCopy<T>(document: T): T {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidInput('DOCUMENT_INVALID', 'a read-model document is a plain object');
  }
  assertDocumentId((document as { _id?: unknown })._id);
  const revisions = (document as { _revisions?: unknown })._revisions;
  if (revisions !== undefined && !isRevisionMap(revisions)) {
    throw new InvalidInput('FIELD_VALUE_INVALID', '_revisions maps stream ids to non-negative integer revisions');
  }
  return copyValue(document, '', 0) as T;
}

function isRevisionMap(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).every((revision) => Number.isInteger(revision) && (revision as number) >= 0)
  );
}

function copyValue(value: unknown, path: string, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw new InvalidInput('FIELD_VALUE_INVALID', `${path || 'the document'} is a ${typeof value}, which a read model cannot store`);
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) throw new InvalidInput('FIELD_VALUE_INVALID', `${path} nests deeper than ${MAX_DEPTH} levels`);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidInput('FIELD_VALUE_INVALID', `${path} is an invalid date`);
    return Object.freeze(new Date(value.getTime()));
  }
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = value[i] === undefined ? null : copyValue(value[i], `${path}[${i}]`, depth + 1);
    return Object.freeze(items);
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new InvalidInput('FIELD_VALUE_INVALID', `${path || 'the document'} is a ${(value as object).constructor?.name ?? 'non-plain object'}, not plain data`);
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (key.startsWith('$') || (depth === 0 && (key.includes('.') || key.length === 0))) {
      throw new InvalidInput('FIELD_NAME_INVALID', `field name ${JSON.stringify(path ? `${path}.${key}` : key)} cannot be stored: no "$" prefix, and no "." or empty name at the top level`);
    }
    if (item === undefined) continue;
    // A string, number or boolean is stored as it is: only what may fail needs its path spelled out.
    const kind = typeof item;
    copy[key] = kind === 'string' || kind === 'number' || kind === 'boolean' ? item : copyValue(item, path ? `${path}.${key}` : key, depth + 1);
  }
  return Object.freeze(copy);
}

/** A mutable deep copy of a stored document for a caller. */
export function thawedCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(thawedCopy) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = thawedCopy((value as Record<string, unknown>)[key]);
  return copy as T;
}
