import type { MatterRegistered } from './matter.events';
import type { BusinessLine, FeedbackChannel, HandlingOrg, OrgRef, RatingLevel, ResultOutcome, StaffRef } from './matter.types';

/**
 * The Matter as the decider needs it, by stage:
 *
 *   none → at-desk ─route→ routed ─accept→ accepted ─result→ result-received ─feedback→ fed-back
 *            ↑  │              │return                                                    (rating)
 *            └──┼──────────────┘
 *               └─answer consultation→ closed (rating)
 *
 * Supervisions (督办) ride along every registered stage; the rating and what hangs off it
 * (rectification 整改, appeal 申诉复核) exist only once the service was delivered.
 */

export type Registration = MatterRegistered['data'];

export interface Routing {
  readonly line: BusinessLine;
  readonly handlingOrg: HandlingOrg;
  readonly defaultOrgId: string | null;
  readonly reason: string | null;
  readonly routedAt: string;
  readonly acceptanceDueAt: string;
}

export interface BackOfficeReturn {
  readonly line: BusinessLine;
  readonly orgId: string;
  readonly reason: string;
  readonly returnedAt: string;
}

export interface BackOfficeCase {
  readonly line: BusinessLine;
  readonly orgId: string;
  readonly backOfficeCaseNo: string;
  readonly acceptedAt: string;
  readonly onTime: boolean;
  /** The latest progress note, to recognise a repeated reply. */
  readonly lastProgress: { readonly note: string; readonly at: string } | null;
}

export interface BackOfficeResult {
  readonly line: BusinessLine;
  readonly orgId: string;
  readonly outcome: ResultOutcome;
  readonly summary: string;
  readonly at: string;
  readonly receivedAt: string;
  readonly feedbackDueAt: string;
}

export interface FeedbackRecord {
  readonly channel: FeedbackChannel;
  readonly deliveredAt: string;
  readonly deliveredBy: StaffRef;
  readonly onTime: boolean;
}

export type Rectification =
  | { readonly status: 'not-required' }
  | { readonly status: 'open'; readonly rectificationId: string; readonly owner: OrgRef; readonly dueAt: string; readonly callBacks: number }
  | {
      readonly status: 'closed';
      readonly rectificationId: string;
      readonly owner: OrgRef;
      readonly dueAt: string;
      readonly closedAt: string;
      readonly onTime: boolean;
    }
  | { readonly status: 'cancelled'; readonly rectificationId: string; readonly owner: OrgRef; readonly dueAt: string; readonly cancelledAt: string };

export type RatingAppeal =
  | { readonly status: 'none' }
  | { readonly status: 'pending'; readonly reason: string; readonly appealedAt: string; readonly appealedBy: StaffRef }
  | {
      readonly status: 'reviewed';
      readonly reason: string;
      readonly appealedBy: StaffRef;
      readonly upheld: boolean;
      readonly reviewedAt: string;
      readonly reviewedBy: StaffRef;
    };

export type RatingRecord =
  | { readonly status: 'unrated' }
  | {
      readonly status: 'rated';
      readonly level: RatingLevel;
      readonly comment: string | null;
      readonly ratedAt: string;
      readonly ratedOrg: OrgRef;
      readonly rectification: Rectification;
      readonly appeal: RatingAppeal;
    };

export type Supervision =
  | { readonly status: 'open'; readonly supervisionId: string; readonly note: string; readonly orderedBy: StaffRef; readonly orderedAt: string; readonly dueAt: string }
  | {
      readonly status: 'answered';
      readonly supervisionId: string;
      readonly note: string;
      readonly orderedBy: StaffRef;
      readonly orderedAt: string;
      readonly dueAt: string;
      readonly answeredAt: string;
      readonly onTime: boolean;
    };

interface Registered {
  readonly matter: Registration;
  readonly supervisions: readonly Supervision[];
  /** How many times a back office has returned the matter (退回). */
  readonly returns: number;
}

export type UnregisteredMatter = { readonly stage: 'none' };
export type AtDeskMatter = Registered & { readonly stage: 'at-desk'; readonly lastReturn: BackOfficeReturn | null };
export type RoutedMatter = Registered & { readonly stage: 'routed'; readonly route: Routing };
export type AcceptedMatter = Registered & { readonly stage: 'accepted'; readonly route: Routing; readonly backOffice: BackOfficeCase };
export type ResultReceivedMatter = Registered & {
  readonly stage: 'result-received';
  readonly route: Routing;
  readonly backOffice: BackOfficeCase;
  readonly result: BackOfficeResult;
};
export type FedBackMatter = Registered & {
  readonly stage: 'fed-back';
  readonly route: Routing;
  readonly backOffice: BackOfficeCase;
  readonly result: BackOfficeResult;
  readonly feedback: FeedbackRecord;
  readonly rating: RatingRecord;
};
export type ClosedMatter = Registered & {
  readonly stage: 'closed';
  readonly closure: { readonly kind: 'consultation-answered'; readonly answeredAt: string; readonly answeredBy: StaffRef };
  readonly rating: RatingRecord;
};

export type MatterState =
  | UnregisteredMatter
  | AtDeskMatter
  | RoutedMatter
  | AcceptedMatter
  | ResultReceivedMatter
  | FedBackMatter
  | ClosedMatter;

export type MatterStage = MatterState['stage'];

export type RegisteredMatter = Exclude<MatterState, UnregisteredMatter>;

/** A stage whose service is delivered: the rating and everything after it live here. */
export type ServedMatter = FedBackMatter | ClosedMatter;

export const initialMatterState: MatterState = { stage: 'none' };
