import type { RegionLevel } from '@pls/shared-kernel';

/** 受理渠道: how the matter reached the front desk. */
export type IntakeChannel = 'walk-in' | 'hotline' | 'online' | 'kiosk' | 'referral';
export const INTAKE_CHANNELS: readonly IntakeChannel[] = ['walk-in', 'hotline', 'online', 'kiosk', 'referral'];

/** 业务条线: the five back-office lines a matter can be routed to. */
export type BusinessLine = 'legal-aid' | 'mediation' | 'notarization' | 'forensic-appraisal' | 'community-correction';
export const BUSINESS_LINES: readonly BusinessLine[] = ['legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'];

export type IdType = 'resident-id' | 'passport' | 'other';
export const ID_TYPES: readonly IdType[] = ['resident-id', 'passport', 'other'];

/** 反馈方式. */
export type FeedbackChannel = 'sms' | 'phone' | 'in-person' | 'online' | 'post';
export const FEEDBACK_CHANNELS: readonly FeedbackChannel[] = ['sms', 'phone', 'in-person', 'online', 'post'];

/** 好差评 five levels: 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (国办发〔2019〕51号). */
export type RatingLevel = 'very-satisfied' | 'satisfied' | 'basically-satisfied' | 'dissatisfied' | 'very-dissatisfied';
export const RATING_LEVELS: readonly RatingLevel[] = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'];

/** How the back office ended its case: 办结, 不予受理/不予援助/拒绝, 终止, 撤回. Line detail goes in the summary. */
export type ResultOutcome = 'completed' | 'denied' | 'terminated' | 'withdrawn';
export const RESULT_OUTCOMES: readonly ResultOutcome[] = ['completed', 'denied', 'terminated', 'withdrawn'];

/** A user acting for an organisation, as recorded in events (the envelope carries the full actor too). */
export interface StaffRef {
  readonly userId: string;
  readonly orgId: string;
}

/** An organisation and the 12-digit code of the region it sits in. */
export interface OrgRef {
  readonly orgId: string;
  readonly regionCode: string;
}

/** A handling organisation as routing records it: with its administrative level. */
export interface HandlingOrg extends OrgRef {
  readonly level: RegionLevel;
}

/** A natural person (applicant or agent). `idNumber` and `phone` are normalised. */
export interface Person {
  readonly kind: 'person';
  readonly name: string;
  readonly idType: IdType;
  readonly idNumber: string;
  readonly phone: string;
}

/** An organisation applying, identified by its 统一社会信用代码 (GB 32100). */
export interface OrganisationApplicant {
  readonly kind: 'organisation';
  readonly name: string;
  readonly uscc: string;
  readonly contactName: string;
  readonly contactPhone: string;
}

export type Applicant = Person | OrganisationApplicant;

/** An entry of the 公共法律服务事项清单, resolved by the application. `line: null` is a consultation (法律咨询). */
export interface MatterType {
  readonly code: string;
  readonly name: string;
  readonly line: BusinessLine | null;
}

/** Metadata of an uploaded file; the bytes live elsewhere and are identified by their SHA-256. */
export interface Attachment {
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** 64 lower-case hex digits. */
  readonly sha256: string;
}

/** The external organ (court, procuratorate, police, petitions office…) that referred the matter. */
export interface ReferralSource {
  readonly organId: string;
}
