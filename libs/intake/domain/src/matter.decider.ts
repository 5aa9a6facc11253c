import { unreachable, type Actor, type Decider } from '@pls/event-sourcing';
import { deterministicId, deadlinePolicy, type Period, type StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AnswerConsultation,
  AnswerSupervision,
  AppealRating,
  CloseRectification,
  DeliverFeedback,
  MatterCommand,
  OrderSupervision,
  RateService,
  RecordBackOfficeAcceptance,
  RecordBackOfficeProgress,
  RecordBackOfficeReturn,
  RecordRectificationCallBack,
  RecordResult,
  RegisterMatter,
  ReviewRatingAppeal,
  RouteMatter,
} from './matter.commands';
import type { MatterEvent } from './matter.events';
import { notFound, refuse } from './matter.refusals';
import {
  appealNotReviewedByAppellant,
  appealOnlyAgainstBadRating,
  appealOnlyByRatedOrg,
  appealReviewedBySupervisor,
  badRatingOpensRectification,
  consentMustBeGiven,
  deskActionByReceivingOrg,
  doneOnTime,
  matterHasOpenWork,
  matterIsAtDesk,
  oneAppealPerRating,
  oneRatingPerServiceEvent,
  onlyConsultationsAnsweredAtDesk,
  orgMustServeLine,
  overrideNeedsReason,
  RATING_COMMENT_MAX_CHARS,
  ratedOrgOf,
  ratingNeedsDeliveredService,
  rectificationNeedsCallBack,
  rectificationResultMustReachRater,
  rectificationWorkedByOwner,
  referralNeedsSource,
  replyMustComeFromRoutedOrg,
  routeFollowsMatterType,
  supervisionAnsweredByInvolvedOrg,
  supervisionDueInFuture,
  supervisionNeedsSupervisor,
} from './matter.rules';
import {
  initialMatterState,
  type MatterState,
  type RatingRecord,
  type RegisteredMatter,
  type Rectification,
  type ServedMatter,
  type Supervision,
} from './matter.state';
import type { BusinessLine, StaffRef } from './matter.types';
import * as input from './matter.validation';

/** 限时办结: how long each front-desk step may take. */
export interface MatterDeadlines {
  /** From routing to the back office's acceptance or return. */
  readonly acceptance: Period;
  /** From the result reaching the desk to its delivery to the applicant (结果反馈). */
  readonly feedback: Period;
  /** From a bad rating to the rectification's close (整改). */
  readonly rectification: Period;
}

/** Defaults: 3 working days to accept, 3 to feed back, 15 to rectify (Sichuan 好差评 practice). */
export const DEFAULT_MATTER_DEADLINES: MatterDeadlines = {
  acceptance: { amount: 3, unit: 'workingDay' },
  feedback: { amount: 3, unit: 'workingDay' },
  rectification: { amount: 15, unit: 'workingDay' },
};

export interface MatterPolicy {
  /** Holidays and 调休; its `beyondData` mode decides whether a deadline past the data refuses or warns. */
  readonly calendar: StatutoryCalendar;
  readonly deadlines: MatterDeadlines;
}

export interface MatterPolicyInput {
  readonly calendar: StatutoryCalendar;
  readonly deadlines?: Partial<MatterDeadlines>;
}

export type MatterDecider = Decider<MatterCommand, MatterEvent, MatterState>;

const LONG_TEXT = 4000;
const SHORT_TEXT = 2000;

/** The one rectification a matter can have (one rating per matter): its id never needs storing elsewhere. */
export function rectificationIdFor(matterId: string): string {
  return deterministicId('intake.rectification', matterId);
}

export function matterPolicy(policy: MatterPolicyInput): MatterPolicy {
  return deadlinePolicy(policy, DEFAULT_MATTER_DEADLINES, 'MATTER_POLICY_INVALID', 'matter');
}

function staff(actor: Actor): StaffRef {
  return { userId: actor.userId, orgId: actor.orgId };
}

function registered(state: MatterState): RegisteredMatter {
  if (state.stage === 'none') throw notFound('MATTER_NOT_FOUND', 'no matter was registered under this id');
  return state;
}

function requireDeskAction(state: RegisteredMatter, actor: Actor): void {
  if (!deskActionByReceivingOrg(state, actor)) {
    throw refuse('NOT_RECEIVING_ORG', `organisation ${actor.orgId} is not the receiving organisation ${state.matter.receivingOrg.orgId} (首问负责制)`);
  }
}

