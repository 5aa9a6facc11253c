import type { ReadDocument } from '@pls/event-sourcing';

export type ApplicationDeadlineKind = 'forwarding' | 'decision' | 'materials' | 'outstanding-materials' | 'assignment' | 'entrustment' | 'objection' | 'closure-materials';

export interface ApplicationDeadline {
  readonly kind: ApplicationDeadlineKind;
  readonly dueAt: string;
  /** Null while open. */
  readonly metAt: string | null;
  readonly onTime: boolean | null;
  /** Materials pause the decision clock (一次性告知); a paused deadline is not due. */
  readonly paused: boolean;
}

export interface ApplicationHistoryEntry {
  readonly at: string;
  readonly kind: string;
  readonly text: string;
  readonly byUserId: string | null;
}

export interface ApplicationCooperation {
  readonly requestId: string;
  readonly kind: string;
  readonly receivingOrgId: string;
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly result: string | null;
  readonly notes: string | null;
  readonly answeredAt: string | null;
  readonly onTime: boolean | null;
}

/** One legal aid application as the agency, supervisors and notifying organs see it. */
export interface LegalAidApplicationDocument extends ReadDocument {
  readonly _id: string;
  readonly applicationNo: string;
  readonly stage: string;
  readonly agencyOrgId: string;
  readonly regionCode: string;
  readonly source: {
    readonly kind: string;
    readonly matterId: string | null;
    readonly caseCode: string | null;
    readonly notifyingOrgId: string | null;
    readonly notifyingOrganKind: string | null;
    readonly notificationReason: string | null;
    /** Forwarded applications (Art. 39): who forwarded, when asked and when forwarded, and whether within 24 hours. */
    readonly forwarderOrgId: string | null;
    readonly forwarderKind: string | null;
    readonly forwardedByUserId: string | null;
    readonly requestedAt: string | null;
    readonly forwardedAt: string | null;
    readonly forwardingDueAt: string | null;
    readonly forwardedOnTime: boolean | null;
  };
  /** Name in clear (the conflict check matches names); ID and phone masked (个人信息保护法). */
  readonly applicant: { readonly name: string; readonly idNumberMasked: string; readonly phoneMasked: string | null; readonly minor: boolean };
  readonly category: { readonly kind: string; readonly subCategory: string | null; readonly lifeOrDeathPossible: boolean | null };
  readonly charge: string | null;
  readonly adverseParty: { readonly name: string; readonly lawyerId: string | null; readonly firmId: string | null } | null;
  readonly means: { readonly declaredHardship: boolean; readonly exemptionArticle: number | null; readonly exemptionGrounds: readonly string[]; readonly checkResult: string | null };
  readonly minorsCase: boolean;
  readonly lifeOrDeathCase: boolean;
  readonly priority: string;
  readonly receivedAt: string;
  readonly decision: { readonly outcome: 'granted' | 'urgent' | 'notified' | 'denied'; readonly at: string; readonly onTime: boolean | null; readonly reasons: readonly string[] } | null;
  readonly lawyer: { readonly lawyerId: string; readonly firmOrgId: string; readonly assignedAt: string; readonly onTime: boolean; readonly entrustmentSignedAt: string | null } | null;
  readonly declinedLawyerIds: readonly string[];
  readonly objection: { readonly status: 'pending' | 'upheld' | 'rejected'; readonly against: string; readonly filedAt: string; readonly decidedAt: string | null } | null;
  /** The stage a termination interrupted: an upheld objection returns there. */
  readonly stageBeforeTermination: string | null;
  readonly endedAt: string | null;
  readonly resultSummary: string | null;
  readonly closure: { readonly quality: string; readonly subsidyYuan: number; readonly reviewedAt: string } | null;
  /** 容缺受理: materials left outstanding at acceptance. */
  readonly outstandingMaterials: { readonly status: 'outstanding' | 'supplied'; readonly items: readonly string[]; readonly dueAt: string; readonly suppliedAt: string | null } | null;
  /** 异地协作 requests this application's agency made, with their answers. */
  readonly cooperation: readonly ApplicationCooperation[];
  readonly deadlines: readonly ApplicationDeadline[];
  /** Soonest open, unpaused deadline. */
  readonly nextDueAt: string | null;
  /** The work queue's order: green channel (绿色通道) first, then the soonest deadline; null without one. */
  readonly queueKey: string | null;
  readonly updatedAt: string;
  readonly history: readonly ApplicationHistoryEntry[];
}
