import type { IndexSpec, ReadDocument } from '@pls/event-sourcing';
import BTree from 'sorted-btree';
import { assertFieldPath, indexName } from '../port-validation/read-store.validation';
import { compareValues, valuesAtPath } from './bson-order';

/** The declared fields' values, then `_id`, which makes every key unique and orders ties. */
export type IndexKey = readonly unknown[];

/** Seek targets below / above every stored key sharing the same prefix; never stored. */
export const SEEK_LOW = Symbol('seek-low');
export const SEEK_HIGH = Symbol('seek-high');

/** Wider nodes than the library default: fewer levels and splits make random inserts about a third cheaper. */
const NODE_SIZE = 128;

export interface IndexField {
  readonly path: string;
  readonly segments: readonly string[];
  readonly direction: 1 | -1;
}

/**
 * One declared index as a B+ tree over (fields…, _id). Index order is the declared order with each
 * field's direction applied, so a walk forward (or backward) yields documents sorted as the index
 * reads. A document with an array on an indexed path makes the index multikey on that field, as in
 * MongoDB: it holds one key per array element (per combination, should two fields hold arrays). The
 * planner uses a multikey field only where it is pinned to one value, where each matching document
 * has exactly one key; it does not reproduce MongoDB's multikey bounds rules beyond that.
 */
export class SecondaryIndex {
  readonly name: string;
  readonly fields: readonly IndexField[];
  readonly unique: boolean;
  /**
   * Keys to document ids (the key's last element, kept as the value so a walk needs no slicing).
   * Not to the documents: a new version of a document then leaves every key it keeps untouched,
   * where mapping keys to document objects made each write re-set every key of every index — most
   * of the cost of applying an event to a large view (`bench:queries`' build). Readers look the
   * document up by id (`documentOf`).
   */
  readonly tree: BTree<IndexKey, string>;
  /** Per field, how many stored documents hold an array on its path. */
  private readonly arraysPerField: number[];
  private multikeyDocuments = 0;

  constructor(
    spec: IndexSpec,
    private readonly documents: ReadonlyMap<string, ReadDocument>,
  ) {
    this.name = indexName(spec);
    this.unique = spec.unique === true;
    this.fields = Object.entries(spec.fields).map(([path, direction]) => ({ path, segments: assertFieldPath(path, 'INDEX_SPEC_INVALID'), direction }));
    this.tree = new BTree<IndexKey, string>(undefined, this.compareKeys, NODE_SIZE);
    this.arraysPerField = this.fields.map(() => 0);
  }

  get usable(): boolean {
    return this.multikeyDocuments === 0;
  }

  /** Whether some stored document holds an array on the field at `position`. */
  isMultikey(position: number): boolean {
    return this.arraysPerField[position] > 0;
  }

  sameFieldsAs(spec: IndexSpec): boolean {
    return indexName(spec) === this.name;
  }

  readonly compareKeys = (a: IndexKey, b: IndexKey): number => this.compareFrom(a, b, 0);

  /** The stored document an entry of this index stands for. */
  documentOf(id: string): ReadDocument {
    const document = this.documents.get(id);
    if (document === undefined) throw new Error(`index ${this.name} holds ${id}, which the collection does not: the index and the documents went out of step`);
    return document;
  }

  /** Compares keys from position `start` on: how documents sharing an equality prefix are ordered. */
  compareFrom(a: IndexKey, b: IndexKey, start: number): number {
    const fields = this.fields;
    const last = fields.length;
    for (let i = start; i <= last; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      if (x === SEEK_LOW || y === SEEK_HIGH || x === undefined) return -1;
      if (x === SEEK_HIGH || y === SEEK_LOW || y === undefined) return 1;
      if (i === last) return (x as string) < (y as string) ? -1 : 1;
      if (typeof x === 'string' && typeof y === 'string') return (x < y ? -1 : 1) * fields[i].direction;
      const c = compareValues(x, y);
      if (c !== 0) return c * fields[i].direction;
    }
    return 0;
  }

  /** The document's keys (one unless a path crosses an array) and which fields held arrays, as a bit per field. */
  keysOf(document: ReadDocument): { keys: IndexKey[]; arrays: number } {
    let keys: unknown[][] = [new Array<unknown>(this.fields.length + 1)];
    let arrays = 0;
    for (let i = 0; i < this.fields.length; i++) {
      const segments = this.fields[i].segments;
      const plain = plainValueAt(document, segments);
      if (plain !== ARRAY_ON_PATH) {
        for (const key of keys) key[i] = plain;
        continue;
      }
      arrays |= 1 << i;
      // An empty array is indexed once, as missing: no equality on an element can find it.
      const values = [...new Set(valuesAtPath(document, segments).values.map((value) => (value === undefined ? null : value)))];
      keys = keys.flatMap((key) => values.map((value) => Object.assign([...key], { [i]: value })));
    }
    for (const key of keys) key[this.fields.length] = document._id;
    return { keys, arrays };
  }

  /** The id of another document holding the same unique key, if any. */
  conflictFor(document: ReadDocument): string | null {
    if (!this.unique) return null;
    for (const key of this.keysOf(document).keys) {
      const probe = [...key.slice(0, -1), SEEK_LOW];
      for (const [found] of this.tree.entries(probe)) {
        if (this.compareFrom(found.slice(0, -1), key.slice(0, -1), 0) !== 0) break;
        if (found[found.length - 1] !== document._id) return found[found.length - 1] as string;
      }
    }
    return null;
  }

  replace(previous: ReadDocument | undefined, next: ReadDocument | undefined): void {
    const before = previous ? this.keysOf(previous) : null;
    const after = next ? this.keysOf(next) : null;
    if (before) {
      for (const key of before.keys) if (!after?.keys.some((kept) => this.compareKeys(key, kept) === 0)) this.tree.delete(key);
      this.countArrays(before.arrays, -1);
    }
    if (after) {
      const id = (next as ReadDocument)._id;
      // A key the previous version held already maps to this id: only new keys are written.
      for (const key of after.keys) if (!before?.keys.some((held) => this.compareKeys(key, held) === 0)) this.tree.set(key, id);
      this.countArrays(after.arrays, 1);
    }
  }

  private countArrays(arrays: number, step: 1 | -1): void {
    if (arrays === 0) return;
    this.multikeyDocuments += step;
    for (let i = 0; i < this.fields.length; i++) if (arrays & (1 << i)) this.arraysPerField[i] += step;
  }
}

const ARRAY_ON_PATH = Symbol('array-on-path');

/** The common case without allocation: the value at a path that crosses no array, missing as null. */
function plainValueAt(document: unknown, segments: readonly string[]): unknown {
  let current = document;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || current instanceof Date) return null;
    if (Array.isArray(current)) return ARRAY_ON_PATH;
    current = (current as Record<string, unknown>)[segment];
  }
  if (Array.isArray(current)) return ARRAY_ON_PATH;
  return current === undefined ? null : current;
}