function requireAtDesk(state: RegisteredMatter): void {
  if (state.stage === 'closed' || state.stage === 'fed-back') throw refuse('MATTER_CLOSED', `the matter is ${state.stage}`);
  if (!matterIsAtDesk(state)) throw refuse('MATTER_NOT_AT_DESK', `the matter is ${state.stage}, not at the desk`);
}

function rated(state: RegisteredMatter): ServedMatter & { rating: Extract<RatingRecord, { status: 'rated' }> } {
  if (!ratingNeedsDeliveredService(state) || state.rating.status !== 'rated') throw refuse('NOT_RATED', 'the service has not been rated');
  return state as ServedMatter & { rating: Extract<RatingRecord, { status: 'rated' }> };
}

function openRectification(state: RegisteredMatter, actor: Actor): Extract<Rectification, { status: 'open' }> {
  const rectification = ratingNeedsDeliveredService(state) && state.rating.status === 'rated' ? state.rating.rectification : null;
  if (rectification === null || rectification.status !== 'open') throw refuse('NO_OPEN_RECTIFICATION', 'the matter has no open rectification');
  if (!rectificationWorkedByOwner(rectification.owner, actor)) {
    throw refuse('RECTIFICATION_NOT_BY_OWNER', `the rectification belongs to ${rectification.owner.orgId}, not ${actor.orgId}`);
  }
  return rectification;
}

function reply(data: { line: unknown; orgId: unknown }): { line: BusinessLine; orgId: string } {
  return { line: input.line(data.line), orgId: input.orgId(data.orgId, 'orgId') };
}

function notFromRoutedOrg(orgId: string, line: BusinessLine, state: RegisteredMatter & { route: { handlingOrg: { orgId: string }; line: BusinessLine } }) {
  return refuse('REPLY_NOT_FROM_ROUTED_ORG', `the matter is routed to ${state.route.handlingOrg.orgId} for ${state.route.line}, not to ${orgId} for ${line}`);
}

/**
 * The Matter decider: 前台统一受理、后台分别办理、结果及时反馈. Pure: the time is `metadata.now`,
 * the actor `metadata.actor`, ids come in the command. Back-office replies repeated with the same
 * content decide nothing (no events), so a redelivered integration event is harmless even under a
 * new command id.
 */
