import { InvalidInput, isPlsError, padRegionCode, parsePhoneNumber, parseResidentIdNumber, shanghaiDate } from '@pls/shared-kernel';
import type { HardshipExemptionInput, ReceiveApplication } from './application.commands';
import { invalid, type ApplicationInputCode } from './application.refusals';
import {
  ART32_GROUNDS,
  ART42_GROUNDS,
  CIVIL_SUB_CATEGORIES,
  CLOSURE_QUALITIES,
  FORWARDER_KINDS,
  GREEN_CHANNEL_GROUNDS,
  MEANS_CHECK_METHODS,
  MEANS_CHECK_RESULTS,
  NOTIFICATION_REASONS,
  NOTIFYING_ORGAN_KINDS,
  TERMINATION_GROUNDS,
  URGENT_AID_GROUNDS,
  type AdverseParty,
  type CaseCategory,
  type GreenChannelGround,
  type HardshipExemption,
  type LawyerProfile,
  type OtherOpenMatter,
} from './application.types';

/** Shape checks and normalisation of command input, before any business rule is asked. */

const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const TEXT_MAX = 2000;

function atField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isPlsError(error) && error instanceof InvalidInput) throw new InvalidInput(error.code, `${field}: ${error.message}`, { ...error.details, field });
    throw error;
  }
}

