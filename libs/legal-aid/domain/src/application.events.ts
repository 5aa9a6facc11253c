import type { DomainEvent } from '@pls/event-sourcing';
import type {
  AdverseParty,
  Applicant,
  ApplicationSource,
  CaseCategory,
  ClosureQuality,
  FrontDeskReply,
  GreenChannelGround,
  LawyerRef,
  MeansCheckMethod,
  MeansCheckResult,
  MeansDeclaration,
  NotifyingOrgan,
  Priority,
  StaffRef,
  TerminationGround,
  UrgentAidGround,
} from './application.types';

/**
 * Events of the LegalAidApplication aggregate, stored as `legal-aid.<Type>`, schema version 1.
 * Instants are UTC ISO strings. `frontDeskReply` is present exactly when the application came
 * from the front desk and the event is one the desk shows (accepted, progress, result).
 * `deadlineWarnings` lists calendar estimates beyond the holiday data (DOMAIN §7: never silent).
 */

type FrontDeskSection<K extends FrontDeskReply['kind']> = { readonly frontDeskReply?: Extract<FrontDeskReply, { kind: K }> };

export type ApplicationReceived = DomainEvent<
  'ApplicationReceived',
  {
    readonly applicationId: string;
    readonly applicationNo: string;
    readonly agencyOrgId: string;
    readonly agencyRegionCode: string;
    readonly source: ApplicationSource;
    readonly applicant: Applicant;
    readonly category: CaseCategory;
    readonly adverseParty: AdverseParty | null;
    /** 罪名, when stated. */
    readonly charge: string | null;
    readonly means: MeansDeclaration;
    /** Minor applicant or a notice for a minor: minors' cases go to lawyers familiar with minors. */
    readonly minorsCase: boolean;
    /** Criminal case with life imprisonment or death possible (flag, or the notice's reason). */
    readonly lifeOrDeathCase: boolean;
    readonly greenChannel: readonly GreenChannelGround[];
    readonly priority: Priority;
    readonly receivedAt: string;
    readonly receivedBy: StaffRef;
    /** Art. 43: 7 days to decide; null for notified defence, which needs no decision. */
    readonly decisionDueAt: string | null;
    /** Notified defence only: Art. 36, assign within 3 days of the notice. */
    readonly assignmentDueAt: string | null;
    readonly deadlineWarnings: readonly string[];
  } & FrontDeskSection<'accepted'>
>;

export type MeansChecked = DomainEvent<
  'MeansChecked',
  { readonly method: MeansCheckMethod; readonly result: MeansCheckResult; readonly checkedAt: string; readonly checkedBy: StaffRef }
>;

export type MaterialsRequested = DomainEvent<'MaterialsRequested', { readonly items: readonly string[]; readonly requestedAt: string; readonly dueAt: string }>;

