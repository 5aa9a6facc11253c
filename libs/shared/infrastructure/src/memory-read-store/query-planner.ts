import type { Filter, ReadDocument } from '@pls/event-sourcing';
import type { ResolvedFindOptions } from '../port-validation/read-store.validation';
import { bracketEnd, bracketStart, compareValues, RankEdge, sortValue, typeRank } from './bson-order';
import { SEEK_HIGH, SEEK_LOW, type IndexKey, type SecondaryIndex } from './secondary-index';

/** What the last query did: the int specs assert on these counts, never on elapsed time. */
export interface QueryStats {
  readonly plan: 'id' | 'index' | 'scan' | 'union';
  readonly index?: string;
  /** Documents the filter was tested against. */
  readonly examined: number;
  readonly returned: number;
  /** True when matches had to be collected and sorted instead of read in index order. */
  readonly blockingSort: boolean;
}

interface Bound {
  readonly value: unknown;
  readonly inclusive: boolean;
}

interface Range {
  readonly lower: Bound;
  readonly upper: Bound;
}

/** What the top-level filter pins a field to, as far as an index can use it; the filter itself still decides. */
interface FieldConstraint {
  readonly eq?: readonly unknown[];
  readonly range?: Range;
}

export interface Plan {
  readonly kind: 'id' | 'index' | 'scan' | 'union';
  readonly ids?: readonly string[];
  readonly index?: SecondaryIndex;
  /** One equality prefix per combination of `$in` values on the leading fields. */
  readonly prefixes?: readonly (readonly unknown[])[];
  readonly range?: Range;
  /** Whether the walk yields documents in the requested sort order, and in which direction. */
  readonly ordered: boolean;
  readonly reverse: boolean;
  /** Several prefixes feeding a sort must be merged; without a sort they are simply read one after another. */
  readonly merge?: boolean;
  /** Constraints on index fields after the walked ones, tested on the key so that misses cost no document test. */
  readonly keyFilter?: readonly KeyCheck[];
  /** One plan per branch of a top-level `$or`, each index-served; their documents are read once each, in no order. */
  readonly branches?: readonly Plan[];
  /**
   * An unordered plan to race this ordered one against, a document each in turn: the ordered walk
   * wins when it fills the page first, the rival when it runs out first (MongoDB's planner races
   * its candidate plans the same way). Without statistics nothing else tells a sparse order from a dense one.
   */
  readonly rival?: Plan;
  /** An ordered union's sort, which its merge compares documents by. */
  readonly sort?: ResolvedFindOptions['sort'];
}

interface KeyCheck {
  readonly position: number;
  readonly constraint: FieldConstraint;
}

/** Beyond this many `$in` combinations an index prefix stops growing: the walk would fan out too far. */
const MAX_PREFIXES = 64;

export function planQuery(filter: Filter, sort: ResolvedFindOptions['sort'], indexes: readonly SecondaryIndex[]): Plan {
  const constraints = extractConstraints(filter);
  const byId = idPlan(constraints, sort);
  if (byId) return byId;
  const single = bestIndexPlan(constraints, sort, indexes);
  // An equality prefix is as selective as planning gets without statistics.
  if (single && single.prefixLength > 0) return single.plan;
  const union = unionPlan(filter, constraints, sort, indexes);
  if (!union) return single?.plan ?? { kind: 'scan', ordered: sort.length === 0, reverse: false };
  // A union whose every branch reads in the sort's order is merged in that order: it reads no more than the page.
  if (union.ordered) return union;
  if (single?.plan.ordered && sort.length > 0) return { ...single.plan, rival: union };
  return union;
}

/**
 * The number of documents an index plan yields, counted on its keys alone — MongoDB's COUNT_SCAN —
 * where the keys decide the filter by themselves; null where documents must be tested. That holds
 * when the filter is nothing but one equality on each field of the plan's prefix, each a string,
 * a finite number or a boolean, on a field no stored document holds an array in (an array would
 * match an equality on any element), with no range or key filter after the prefix. A county
 * agency's queue counts its 1,700 entries this way instead of testing 1,700 documents.
 */
