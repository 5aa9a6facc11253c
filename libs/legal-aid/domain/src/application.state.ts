import type { ApplicationReceived } from './application.events';
import type { ClosureQuality, LawyerRef, MeansCheckMethod, MeansCheckResult, OutstandingMaterials, TerminationGround } from './application.types';

/**
 * The application as the decider needs it, by stage:
 *
 *   none → received ⇄ awaiting-materials ─(unanswered)→ withdrawn
 *            │ grant / urgent grant                 deny → denied ─objection upheld→ received
 *            ▼
 *          granted ⇄ assigned (decline) → in-progress → ended → closed (revisits)
 *            └──────────┴── terminate ──┴→ terminated ─objection upheld→ back where it was
 *
 * Notified defence (通知辩护) is received straight into `granted`: the organ's notice is the ground.
 */

export type Application = Omit<ApplicationReceived['data'], 'frontDeskReply'> & { readonly outstanding: OutstandingMaterials };

export interface MeansCheck {
  readonly method: MeansCheckMethod;
  readonly result: MeansCheckResult;
  readonly checkedAt: string;
}

/** The review before the decision (审查). `pauses` are the closed materials pauses. */
export interface Review {
  readonly decisionDueAt: string;
  readonly pauses: readonly { readonly from: string; readonly to: string }[];
  readonly means: MeansCheck | null;
}

export interface MaterialsRequest {
  readonly items: readonly string[];
  readonly requestedAt: string;
  readonly dueAt: string;
}

export type Grant =
  | { readonly kind: 'decision'; readonly decidedAt: string }
  | { readonly kind: 'urgent'; readonly decidedAt: string; readonly paperworkToFollow: true }
  /** 通知辩护: granted by the organ's notice on receipt. */
  | { readonly kind: 'notified'; readonly decidedAt: string };

export interface Assignment {
  readonly lawyer: LawyerRef;
  readonly assignedAt: string;
  readonly entrustmentDueAt: string;
}

export type Objection =
  | { readonly status: 'none' }
  | { readonly status: 'pending'; readonly filedAt: string; readonly decisionDueAt: string }
  | { readonly status: 'rejected'; readonly filedAt: string; readonly decidedAt: string };

export interface NoApplication {
  readonly stage: 'none';
}

export interface Received {
  readonly stage: 'received';
  readonly application: Application;
  readonly review: Review;
}

export interface AwaitingMaterials {
  readonly stage: 'awaiting-materials';
  readonly application: Application;
  readonly review: Review;
  readonly materials: MaterialsRequest;
}

export interface Granted {
  readonly stage: 'granted';
  readonly application: Application;
  readonly grant: Grant;
  readonly assignmentDueAt: string;
  /** Lawyers who declined this application: not assigned again. */
  readonly declinedBy: readonly LawyerRef[];
}

export interface Assigned {
  readonly stage: 'assigned';
  readonly application: Application;
  readonly grant: Grant;
  readonly declinedBy: readonly LawyerRef[];
  readonly assignment: Assignment;
}

export interface InProgress {
  readonly stage: 'in-progress';
  readonly application: Application;
  readonly grant: Grant;
  readonly assignment: Assignment;
  readonly entrustmentSignedAt: string;
}

export interface Ended {
  readonly stage: 'ended';
  readonly application: Application;
  readonly grant: Grant;
  readonly assignment: Assignment;
  readonly ending: { readonly endedAt: string; readonly resultSummary: string; readonly closureMaterialsDueAt: string };
  readonly closureMaterials: { readonly submittedAt: string; readonly onTime: boolean } | null;
}

export interface Closed {
  readonly stage: 'closed';
  readonly application: Application;
  readonly grant: Grant;
  readonly assignment: Assignment;
  readonly ending: Ended['ending'];
  readonly closureReview: { readonly quality: ClosureQuality; readonly subsidyYuan: number; readonly reviewedAt: string };
  readonly revisits: number;
}

export interface Denied {
  readonly stage: 'denied';
  readonly application: Application;
  /** Kept so an upheld objection reopens the review where it stood. */
  readonly review: Review;
  readonly denial: { readonly reasons: readonly string[]; readonly decidedAt: string };
  readonly objection: Objection;
}

export interface Withdrawn {
  readonly stage: 'withdrawn';
  readonly application: Application;
  readonly withdrawnAt: string;
}

/** Aid being handled: where termination can happen and where an upheld objection returns to. */
export type Handling = Granted | Assigned | InProgress;

export interface Terminated {
  readonly stage: 'terminated';
  readonly application: Application;
  readonly termination: { readonly ground: TerminationGround; readonly terminatedAt: string };
  readonly resumes: Handling;
  readonly objection: Objection;
}

export type ApplicationState = NoApplication | Received | AwaitingMaterials | Granted | Assigned | InProgress | Ended | Closed | Denied | Withdrawn | Terminated;

export type ExistingApplication = Exclude<ApplicationState, NoApplication>;

export type ApplicationStage = ApplicationState['stage'];

export const initialApplicationState: ApplicationState = { stage: 'none' };
