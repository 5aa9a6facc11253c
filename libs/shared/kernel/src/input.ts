import { shanghaiDate } from './calendar';
import { InvalidInput, isPlsError } from './errors';
import { padRegionCode } from './regions';

/**
 * Generic shape checks of command input, shared by the domains. Each helper takes the error code
 * it refuses with, so every domain keeps its own code catalogue (and may wrap these with its
 * narrower code type).
 */

/** An entity id: 1 to 128 letters, digits, _ . : - starting with a letter or digit. */
export const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** Re-throws a kernel refusal (`InvalidInput`) with the path of the field it was about. */
export function atField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isPlsError(error) && error instanceof InvalidInput) throw new InvalidInput(error.code, `${field}: ${error.message}`, { ...error.details, field });
    throw error;
  }
}

/** One of the allowed strings; anything else is `InvalidInput` with `code`. */
export function oneOf<T extends string, C extends string = string>(allowed: readonly T[], value: unknown, code: C, field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInput(code, `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, { field });
  }
  return value as T;
}

/** A non-empty trimmed string of at most `max` characters (code points). */
export function boundedText<C extends string>(value: unknown, field: string, max: number, code: C, tooLong: C = code): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw new InvalidInput(code, `${field} must not be empty`, { field });
  if (Array.from(trimmed).length > max) throw new InvalidInput(tooLong, `${field} must be at most ${max} characters`, { field, max });
  return trimmed;
}

/** Like `boundedText`, but null when absent or blank. */
export function optionalBoundedText<C extends string>(value: unknown, field: string, max: number, code: C, tooLong: C = code): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return boundedText(value, field, max, code, tooLong);
}

/** A trimmed entity id (see `ENTITY_ID`); anything else is `InvalidInput` with `code`. */
export function identifier<C extends string>(value: unknown, code: C, field: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!ENTITY_ID.test(id)) throw new InvalidInput(code, `${field} must be 1 to 128 letters, digits, _ . : -, got ${JSON.stringify(value)}`, { field });
  return id;
}

/** A boolean; anything else is `InvalidInput` with `code`. */
export function flag<C extends string>(value: unknown, field: string, code: C): boolean {
  if (typeof value !== 'boolean') throw new InvalidInput(code, `${field} must be true or false`, { field });
  return value;
}

/** An instant as a UTC ISO string; a bare 'YYYY-MM-DD' is that day's 00:00 in Shanghai. Refuses with the kernel's codes. */
export function instant(value: unknown, field: string): { iso: string; ms: number } {
  return atField(field, () => {
    shanghaiDate(value as string); // rejects instants without a zone, impossible dates, non-strings
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(value as string) ? Date.parse(`${value as string}T00:00:00+08:00`) : Date.parse(value as string);
    return { iso: new Date(ms).toISOString(), ms };
  });
}

/** A region code padded to 12 digits. Refuses with the kernel's codes. */
export const regionCode = (value: unknown, field: string): string => atField(field, () => padRegionCode(value as string));
