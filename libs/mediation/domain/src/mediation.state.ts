import type { MediationOpened } from './mediation.events';
import type { ConfirmationRuling, MediatorRef, Party } from './mediation.types';

/**
 * The mediation as the decider needs it:
 *
 *   none → awaiting-consent ─(a party clearly refuses, Art. 17)→ refused
 *            │ every party consents
 *            ▼
 *          mediating (mediator, sessions, appraisal pause, extensions)
 *            │ written agreement drafted            oral agreement / failure / withdrawal
 *            ▼                                                  │
 *          signing ─(last signature, Art. 29)→ concluded ◄──────┘
 *                                                 └ judicial confirmation (Art. 33), follow-ups
 */

export type CaseFile = Omit<MediationOpened['data'], 'frontDeskReply' | 'parties' | 'dueAt' | 'deadlineWarnings'>;

export type MediationOutcome = 'written-agreement' | 'oral-agreement' | 'failed' | 'withdrawn' | 'refused';

export interface Clock {
  readonly dueAt: string;
  /** Days added by extensions the parties agreed to. */
  readonly extensionDays: number;
  /** Closed appraisal pauses; an open one is `appraisal`. */
  readonly pauses: readonly { readonly from: string; readonly to: string }[];
}

export interface Agreement {
  readonly kind: 'written' | 'oral';
  readonly signatories: readonly string[];
  readonly signed: readonly string[];
  /** Null until the last signature (written) ; the recording instant (oral). */
  readonly effectiveAt: string | null;
  readonly confirmationWindowEndsAt: string | null;
}

export interface Confirmation {
  readonly courtOrgId: string;
  readonly status: 'applied' | 'accepted' | 'ruled';
  readonly ruling: ConfirmationRuling | null;
}

export interface NoMediation {
  readonly stage: 'none';
}

export interface ExistingMediation {
  readonly stage: 'awaiting-consent' | 'refused' | 'mediating' | 'signing' | 'concluded';
  readonly file: CaseFile;
  readonly parties: readonly Party[];
  readonly consented: readonly string[];
  readonly mediator: MediatorRef | null;
  readonly sessions: number;
  readonly clock: Clock;
  readonly appraisal: { readonly requestId: string; readonly requestedAt: string } | null;
  readonly appraisals: number;
  readonly agreement: Agreement | null;
  readonly outcome: MediationOutcome | null;
  readonly confirmation: Confirmation | null;
}

export type MediationState = NoMediation | ExistingMediation;

export type MediationStage = MediationState['stage'];

export const initialMediationState: MediationState = { stage: 'none' };
