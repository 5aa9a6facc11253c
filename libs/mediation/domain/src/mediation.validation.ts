import {
  atField,
  boundedText as kernelBoundedText,
  identifier as kernelIdentifier,
  instant,
  oneOf as kernelOneOf,
  optionalBoundedText,
  parsePhoneNumber,
  parseResidentIdNumber,
  parseUnifiedSocialCreditCode,
  regionCode,
  shanghaiDate,
} from '@pls/shared-kernel';
import type { PartyInput } from './mediation.commands';
import { invalid, type MediationInputCode } from './mediation.refusals';
import type { Party } from './mediation.types';

/** Shape checks and normalisation of command input, before any business rule is asked. */

export const TEXT_MAX = 2000;

export { instant, regionCode };

export function oneOf<T extends string>(allowed: readonly T[], value: unknown, code: MediationInputCode, field: string): T {
  return kernelOneOf(allowed, value, code, field);
}

export function boundedText(value: unknown, field: string, max: number, code: MediationInputCode, tooLong: MediationInputCode = code): string {
  return kernelBoundedText(value, field, max, code, tooLong);
}

export const text = (value: unknown, field: string): string => boundedText(value, field, TEXT_MAX, 'TEXT_REQUIRED', 'TEXT_TOO_LONG');

export function optionalText(value: unknown, field: string): string | null {
  return optionalBoundedText<MediationInputCode>(value, field, TEXT_MAX, 'TEXT_REQUIRED', 'TEXT_TOO_LONG');
}

export function identifier(value: unknown, code: MediationInputCode, field: string): string {
  return kernelIdentifier(value, code, field);
}

/** A 'YYYY-MM-DD' day (Shanghai). */
export function day(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00+08:00`))) {
    throw invalid('DATE_INVALID', `${field} must be a YYYY-MM-DD day`, { field });
  }
  return value;
}

/** A day that has happened (a session, a received opinion) — not after today in Shanghai. */
export function pastDay(value: unknown, field: string, now: string): string {
  const parsed = day(value, field);
  if (parsed > shanghaiDate(now)) throw invalid('DATE_INVALID', `${field} lies in the future`, { field });
  return parsed;
}

export function amount(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || Math.round(value * 100) !== value * 100) {
    throw invalid('AMOUNT_INVALID', `${field} must be a non-negative amount with at most 2 decimals`, { field });
  }
  return value;
}

export function party(value: PartyInput, partyId: string, field: string, asOf: string): Party {
  if (typeof value !== 'object' || value === null) throw invalid('PARTY_INVALID', `${field} is required`, { field });
  const name = boundedText(value.name, `${field}.name`, 100, 'PARTY_INVALID');
  if (value.kind === 'person') {
    const id = atField(`${field}.idNumber`, () => parseResidentIdNumber(value.idNumber, { asOf }));
    const phone = value.phone === undefined || value.phone === null || value.phone.trim() === '' ? null : atField(`${field}.phone`, () => parsePhoneNumber(value.phone as string).value);
    return { partyId, kind: 'person', name, idNumber: id.value, phone };
  }
  if (value.kind === 'organisation') {
    const uscc = atField(`${field}.uscc`, () => parseUnifiedSocialCreditCode(value.uscc).value);
    return { partyId, kind: 'organisation', name, uscc };
  }
  throw invalid('PARTY_INVALID', `${field}.kind must be person or organisation`, { field: `${field}.kind` });
}

export function list<T>(value: unknown, field: string, code: MediationInputCode, each: (item: unknown, index: number) => T): T[] {
  if (!Array.isArray(value)) throw invalid(code, `${field} must be a list`, { field });
  return value.map((item, index) => each(item, index));
}
