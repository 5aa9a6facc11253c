import type { ReadDocument } from '@pls/event-sourcing';

export type DeadlineKind = 'acceptance' | 'feedback' | 'rectification' | 'supervision';

/** One time-limited step (限时办结): open until `metAt` is set. */
export interface DeadlineEntry {
  readonly kind: DeadlineKind;
  /** The supervision id for supervision deadlines, else the kind. */
  readonly ref: string;
  readonly dueAt: string;
  /** Who must act before `dueAt`. */
  readonly ownerOrgId: string;
  readonly metAt: string | null;
  readonly onTime: boolean | null;
}

export interface TimelineEntry {
  readonly at: string;
  /** The event's short type, e.g. `MatterRouted`. */
  readonly kind: string;
  /** What happened, for the case file; personal data never appears here. */
  readonly text: string;
  readonly line: string | null;
  readonly orgId: string | null;
  /** Whether the applicant's public progress page shows this step. */
  readonly public: boolean;
}

/**
 * One matter as every front-desk screen reads it: the case file, lists, work queues, the public
 * progress page and the indicators. Personal data is stored masked only; the unmasked values stay
 * in the event store, where a permitted, audited read can fetch them.
 */
export interface MatterDocument extends ReadDocument {
  readonly _id: string;
  readonly caseCode: string;
  readonly channel: string;
  /** none → at-desk → routed → accepted → result-received → fed-back | closed (consultation answered). */
  readonly stage: string;
  readonly matterType: { readonly code: string; readonly name: string; readonly line: string | null };
  /** The line the matter is (or was last) routed to; the type's line before routing. */
  readonly line: string | null;
  readonly description: string;
  readonly applicant: MaskedParty;
  readonly agent: MaskedParty | null;
  /** Last four digits of the applicant's phone: the second factor of the public progress look-up. */
  readonly applicantPhoneLast4: string;
  readonly attachments: readonly { readonly name: string; readonly mediaType: string; readonly sizeBytes: number; readonly sha256: string }[];
  readonly receivingOrgId: string;
  /** 12-digit code; subtree filters are prefix ranges on it. */
  readonly receivingRegionCode: string;
  readonly firstResponsibleStaffId: string;
  readonly handlingOrgId: string | null;
  readonly handlingRegionCode: string | null;
  /**
   * The 12-digit codes of every region whose subtree holds the receiving or the handling region:
   * "received or handled inside R" is `{ regionPath: R }`, one key of a multikey index.
   */
  readonly regionPath: readonly string[];
  readonly routingReason: string | null;
  readonly backOfficeCaseNo: string | null;
  readonly returns: number;
  readonly answer: string | null;
  readonly result: { readonly outcome: string; readonly summary: string; readonly at: string } | null;
  readonly feedback: { readonly channel: string; readonly deliveredAt: string; readonly onTime: boolean } | null;
  readonly rating: { readonly level: string; readonly comment: string | null; readonly ratedAt: string; readonly ratedOrgId: string; readonly ratedRegionCode: string; readonly excluded: boolean } | null;
  readonly rectification: { readonly status: string; readonly ownerOrgId: string; readonly dueAt: string; readonly callBacks: number; readonly closedAt: string | null; readonly onTime: boolean | null; readonly outcome: string | null } | null;
  readonly appeal: { readonly status: 'pending' | 'upheld' | 'rejected'; readonly reason: string } | null;
  readonly supervisions: readonly { readonly supervisionId: string; readonly note: string; readonly orderedAt: string; readonly orderedByOrgId: string; readonly dueAt: string; readonly answer: string | null; readonly answeredAt: string | null; readonly onTime: boolean | null }[];
  readonly deadlines: readonly DeadlineEntry[];
  /** Soonest open deadline, or null: the work queue's order. */
  readonly nextDueAt: string | null;
  /** The organisation whose move it is now, or null when nothing waits. */
  readonly awaitingOrgId: string | null;
  readonly registeredAt: string;
  /** When the service ended for the applicant: answer at the desk or feedback delivered. */
  readonly completedAt: string | null;
  readonly updatedAt: string;
  readonly deadlineWarnings: readonly string[];
  readonly timeline: readonly TimelineEntry[];
}

export interface MaskedParty {
  readonly kind: 'person' | 'organisation';
  /** Shown in full to staff; masked on the public page. */
  readonly name: string;
  readonly idType: string;
  readonly idNumberMasked: string;
  readonly phoneMasked: string;
}
