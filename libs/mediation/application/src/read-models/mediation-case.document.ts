import type { ReadDocument } from '@pls/event-sourcing';

export interface MediationHistoryEntry {
  readonly at: string;
  readonly kind: string;
  readonly text: string;
  readonly byUserId: string | null;
}

export interface MediationDeadline {
  readonly kind: 'time-limit' | 'referral' | 'confirmation-window';
  readonly dueAt: string;
  /** Null while open. */
  readonly metAt: string | null;
  readonly onTime: boolean | null;
  /** An awaited appraisal pauses the time limit. */
  readonly paused: boolean;
}

/** One mediation case as the committee, the referring organ and the court see it. */
export interface MediationCaseDocument extends ReadDocument {
  readonly _id: string;
  readonly caseNo: string;
  /** awaiting-consent | refused | mediating | signing | concluded */
  readonly stage: string;
  readonly committeeOrgId: string;
  readonly regionCode: string;
  readonly category: string;
  readonly source: {
    readonly kind: string;
    readonly matterId: string | null;
    readonly caseCode: string | null;
    readonly screeningRecordNo: string | null;
    readonly referringOrgan: string | null;
    readonly referringOrgId: string | null;
    readonly referenceNo: string | null;
    readonly referralDueAt: string | null;
  };
  /** Names in clear (the mediator's conflict check reads them); ID numbers and phones masked (个人信息保护法). */
  readonly parties: readonly { readonly partyId: string; readonly kind: string; readonly name: string; readonly idMasked: string; readonly phoneMasked: string | null; readonly consented: boolean }[];
  readonly claim: string;
  readonly amountYuan: number | null;
  readonly refusedByPartyId: string | null;
  readonly mediator: { readonly userId: string; readonly name: string; readonly chosenBy: string } | null;
  readonly sessions: readonly { readonly sessionNo: number; readonly heldOn: string; readonly place: string; readonly attendees: readonly string[]; readonly summary: string }[];
  readonly appraisals: readonly {
    readonly requestId: string;
    readonly subject: string;
    readonly requestedAt: string;
    readonly institution: string | null;
    readonly opinionNo: string | null;
    readonly summary: string | null;
    readonly receivedOn: string | null;
  }[];
  readonly agreement: {
    readonly kind: 'written' | 'oral';
    readonly terms: string;
    readonly amountYuan: number | null;
    readonly performanceDueOn: string | null;
    readonly signatories: readonly string[];
    readonly signed: readonly string[];
    readonly effectiveAt: string | null;
    readonly confirmationWindowEndsAt: string | null;
  } | null;
  /** written-agreement | oral-agreement | failed | withdrawn | refused */
  readonly outcome: { readonly kind: string; readonly at: string; readonly onTime: boolean | null; readonly summary: string } | null;
  readonly confirmation: {
    readonly courtOrgId: string;
    readonly status: 'applied' | 'accepted' | 'ruled';
    readonly appliedAt: string;
    readonly courtCaseNo: string | null;
    readonly ruling: string | null;
    readonly reason: string | null;
    readonly ruledAt: string | null;
    readonly enforceable: boolean | null;
  } | null;
  readonly followUps: readonly { readonly outcome: string; readonly note: string; readonly at: string }[];
  readonly openedAt: string;
  readonly concludedAt: string | null;
  /** Calendar days from opening to conclusion (fractional), null while open. */
  readonly durationDays: number | null;
  readonly deadlines: readonly MediationDeadline[];
  /** Soonest open, unpaused deadline: the work queue's order. */
  readonly nextDueAt: string | null;
  readonly updatedAt: string;
  readonly history: readonly MediationHistoryEntry[];
}