export function matterDecider(policyInput: MatterPolicyInput): MatterDecider {
  const policy = matterPolicy(policyInput);

  function deadline(start: string, period: Period): { dueAt: string; warnings: readonly string[] } {
    const computed = policy.calendar.deadline(start, period);
    if (computed.status !== 'running') throw new TypeError('a deadline without pauses cannot be paused');
    return { dueAt: computed.dueAt, warnings: computed.warnings };
  }

  function register(command: RegisterMatter, state: MatterState, now: string): MatterEvent[] {
    if (state.stage !== 'none') throw refuse('MATTER_ALREADY_REGISTERED', 'a matter with this id is registered already');
    const { data } = command;
    // Consent first: without it, even checking the personal data is processing it (PIPL Art. 13).
    if (!consentMustBeGiven(data.consentToDataUse)) throw refuse('CONSENT_REQUIRED', "the applicant's consent to the use of their data is required (PIPL Arts. 13–14)");
    const matterId = input.identifier(data.matterId, 'MATTER_ID_INVALID', 'matterId');
    const channel = input.channel(data.channel);
    const source = data.referralSource ?? null;
    if (!referralNeedsSource(channel, source !== null)) {
      throw channel === 'referral'
        ? refuse('REFERRAL_SOURCE_REQUIRED', 'a referred matter names the organ that referred it')
        : refuse('REFERRAL_SOURCE_UNEXPECTED', `a referral source was given for channel ${channel}`);
    }
    return [
      {
        type: 'MatterRegistered',
        data: {
          matterId,
          caseCode: input.caseCode(data.caseCode),
          channel,
          receivingOrg: {
            orgId: input.orgId(data.receivingOrg?.orgId, 'receivingOrg.orgId'),
            regionCode: input.regionCode(data.receivingOrg?.regionCode, 'receivingOrg.regionCode'),
          },
          firstResponsibleStaffId: input.identifier(data.firstResponsibleStaffId, 'STAFF_ID_INVALID', 'firstResponsibleStaffId'),
          applicant: input.applicant(data.applicant, now),
          agent: data.agent === undefined || data.agent === null ? null : input.person(data.agent, 'agent', now),
          matterType: input.matterType(data.matterType),
          description: input.description(data.description),
          attachments: input.attachments(data.attachments),
          consentToDataUse: true,
          referralSource: source === null ? null : { organId: input.identifier(source.organId, 'REFERRAL_SOURCE_INVALID', 'referralSource.organId') },
          registeredAt: now,
          registeredBy: staff(command.metadata.actor),
        },
      },
    ];
  }

  function answerConsultation(command: AnswerConsultation, matter: RegisteredMatter, now: string): MatterEvent[] {
    requireAtDesk(matter);
    requireDeskAction(matter, command.metadata.actor);
    if (!onlyConsultationsAnsweredAtDesk(matter.matter.matterType)) {
      throw refuse('NOT_A_CONSULTATION', `matter type ${matter.matter.matterType.code} belongs to ${matter.matter.matterType.line}: route it`);
    }
    const answer = input.text(command.data.answer, 'answer', 'ANSWER', LONG_TEXT);
    return [{ type: 'ConsultationAnswered', data: { answer, answeredAt: now, answeredBy: staff(command.metadata.actor) } }];
  }

  function route(command: RouteMatter, matter: RegisteredMatter, now: string): MatterEvent[] {
    requireAtDesk(matter);
    requireDeskAction(matter, command.metadata.actor);
    const { data } = command;
    const line = input.line(data.line);
    const handling = input.routingOrg(data.handlingOrg, 'handlingOrg');
    const served = input.servedLines(data.handlingOrg.lines, 'handlingOrg.lines');
    const defaultOrg = data.defaultOrg === null || data.defaultOrg === undefined ? null : input.routingOrg(data.defaultOrg, 'defaultOrg');
    const reason = input.optionalReason(data.reason, 'reason', SHORT_TEXT);
    if (!routeFollowsMatterType(matter.matter.matterType, line)) {
      throw refuse('LINE_DIFFERS_FROM_MATTER_TYPE', `matter type ${matter.matter.matterType.code} belongs to ${matter.matter.matterType.line}, not ${line}`);
    }
    if (!orgMustServeLine(served, line)) throw refuse('ORG_DOES_NOT_SERVE_LINE', `organisation ${handling.orgId} does not serve ${line}`);
    if (!overrideNeedsReason(handling, defaultOrg, reason)) {
      throw refuse(
        'ROUTING_OVERRIDE_NEEDS_REASON',
        defaultOrg === null
          ? `the region has no default ${line} agency: say why ${handling.orgId} handles it`
          : `${handling.orgId} (${handling.level} ${handling.regionCode}) is not at the default agency's level and place (${defaultOrg.level} ${defaultOrg.regionCode}): give a reason (异地协作)`,
      );
    }
    const due = deadline(now, policy.deadlines.acceptance);
    return [
      {
        type: 'MatterRouted',
        data: {
          line,
          handlingOrg: handling,
          defaultOrgId: defaultOrg?.orgId ?? null,
          reason,
          routedAt: now,
          routedBy: staff(command.metadata.actor),
          acceptanceDueAt: due.dueAt,
          deadlineWarnings: due.warnings,
        },
      },
    ];
  }

  function recordAcceptance(command: RecordBackOfficeAcceptance, matter: RegisteredMatter): MatterEvent[] {
    const { line, orgId } = reply(command.data);
    const backOfficeCaseNo = input.requiredText(command.data.backOfficeCaseNo, 'backOfficeCaseNo', 64, {
      empty: 'BACK_OFFICE_CASE_NO_INVALID',
      tooLong: 'BACK_OFFICE_CASE_NO_INVALID',
    });
    const acceptedAt = input.instant(command.data.acceptedAt, 'acceptedAt');
    switch (matter.stage) {
      case 'at-desk':
      case 'closed':
        throw refuse('MATTER_NOT_ROUTED', `the matter is ${matter.stage}: no back office was asked to accept it`);
      case 'routed':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        return [
          {
            type: 'MatterAcceptedByBackOffice',
            data: { line, orgId, backOfficeCaseNo, acceptedAt: acceptedAt.iso, onTime: doneOnTime(acceptedAt.ms, matter.route.acceptanceDueAt) },
          },
        ];
      case 'accepted':
      case 'result-received':
      case 'fed-back':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        if (matter.backOffice.backOfficeCaseNo === backOfficeCaseNo) return [];
        throw refuse('ALREADY_ACCEPTED', `the matter was accepted as ${matter.backOffice.backOfficeCaseNo}, not ${backOfficeCaseNo}`);
      default:
        return unreachable(matter, 'stage');
    }
  }

  function recordReturn(command: RecordBackOfficeReturn, matter: RegisteredMatter): MatterEvent[] {
    const { line, orgId } = reply(command.data);
    const reason = input.text(command.data.reason, 'reason', 'REASON', SHORT_TEXT);
    const returnedAt = input.instant(command.data.returnedAt, 'returnedAt').iso;
    switch (matter.stage) {
      case 'at-desk': {
        const last = matter.lastReturn;
        if (last !== null && last.orgId === orgId && last.line === line && last.reason === reason && last.returnedAt === returnedAt) return [];
        throw refuse('MATTER_NOT_ROUTED', 'the matter is at the desk: no back office holds it');
      }
      case 'closed':
        throw refuse('MATTER_NOT_ROUTED', 'the matter was closed at the desk');
      case 'routed':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        return [{ type: 'MatterReturnedByBackOffice', data: { line, orgId, reason, returnedAt, returnCount: matter.returns + 1 } }];
      case 'accepted':
      case 'result-received':
      case 'fed-back':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        throw refuse('RETURN_AFTER_ACCEPTANCE', `the back office accepted the matter as ${matter.backOffice.backOfficeCaseNo}: it ends with a result, not a return`);
      default:
        return unreachable(matter, 'stage');
    }
  }

  function recordProgress(command: RecordBackOfficeProgress, matter: RegisteredMatter): MatterEvent[] {
    const { line, orgId } = reply(command.data);
    const note = input.text(command.data.note, 'note', 'NOTE', SHORT_TEXT);
    const at = input.instant(command.data.at, 'at').iso;
    switch (matter.stage) {
      case 'at-desk':
      case 'closed':
        throw refuse('MATTER_NOT_ROUTED', `the matter is ${matter.stage}: no back office holds it`);
      case 'routed':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        throw refuse('MATTER_NOT_ACCEPTED', 'the back office has not accepted the matter yet');
      case 'accepted':
      case 'result-received':
      case 'fed-back': {
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        const last = matter.backOffice.lastProgress;
        if (last !== null && last.note === note && last.at === at) return [];
        return [{ type: 'BackOfficeProgressRecorded', data: { line, orgId, note, at } }];
      }
      default:
        return unreachable(matter, 'stage');
    }
  }

  function recordResult(command: RecordResult, matter: RegisteredMatter, now: string): MatterEvent[] {
    const { line, orgId } = reply(command.data);
    const outcome = input.resultOutcome(command.data.outcome);
    const summary = input.text(command.data.summary, 'summary', 'SUMMARY', LONG_TEXT);
    const at = input.instant(command.data.at, 'at').iso;
    switch (matter.stage) {
      case 'at-desk':
      case 'closed':
        throw refuse('MATTER_NOT_ROUTED', `the matter is ${matter.stage}: no back office holds it`);
      case 'routed':
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        throw refuse('MATTER_NOT_ACCEPTED', 'the back office has not accepted the matter yet');
      case 'accepted': {
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        const due = deadline(now, policy.deadlines.feedback);
        return [
          {
            type: 'ResultReceived',
            data: { line, orgId, outcome, summary, at, receivedAt: now, feedbackDueAt: due.dueAt, deadlineWarnings: due.warnings },
          },
        ];
      }
      case 'result-received':
      case 'fed-back': {
        if (!replyMustComeFromRoutedOrg(matter.route, { line, orgId })) throw notFromRoutedOrg(orgId, line, matter);
        const { result } = matter;
        if (result.outcome === outcome && result.summary === summary && result.at === at) return [];
        throw refuse('RESULT_ALREADY_RECEIVED', `the result (${result.outcome}, ${result.at}) was received already`);
      }
      default:
        return unreachable(matter, 'stage');
    }
  }

  function deliverFeedback(command: DeliverFeedback, matter: RegisteredMatter, now: { iso: string; ms: number }): MatterEvent[] {
    switch (matter.stage) {
      case 'closed':
        throw refuse('MATTER_CLOSED', 'the matter was closed at the desk: its answer was the feedback');
      case 'fed-back':
        throw refuse('FEEDBACK_ALREADY_DELIVERED', `the result was fed back on ${matter.feedback.deliveredAt}`);
      case 'at-desk':
      case 'routed':
      case 'accepted':
        throw refuse('FEEDBACK_BEFORE_RESULT', `the matter is ${matter.stage}: there is no result to feed back yet`);
      case 'result-received': {
        requireDeskAction(matter, command.metadata.actor);
        const channel = input.feedbackChannel(command.data.channel);
        const content = input.text(command.data.content, 'content', 'CONTENT', SHORT_TEXT);
        const deliveredAt = command.data.deliveredAt === undefined || command.data.deliveredAt === null ? now : input.instant(command.data.deliveredAt, 'deliveredAt');
        if (deliveredAt.ms > now.ms || deliveredAt.ms < Date.parse(matter.result.receivedAt)) {
          throw refuse('FEEDBACK_TIME_OUT_OF_RANGE', `deliveredAt ${deliveredAt.iso} must lie between the result's arrival ${matter.result.receivedAt} and now`);
        }
        return [
          {
            type: 'FeedbackDelivered',
            data: {
              channel,
              content,
              deliveredAt: deliveredAt.iso,
              deliveredBy: staff(command.metadata.actor),
              onTime: doneOnTime(deliveredAt.ms, matter.result.feedbackDueAt),
            },
          },
        ];
      }
      default:
        return unreachable(matter, 'stage');
    }
  }

  function rateService(command: RateService, matter: RegisteredMatter, now: string): MatterEvent[] {
    if (!ratingNeedsDeliveredService(matter)) {
      throw refuse('RATING_BEFORE_FEEDBACK', `the matter is ${matter.stage}: it is rated once the result is fed back or the consultation answered`);
    }
    if (!oneRatingPerServiceEvent(matter.rating)) throw refuse('ALREADY_RATED', 'this service was rated already (一次一评)');
    const level = input.ratingLevel(command.data.level);
    const comment =
      command.data.comment === undefined || command.data.comment === null || command.data.comment.trim() === ''
        ? null
        : input.requiredText(command.data.comment, 'comment', RATING_COMMENT_MAX_CHARS, { empty: 'COMMENT_TOO_LONG', tooLong: 'COMMENT_TOO_LONG' });
    const ratedOrg = ratedOrgOf(matter);
    const events: MatterEvent[] = [{ type: 'ServiceRated', data: { level, comment, ratedAt: now, ratedBy: staff(command.metadata.actor), ratedOrg } }];
    if (badRatingOpensRectification(level)) {
      const due = deadline(now, policy.deadlines.rectification);
      events.push({
        type: 'RectificationOpened',
        data: {
          rectificationId: rectificationIdFor(matter.matter.matterId),
          owner: ratedOrg,
          openedAt: now,
          dueAt: due.dueAt,
          callBackRequired: true,
          deadlineWarnings: due.warnings,
        },
      });
    }
    return events;
  }

  function recordCallBack(command: RecordRectificationCallBack, matter: RegisteredMatter, now: string): MatterEvent[] {
    const rectification = openRectification(matter, command.metadata.actor);
    const note = input.text(command.data.note, 'note', 'NOTE', SHORT_TEXT);
    return [
      {
        type: 'RectificationCallBackRecorded',
        data: { rectificationId: rectification.rectificationId, note, calledBackAt: now, calledBackBy: staff(command.metadata.actor) },
      },
    ];
  }

  function closeRectification(command: CloseRectification, matter: RegisteredMatter, now: { iso: string; ms: number }): MatterEvent[] {
    const rectification = openRectification(matter, command.metadata.actor);
    const outcome = input.text(command.data.outcome, 'outcome', 'OUTCOME', SHORT_TEXT);
    const fedBack = input.flag(command.data.resultFedBackToRater, 'resultFedBackToRater');
    if (!rectificationNeedsCallBack(rectification.callBacks)) {
      throw refuse('RECTIFICATION_CALL_BACK_MISSING', 'call the rater back (回访) before closing the rectification');
    }
    if (!rectificationResultMustReachRater(fedBack)) {
      throw refuse('RECTIFICATION_RESULT_NOT_FED_BACK', 'tell the rater what was rectified before closing');
    }
    return [
      {
        type: 'RectificationClosed',
        data: {
          rectificationId: rectification.rectificationId,
          outcome,
          resultFedBackToRater: true,
          closedAt: now.iso,
          closedBy: staff(command.metadata.actor),
          onTime: doneOnTime(now.ms, rectification.dueAt),
        },
      },
    ];
  }

  function appealRating(command: AppealRating, matter: RegisteredMatter, now: string): MatterEvent[] {
    const { rating } = rated(matter);
    const { actor } = command.metadata;
    if (!appealOnlyByRatedOrg(rating.ratedOrg, actor)) throw refuse('APPEAL_NOT_BY_RATED_ORG', `only ${rating.ratedOrg.orgId}, the rated organisation, may appeal`);
    if (!appealOnlyAgainstBadRating(rating.level)) throw refuse('APPEAL_AGAINST_GOOD_RATING', `a ${rating.level} rating is nothing to appeal`);
    if (!oneAppealPerRating(rating.appeal)) throw refuse('APPEAL_ALREADY_FILED', 'this rating was appealed already');
    const reason = input.text(command.data.reason, 'reason', 'REASON', SHORT_TEXT);
    return [{ type: 'RatingAppealed', data: { reason, appealedAt: now, appealedBy: staff(actor) } }];
  }

  function reviewAppeal(command: ReviewRatingAppeal, matter: RegisteredMatter, now: string): MatterEvent[] {
    const rating = ratingNeedsDeliveredService(matter) && matter.rating.status === 'rated' ? matter.rating : null;
    if (rating === null || rating.appeal.status !== 'pending') throw refuse('NO_PENDING_APPEAL', 'there is no pending appeal against a rating of this matter');
    const { actor } = command.metadata;
    if (!appealReviewedBySupervisor(actor)) throw refuse('SUPERVISOR_ROLE_REQUIRED', 'an appeal is reviewed by a supervisor');
    if (!appealNotReviewedByAppellant(rating.appeal.appealedBy.orgId, actor)) {
      throw refuse('APPEAL_REVIEW_BY_APPELLANT', 'the appealing organisation cannot review its own appeal');
    }
    const upheld = input.flag(command.data.upheld, 'upheld');
    const note = input.text(command.data.note, 'note', 'NOTE', SHORT_TEXT);
    const events: MatterEvent[] = [{ type: 'RatingAppealReviewed', data: { upheld, note, reviewedAt: now, reviewedBy: staff(actor) } }];
    if (upheld && rating.rectification.status === 'open') {
      events.push({ type: 'RectificationCancelled', data: { rectificationId: rating.rectification.rectificationId, reason: 'rating-appeal-upheld', cancelledAt: now } });
    }
    return events;
  }

  function orderSupervision(command: OrderSupervision, matter: RegisteredMatter, now: { iso: string; ms: number }): MatterEvent[] {
    const { actor } = command.metadata;
    if (!supervisionNeedsSupervisor(actor)) throw refuse('SUPERVISOR_ROLE_REQUIRED', 'supervision (督办) is ordered by a supervisor');
    const supervisionId = input.identifier(command.data.supervisionId, 'SUPERVISION_ID_INVALID', 'supervisionId');
    const note = input.text(command.data.note, 'note', 'NOTE', SHORT_TEXT);
    const dueAt = input.instant(command.data.dueAt, 'dueAt');
    const existing = matter.supervisions.find((supervision) => supervision.supervisionId === supervisionId);
    if (existing !== undefined) {
      if (existing.note === note && existing.dueAt === dueAt.iso && existing.orderedBy.userId === actor.userId) return [];
      throw refuse('SUPERVISION_ID_TAKEN', `supervision ${supervisionId} exists with other content`);
    }
    if (!supervisionDueInFuture(dueAt.ms, now.ms)) throw refuse('SUPERVISION_DUE_NOT_IN_FUTURE', `dueAt ${dueAt.iso} is not after ${now.iso}`);
    if (!matterHasOpenWork(matter)) throw refuse('NOTHING_TO_SUPERVISE', `the matter is ${matter.stage} with nothing open to supervise`);
    return [{ type: 'SupervisionOrdered', data: { supervisionId, note, orderedAt: now.iso, orderedBy: staff(actor), dueAt: dueAt.iso } }];
  }

  function answerSupervision(command: AnswerSupervision, matter: RegisteredMatter, now: { iso: string; ms: number }): MatterEvent[] {
    const supervisionId = input.identifier(command.data.supervisionId, 'SUPERVISION_ID_INVALID', 'supervisionId');
    const supervision = matter.supervisions.find((candidate) => candidate.supervisionId === supervisionId);
    if (supervision === undefined) throw notFound('SUPERVISION_NOT_FOUND', `no supervision ${supervisionId} on this matter`);
    if (supervision.status === 'answered') throw refuse('SUPERVISION_ALREADY_ANSWERED', `supervision ${supervisionId} was answered on ${supervision.answeredAt}`);
    const { actor } = command.metadata;
    if (!supervisionAnsweredByInvolvedOrg(matter, actor)) {
      throw refuse('SUPERVISION_ANSWER_NOT_FROM_INVOLVED_ORG', `organisation ${actor.orgId} is not involved in this matter`);
    }
    const answer = input.text(command.data.answer, 'answer', 'ANSWER', LONG_TEXT);
    return [
      {
        type: 'SupervisionAnswered',
        data: { supervisionId, answer, answeredAt: now.iso, answeredBy: staff(actor), onTime: doneOnTime(now.ms, supervision.dueAt) },
      },
    ];
  }

  return {
    initialState: initialMatterState,

    decide(command, state) {
      const now = input.instant(command.metadata?.now, 'metadata.now');
      if (command.type === 'RegisterMatter') return register(command, state, now.iso);
      const matter = registered(state);
      switch (command.type) {
        case 'AnswerConsultation':
          return answerConsultation(command, matter, now.iso);
        case 'RouteMatter':
          return route(command, matter, now.iso);
        case 'RecordBackOfficeAcceptance':
          return recordAcceptance(command, matter);
        case 'RecordBackOfficeReturn':
          return recordReturn(command, matter);
        case 'RecordBackOfficeProgress':
          return recordProgress(command, matter);
        case 'RecordResult':
          return recordResult(command, matter, now.iso);
        case 'DeliverFeedback':
          return deliverFeedback(command, matter, now);
        case 'RateService':
          return rateService(command, matter, now.iso);
        case 'RecordRectificationCallBack':
          return recordCallBack(command, matter, now.iso);
        case 'CloseRectification':
          return closeRectification(command, matter, now);
        case 'AppealRating':
          return appealRating(command, matter, now.iso);
        case 'ReviewRatingAppeal':
          return reviewAppeal(command, matter, now.iso);
        case 'OrderSupervision':
          return orderSupervision(command, matter, now);
        case 'AnswerSupervision':
          return answerSupervision(command, matter, now);
        default:
          return unreachable(command, 'command');
      }
    },

    evolve: evolveMatter,
  };
}

