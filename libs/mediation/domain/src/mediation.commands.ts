import type { Command } from '@pls/event-sourcing';
import type { ConfirmationRuling, DisputeCategory, MediatorChosenBy, MediatorRef, MediatorRelation, OtherRoute, PerformanceOutcome, ReferringOrgan } from './mediation.types';

/**
 * Commands of the Mediation aggregate (stream `mediation.case-<caseId>`). Time, actor and command
 * id come in `metadata`; the decider validates and normalises the data.
 */

export type SourceInput =
  | { readonly kind: 'front-desk'; readonly frontDesk: { readonly matterId: string; readonly caseCode: string } }
  | { readonly kind: 'screening'; readonly screening: { readonly recordNo: string; readonly screenedAt: string; readonly note: string } }
  | { readonly kind: 'referral'; readonly referral: { readonly organ: ReferringOrgan; readonly orgId: string; readonly referenceNo: string; readonly dueAt?: string | null } };

export type PartyInput =
  | { readonly kind: 'person'; readonly name: string; readonly idNumber: string; readonly phone?: string | null }
  | { readonly kind: 'organisation'; readonly name: string; readonly uscc: string };

/** 受理: the committee opens a mediation case. */
export type OpenMediation = Command<
  'OpenMediation',
  {
    readonly caseId: string;
    /** The committee's number (调解案号), what the front desk shows as the back-office number. */
    readonly caseNo: string;
    readonly committeeOrgId: string;
    readonly committeeRegionCode: string;
    readonly source: SourceInput;
    readonly category: DisputeCategory;
    /** A front-desk matter names only the applicant; the other side is added before consent. */
    readonly parties: readonly PartyInput[];
    readonly claim: string;
    readonly amountYuan?: number | null;
  }
>;

export type AddParty = Command<'AddParty', { readonly party: PartyInput }>;

/** Art. 17: each party says yes, or clearly refuses (which ends it before it starts). */
export type RecordConsent = Command<'RecordConsent', { readonly partyId: string; readonly consents: boolean; readonly reason?: string | null }>;

export type AssignMediator = Command<
  'AssignMediator',
  {
    readonly mediator: MediatorRef;
    readonly chosenBy: MediatorChosenBy;
    /** The mediator's relations to parties of this dispute, as declared or resolved by the application. */
    readonly relations: readonly MediatorRelation[];
  }
>;

export type RecordSession = Command<'RecordSession', { readonly heldOn: string; readonly place: string; readonly attendees: readonly string[]; readonly summary: string }>;

export type ExtendTimeLimit = Command<'ExtendTimeLimit', { readonly days: number; readonly partiesAgreed: boolean; readonly reason: string }>;

export type RequestAppraisal = Command<'RequestAppraisal', { readonly subject: string; readonly note?: string | null }>;

export type RecordAppraisalOpinion = Command<'RecordAppraisalOpinion', { readonly institution: string; readonly opinionNo: string; readonly summary: string; readonly receivedOn: string }>;

/** Art. 28: the written agreement's terms; it takes effect when all have signed (Art. 29). */
export type DraftWrittenAgreement = Command<'DraftWrittenAgreement', { readonly terms: string; readonly amountYuan?: number | null; readonly performanceDueOn?: string | null }>;

export type SignAgreement = Command<'SignAgreement', { readonly signatory: string }>;

/** Art. 30: an oral agreement, recorded by the mediator. */
export type RecordOralAgreement = Command<'RecordOralAgreement', { readonly terms: string }>;

/** Art. 26: no agreement; the parties are told of the other routes. */
export type RecordFailure = Command<'RecordFailure', { readonly reason: string; readonly routesExplained: readonly OtherRoute[] }>;

/** Art. 23: a party may end the mediation at any time. */
export type RecordWithdrawal = Command<'RecordWithdrawal', { readonly partyId: string; readonly reason: string }>;

/** Art. 33: the parties jointly apply to a court. */
export type ApplyForJudicialConfirmation = Command<
  'ApplyForJudicialConfirmation',
  {
    readonly courtOrgId: string;
    /** The court's territorial jurisdiction (12-digit region codes), as the directory knows it. */
    readonly courtJurisdiction: readonly string[];
    readonly applicantPartyIds: readonly string[];
  }
>;

export type RecordConfirmationAcceptance = Command<'RecordConfirmationAcceptance', { readonly courtCaseNo: string }>;

export type RecordConfirmationRuling = Command<'RecordConfirmationRuling', { readonly ruling: ConfirmationRuling; readonly reason?: string | null }>;

/** 履行回访. */
export type RecordPerformanceFollowUp = Command<'RecordPerformanceFollowUp', { readonly outcome: PerformanceOutcome; readonly note: string }>;

export type MediationCommand =
  | OpenMediation
  | AddParty
  | RecordConsent
  | AssignMediator
  | RecordSession
  | ExtendTimeLimit
  | RequestAppraisal
  | RecordAppraisalOpinion
  | DraftWrittenAgreement
  | SignAgreement
  | RecordOralAgreement
  | RecordFailure
  | RecordWithdrawal
  | ApplyForJudicialConfirmation
  | RecordConfirmationAcceptance
  | RecordConfirmationRuling
  | RecordPerformanceFollowUp;

export type MediationCommandType = MediationCommand['type'];
