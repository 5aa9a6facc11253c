import { InvalidInput } from '@pls/shared-kernel';

/**
 * The directory's vocabulary: business lines, organisation kinds, staff roles and the categories
 * professional profiles are described with. Lists are in canonical order; the deciders store
 * every set (lines, roles, specialties…) deduplicated and in this order, so equal sets compare equal.
 */

/** 业务条线: the five back-office lines. */
export type BusinessLine = 'legal-aid' | 'mediation' | 'notarization' | 'forensic-appraisal' | 'community-correction';
export const BUSINESS_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'];

/** 三大平台 front desks: 中心 (county and above), 工作站 (township), 工作室 (village), 12348 热线, 网络平台. */
export type PlatformSiteKind =
  | 'public-legal-service-centre'
  | 'public-legal-service-station'
  | 'public-legal-service-room'
  | 'hotline-12348'
  | 'online-platform';
export const PLATFORM_SITE_KINDS: readonly PlatformSiteKind[] = [
  'public-legal-service-centre',
  'public-legal-service-station',
  'public-legal-service-room',
  'hotline-12348',
  'online-platform',
];

/**
 * Back-office bodies of the justice administration: 法律援助中心, 人民调解委员会, 公证处, 司法鉴定机构,
 * 社区矫正机构, 司法所, 司法局 (supervises its region), 安置帮教工作小组.
 */
export type AgencyKind =
  | 'legal-aid-agency'
  | 'mediation-committee'
  | 'notary-office'
  | 'appraisal-institution'
  | 'correction-agency'
  | 'judicial-office'
  | 'justice-bureau'
  | 'resettlement-team';
export const AGENCY_KINDS: readonly AgencyKind[] = [
  'legal-aid-agency',
  'mediation-committee',
  'notary-office',
  'appraisal-institution',
  'correction-agency',
  'judicial-office',
  'justice-bureau',
  'resettlement-team',
];

/** Organs outside the justice administration that integrate with the platform: 法院, 检察院, 公安, 监狱, 看守所, 信访局/信访办. */
export type ExternalOrganKind = 'court' | 'procuratorate' | 'police' | 'prison' | 'detention-centre' | 'petitions-office';
export const EXTERNAL_ORGAN_KINDS: readonly ExternalOrganKind[] = ['court', 'procuratorate', 'police', 'prison', 'detention-centre', 'petitions-office'];

export type OrganisationKind = PlatformSiteKind | AgencyKind | ExternalOrganKind | 'law-firm';
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [...PLATFORM_SITE_KINDS, ...AGENCY_KINDS, ...EXTERNAL_ORGAN_KINDS, 'law-firm'];

export function isPlatformSite(kind: OrganisationKind): kind is PlatformSiteKind {
  return (PLATFORM_SITE_KINDS as readonly string[]).includes(kind);
}

export function isAgency(kind: OrganisationKind): kind is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(kind);
}

export function isExternalOrgan(kind: OrganisationKind): kind is ExternalOrganKind {
  return (EXTERNAL_ORGAN_KINDS as readonly string[]).includes(kind);
}

/**
 * clerk 窗口人员/热线坐席, handler 业务承办人, supervisor 督办/管理, admin; and the integrator roles
 * held by users of external organs.
 */
export type StaffRole = 'clerk' | 'handler' | 'supervisor' | 'admin' | IntegratorRole;
export type IntegratorRole = 'court' | 'procuratorate' | 'police' | 'prison' | 'petitions';
export const INTEGRATOR_ROLES: readonly IntegratorRole[] = ['court', 'procuratorate', 'police', 'prison', 'petitions'];
export const STAFF_ROLES: readonly StaffRole[] = ['clerk', 'handler', 'supervisor', 'admin', ...INTEGRATOR_ROLES];

export function isIntegratorRole(role: StaffRole): role is IntegratorRole {
  return (INTEGRATOR_ROLES as readonly string[]).includes(role);
}

/** What a legal aid lawyer is experienced in; drives assignment (法律援助法 Art. 26 and 实施工作办法). */
export type LawyerSpecialty =
  | 'criminal-defence'
  | 'minors'
  | 'labour'
  | 'family'
  | 'administrative'
  | 'civil'
  | 'state-compensation'
  | 'traffic-accident'
  | 'medical-dispute'
  | 'contract';
