/** Vocabulary of the legal aid application (法律援助申请), 法律援助法 (2022) and 实施工作办法 (2023). */

/** Art. 31: the civil and administrative matters in which aid may be applied for. */
export const CIVIL_SUB_CATEGORIES = [
  'state-compensation-claim',
  'social-insurance-or-minimum-living',
  'pension-or-relief',
  'maintenance-support',
  'labour-relations-remuneration',
  'personal-injury',
  'environmental-or-consumer-public-interest',
  'domestic-violence-protection',
  'other-statutory',
] as const;
export type CivilSubCategory = (typeof CIVIL_SUB_CATEGORIES)[number];

export type CaseCategory =
  | { readonly kind: 'civil'; readonly subCategory: CivilSubCategory }
  /** `lifeOrDeathPossible`: the accused may face life imprisonment or death (Art. 26: ≥3 years of criminal defence). */
  | { readonly kind: 'criminal'; readonly lifeOrDeathPossible: boolean }
  | { readonly kind: 'administrative' }
  | { readonly kind: 'state-compensation' }
  | { readonly kind: 'labour-arbitration' };
export const CASE_CATEGORY_KINDS = ['civil', 'criminal', 'administrative', 'state-compensation', 'labour-arbitration'] as const;

/** Art. 42: hardship is not checked. */
export const ART42_GROUNDS = [
  'minor',
  'elderly-without-fixed-income',
  'disabled-without-fixed-income',
  'social-assistance-recipient',
  'judicial-assistance-recipient',
  'preferential-care-recipient',
  'migrant-worker-wages-or-work-injury',
] as const;
export type Art42Ground = (typeof ART42_GROUNDS)[number];

/** Art. 32: no hardship condition at all. */
export const ART32_GROUNDS = [
  'martyr-relative',
  'act-of-bravery',
  'state-compensation-after-retrial-acquittal',
  'abuse-abandonment-or-domestic-violence-victim',
] as const;
export type Art32Ground = (typeof ART32_GROUNDS)[number];

export type HardshipExemption =
  | { readonly article: 42; readonly grounds: readonly Art42Ground[] }
  | { readonly article: 32; readonly grounds: readonly Art32Ground[] };

export interface MeansDeclaration {
  readonly declaredHardship: boolean;
  readonly exemption: HardshipExemption | null;
}

export const MEANS_CHECK_METHODS = ['data-sharing', 'integrity-pledge'] as const;
export type MeansCheckMethod = (typeof MEANS_CHECK_METHODS)[number];
export const MEANS_CHECK_RESULTS = ['meets', 'does-not-meet'] as const;
export type MeansCheckResult = (typeof MEANS_CHECK_RESULTS)[number];

export const FORWARDER_KINDS = ['detention-place', 'duty-lawyer'] as const;
export type ForwarderKind = (typeof FORWARDER_KINDS)[number];

export const NOTIFYING_ORGAN_KINDS = ['court', 'procuratorate', 'police'] as const;
export type NotifyingOrganKind = (typeof NOTIFYING_ORGAN_KINDS)[number];
export interface NotifyingOrgan {
  readonly orgId: string;
  readonly kind: NotifyingOrganKind;
}

/** Arts. 25 and 28: why the organ must notify the agency (通知辩护 / 通知代理). */
export const NOTIFICATION_REASONS = [
  'minor',
  'blind-deaf-or-mute',
  'not-fully-capable-adult',
  'life-imprisonment-or-death',
  'death-penalty-review',
  'trial-in-absentia',
  'compulsory-medical-treatment',
  'other-statutory',
] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

export type ApplicationSource =
  | { readonly kind: 'front-desk'; readonly frontDesk: { readonly matterId: string; readonly caseCode: string } }
  | { readonly kind: 'direct' }
  /** Art. 39: the forwarder has 24 hours from the detained person's request. */
  | {
      readonly kind: 'forwarded';
      readonly forwarder: { readonly orgId: string; readonly kind: ForwarderKind };
      readonly requestedAt: string;
      readonly forwardedAt: string;
      readonly forwardingDueAt: string;
      readonly forwardedOnTime: boolean;
    }
  | { readonly kind: 'notified-defence'; readonly notifyingOrgan: NotifyingOrgan; readonly reason: NotificationReason };
