import type { DomainEvent } from '@pls/event-sourcing';
import type { ConfirmationRuling, DisputeCategory, FrontDeskReply, MediationSource, MediatorChosenBy, MediatorRef, OtherRoute, Party, PerformanceOutcome, StaffRef } from './mediation.types';

/**
 * Events of the Mediation aggregate, stored as `mediation.<Type>`, schema version 1. Instants are
 * UTC ISO strings. `frontDeskReply` is present exactly when the case came from the front desk and
 * the event is one the desk shows (accepted, result).
 */

type FrontDeskSection<K extends FrontDeskReply['kind']> = { readonly frontDeskReply?: Extract<FrontDeskReply, { kind: K }> };

export type MediationOpened = DomainEvent<
  'MediationOpened',
  {
    readonly caseId: string;
    readonly caseNo: string;
    readonly committeeOrgId: string;
    readonly committeeRegionCode: string;
    readonly source: MediationSource;
    readonly category: DisputeCategory;
    readonly parties: readonly Party[];
    readonly claim: string;
    readonly amountYuan: number | null;
    readonly openedAt: string;
    readonly openedBy: StaffRef;
    /** The time limit (default 30 days) from the opening. */
    readonly dueAt: string;
    readonly deadlineWarnings: readonly string[];
  } & FrontDeskSection<'accepted'>
>;

export type PartyAdded = DomainEvent<'PartyAdded', { readonly party: Party; readonly addedAt: string }>;

export type ConsentGiven = DomainEvent<'ConsentGiven', { readonly partyId: string; readonly at: string; readonly allConsented: boolean }>;

/** Art. 17: a party clearly refused; there is no mediation. */
export type MediationRefused = DomainEvent<'MediationRefused', { readonly partyId: string; readonly reason: string | null; readonly at: string } & FrontDeskSection<'result'>>;

export type MediatorAssigned = DomainEvent<'MediatorAssigned', { readonly mediator: MediatorRef; readonly chosenBy: MediatorChosenBy; readonly at: string; readonly by: StaffRef }>;

export type SessionRecorded = DomainEvent<
  'SessionRecorded',
  { readonly sessionNo: number; readonly heldOn: string; readonly place: string; readonly attendees: readonly string[]; readonly summary: string; readonly recordedAt: string; readonly by: StaffRef }
>;

export type TimeLimitExtended = DomainEvent<'TimeLimitExtended', { readonly days: number; readonly reason: string; readonly at: string; readonly dueAt: string; readonly deadlineWarnings: readonly string[] }>;

/** Published as the mediation's appraisal request (see `@pls/mediation-contracts`); the clock pauses. */
export type AppraisalRequested = DomainEvent<
  'AppraisalRequested',
  { readonly requestId: string; readonly subject: string; readonly note: string | null; readonly category: DisputeCategory; readonly committeeOrgId: string; readonly requestedAt: string }
>;

/** Received from outside the platform until the appraisal service exists; the clock resumes. */
export type AppraisalOpinionRecorded = DomainEvent<
  'AppraisalOpinionRecorded',
  {
    readonly requestId: string;
    readonly institution: string;
    readonly opinionNo: string;
    readonly summary: string;
    readonly receivedOn: string;
    readonly recordedAt: string;
    /** Recomputed with every appraisal pause excluded. */
    readonly dueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type WrittenAgreementDrafted = DomainEvent<
  'WrittenAgreementDrafted',
  { readonly terms: string; readonly amountYuan: number | null; readonly performanceDueOn: string | null; readonly signatories: readonly string[]; readonly draftedAt: string }
>;

export type AgreementSigned = DomainEvent<'AgreementSigned', { readonly signatory: string; readonly signedAt: string }>;

/** Art. 29: the last signature (parties and mediator with the committee seal) makes it effective. */
export type AgreementTookEffect = DomainEvent<
  'AgreementTookEffect',
  { readonly effectiveAt: string; readonly confirmationWindowEndsAt: string; readonly onTime: boolean; readonly deadlineWarnings: readonly string[] } & FrontDeskSection<'result'>
>;

export type OralAgreementRecorded = DomainEvent<'OralAgreementRecorded', { readonly terms: string; readonly recordedAt: string; readonly onTime: boolean } & FrontDeskSection<'result'>>;

export type MediationFailed = DomainEvent<
  'MediationFailed',
  { readonly reason: string; readonly routesExplained: readonly OtherRoute[]; readonly at: string; readonly onTime: boolean } & FrontDeskSection<'result'>
>;

export type MediationWithdrawn = DomainEvent<'MediationWithdrawn', { readonly partyId: string; readonly reason: string; readonly at: string } & FrontDeskSection<'result'>>;

export type JudicialConfirmationApplied = DomainEvent<'JudicialConfirmationApplied', { readonly courtOrgId: string; readonly applicantPartyIds: readonly string[]; readonly appliedAt: string }>;

export type JudicialConfirmationAccepted = DomainEvent<'JudicialConfirmationAccepted', { readonly courtOrgId: string; readonly courtCaseNo: string; readonly acceptedAt: string; readonly by: StaffRef }>;

export type JudicialConfirmationRuled = DomainEvent<
  'JudicialConfirmationRuled',
  { readonly courtOrgId: string; readonly ruling: ConfirmationRuling; readonly reason: string | null; readonly ruledAt: string; readonly enforceable: boolean; readonly by: StaffRef }
>;

export type PerformanceFollowedUp = DomainEvent<'PerformanceFollowedUp', { readonly outcome: PerformanceOutcome; readonly note: string; readonly at: string; readonly by: StaffRef }>;

export type MediationEvent =
  | MediationOpened
  | PartyAdded
  | ConsentGiven
  | MediationRefused
  | MediatorAssigned
  | SessionRecorded
  | TimeLimitExtended
  | AppraisalRequested
  | AppraisalOpinionRecorded
  | WrittenAgreementDrafted
  | AgreementSigned
  | AgreementTookEffect
  | OralAgreementRecorded
  | MediationFailed
  | MediationWithdrawn
  | JudicialConfirmationApplied
  | JudicialConfirmationAccepted
  | JudicialConfirmationRuled
  | PerformanceFollowedUp;

export type MediationEventType = MediationEvent['type'];

export const MEDIATION_EVENT_TYPES: readonly MediationEventType[] = [
  'MediationOpened',
  'PartyAdded',
  'ConsentGiven',
  'MediationRefused',
  'MediatorAssigned',
  'SessionRecorded',
  'TimeLimitExtended',
  'AppraisalRequested',
  'AppraisalOpinionRecorded',
  'WrittenAgreementDrafted',
  'AgreementSigned',
  'AgreementTookEffect',
  'OralAgreementRecorded',
  'MediationFailed',
  'MediationWithdrawn',
  'JudicialConfirmationApplied',
  'JudicialConfirmationAccepted',
  'JudicialConfirmationRuled',
  'PerformanceFollowedUp',
];