export const LAWYER_SPECIALTIES: readonly LawyerSpecialty[] = [
  'criminal-defence',
  'minors',
  'labour',
  'family',
  'administrative',
  'civil',
  'state-compensation',
  'traffic-accident',
  'medical-dispute',
  'contract',
];

/** Dispute categories of people's mediation (DOMAIN §5.2); a mediator's specialties use them. */
export type DisputeCategory =
  | 'marriage-family'
  | 'inheritance'
  | 'neighbours'
  | 'contract-debt'
  | 'housing-homestead'
  | 'land'
  | 'personal-injury'
  | 'traffic'
  | 'medical'
  | 'labour'
  | 'property-management'
  | 'intellectual-property'
  | 'e-commerce'
  | 'food-safety';
export const DISPUTE_CATEGORIES: readonly DisputeCategory[] = [
  'marriage-family',
  'inheritance',
  'neighbours',
  'contract-debt',
  'housing-homestead',
  'land',
  'personal-injury',
  'traffic',
  'medical',
  'labour',
  'property-management',
  'intellectual-property',
  'e-commerce',
  'food-safety',
];

/** 法医临床, 法医病理, 法医精神病, 物证, 声像资料, 电子数据, 环境损害, 交通事故 (DOMAIN §3). */
export type AppraisalCategory =
  | 'forensic-clinical'
  | 'forensic-pathology'
  | 'forensic-psychiatry'
  | 'physical-evidence'
  | 'audio-visual'
  | 'electronic-data'
  | 'environmental-damage'
  | 'traffic-accident';
export const APPRAISAL_CATEGORIES: readonly AppraisalCategory[] = [
  'forensic-clinical',
  'forensic-pathology',
  'forensic-psychiatry',
  'physical-evidence',
  'audio-visual',
  'electronic-data',
  'environmental-damage',
  'traffic-accident',
];

/** 高级 / 中级 / 初级 title; re-appraisal needs at least one senior appraiser (司法鉴定程序通则 Art. 32). */
export type AppraiserSeniority = 'senior' | 'intermediate' | 'junior';
export const APPRAISER_SENIORITIES: readonly AppraiserSeniority[] = ['senior', 'intermediate', 'junior'];

/** The professional profiles a staff member may hold, one of each kind at most. */
export type ProfileKind = 'lawyer' | 'mediator' | 'notary' | 'appraiser' | 'correction-officer';
export const PROFILE_KINDS: readonly ProfileKind[] = ['lawyer', 'mediator', 'notary', 'appraiser', 'correction-officer'];

/**
 * Checks every value against the vocabulary (an unknown one is `InvalidInput` with `code`) and
 * returns the set deduplicated in canonical order.
 */
export function canonicalSet<T extends string>(values: readonly T[], vocabulary: readonly T[], code: string, what: string): T[] {
  if (!Array.isArray(values)) throw new InvalidInput(code, `${what} must be a list`);
  for (const value of values) {
    if (!vocabulary.includes(value)) {
      throw new InvalidInput(code, `unknown ${what} ${JSON.stringify(value)}; expected one of ${vocabulary.join(', ')}`, { value: String(value) });
    }
  }
  return vocabulary.filter((known) => values.includes(known));
}

export function canonicalLines(lines: readonly BusinessLine[]): BusinessLine[] {
  return canonicalSet(lines, BUSINESS_LINES, 'BUSINESS_LINE_UNKNOWN', 'business line');
}

export function canonicalRoles(roles: readonly StaffRole[]): StaffRole[] {
  return canonicalSet(roles, STAFF_ROLES, 'ROLE_UNKNOWN', 'role');
}

export function requireKnown<T extends string>(value: T, vocabulary: readonly T[], code: string, what: string): T {
  if (!vocabulary.includes(value)) {
    throw new InvalidInput(code, `unknown ${what} ${JSON.stringify(value)}; expected one of ${vocabulary.join(', ')}`, { value: String(value) });
  }
  return value;
}

/** A required free text, trimmed; blank or not a string is `InvalidInput` with `code`. */
export function requireText(value: unknown, code: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInput(code, `${what} is required`);
  return value.trim();
}

/** An optional free text, trimmed; blank counts as absent. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Equality of two sets kept in canonical order. */
export function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function isSubset<T>(subset: readonly T[], of: readonly T[]): boolean {
  return subset.every((value) => of.includes(value));
}
