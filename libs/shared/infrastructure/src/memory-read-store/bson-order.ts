/**
 * MongoDB's sort order across types (null < numbers < strings < objects < arrays < booleans <
 * dates < regexes), so that an in-memory sort and an index walk order documents exactly as the
 * Mongo adapter would, whichever plan answers the query.
 */

/** A point between two type brackets, where an open range ends; never stored. */
export class RankEdge {
  constructor(readonly rank: number) {}
}

export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  switch (typeof value) {
    case 'number':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    case 'object':
      if (value instanceof RankEdge) return value.rank;
      if (Array.isArray(value)) return 5;
      if (value instanceof Date) return 9;
      if (value instanceof RegExp) return 11;
      return 4;
    default:
      return 4;
  }
}

/** The edges of a type bracket: `{$gt: 5}` only ever matches numbers, so its range ends where numbers end. */
export function bracketStart(value: unknown): RankEdge {
  return new RankEdge(typeRank(value) - 0.5);
}

export function bracketEnd(value: unknown): RankEdge {
  return new RankEdge(typeRank(value) + 0.5);
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case 1:
      return 0;
    case 2:
      return compareNumbers(a as number, b as number);
    case 3:
      return (a as string) < (b as string) ? -1 : 1;
    case 8:
      return a ? 1 : -1;
    case 9:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    case 11:
      return compareValues(String(a), String(b));
    case 4:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    default:
      return 0;
  }
}

/** NaN sorts below every other number, as in MongoDB. */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  return 1;
}

function compareArrays(a: readonly unknown[], b: readonly unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Field by field: the type of the value, then the field name, then the value (BSON's woCompare). */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const entriesA = Object.entries(a);
  const entriesB = Object.entries(b);
  const length = Math.min(entriesA.length, entriesB.length);
  for (let i = 0; i < length; i++) {
    const [keyA, valueA] = entriesA[i];
    const [keyB, valueB] = entriesB[i];
    const rankA = typeRank(valueA);
    const rankB = typeRank(valueB);
    if (rankA !== rankB) return rankA < rankB ? -1 : 1;
    if (keyA !== keyB) return keyA < keyB ? -1 : 1;
    const c = compareValues(valueA, valueB);
    if (c !== 0) return c;
  }
  return entriesA.length === entriesB.length ? 0 : entriesA.length < entriesB.length ? -1 : 1;
}

/**
 * Every value a dotted path reaches, descending into arrays the way MongoDB does (`items.kind` on
 * an array of items yields each item's kind). `crossedArray` tells a multikey value from a plain one.
 */
export function valuesAtPath(document: unknown, path: readonly string[]): { values: unknown[]; crossedArray: boolean } {
  const values: unknown[] = [];
  let crossedArray = false;
  const walk = (current: unknown, depth: number): void => {
    if (depth === path.length) {
      if (Array.isArray(current)) {
        crossedArray = true;
        values.push(...current);
      } else values.push(current);
      return;
    }
    if (Array.isArray(current)) {
      crossedArray = true;
      const index = /^\d+$/.test(path[depth]) ? Number(path[depth]) : -1;
      if (index >= 0) walk(current[index], depth + 1);
      else for (const item of current) if (item !== null && typeof item === 'object') walk(item, depth);
      return;
    }
    if (current === null || typeof current !== 'object' || current instanceof Date) {
      values.push(undefined);
      return;
    }
    walk((current as Record<string, unknown>)[path[depth]], depth + 1);
  };
  walk(document, 0);
  if (values.length === 0) values.push(undefined);
  return { values, crossedArray };
}

/**
 * The value a document sorts by on one field: the field itself, or for an array the smallest
 * element ascending and the largest descending (MongoDB's rule). An empty array sorts as missing.
 */
export function sortValue(document: unknown, path: readonly string[], direction: 1 | -1): unknown {
  const { values, crossedArray } = valuesAtPath(document, path);
  if (!crossedArray) return values[0];
  let chosen: unknown = undefined;
  let first = true;
  for (const value of values) {
    if (first || compareValues(value, chosen) * direction < 0) chosen = value;
    first = false;
  }
  return chosen;
}