export function oneOf<T extends string>(allowed: readonly T[], value: unknown, code: ApplicationInputCode, field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(code, `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, { field });
  }
  return value as T;
}

export function boundedText(value: unknown, field: string, max: number, code: ApplicationInputCode, tooLong: ApplicationInputCode = code): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw invalid(code, `${field} must not be empty`, { field });
  if (Array.from(trimmed).length > max) throw invalid(tooLong, `${field} must be at most ${max} characters`, { field, max });
  return trimmed;
}

export const text = (value: unknown, field: string): string => boundedText(value, field, TEXT_MAX, 'TEXT_REQUIRED', 'TEXT_TOO_LONG');

export function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return text(value, field);
}

export function identifier(value: unknown, code: ApplicationInputCode, field: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!ENTITY_ID.test(id)) throw invalid(code, `${field} must be 1 to 128 letters, digits, _ . : -, got ${JSON.stringify(value)}`, { field });
  return id;
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid('FLAG_INVALID', `${field} must be true or false`, { field });
  return value;
}

/** An instant as a UTC ISO string; a bare 'YYYY-MM-DD' is that day's 00:00 in Shanghai. */
export function instant(value: unknown, field: string): { iso: string; ms: number } {
  return atField(field, () => {
    shanghaiDate(value as string);
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(value as string) ? Date.parse(`${value as string}T00:00:00+08:00`) : Date.parse(value as string);
    return { iso: new Date(ms).toISOString(), ms };
  });
}

export const regionCode = (value: unknown, field: string): string => atField(field, () => padRegionCode(value as string));

export const partyName = (value: unknown, field: string): string => boundedText(value, field, 100, 'PARTY_NAME_INVALID');

export function applicant(value: ReceiveApplication['data']['applicant'], asOf: string): { name: string; idNumber: string; birthDate: string; minor: boolean; phone: string | null } {
  if (typeof value !== 'object' || value === null) throw invalid('PARTY_NAME_INVALID', 'applicant is required', { field: 'applicant' });
  const name = partyName(value.name, 'applicant.name');
  const id = atField('applicant.idNumber', () => parseResidentIdNumber(value.idNumber, { asOf }));
  const phone = value.phone === undefined || value.phone === null || value.phone.trim() === '' ? null : atField('applicant.phone', () => parsePhoneNumber(value.phone as string).value);
  return { name, idNumber: id.value, birthDate: id.birthDate, minor: ageOn(id.birthDate, shanghaiDate(asOf)) < 18, phone };
}

/** Full years between two 'YYYY-MM-DD' days (a birthday on 29 Feb counts from 1 Mar in other years). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function category(value: CaseCategory | null | undefined): CaseCategory {
  const kind = typeof value === 'object' && value !== null ? value.kind : undefined;
  switch (kind) {
    case 'civil':
      return { kind, subCategory: oneOf(CIVIL_SUB_CATEGORIES, (value as { subCategory?: unknown }).subCategory, 'CATEGORY_INVALID', 'category.subCategory') };
    case 'criminal': {
      const lifeOrDeath = (value as { lifeOrDeathPossible?: unknown }).lifeOrDeathPossible;
      if (typeof lifeOrDeath !== 'boolean') throw invalid('CATEGORY_INVALID', 'category.lifeOrDeathPossible must be true or false', { field: 'category.lifeOrDeathPossible' });
      return { kind, lifeOrDeathPossible: lifeOrDeath };
    }
    case 'administrative':
    case 'state-compensation':
    case 'labour-arbitration':
      return { kind };
    default:
      throw invalid('CATEGORY_INVALID', `category.kind is not a case category: ${JSON.stringify(kind)}`, { field: 'category.kind' });
  }
}

export function adverseParty(value: ReceiveApplication['data']['adverseParty']): AdverseParty | null {
  if (value === null || value === undefined) return null;
  const name = partyName(value.name, 'adverseParty.name');
  const by = value.representedBy ?? null;
  if (by === null) return { name, representedBy: null };
  const lawyerId = by.lawyerId ? identifier(by.lawyerId, 'ORG_ID_INVALID', 'adverseParty.representedBy.lawyerId') : null;
  const firmId = by.firmId ? identifier(by.firmId, 'ORG_ID_INVALID', 'adverseParty.representedBy.firmId') : null;
  return { name, representedBy: lawyerId === null && firmId === null ? null : { lawyerId, firmId } };
}

export function exemption(value: HardshipExemptionInput | null | undefined): HardshipExemption | null {
  if (value === null || value === undefined) return null;
  const grounds: unknown = value.grounds;
  if (!Array.isArray(grounds) || grounds.length === 0) throw invalid('EXEMPTION_INVALID', 'exemption.grounds must list at least one ground', { field: 'exemption.grounds' });
  if (value.article === 42) return { article: 42, grounds: [...new Set(grounds.map((g, i) => oneOf(ART42_GROUNDS, g, 'EXEMPTION_INVALID', `exemption.grounds[${i}]`)))] };
  if (value.article === 32) return { article: 32, grounds: [...new Set(grounds.map((g, i) => oneOf(ART32_GROUNDS, g, 'EXEMPTION_INVALID', `exemption.grounds[${i}]`)))] };
  throw invalid('EXEMPTION_INVALID', `exemption.article must be 42 or 32, got ${JSON.stringify((value as { article?: unknown }).article)}`, { field: 'exemption.article' });
}

export function greenChannel(value: readonly GreenChannelGround[] | undefined): GreenChannelGround[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid('GREEN_CHANNEL_INVALID', 'greenChannel must be a list', { field: 'greenChannel' });
  return [...new Set(value.map((g, i) => oneOf(GREEN_CHANNEL_GROUNDS, g, 'GREEN_CHANNEL_INVALID', `greenChannel[${i}]`)))];
}

export const forwarderKind = (value: unknown) => oneOf(FORWARDER_KINDS, value, 'FORWARDER_KIND_INVALID', 'source.forwarder.kind');
export const organKind = (value: unknown) => oneOf(NOTIFYING_ORGAN_KINDS, value, 'NOTIFYING_ORGAN_KIND_INVALID', 'source.notifyingOrgan.kind');
export const notificationReason = (value: unknown) => oneOf(NOTIFICATION_REASONS, value, 'NOTIFICATION_REASON_INVALID', 'source.reason');
export const meansMethod = (value: unknown) => oneOf(MEANS_CHECK_METHODS, value, 'MEANS_CHECK_METHOD_INVALID', 'method');
export const meansResult = (value: unknown) => oneOf(MEANS_CHECK_RESULTS, value, 'MEANS_CHECK_RESULT_INVALID', 'result');
export const urgentGround = (value: unknown) => oneOf(URGENT_AID_GROUNDS, value, 'URGENT_GROUND_INVALID', 'ground');
export const terminationGround = (value: unknown) => oneOf(TERMINATION_GROUNDS, value, 'TERMINATION_GROUND_INVALID', 'ground');
export const quality = (value: unknown) => oneOf(CLOSURE_QUALITIES, value, 'QUALITY_INVALID', 'quality');

export function items(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('MATERIALS_ITEMS_REQUIRED', 'items must list every missing material', { field: 'items' });
  return value.map((item, i) => boundedText(item, `items[${i}]`, 200, 'ITEM_INVALID'));
}

export function reasons(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('DENIAL_REASONS_REQUIRED', 'a denial states its reasons (Art. 43)', { field: 'reasons' });
  return value.map((reason, i) => text(reason, `reasons[${i}]`));
}

const count = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function lawyer(value: LawyerProfile | null | undefined): LawyerProfile {
  if (typeof value !== 'object' || value === null) throw invalid('LAWYER_INVALID', 'lawyer is required', { field: 'lawyer' });
  const { practiceYears, criminalDefenceYears, openCases, maxConcurrentCases, specialties } = value;
  if (![practiceYears, criminalDefenceYears, openCases, maxConcurrentCases].every(count) || !Array.isArray(specialties) || !specialties.every((s) => typeof s === 'string')) {
    throw invalid('LAWYER_INVALID', 'lawyer years and case counts must be non-negative integers and specialties a list of names', { field: 'lawyer' });
  }
  return {
    lawyerId: identifier(value.lawyerId, 'LAWYER_INVALID', 'lawyer.lawyerId'),
    firmOrgId: identifier(value.firmOrgId, 'LAWYER_INVALID', 'lawyer.firmOrgId'),
    practiceYears,
    criminalDefenceYears,
    specialties: specialties.map((s) => s.trim()),
    openCases,
    maxConcurrentCases,
  };
}

export function otherOpenMatters(value: unknown): OtherOpenMatter[] {
  if (!Array.isArray(value)) throw invalid('OTHER_OPEN_MATTERS_INVALID', 'otherOpenMatters must be a list (empty when there are none)', { field: 'otherOpenMatters' });
  return value.map((matter: OtherOpenMatter, i) => {
    const field = `otherOpenMatters[${i}]`;
    if (typeof matter !== 'object' || matter === null || !Array.isArray(matter.adversePartyNames)) throw invalid('OTHER_OPEN_MATTERS_INVALID', `${field} is malformed`, { field });
    return {
      lawyerId: identifier(matter.lawyerId, 'OTHER_OPEN_MATTERS_INVALID', `${field}.lawyerId`),
      firmOrgId: identifier(matter.firmOrgId, 'OTHER_OPEN_MATTERS_INVALID', `${field}.firmOrgId`),
      adversePartyNames: matter.adversePartyNames.map((name, j) => partyName(name, `${field}.adversePartyNames[${j}]`)),
    };
  });
}

export function subsidy(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || Math.round(value * 100) !== value * 100) {
    throw invalid('SUBSIDY_INVALID', `subsidyYuan must be a non-negative amount in yuan with at most 2 decimals, got ${JSON.stringify(value)}`, { field: 'subsidyYuan' });
  }
  return value;
}