export function countOnKeys(plan: Plan, filter: Filter): number | null {
  if (plan.kind !== 'index' || plan.range || plan.keyFilter || plan.prefixes?.length !== 1) return null;
  const index = plan.index as SecondaryIndex;
  const [prefix] = plan.prefixes;
  const equalities = new Map<string, unknown>();
  const simple = (clause: Filter): boolean =>
    Object.entries(clause).every(([path, condition]) => {
      if (path === '$and') return Array.isArray(condition) && condition.every((part) => isPlainObject(part) && simple(part));
      if (path.startsWith('$') || equalities.has(path) || !isKeyDecidable(condition)) return false;
      equalities.set(path, condition);
      return true;
    });
  if (!simple(filter) || equalities.size !== prefix.length) return null;
  for (let position = 0; position < prefix.length; position++) {
    if (index.isMultikey(position) || equalities.get(index.fields[position].path) !== prefix[position]) return null;
  }
  let count = 0;
  for (const [key] of index.tree.entries([...prefix, SEEK_LOW])) {
    for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return count;
    count++;
  }
  return count;
}

function isKeyDecidable(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function idPlan(constraints: Map<string, FieldConstraint>, sort: ResolvedFindOptions['sort']): Plan | null {
  const ids = constraints.get('_id')?.eq;
  if (ids && ids.every((id) => typeof id === 'string')) return { kind: 'id', ids: ids as string[], ordered: sort.length === 0, reverse: false };
  return null;
}

function bestIndexPlan(constraints: Map<string, FieldConstraint>, sort: ResolvedFindOptions['sort'], indexes: readonly SecondaryIndex[]): { plan: Plan; score: number; prefixLength: number } | null {
  let best: { plan: Plan; score: number; prefixLength: number } | null = null;
  for (const index of indexes) {
    let prefixLength = 0;
    let prefixes: unknown[][] = [[]];
    for (const field of index.fields) {
      const eq = constraints.get(field.path)?.eq;
      if (!eq || eq.length === 0 || prefixes.length * eq.length > MAX_PREFIXES) break;
      prefixes = prefixes.flatMap((prefix) => eq.map((value) => [...prefix, value]));
      prefixLength++;
    }
    if (!multikeyFieldsPinned(index, prefixLength, constraints)) continue;
    // A field pinned to one value in the index's prefix is constant across the result (a multikey one is not, but it is never sorted on): its sort key is moot.
    const constant = new Set(
      index.fields
        .slice(0, prefixLength)
        .filter((field, position) => !index.isMultikey(position) && constraints.get(field.path)?.eq?.length === 1)
        .map((field) => field.path),
    );
    const sortRest = sort.filter(([path]) => !constant.has(path));
    const range = prefixLength < index.fields.length ? constraints.get(index.fields[prefixLength].path)?.range : undefined;
    const following = [...index.fields.slice(prefixLength), { path: '_id', direction: 1 as const }];
    const ordered =
      sortRest.length <= following.length &&
      sortRest.every(([path, direction], i) => following[i].path === path && direction * following[i].direction === sortRest[0][1] * following[0].direction);
    const reverse = ordered && sortRest.length > 0 && sortRest[0][1] !== following[0].direction;
    const sortsForUs = ordered && sortRest.length > 0;
    if (prefixLength === 0 && !range && !sortsForUs) continue;
    const keyFilter: KeyCheck[] = [];
    for (let position = prefixLength + (range ? 1 : 0); position < index.fields.length; position++) {
      const constraint = constraints.get(index.fields[position].path);
      if (constraint) keyFilter.push({ position, constraint });
    }
    // Half a point: a key filter only breaks ties, never outweighs a range or an order.
    const score = prefixLength * 4 + (range ? 2 : 0) + (sortsForUs ? 3 : 0) + (keyFilter.length > 0 ? 0.5 : 0);
    if (!best || score > best.score) {
      best = { score, prefixLength, plan: { kind: 'index', index, prefixes, range, ordered, reverse, merge: sortsForUs && prefixes.length > 1, keyFilter: keyFilter.length > 0 ? keyFilter : undefined } };
    }
  }
  return best;
}

/**
 * A multikey field holds one key per array element: an index over it yields each matching document
 * exactly once, and in the order of the fields after it, only where the field is pinned to a single
 * value in the equality prefix. Anywhere else (a range, an `$in`, a key filter, a sort) the index is
 * left alone. `{ regionPath: '510104000000' }` sorted by `nextDueAt` is such a walk.
 */
function multikeyFieldsPinned(index: SecondaryIndex, prefixLength: number, constraints: Map<string, FieldConstraint>): boolean {
  if (index.usable) return true;
  return index.fields.every((field, position) => !index.isMultikey(position) || (position < prefixLength && constraints.get(field.path)?.eq?.length === 1));
}

/**
 * `A and (B or C)` is `(A and B) or (A and C)`: when every branch of a top-level `$or`, together
 * with what the rest of the filter pins, can be read from an index, the union of those reads holds
 * every match. Of several such `$or`s the one whose weakest branch is most selective is taken.
 */
function unionPlan(filter: Filter, constraints: Map<string, FieldConstraint>, sort: ResolvedFindOptions['sort'], indexes: readonly SecondaryIndex[]): Plan | null {
  let best: { plan: Plan; score: number } | null = null;
  for (const branches of topLevelOrs(filter)) {
    const plans: Plan[] = [];
    let weakest = Infinity;
    for (const branch of branches) {
      const branchConstraints = new Map(constraints);
      for (const [path, constraint] of extractConstraints(branch)) branchConstraints.set(path, merge(constraints.get(path), constraint));
      const byId = idPlan(branchConstraints, []);
      const indexed = byId ? null : bestIndexPlan(branchConstraints, [], indexes);
      const plan = byId ?? indexed?.plan;
      if (!plan) {
        weakest = -1;
        break;
      }
      plans.push(plan);
      weakest = Math.min(weakest, byId ? Infinity : (indexed?.score ?? 0));
    }
    if (weakest < 0 || plans.length === 0) continue;
    if (!best || weakest > best.score) best = { score: weakest, plan: orderedUnion(branches, constraints, sort, indexes) ?? { kind: 'union', branches: plans, ordered: false, reverse: false } };
  }
  return best?.plan ?? null;
}

/** The union again, if each branch's best index plan with an equality prefix also reads in the sort's order (MongoDB's SORT_MERGE). */
function orderedUnion(branches: readonly Filter[], constraints: Map<string, FieldConstraint>, sort: ResolvedFindOptions['sort'], indexes: readonly SecondaryIndex[]): Plan | null {
  if (sort.length === 0) return null;
  const plans: Plan[] = [];
  for (const branch of branches) {
    const branchConstraints = new Map(constraints);
    for (const [path, constraint] of extractConstraints(branch)) branchConstraints.set(path, merge(constraints.get(path), constraint));
    const indexed = bestIndexPlan(branchConstraints, sort, indexes);
    if (!indexed || indexed.prefixLength === 0 || !indexed.plan.ordered) return null;
    plans.push(indexed.plan);
  }
  // A backward walk breaks ties by descending _id: the merge must break them the same way in every branch.
  if (plans.some((plan) => plan.reverse !== plans[0].reverse)) return null;
  return { kind: 'union', branches: plans, ordered: true, reverse: plans[0].reverse, sort };
}

function topLevelOrs(filter: Filter): Filter[][] {
  const found: Filter[][] = [];
  const visit = (clause: Filter): void => {
    for (const [path, condition] of Object.entries(clause)) {
      if (path === '$and' && Array.isArray(condition)) for (const part of condition) if (isPlainObject(part)) visit(part);
      if (path === '$or' && Array.isArray(condition) && condition.length > 0 && condition.every(isPlainObject)) found.push(condition as Filter[]);
    }
  };
  visit(filter);
  return found;
}

/** Documents of one index plan in index order (or reversed), equality prefix by prefix. */
export function* walkIndex(plan: Plan): Generator<ReadDocument> {
  const index = plan.index as SecondaryIndex;
  const prefixes = plan.prefixes ?? [[]];
  const walks = prefixes.map((prefix) => walkPrefix(index, prefix, plan.range, plan.reverse, plan.keyFilter ?? []));
  if (!plan.merge) {
    for (const walk of walks) for (const [, document] of walk) yield document;
    return;
  }
  // Each prefix is in order on its own: merge them on the fields after the prefix.
  const start = prefixes[0].length;
  const heads = walks.map((walk) => ({ walk, next: walk.next() }));
  for (;;) {
    let chosen: (typeof heads)[number] | null = null;
    for (const head of heads) {
      if (head.next.done) continue;
      if (!chosen) chosen = head;
      else {
        const c = index.compareFrom(head.next.value[0], (chosen.next as IteratorYieldResult<[IndexKey, ReadDocument]>).value[0], start);
        if (plan.reverse ? c > 0 : c < 0) chosen = head;
      }
    }
    if (!chosen) return;
    yield (chosen.next as IteratorYieldResult<[IndexKey, ReadDocument]>).value[1];
    chosen.next = chosen.walk.next();
  }
}

function* walkPrefix(index: SecondaryIndex, prefix: readonly unknown[], range: Range | undefined, reverse: boolean, keyFilter: readonly KeyCheck[]): Generator<[IndexKey, ReadDocument]> {
  const at = prefix.length;
  // On a descending field, index order runs against value order: walking forward meets the upper bound first.
  const valuesFall = reverse !== (index.fields[at]?.direction === -1);
  const first = valuesFall ? range?.upper : range?.lower;
  const last = valuesFall ? range?.lower : range?.upper;
  // Seeking below every key holding the bound value includes it, seeking above them excludes it; walking backward swaps the two.
  const tail = first ? (!first.inclusive !== reverse ? SEEK_HIGH : SEEK_LOW) : reverse ? SEEK_HIGH : SEEK_LOW;
  // A range on the field after a ranged one is skipped to per value of the ranged field, as MongoDB's index bounds do.
  const next = !reverse && range ? keyFilter.find((check) => check.position === at + 1)?.constraint.range : undefined;
  let seek: IndexKey | null = first ? [...prefix, first.value, tail] : [...prefix, tail];
  while (seek) {
    const entries = reverse ? index.tree.entriesReversed(seek) : index.tree.entries(seek);
    seek = null;
    for (const entry of entries) {
      const key = entry[0];
      for (let i = 0; i < at; i++) if (compareValues(key[i], prefix[i]) !== 0) return;
      if (last && outside(key[at], last, valuesFall ? 'below' : 'above')) return;
      if (next) {
        seek = skipTarget(index, key, at + 1, next);
        if (seek) break;
      }
      if (keyFilter.length > 0 && !keyFilter.every(({ position, constraint }) => keyMeets(key[position], constraint))) continue;
      yield [key, index.documentOf(entry[1])];
    }
  }
}

/** Where a forward walk resumes when the key's value at `at` lies outside `range`: that range's start, or the next value before `at`. */
function skipTarget(index: SecondaryIndex, key: IndexKey, at: number, range: Range): IndexKey | null {
  const below = outside(key[at], range.lower, 'below');
  if (!below && !outside(key[at], range.upper, 'above')) return null;
  const ascending = index.fields[at].direction === 1;
  if (below !== ascending) return [...key.slice(0, at), SEEK_HIGH];
  const start = ascending ? range.lower : range.upper;
  return [...key.slice(0, at), start.value, start.inclusive ? SEEK_LOW : SEEK_HIGH];
}

/** Each stored document once, whichever branches reach it; in the sort's order when the plan is ordered. */
export function* walkUnion(plan: Plan, read: (branch: Plan) => Iterable<ReadDocument>): Generator<ReadDocument> {
  const seen = new Set<ReadDocument>();
  if (!plan.ordered || !plan.sort) {
    for (const branch of plan.branches ?? []) {
      for (const document of read(branch)) {
        if (seen.has(document)) continue;
        seen.add(document);
        yield document;
      }
    }
    return;
  }
  const sort = plan.sort;
  const tieDirection = plan.reverse ? -1 : 1;
  const heads = (plan.branches ?? []).map((branch) => {
    const walk = read(branch)[Symbol.iterator]();
    return { walk, next: keyed(walk.next(), sort) };
  });
  for (;;) {
    let chosen: (typeof heads)[number] | null = null;
    for (const head of heads) {
      if (head.next === null) continue;
      if (chosen === null || compareSortKeys(head.next, chosen.next as SortKeyed, sort, tieDirection) < 0) chosen = head;
    }
    if (chosen === null) return;
    const document = (chosen.next as SortKeyed).document;
    chosen.next = keyed(chosen.walk.next(), sort);
    if (seen.has(document)) continue;
    seen.add(document);
    yield document;
  }
}

interface SortKeyed {
  readonly document: ReadDocument;
  readonly keys: readonly unknown[];
}

function keyed(next: IteratorResult<ReadDocument>, sort: ResolvedFindOptions['sort']): SortKeyed | null {
  if (next.done) return null;
  return { document: next.value, keys: sort.map(([path, direction]) => sortValue(next.value, path.split('.'), direction)) };
}

/** The sort's fields, then `_id` in the direction the branches' walks take it. */
function compareSortKeys(a: SortKeyed, b: SortKeyed, sort: ResolvedFindOptions['sort'], tieDirection: 1 | -1): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareValues(a.keys[i], b.keys[i]);
    if (c !== 0) return c * sort[i][1];
  }
  return (a.document._id < b.document._id ? -1 : a.document._id > b.document._id ? 1 : 0) * tieDirection;
}

