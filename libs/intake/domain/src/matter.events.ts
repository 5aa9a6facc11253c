import type { DomainEvent } from '@pls/event-sourcing';
import type {
  Applicant,
  Attachment,
  BusinessLine,
  FeedbackChannel,
  HandlingOrg,
  IntakeChannel,
  MatterType,
  OrgRef,
  Person,
  RatingLevel,
  ReferralSource,
  ResultOutcome,
  StaffRef,
} from './matter.types';

/**
 * Events of the Matter aggregate. Stored as `intake.<Type>`, schema version 1. All instants are
 * UTC ISO-8601 strings (`…Z`); all region codes 12 digits. `deadlineWarnings` is empty unless the
 * statutory calendar had no holiday data for part of the period and assumed Monday–Friday
 * (DOMAIN §7: never silent).
 */

export type MatterRegistered = DomainEvent<
  'MatterRegistered',
  {
    readonly matterId: string;
    /** Canonical form, `LZ-AMAQ-6KVA`. */
    readonly caseCode: string;
    readonly channel: IntakeChannel;
    readonly receivingOrg: OrgRef;
    /** 首问负责人: owns the matter until a back office accepts it. */
    readonly firstResponsibleStaffId: string;
    readonly applicant: Applicant;
    readonly agent: Person | null;
    readonly matterType: MatterType;
    readonly description: string;
    readonly attachments: readonly Attachment[];
    readonly consentToDataUse: true;
    readonly referralSource: ReferralSource | null;
    readonly registeredAt: string;
    readonly registeredBy: StaffRef;
  }
>;

export type ConsultationAnswered = DomainEvent<
  'ConsultationAnswered',
  { readonly answer: string; readonly answeredAt: string; readonly answeredBy: StaffRef }
>;

