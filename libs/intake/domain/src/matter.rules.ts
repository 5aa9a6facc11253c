import { unreachable, type Actor } from '@pls/event-sourcing';
import type { RoutingOrgInput } from './matter.commands';
import type { MatterState, RatingAppeal, RatingRecord, RegisteredMatter, Routing, ServedMatter } from './matter.state';
import type { BusinessLine, IntakeChannel, MatterType, OrgRef, RatingLevel } from './matter.types';

/** The role a user needs to order supervision and review rating appeals. */
export const SUPERVISOR_ROLE = 'supervisor';

export const DESCRIPTION_MAX_CHARS = 4000;
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const RATING_COMMENT_MAX_CHARS = 500;

// PIPL (个人信息保护法) Arts. 13(1) and 14: personal information is processed on the person's informed, voluntary consent.
export const consentMustBeGiven = (consentToDataUse: boolean): boolean => consentToDataUse === true;

// 公共法律服务事项清单 practice: a referral is traceable to the organ that made it (诉调/警调/访调对接).
export const referralNeedsSource = (channel: IntakeChannel, hasSource: boolean): boolean => (channel === 'referral') === hasSource;

// 首问负责制: the receiving organisation owns the matter at the desk until a back office accepts it.
export const deskActionByReceivingOrg = (matter: RegisteredMatter, actor: Actor): boolean => actor.orgId === matter.matter.receivingOrg.orgId;

// 前台统一受理: only a matter at the desk (registered, or returned by a back office) can be routed or answered there.
export const matterIsAtDesk = (state: MatterState): boolean => state.stage === 'at-desk';

// 法律咨询 is answered at the desk; a matter of a business line needs its back office.
export const onlyConsultationsAnsweredAtDesk = (matterType: MatterType): boolean => matterType.line === null;

// 事项清单: a matter type of a business line goes to that line; a consultation may turn into any line (转办).
export const routeFollowsMatterType = (matterType: MatterType, line: BusinessLine): boolean => matterType.line === null || matterType.line === line;

// 后台分别办理: an agency only handles the lines it is set up for (法律援助中心, 调解委员会, 公证处, 鉴定机构, 社区矫正机构).
export const orgMustServeLine = (servedLines: readonly BusinessLine[], line: BusinessLine): boolean => servedLines.includes(line);

// 异地协作 / 跨层级转办: routing to another region or level than the region's default agency for the line
// (or where the region has none) is an exception recorded with its reason; a peer agency at the same level and place is not.
export const overrideNeedsReason = (handling: RoutingOrgInput, defaultOrg: RoutingOrgInput | null, reason: string | null): boolean =>
  reason !== null || (defaultOrg !== null && handling.level === defaultOrg.level && handling.regionCode === defaultOrg.regionCode);

// 前台受理、后台办理: only the agency the matter was routed to can accept, return or report on it.
export const replyMustComeFromRoutedOrg = (route: Routing, reply: { line: BusinessLine; orgId: string }): boolean =>
  route.handlingOrg.orgId === reply.orgId && route.line === reply.line;

// 结果及时反馈: feedback delivers the back office's result, so there must be one.
export const feedbackNeedsResult = (state: MatterState): boolean => state.stage === 'result-received';

// 国办发〔2019〕51号: the service is rated once it was delivered — after feedback, or when the desk answered a consultation.
export const ratingNeedsDeliveredService = (state: MatterState): state is ServedMatter => state.stage === 'fed-back' || state.stage === 'closed';

// 国办发〔2019〕51号 "一次一评、一事一评": one rating per service event.
export const oneRatingPerServiceEvent = (rating: RatingRecord): boolean => rating.status === 'unrated';

// 国办发〔2019〕51号: every 差评 (不满意 / 非常不满意) is verified and rectified, with a call-back to the rater.
export const badRatingOpensRectification = (level: RatingLevel): boolean => level === 'dissatisfied' || level === 'very-dissatisfied';

// 国办发〔2019〕51号: 差评 are rectified by whoever delivered the service — the back office, or the desk for a consultation.
export const ratedOrgOf = (state: ServedMatter): OrgRef =>
  state.stage === 'fed-back' ? { orgId: state.route.handlingOrg.orgId, regionCode: state.route.handlingOrg.regionCode } : state.matter.receivingOrg;

// 国办发〔2019〕51号 (Sichuan practice: 15 working days): the rectifying organisation calls the rater back (回访) before closing.
export const rectificationNeedsCallBack = (callBacks: number): boolean => callBacks > 0;

// 国办发〔2019〕51号: the rectification result is fed back to the rater (整改结果反馈评价人).
export const rectificationResultMustReachRater = (resultFedBackToRater: boolean): boolean => resultFedBackToRater === true;

// 整改责任: only the organisation that owns the rectification works it.
export const rectificationWorkedByOwner = (owner: OrgRef, actor: Actor): boolean => actor.orgId === owner.orgId;

// 国办发〔2019〕51号 申诉复核: the rated organisation may appeal a malicious or unfair rating.
export const appealOnlyByRatedOrg = (ratedOrg: OrgRef, actor: Actor): boolean => actor.orgId === ratedOrg.orgId;

// 国办发〔2019〕51号: appeals exist to clear malicious 差评; a good rating is nothing to appeal.
export const appealOnlyAgainstBadRating = (level: RatingLevel): boolean => badRatingOpensRectification(level);

// 一事一评: one appeal per rating.
export const oneAppealPerRating = (appeal: RatingAppeal): boolean => appeal.status === 'none';

// 申诉复核 by a supervisor, who must not sit in the organisation that appealed (回避).
export const appealReviewedBySupervisor = (actor: Actor): boolean => actor.roles.includes(SUPERVISOR_ROLE);
export const appealNotReviewedByAppellant = (appealedByOrgId: string, actor: Actor): boolean => actor.orgId !== appealedByOrgId;

// 督办 is ordered by a supervisor (level checked by the application, DOMAIN §4).
export const supervisionNeedsSupervisor = (actor: Actor): boolean => actor.roles.includes(SUPERVISOR_ROLE);

// 限时办结制: a supervision order carries a deadline still ahead of it.
export const supervisionDueInFuture = (dueAtMs: number, nowMs: number): boolean => dueAtMs > nowMs;

// 督办 targets work still open: at the desk, with the back office, awaiting feedback, or a rectification or appeal in progress.
export const matterHasOpenWork = (state: RegisteredMatter): boolean => {
  switch (state.stage) {
    case 'at-desk':
    case 'routed':
    case 'accepted':
    case 'result-received':
      return true;
    case 'fed-back':
    case 'closed':
      return state.rating.status === 'rated' && (state.rating.rectification.status === 'open' || state.rating.appeal.status === 'pending');
    default:
      return unreachable(state, 'stage');
  }
};

// 督办回复 comes from an organisation the matter involves: the receiving organisation, the handling agency or the rectification owner.
export const supervisionAnsweredByInvolvedOrg = (state: RegisteredMatter, actor: Actor): boolean => {
  if (actor.orgId === state.matter.receivingOrg.orgId) return true;
  if ('route' in state && actor.orgId === state.route.handlingOrg.orgId) return true;
  return (
    (state.stage === 'fed-back' || state.stage === 'closed') &&
    state.rating.status === 'rated' &&
    state.rating.rectification.status !== 'not-required' &&
    state.rating.rectification.owner.orgId === actor.orgId
  );
};

// 限时办结制: done on time means done by the end of the deadline.
export const doneOnTime = (doneAtMs: number, dueAt: string): boolean => doneAtMs <= Date.parse(dueAt);