export const SOURCE_KINDS = ['front-desk', 'direct', 'forwarded', 'notified-defence'] as const;

export interface Applicant {
  readonly name: string;
  /** GB 11643, normalised. */
  readonly idNumber: string;
  readonly birthDate: string;
  /** Under 18 on the day the application was received. */
  readonly minor: boolean;
  /** Null for a detained person whose application was forwarded or notified. */
  readonly phone: string | null;
}

export interface AdverseParty {
  readonly name: string;
  readonly representedBy: { readonly lawyerId: string | null; readonly firmId: string | null } | null;
}

/** 绿色通道 (实施工作办法): priority handling. */
export const GREEN_CHANNEL_GROUNDS = ['migrant-worker', 'elderly', 'disabled', 'veteran-or-military-family', 'minor', 'woman'] as const;
export type GreenChannelGround = (typeof GREEN_CHANNEL_GROUNDS)[number];
export type Priority = 'green-channel' | 'normal';

/** Art. 44: aid first, paperwork after. */
export const URGENT_AID_GROUNDS = ['limitation-expiring', 'urgent-preservation'] as const;
export type UrgentAidGround = (typeof URGENT_AID_GROUNDS)[number];

export interface LawyerProfile {
  readonly lawyerId: string;
  readonly firmOrgId: string;
  readonly practiceYears: number;
  readonly criminalDefenceYears: number;
  /** e.g. 'minors', 'labour', 'criminal-defence'. */
  readonly specialties: readonly string[];
  readonly openCases: number;
  readonly maxConcurrentCases: number;
}

/**
 * An open matter of another client handled by a lawyer or firm, as the application resolves it:
 * `adversePartyNames` are the names of the parties that lawyer or firm acts for there which match
 * this application's adverse party.
 */
export interface OtherOpenMatter {
  readonly lawyerId: string;
  readonly firmOrgId: string;
  readonly adversePartyNames: readonly string[];
}

export interface LawyerRef {
  readonly lawyerId: string;
  readonly firmOrgId: string;
}

/** Art. 48. */
export const TERMINATION_GROUNDS = [
  'deception',
  'concealed-facts-or-false-evidence',
  'unlawful-purpose',
  'means-changed',
  'proceedings-ended-or-withdrawn',
  'own-counsel-retained',
  'recipient-request',
  'other-statutory',
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

export const CLOSURE_QUALITIES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ClosureQuality = (typeof CLOSURE_QUALITIES)[number];

/** 容缺受理: materials left outstanding at acceptance, supplied later; the decision clock does not stop for them. */
export type OutstandingMaterials =
  | { readonly status: 'none' }
  | { readonly status: 'outstanding'; readonly items: readonly string[]; readonly acceptedAt: string; readonly dueAt: string }
  | { readonly status: 'supplied'; readonly items: readonly string[]; readonly suppliedAt: string };

export interface MaterialItem {
  readonly name: string;
  /** Essential materials (identity, means declaration, the claim itself) cannot be left outstanding. */
  readonly essential: boolean;
}

export interface StaffRef {
  readonly userId: string;
  readonly orgId: string;
}

/**
 * The front desk's reply section, copied from `@pls/intake-contracts` (`FrontDeskReply`, line
 * 'legal-aid'): a domain may not import another context's contracts, so the shape is duplicated
 * here and must be kept equal to the published one.
 */
export type FrontDeskReply =
  | { readonly kind: 'accepted'; readonly matterId: string; readonly line: 'legal-aid'; readonly orgId: string; readonly backOfficeCaseNo: string; readonly at: string }
  | { readonly kind: 'returned'; readonly matterId: string; readonly line: 'legal-aid'; readonly orgId: string; readonly reason: string; readonly at: string }
  | { readonly kind: 'progress'; readonly matterId: string; readonly line: 'legal-aid'; readonly orgId: string; readonly note: string; readonly at: string }
  | {
      readonly kind: 'result';
      readonly matterId: string;
      readonly line: 'legal-aid';
      readonly orgId: string;
      readonly outcome: 'completed' | 'denied' | 'terminated' | 'withdrawn';
      readonly summary: string;
      readonly at: string;
    };