export type MatterRouted = DomainEvent<
  'MatterRouted',
  {
    readonly line: BusinessLine;
    readonly handlingOrg: HandlingOrg;
    /** The region's default agency for the line at the time, null when there was none. */
    readonly defaultOrgId: string | null;
    /** Why the default was not followed; null when it was. */
    readonly reason: string | null;
    readonly routedAt: string;
    readonly routedBy: StaffRef;
    /** 限时办结: the back office should accept or return by then. */
    readonly acceptanceDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type MatterAcceptedByBackOffice = DomainEvent<
  'MatterAcceptedByBackOffice',
  {
    readonly line: BusinessLine;
    readonly orgId: string;
    readonly backOfficeCaseNo: string;
    readonly acceptedAt: string;
    /** acceptedAt ≤ the routing's acceptanceDueAt. */
    readonly onTime: boolean;
  }
>;

export type MatterReturnedByBackOffice = DomainEvent<
  'MatterReturnedByBackOffice',
  {
    readonly line: BusinessLine;
    readonly orgId: string;
    readonly reason: string;
    readonly returnedAt: string;
    /** 1 for the first return of this matter, 2 for the second… */
    readonly returnCount: number;
  }
>;

export type BackOfficeProgressRecorded = DomainEvent<
  'BackOfficeProgressRecorded',
  { readonly line: BusinessLine; readonly orgId: string; readonly note: string; readonly at: string }
>;

export type ResultReceived = DomainEvent<
  'ResultReceived',
  {
    readonly line: BusinessLine;
    readonly orgId: string;
    readonly outcome: ResultOutcome;
    readonly summary: string;
    /** When the back office reached the result. */
    readonly at: string;
    /** When the front desk learnt of it (`metadata.now`); the feedback period runs from here. */
    readonly receivedAt: string;
    readonly feedbackDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type FeedbackDelivered = DomainEvent<
  'FeedbackDelivered',
  {
    readonly channel: FeedbackChannel;
    readonly content: string;
    readonly deliveredAt: string;
    readonly deliveredBy: StaffRef;
    /** deliveredAt ≤ feedbackDueAt. */
    readonly onTime: boolean;
  }
>;

export type ServiceRated = DomainEvent<
  'ServiceRated',
  {
    readonly level: RatingLevel;
    readonly comment: string | null;
    readonly ratedAt: string;
    readonly ratedBy: StaffRef;
    /** Whose service was rated: the accepting back office, or the receiving organisation for a consultation answered at the desk. */
    readonly ratedOrg: OrgRef;
  }
>;

export type RectificationOpened = DomainEvent<
  'RectificationOpened',
  {
    /** Derived from the matter id: one rating per matter, so at most one rectification. */
    readonly rectificationId: string;
    readonly owner: OrgRef;
    readonly openedAt: string;
    readonly dueAt: string;
    readonly callBackRequired: true;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type RectificationCallBackRecorded = DomainEvent<
  'RectificationCallBackRecorded',
  { readonly rectificationId: string; readonly note: string; readonly calledBackAt: string; readonly calledBackBy: StaffRef }
>;

export type RectificationClosed = DomainEvent<
  'RectificationClosed',
  {
    readonly rectificationId: string;
    readonly outcome: string;
    readonly resultFedBackToRater: true;
    readonly closedAt: string;
    readonly closedBy: StaffRef;
    /** closedAt ≤ dueAt. */
    readonly onTime: boolean;
  }
>;

/** An open rectification falls away when an appeal against its rating is upheld. */
export type RectificationCancelled = DomainEvent<
  'RectificationCancelled',
  { readonly rectificationId: string; readonly reason: 'rating-appeal-upheld'; readonly cancelledAt: string }
>;

export type RatingAppealed = DomainEvent<
  'RatingAppealed',
  { readonly reason: string; readonly appealedAt: string; readonly appealedBy: StaffRef }
>;

export type RatingAppealReviewed = DomainEvent<
  'RatingAppealReviewed',
  {
    /** True: the rating was malicious and is excluded from satisfaction statistics. */
    readonly upheld: boolean;
    readonly note: string;
    readonly reviewedAt: string;
    readonly reviewedBy: StaffRef;
  }
>;

export type SupervisionOrdered = DomainEvent<
  'SupervisionOrdered',
  { readonly supervisionId: string; readonly note: string; readonly orderedAt: string; readonly orderedBy: StaffRef; readonly dueAt: string }
>;

export type SupervisionAnswered = DomainEvent<
  'SupervisionAnswered',
  {
    readonly supervisionId: string;
    readonly answer: string;
    readonly answeredAt: string;
    readonly answeredBy: StaffRef;
    /** answeredAt ≤ the supervision's dueAt. */
    readonly onTime: boolean;
  }
>;

export type MatterEvent =
  | MatterRegistered
  | ConsultationAnswered
  | MatterRouted
  | MatterAcceptedByBackOffice
  | MatterReturnedByBackOffice
  | BackOfficeProgressRecorded
  | ResultReceived
  | FeedbackDelivered
  | ServiceRated
  | RectificationOpened
  | RectificationCallBackRecorded
  | RectificationClosed
  | RectificationCancelled
  | RatingAppealed
  | RatingAppealReviewed
  | SupervisionOrdered
  | SupervisionAnswered;

export type MatterEventType = MatterEvent['type'];

export const MATTER_EVENT_TYPES: readonly MatterEventType[] = [
  'MatterRegistered',
  'ConsultationAnswered',
  'MatterRouted',
  'MatterAcceptedByBackOffice',
  'MatterReturnedByBackOffice',
  'BackOfficeProgressRecorded',
  'ResultReceived',
  'FeedbackDelivered',
  'ServiceRated',
  'RectificationOpened',
  'RectificationCallBackRecorded',
  'RectificationClosed',
  'RectificationCancelled',
  'RatingAppealed',
  'RatingAppealReviewed',
  'SupervisionOrdered',
  'SupervisionAnswered',
];