/** A non-multikey index holds the plain value (missing as null), which equality and typed ranges compare as the filter would. */
function keyMeets(value: unknown, constraint: FieldConstraint): boolean {
  if (constraint.eq) return constraint.eq.some((candidate) => compareValues(value, candidate) === 0);
  const range = constraint.range;
  return !range || (!outside(value, range.lower, 'below') && !outside(value, range.upper, 'above'));
}

function outside(value: unknown, bound: Bound, side: 'above' | 'below'): boolean {
  const c = compareValues(value, bound.value);
  return side === 'above' ? c > 0 || (c === 0 && !bound.inclusive) : c < 0 || (c === 0 && !bound.inclusive);
}

/** Matches in the requested order: MongoDB's sort rules, ties broken by `_id` so pages are stable. */
export function sortDocuments(documents: readonly ReadDocument[], sort: ResolvedFindOptions['sort']): ReadDocument[] {
  const decorated = documents.map((document) => ({ document, keys: sort.map(([path, direction]) => sortValue(document, path.split('.'), direction)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * sort[i][1];
    }
    return a.document._id < b.document._id ? -1 : a.document._id > b.document._id ? 1 : 0;
  });
  return decorated.map(({ document }) => document);
}

function extractConstraints(filter: Filter): Map<string, FieldConstraint> {
  const constraints = new Map<string, FieldConstraint>();
  const visit = (clause: Filter): void => {
    for (const [path, condition] of Object.entries(clause)) {
      if (path === '$and' && Array.isArray(condition)) {
        for (const part of condition) if (isPlainObject(part)) visit(part);
        continue;
      }
      if (path.startsWith('$')) continue;
      const constraint = constraintOf(condition);
      if (constraint) constraints.set(path, merge(constraints.get(path), constraint));
    }
  };
  visit(filter);
  return constraints;
}

function merge(existing: FieldConstraint | undefined, next: FieldConstraint): FieldConstraint {
  if (!existing) return next;
  if (existing.eq) return existing;
  if (next.eq || !existing.range || !next.range) return next;
  const { lower: a, upper: b } = existing.range;
  const { lower: c, upper: d } = next.range;
  const lower = compareValues(a.value, c.value) > 0 || (compareValues(a.value, c.value) === 0 && !a.inclusive) ? a : c;
  const upper = compareValues(b.value, d.value) < 0 || (compareValues(b.value, d.value) === 0 && !b.inclusive) ? b : d;
  return { range: { lower, upper } };
}

function constraintOf(condition: unknown): FieldConstraint | null {
  if (isPointValue(condition)) return { eq: [condition] };
  if (condition instanceof RegExp) return prefixRange(condition.source, condition.flags);
  if (!isPlainObject(condition)) return null;
  const operators = Object.entries(condition);
  if (operators.length === 0 || !operators.every(([op]) => op.startsWith('$'))) return null;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  let regex: FieldConstraint | null = null;
  let notNull = false;
  for (const [op, operand] of operators) {
    switch (op) {
      case '$ne':
        if (operand === null) notNull = true;
        break;
      case '$eq':
        if (isPointValue(operand)) return { eq: [operand] };
        break;
      case '$in':
        if (Array.isArray(operand) && operand.length > 0 && operand.every(isPointValue)) {
          const values = [...operand].sort(compareValues).filter((value, i, all) => i === 0 || compareValues(all[i - 1], value) !== 0);
          return { eq: values };
        }
        break;
      case '$gt':
      case '$gte':
        if (isRangeValue(operand)) lower = tighter(lower, { value: operand, inclusive: op === '$gte' }, 1);
        break;
      case '$lt':
      case '$lte':
        if (isRangeValue(operand)) upper = tighter(upper, { value: operand, inclusive: op === '$lte' }, -1);
        break;
      case '$regex': {
        const options = typeof condition.$options === 'string' ? condition.$options : '';
        if (typeof operand === 'string') regex = prefixRange(operand, options);
        else if (operand instanceof RegExp) regex = prefixRange(operand.source, operand.flags + options);
        break;
      }
      default:
        break;
    }
  }
  if (lower && upper && typeRank(lower.value) !== typeRank(upper.value)) return null;
  if (lower || upper) {
    const reference = (lower ?? upper) as Bound;
    return { range: { lower: lower ?? { value: bracketStart(reference.value), inclusive: true }, upper: upper ?? { value: bracketEnd(reference.value), inclusive: true } } };
  }
  // Null and missing sort below every other value: `$ne: null` is everything above the null bracket.
  if (!regex && notNull) return { range: { lower: { value: bracketEnd(null), inclusive: true }, upper: { value: NOTHING_ABOVE, inclusive: true } } };
  return regex;
}

const NOTHING_ABOVE = new RankEdge(Number.MAX_SAFE_INTEGER);

function tighter(current: Bound | undefined, next: Bound, direction: 1 | -1): Bound {
  if (!current || typeRank(current.value) !== typeRank(next.value)) return current ?? next;
  const c = compareValues(next.value, current.value) * direction;
  return c > 0 || (c === 0 && !next.inclusive) ? next : current;
}

/** `^literal` matches a contiguous run of strings: [literal, successor of literal). */
function prefixRange(source: string, flags: string): FieldConstraint | null {
  if (!source.startsWith('^') || /[imx]/.test(flags)) return null;
  let prefix = '';
  for (let i = 1; i < source.length; i++) {
    const char = source[i];
    if ('.*+?()[]{}|\\^$'.includes(char)) {
      if ('*?{'.includes(char)) prefix = prefix.slice(0, -1);
      break;
    }
    prefix += char;
  }
  if (prefix.length === 0) return null;
  const lastCode = prefix.charCodeAt(prefix.length - 1);
  if (lastCode === 0xffff) return { range: { lower: { value: prefix, inclusive: true }, upper: { value: bracketEnd(prefix), inclusive: true } } };
  const successor = prefix.slice(0, -1) + String.fromCharCode(lastCode + 1);
  return { range: { lower: { value: prefix, inclusive: true }, upper: { value: successor, inclusive: false } } };
}

/** Values an equality can seek to: MongoDB and mingo match these by value, never by containment. */
function isPointValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value)) || isValidDate(value);
}

function isRangeValue(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) || isValidDate(value);
}

function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
