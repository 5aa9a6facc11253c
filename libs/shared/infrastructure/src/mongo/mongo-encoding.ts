import type { Filter, IndexSpec } from '@pls/event-sourcing';
import { InvalidInput } from '@pls/shared-kernel';
import { assertFieldPath, type ResolvedFindOptions } from '../port-validation/read-store.validation';

/**
 * Field names as the server stores them. Stream ids carry dots (`legal-aid.application-7f3a`) and
 * key `_revisions`; a dot in a stored name cannot be addressed by a query or update path, FerretDB
 * refuses to store one at all, and it refuses path segments with leading or trailing spaces. So
 * `.`, whitespace and the escape character `%` itself become `%` + four hex digits of the UTF-16
 * code unit, in every stored name and in every path a query names, which keeps the mapping
 * reversible and makes ordinary names (the overwhelming case) pass through unchanged.
 */
const NEEDS_ESCAPE = /[%.\s]/;
const ESCAPED = /[%.\s]/g;
const ESCAPE = /%([0-9A-F]{4})/g;

export function encodeKey(key: string): string {
  return NEEDS_ESCAPE.test(key) ? key.replace(ESCAPED, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`) : key;
}

export function decodeKey(key: string): string {
  return key.includes('%') ? key.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : key;
}

export function encodePath(path: string, code: string): string {
  return assertFieldPath(path, code).map(encodeKey).join('.');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A value on its way to the server: object keys escaped at every depth; dates, regexes and scalars as they are. */
export function encodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeValue);
  if (!isPlainObject(value)) return value;
  const encoded: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) encoded[encodeKey(key)] = encodeValue(item);
  return encoded;
}

/** A value from the server, for a caller: keys unescaped, a fresh mutable copy. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value instanceof Date) return new Date(value.getTime());
  if (!isPlainObject(value)) return value;
  const decoded: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) decoded[decodeKey(key)] = decodeValue(item);
  return decoded;
}

const COMPARISONS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const LISTS = new Set(['$in', '$nin', '$all']);
const PASSED_AS_IS = new Set(['$exists', '$type', '$size', '$mod', '$regex', '$options']);
const LOGICAL = new Set(['$and', '$or', '$nor']);
const MAX_DEPTH = 100;

function refuse(message: string): never {
  throw new InvalidInput('FILTER_INVALID', `not a valid query: ${message}`);
}

/**
 * The caller's filter in stored names. Operators are checked against the ones the read side
 * speaks, so an unknown one is refused here with FILTER_INVALID, whatever the server would have
 * said. `$expr` is passed through untranslated: its `$field` operands name stored fields, which
 * is right for every name that needs no escaping.
 */
export function encodeFilter(filter: Filter, depth = 0): Record<string, unknown> {
  if (depth > MAX_DEPTH) refuse(`nested deeper than ${MAX_DEPTH} levels`);
  const encoded: Record<string, unknown> = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (LOGICAL.has(key)) {
      if (!Array.isArray(condition) || condition.length === 0 || !condition.every(isPlainObject)) refuse(`${key} takes a non-empty list of filters`);
      encoded[key] = condition.map((clause) => encodeFilter(clause as Filter, depth + 1));
    } else if (key === '$expr' || key === '$comment') {
      encoded[key] = condition;
    } else if (key.startsWith('$')) {
      refuse(`unknown top-level operator ${key}`);
    } else {
      encoded[encodePath(key, 'FILTER_INVALID')] = encodeCondition(condition, depth + 1);
    }
  }
  return encoded;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) refuse(`${JSON.stringify(keys)} mixes operators and field names`);
  return operators.length > 0;
}

function encodeCondition(condition: unknown, depth: number): unknown {
  if (!isOperatorObject(condition)) return encodeValue(condition);
  const encoded: Record<string, unknown> = {};
  for (const [operator, operand] of Object.entries(condition)) {
    if (COMPARISONS.has(operator)) encoded[operator] = encodeValue(operand);
    else if (LISTS.has(operator)) {
      if (!Array.isArray(operand)) refuse(`${operator} takes a list`);
      encoded[operator] = operand.map(encodeValue);
    } else if (PASSED_AS_IS.has(operator)) encoded[operator] = operand;
    else if (operator === '$not') {
      if (!(operand instanceof RegExp) && !isOperatorObject(operand)) refuse('$not takes a regex or an operator expression');
      encoded[operator] = encodeCondition(operand, depth + 1);
    } else if (operator === '$elemMatch') {
      if (!isPlainObject(operand)) refuse('$elemMatch takes an object');
      encoded[operator] = isOperatorObject(operand) ? encodeCondition(operand, depth + 1) : encodeFilter(operand, depth + 1);
    } else refuse(`unknown operator ${operator}`);
  }
  return encoded;
}

export function encodeSort(sort: ResolvedFindOptions['sort']): Record<string, 1 | -1> | undefined {
  if (sort.length === 0) return undefined;
  const encoded: Record<string, 1 | -1> = {};
  for (const [path, direction] of sort) encoded[encodePath(path, 'SORT_INVALID')] = direction;
  return encoded;
}

export function encodeIndexKey(index: IndexSpec): Record<string, 1 | -1> {
  const encoded: Record<string, 1 | -1> = {};
  for (const [path, direction] of Object.entries(index.fields)) encoded[encodePath(path, 'INDEX_SPEC_INVALID')] = direction;
  return encoded;
}