function common(state: RegisteredMatter) {
  return { matter: state.matter, supervisions: state.supervisions, returns: state.returns };
}

function withRating(state: MatterState, change: (rating: Extract<RatingRecord, { status: 'rated' }>) => RatingRecord): MatterState {
  if (!ratingNeedsDeliveredService(state) || state.rating.status !== 'rated') return state;
  return { ...state, rating: change(state.rating) };
}

function withSupervisions(state: MatterState, change: (supervisions: readonly Supervision[]) => readonly Supervision[]): MatterState {
  return state.stage === 'none' ? state : { ...state, supervisions: change(state.supervisions) };
}

/**
 * Folds one event into the state. Pure and total: an event that does not fit the stage (which
 * `decide` never produces) leaves the state as it is rather than breaking the load of a stream.
 */
export function evolveMatter(state: MatterState, event: MatterEvent): MatterState {
  switch (event.type) {
    case 'MatterRegistered':
      return state.stage === 'none' ? { stage: 'at-desk', matter: event.data, supervisions: [], returns: 0, lastReturn: null } : state;
    case 'ConsultationAnswered':
      return state.stage === 'at-desk'
        ? {
            stage: 'closed',
            ...common(state),
            closure: { kind: 'consultation-answered', answeredAt: event.data.answeredAt, answeredBy: event.data.answeredBy },
            rating: { status: 'unrated' },
          }
        : state;
    case 'MatterRouted': {
      if (state.stage !== 'at-desk') return state;
      const { line, handlingOrg, defaultOrgId, reason, routedAt, acceptanceDueAt } = event.data;
      return { stage: 'routed', ...common(state), route: { line, handlingOrg, defaultOrgId, reason, routedAt, acceptanceDueAt } };
    }
    case 'MatterAcceptedByBackOffice':
      return state.stage === 'routed' ? { stage: 'accepted', ...common(state), route: state.route, backOffice: { ...event.data, lastProgress: null } } : state;
    case 'MatterReturnedByBackOffice': {
      if (state.stage !== 'routed') return state;
      const { line, orgId, reason, returnedAt, returnCount } = event.data;
      return { stage: 'at-desk', ...common(state), returns: returnCount, lastReturn: { line, orgId, reason, returnedAt } };
    }
    case 'BackOfficeProgressRecorded':
      return state.stage === 'accepted' || state.stage === 'result-received' || state.stage === 'fed-back'
        ? { ...state, backOffice: { ...state.backOffice, lastProgress: { note: event.data.note, at: event.data.at } } }
        : state;
    case 'ResultReceived': {
      if (state.stage !== 'accepted') return state;
      const { line, orgId, outcome, summary, at, receivedAt, feedbackDueAt } = event.data;
      return { stage: 'result-received', ...common(state), route: state.route, backOffice: state.backOffice, result: { line, orgId, outcome, summary, at, receivedAt, feedbackDueAt } };
    }
    case 'FeedbackDelivered': {
      if (state.stage !== 'result-received') return state;
      const { channel, deliveredAt, deliveredBy, onTime } = event.data;
      return {
        stage: 'fed-back',
        ...common(state),
        route: state.route,
        backOffice: state.backOffice,
        result: state.result,
        feedback: { channel, deliveredAt, deliveredBy, onTime },
        rating: { status: 'unrated' },
      };
    }
    case 'ServiceRated': {
      if (!ratingNeedsDeliveredService(state) || state.rating.status !== 'unrated') return state;
      const { level, comment, ratedAt, ratedOrg } = event.data;
      return { ...state, rating: { status: 'rated', level, comment, ratedAt, ratedOrg, rectification: { status: 'not-required' }, appeal: { status: 'none' } } };
    }
    case 'RectificationOpened': {
      const { rectificationId, owner, dueAt } = event.data;
      return withRating(state, (rating) =>
        rating.rectification.status === 'not-required' ? { ...rating, rectification: { status: 'open', rectificationId, owner, dueAt, callBacks: 0 } } : rating,
      );
    }
    case 'RectificationCallBackRecorded':
      return withRating(state, (rating) =>
        rating.rectification.status === 'open' ? { ...rating, rectification: { ...rating.rectification, callBacks: rating.rectification.callBacks + 1 } } : rating,
      );
    case 'RectificationClosed':
      return withRating(state, (rating) => {
        if (rating.rectification.status !== 'open') return rating;
        const { rectificationId, owner, dueAt } = rating.rectification;
        return { ...rating, rectification: { status: 'closed', rectificationId, owner, dueAt, closedAt: event.data.closedAt, onTime: event.data.onTime } };
      });
    case 'RectificationCancelled':
      return withRating(state, (rating) => {
        if (rating.rectification.status !== 'open') return rating;
        const { rectificationId, owner, dueAt } = rating.rectification;
        return { ...rating, rectification: { status: 'cancelled', rectificationId, owner, dueAt, cancelledAt: event.data.cancelledAt } };
      });
    case 'RatingAppealed':
      return withRating(state, (rating) =>
        rating.appeal.status === 'none'
          ? { ...rating, appeal: { status: 'pending', reason: event.data.reason, appealedAt: event.data.appealedAt, appealedBy: event.data.appealedBy } }
          : rating,
      );
    case 'RatingAppealReviewed':
      return withRating(state, (rating) =>
        rating.appeal.status === 'pending'
          ? {
              ...rating,
              appeal: {
                status: 'reviewed',
                reason: rating.appeal.reason,
                appealedBy: rating.appeal.appealedBy,
                upheld: event.data.upheld,
                reviewedAt: event.data.reviewedAt,
                reviewedBy: event.data.reviewedBy,
              },
            }
          : rating,
      );
    case 'SupervisionOrdered': {
      const { supervisionId, note, orderedBy, orderedAt, dueAt } = event.data;
      return withSupervisions(state, (supervisions) =>
        supervisions.some((supervision) => supervision.supervisionId === supervisionId)
          ? supervisions
          : [...supervisions, { status: 'open', supervisionId, note, orderedBy, orderedAt, dueAt }],
      );
    }
    case 'SupervisionAnswered':
      return withSupervisions(state, (supervisions) =>
        supervisions.map((supervision) =>
          supervision.supervisionId === event.data.supervisionId && supervision.status === 'open'
            ? { ...supervision, status: 'answered', answeredAt: event.data.answeredAt, onTime: event.data.onTime }
            : supervision,
        ),
      );
    default:
      return unreachable(event, 'event');
  }
}
