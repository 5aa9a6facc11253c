/**
 * The front desk's published language (前台统一受理、后台分别办理、结果及时反馈). Intake publishes
 * `intake.MatterRouted` on topic `pls.intake`; a back office that takes a routed matter answers by
 * putting a `frontDeskReply` section in the data of its own business events (`ApplicationAccepted`,
 * `AgreementReached`…), published on its own topic. The desk's reactor reads only this section, so
 * a line's events stay named as that line's business says them and the desk needs no knowledge of
 * any line's internals.
 */
export const INTAKE_TOPIC = 'pls.intake';

export const BACK_OFFICE_TOPICS = ['pls.legal-aid', 'pls.mediation', 'pls.notarization', 'pls.forensic-appraisal', 'pls.community-correction'] as const;

export type BackOfficeLine = 'legal-aid' | 'mediation' | 'notarization' | 'forensic-appraisal' | 'community-correction';

export type FrontDeskReply =
  /** 受理: the back office opened its own case; its number joins the matter's timeline. */
  | { readonly kind: 'accepted'; readonly matterId: string; readonly line: BackOfficeLine; readonly orgId: string; readonly backOfficeCaseNo: string; readonly at: string }
  /** 退回: not for this office; the desk re-routes. */
  | { readonly kind: 'returned'; readonly matterId: string; readonly line: BackOfficeLine; readonly orgId: string; readonly reason: string; readonly at: string }
  /** A step worth showing the applicant on the timeline. */
  | { readonly kind: 'progress'; readonly matterId: string; readonly line: BackOfficeLine; readonly orgId: string; readonly note: string; readonly at: string }
  /** The back office's result, which the desk must now feed back to the applicant. */
  | {
      readonly kind: 'result';
      readonly matterId: string;
      readonly line: BackOfficeLine;
      readonly orgId: string;
      readonly outcome: 'completed' | 'denied' | 'terminated' | 'withdrawn';
      readonly summary: string;
      readonly at: string;
    };

/** Where the section sits in a back office's event data. */
export interface CarriesFrontDeskReply {
  readonly frontDeskReply: FrontDeskReply;
}

export function frontDeskReplyOf(data: unknown): FrontDeskReply | null {
  if (!data || typeof data !== 'object' || !('frontDeskReply' in data)) return null;
  const reply = (data as { frontDeskReply: unknown }).frontDeskReply;
  if (!reply || typeof reply !== 'object') return null;
  const kind = (reply as { kind?: unknown }).kind;
  return kind === 'accepted' || kind === 'returned' || kind === 'progress' || kind === 'result' ? (reply as FrontDeskReply) : null;
}

/**
 * `intake.MatterRouted` as other contexts may rely on it: the routing plus the matter's case code.
 * Back offices read the registration (`intake.MatterRegistered`) for the applicant and description.
 */
export interface MatterRoutedContract {
  readonly line: BackOfficeLine;
  readonly handlingOrg: { readonly orgId: string; readonly regionCode: string; readonly level: string };
  readonly reason: string | null;
  readonly routedAt: string;
  readonly acceptanceDueAt: string;
}

export const MATTER_ROUTED = 'intake.MatterRouted';
export const MATTER_REGISTERED = 'intake.MatterRegistered';
