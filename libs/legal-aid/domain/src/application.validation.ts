import {
  atField,
  boundedText as kernelBoundedText,
  flag as kernelFlag,
  identifier as kernelIdentifier,
  instant,
  oneOf as kernelOneOf,
  optionalBoundedText,
  parsePhoneNumber,
  parseResidentIdNumber,
  regionCode,
  shanghaiDate,
} from '@pls/shared-kernel';
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
  type MaterialItem,
  type OtherOpenMatter,
} from './application.types';

/** Shape checks and normalisation of command input, before any business rule is asked. */

export const TEXT_MAX = 2000;

export { instant, regionCode };

export function oneOf<T extends string>(allowed: readonly T[], value: unknown, code: ApplicationInputCode, field: string): T {
  return kernelOneOf(allowed, value, code, field);
}

export function boundedText(value: unknown, field: string, max: number, code: ApplicationInputCode, tooLong: ApplicationInputCode = code): string {
  return kernelBoundedText(value, field, max, code, tooLong);
}

export const text = (value: unknown, field: string): string => boundedText(value, field, TEXT_MAX, 'TEXT_REQUIRED', 'TEXT_TOO_LONG');

export function optionalText(value: unknown, field: string): string | null {
  return optionalBoundedText<ApplicationInputCode>(value, field, TEXT_MAX, 'TEXT_REQUIRED', 'TEXT_TOO_LONG');
}

export function identifier(value: unknown, code: ApplicationInputCode, field: string): string {
  return kernelIdentifier(value, code, field);
}

export function flag(value: unknown, field: string): boolean {
  return kernelFlag<ApplicationInputCode>(value, field, 'FLAG_INVALID');
}

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

export function materialItems(value: unknown): MaterialItem[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('MATERIALS_ITEMS_REQUIRED', 'items must list every outstanding material', { field: 'items' });
  return value.map((item: MaterialItem, i) => {
    if (typeof item !== 'object' || item === null || typeof item.essential !== 'boolean') throw invalid('MATERIAL_ITEM_INVALID', `items[${i}] must be { name, essential }`, { field: `items[${i}]` });
    return { name: boundedText(item.name, `items[${i}].name`, 200, 'ITEM_INVALID'), essential: item.essential };
  });
}