export type MaterialsSupplied = DomainEvent<
  'MaterialsSupplied',
  {
    readonly note: string | null;
    readonly suppliedAt: string;
    /** Recomputed with every materials pause excluded. */
    readonly decisionDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type AcceptedWithMaterialsOutstanding = DomainEvent<'AcceptedWithMaterialsOutstanding', { readonly items: readonly string[]; readonly acceptedAt: string; readonly dueAt: string }>;

export type OutstandingMaterialsSupplied = DomainEvent<'OutstandingMaterialsSupplied', { readonly note: string | null; readonly suppliedAt: string; readonly onTime: boolean }>;

export type ApplicationWithdrawn = DomainEvent<
  'ApplicationWithdrawn',
  { readonly reason: 'materials-not-supplied'; readonly withdrawnAt: string } & FrontDeskSection<'result'>
>;

export type AidGranted = DomainEvent<
  'AidGranted',
  {
    readonly decidedAt: string;
    readonly decidedBy: StaffRef;
    readonly onTime: boolean;
    readonly assignmentDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type UrgentAidGranted = DomainEvent<
  'UrgentAidGranted',
  {
    readonly ground: UrgentAidGround;
    readonly limitationExpiresAt: string | null;
    readonly note: string;
    readonly decidedAt: string;
    readonly decidedBy: StaffRef;
    readonly assignmentDueAt: string;
    /** Art. 44: the review of means and materials follows the aid. */
    readonly paperworkToFollow: true;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type AidDenied = DomainEvent<
  'AidDenied',
  { readonly reasons: readonly string[]; readonly decidedAt: string; readonly decidedBy: StaffRef; readonly onTime: boolean } & FrontDeskSection<'result'>
>;

export type LawyerAssigned = DomainEvent<
  'LawyerAssigned',
  {
    readonly lawyer: LawyerRef;
    readonly assignedAt: string;
    readonly assignedBy: StaffRef;
    readonly onTime: boolean;
    readonly entrustmentDueAt: string;
    /** Notified defence only: the organ to inform of the assignment. */
    readonly notifyingOrgan: NotifyingOrgan | null;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type AssignmentDeclined = DomainEvent<
  'AssignmentDeclined',
  {
    readonly lawyer: LawyerRef;
    readonly reason: string;
    readonly declinedAt: string;
    /** The next assignment is due 3 days (the assignment period) after the decline. */
    readonly reassignmentDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type EntrustmentSigned = DomainEvent<'EntrustmentSigned', { readonly lawyer: LawyerRef; readonly signedAt: string; readonly onTime: boolean }>;

export type ObjectionFiled = DomainEvent<
  'ObjectionFiled',
  {
    readonly against: 'denial' | 'termination';
    readonly grounds: string;
    readonly filedAt: string;
    readonly filedBy: StaffRef;
    readonly decisionDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type ObjectionDecided = DomainEvent<
  'ObjectionDecided',
  {
    readonly against: 'denial' | 'termination';
    /** True: the denial or termination is corrected. */
    readonly upheld: boolean;
    readonly note: string;
    readonly decidedAt: string;
    readonly decidedBy: StaffRef;
    readonly onTime: boolean;
    /** An upheld objection to a denial reopens the review with a new 7-day decision period; null otherwise. */
    readonly reviewDecisionDueAt: string | null;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type ProgressRecorded = DomainEvent<'ProgressRecorded', { readonly note: string; readonly at: string; readonly recordedBy: StaffRef } & FrontDeskSection<'progress'>>;

export type AidTerminated = DomainEvent<
  'AidTerminated',
  { readonly ground: TerminationGround; readonly explanation: string; readonly terminatedAt: string; readonly terminatedBy: StaffRef } & FrontDeskSection<'result'>
>;

export type MatterEnded = DomainEvent<
  'MatterEnded',
  {
    readonly endedAt: string;
    readonly resultSummary: string;
    readonly recordedAt: string;
    readonly closureMaterialsDueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type ClosureMaterialsSubmitted = DomainEvent<'ClosureMaterialsSubmitted', { readonly submittedAt: string; readonly submittedBy: StaffRef; readonly onTime: boolean }>;

export type ClosureReviewed = DomainEvent<
  'ClosureReviewed',
  { readonly quality: ClosureQuality; readonly subsidyYuan: number; readonly reviewedAt: string; readonly reviewedBy: StaffRef } & FrontDeskSection<'result'>
>;

export type RecipientRevisited = DomainEvent<'RecipientRevisited', { readonly note: string; readonly satisfied: boolean; readonly revisitedAt: string; readonly revisitedBy: StaffRef }>;

export type ApplicationEvent =
  | ApplicationReceived
  | MeansChecked
  | MaterialsRequested
  | MaterialsSupplied
  | AcceptedWithMaterialsOutstanding
  | OutstandingMaterialsSupplied
  | ApplicationWithdrawn
  | AidGranted
  | UrgentAidGranted
  | AidDenied
  | LawyerAssigned
  | AssignmentDeclined
  | EntrustmentSigned
  | ObjectionFiled
  | ObjectionDecided
  | ProgressRecorded
  | AidTerminated
  | MatterEnded
  | ClosureMaterialsSubmitted
  | ClosureReviewed
  | RecipientRevisited;

export type ApplicationEventType = ApplicationEvent['type'];

export const APPLICATION_EVENT_TYPES: readonly ApplicationEventType[] = [
  'ApplicationReceived',
  'MeansChecked',
  'MaterialsRequested',
  'MaterialsSupplied',
  'AcceptedWithMaterialsOutstanding',
  'OutstandingMaterialsSupplied',
  'ApplicationWithdrawn',
  'AidGranted',
  'UrgentAidGranted',
  'AidDenied',
  'LawyerAssigned',
  'AssignmentDeclined',
  'EntrustmentSigned',
  'ObjectionFiled',
  'ObjectionDecided',
  'ProgressRecorded',
  'AidTerminated',
  'MatterEnded',
  'ClosureMaterialsSubmitted',
  'ClosureReviewed',
  'RecipientRevisited',
];
