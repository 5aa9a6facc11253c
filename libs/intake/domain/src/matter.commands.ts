import type { Command } from '@pls/event-sourcing';
import type { RegionLevel } from '@pls/shared-kernel';
import type { BusinessLine, FeedbackChannel, IdType, IntakeChannel, MatterType, RatingLevel, ResultOutcome } from './matter.types';

/**
 * Commands of the Matter aggregate (stream `intake.matter-<matterId>`). The acting user, the time
 * and the command id come in `metadata`; nothing here is read from a clock or generated.
 * Inputs are validated and normalised by the decider; the shapes below are what callers send.
 */

export interface PersonInput {
  readonly name: string;
  readonly idType: IdType;
  readonly idNumber: string;
  readonly phone: string;
}

export type ApplicantInput =
  | ({ readonly kind: 'person' } & PersonInput)
  | {
      readonly kind: 'organisation';
      readonly name: string;
      readonly uscc: string;
      readonly contactName: string;
      readonly contactPhone: string;
    };

export interface AttachmentInput {
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** 登记. */
export type RegisterMatter = Command<
  'RegisterMatter',
  {
    readonly matterId: string;
    /** 一案一码, issued by the application with `formatCaseCode`. */
    readonly caseCode: string;
    readonly channel: IntakeChannel;
    /** Region code in any length `padRegionCode` accepts; stored as 12 digits. */
    readonly receivingOrg: { readonly orgId: string; readonly regionCode: string };
    /** 首问负责人. */
    readonly firstResponsibleStaffId: string;
    readonly applicant: ApplicantInput;
    readonly agent?: PersonInput | null;
    /** The resolved catalogue entry. */
    readonly matterType: MatterType;
    readonly description: string;
    readonly attachments?: readonly AttachmentInput[];
    /** PIPL Arts. 13–14: the applicant's consent to processing; must be true. */
    readonly consentToDataUse: boolean;
    /** Required for channel 'referral', absent otherwise. */
    readonly referralSource?: { readonly organId: string } | null;
  }
>;

/** 当场答复: a consultation answered at the desk, which closes the matter. */
export type AnswerConsultation = Command<'AnswerConsultation', { readonly answer: string }>;

/** A routing target as the directory knows it. */
export interface RoutingOrgInput {
  readonly orgId: string;
  readonly regionCode: string;
  readonly level: RegionLevel;
}

/** 分流 / 转办. */
export type RouteMatter = Command<
  'RouteMatter',
  {
    readonly line: BusinessLine;
    /** The chosen handling organisation with the lines it serves. */
    readonly handlingOrg: RoutingOrgInput & { readonly lines: readonly BusinessLine[] };
    /** The region's default agency for the line; null when the region has none. */
    readonly defaultOrg: RoutingOrgInput | null;
    /** Required when the handling organisation is not the default (异地协作, another level). */
    readonly reason?: string | null;
  }
>;

/** Back-office replies: sent by reactors from the line's integration events. `orgId` is the replying agency. */
export interface BackOfficeReply {
  readonly line: BusinessLine;
  readonly orgId: string;
}

/** 受理 by the back office, which opened its own case. */
export type RecordBackOfficeAcceptance = Command<
  'RecordBackOfficeAcceptance',
  BackOfficeReply & { readonly backOfficeCaseNo: string; readonly acceptedAt: string }
>;

/** 退回: the back office sends the matter back to the desk with a reason. */
export type RecordBackOfficeReturn = Command<'RecordBackOfficeReturn', BackOfficeReply & { readonly reason: string; readonly returnedAt: string }>;

/** A step of the back office shown on the matter's timeline. */
export type RecordBackOfficeProgress = Command<'RecordBackOfficeProgress', BackOfficeReply & { readonly note: string; readonly at: string }>;

/** The back office reached its result; the front desk must now feed it back. */
export type RecordResult = Command<
  'RecordResult',
  BackOfficeReply & { readonly outcome: ResultOutcome; readonly summary: string; readonly at: string }
>;

/** 结果反馈 to the applicant. `deliveredAt` defaults to `metadata.now` (a phone call logged afterwards may give it). */
export type DeliverFeedback = Command<
  'DeliverFeedback',
  { readonly channel: FeedbackChannel; readonly content: string; readonly deliveredAt?: string | null }
>;

/** 好差评. */
export type RateService = Command<'RateService', { readonly level: RatingLevel; readonly comment?: string | null }>;

/** 回访 of the rater during a rectification. */
export type RecordRectificationCallBack = Command<'RecordRectificationCallBack', { readonly note: string }>;

/** 整改完成. `resultFedBackToRater` must be true: the rater is told what was done. */
export type CloseRectification = Command<'CloseRectification', { readonly outcome: string; readonly resultFedBackToRater: boolean }>;

/** 申诉: the rated organisation appeals a rating it holds malicious. */
export type AppealRating = Command<'AppealRating', { readonly reason: string }>;

/** 复核 by a supervisor. `upheld: true` excludes the rating from satisfaction statistics. */
export type ReviewRatingAppeal = Command<'ReviewRatingAppeal', { readonly upheld: boolean; readonly note: string }>;

/** 督办 by an upper-level supervisor (the application checks the level). `supervisionId` is chosen by the caller. */
export type OrderSupervision = Command<'OrderSupervision', { readonly supervisionId: string; readonly note: string; readonly dueAt: string }>;

/** 督办回复. */
export type AnswerSupervision = Command<'AnswerSupervision', { readonly supervisionId: string; readonly answer: string }>;

export type MatterCommand =
  | RegisterMatter
  | AnswerConsultation
  | RouteMatter
  | RecordBackOfficeAcceptance
  | RecordBackOfficeReturn
  | RecordBackOfficeProgress
  | RecordResult
  | DeliverFeedback
  | RateService
  | RecordRectificationCallBack
  | CloseRectification
  | AppealRating
  | ReviewRatingAppeal
  | OrderSupervision
  | AnswerSupervision;

export type MatterCommandType = MatterCommand['type'];

export const MATTER_COMMAND_TYPES: readonly MatterCommandType[] = [
  'RegisterMatter',
  'AnswerConsultation',
  'RouteMatter',
  'RecordBackOfficeAcceptance',
  'RecordBackOfficeReturn',
  'RecordBackOfficeProgress',
  'RecordResult',
  'DeliverFeedback',
  'RateService',
  'RecordRectificationCallBack',
  'CloseRectification',
  'AppealRating',
  'ReviewRatingAppeal',
  'OrderSupervision',
  'AnswerSupervision',
];
