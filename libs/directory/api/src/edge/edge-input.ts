import { InvalidInput, isPlsError, padRegionCode } from '@pls/shared-kernel';

/**
 * Checks what GraphQL's types cannot say (lengths, code shapes, id shapes) before anything is
 * looked up, so a malformed request is refused as BAD_USER_INPUT naming the field. Enum values
 * are checked by GraphQL itself; business rules by the deciders.
 *
 * Codes (all `InvalidInput`, with `details.field`): INPUT_REQUIRED, INPUT_TOO_LONG,
 * INPUT_LIST_TOO_LONG, INPUT_OUT_OF_RANGE, ID_MALFORMED, and the kernel's REGION_CODE_MALFORMED.
 */
export const LIMITS = {
  organisationName: 100,
  personName: 50,
  address: 200,
  phone: 32,
  reason: 500,
  source: 200,
  licenceNo: 32,
  employeeNo: 32,
  officerNo: 32,
  username: 128,
  jurisdiction: 50,
  lines: 5,
  roles: 8,
  categories: 20,
} as const;

/** Stream entity ids: what an identity provider's subject may look like (and every UUID). */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new InvalidInput('INPUT_REQUIRED', `${field} is required`, { field });
  if (Array.from(text).length > max) throw new InvalidInput('INPUT_TOO_LONG', `${field} is longer than ${max} characters`, { field, max });
  return text;
}

/** Keeps the difference the commands rely on: undefined (absent: unchanged) versus null (clear). */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = value.trim();
  if (text === '') return null;
  if (Array.from(text).length > max) throw new InvalidInput('INPUT_TOO_LONG', `${field} is longer than ${max} characters`, { field, max });
  return text;
}

export function idInput(value: string | null | undefined, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) throw new InvalidInput('ID_MALFORMED', `${field} is not a well-formed id`, { field });
  return value;
}

export function optionalId(value: string | null | undefined, field: string): string | null {
  return value === undefined || value === null ? null : idInput(value, field);
}

/** 6, 9 or 12 digits (2 and 4 too, as the division data writes provinces and cities); returns 12. */
export function regionCodeInput(value: string | null | undefined, field: string): string {
  try {
    return padRegionCode(typeof value === 'string' ? value.trim() : (value as never));
  } catch (error) {
    if (isPlsError(error)) throw new InvalidInput(error.code, `${field}: ${error.message}`, { ...error.details, field });
    throw error;
  }
}

export function optionalRegionCode(value: string | null | undefined, field: string): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : regionCodeInput(value, field);
}

export function listInput<T>(values: readonly T[], field: string, max: number): T[] {
  if (values.length > max) throw new InvalidInput('INPUT_LIST_TOO_LONG', `${field} has more than ${max} entries`, { field, max });
  return [...values];
}

export function optionalList<T>(values: readonly T[] | null | undefined, field: string, max: number): T[] | undefined {
  return values === undefined || values === null ? undefined : listInput(values, field, max);
}

export function intInRange(value: number | null | undefined, field: string, min: number, max: number): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidInput('INPUT_OUT_OF_RANGE', `${field} must be from ${min} to ${max}`, { field, min, max });
  return value;
}
