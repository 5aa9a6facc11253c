import { unreachable, type Actor, type Decider } from '@pls/event-sourcing';
import { deadlinePolicy, type Pause, type Period, type StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AcceptWithMaterialsOutstanding,
  ApplicationCommand,
  AssignLawyer,
  DecideObjection,
  DeclineAssignment,
  DenyAid,
  EndMatter,
  FileObjection,
  GrantUrgentAid,
  ReceiveApplication,
  RecordMeansCheck,
  RecordProgress,
  RecordRevisit,
  RequestMaterials,
  ReviewClosure,
  SupplyMaterials,
  SupplyOutstandingMaterials,
  TerminateAid,
} from './application.commands';
import type { ApplicationEvent, ApplicationReceived } from './application.events';
import { invalid, notFound, refuse } from './application.refusals';
import {
  acceptWithMaterialsOutstandingAllowed,
  art32RemovesHardshipCondition,
  art42ExemptsFromMeansCheck,
  declinedLawyerNotReassigned,
  denialNeedsReasons,
  doneOnTime,
  failedReviewPaysNoSubsidy,
  forwardedWithin24Hours,
  FORWARDING_HOURS,
  hardshipSatisfied,
  isLifeOrDeathCase,
  isMinorsCase,
  lawyerHasCapacity,
  lawyerMustNotActForAdverseParty,
  lifeOrDeathCaseNeedsThreeYearsCriminalDefence,
  materialsDeadlinePassed,
  materialsNoticeListsAll,
  meansCheckRequired,
  minorGroundNeedsMinor,
  minorsCaseNeedsMinorsSpecialist,
  notifiedDefenceIsCriminal,
  onlyNonEssentialMaterialsOutstanding,
  retrialGroundNeedsStateCompensation,
  terminationGroundApplies,
  urgentAidNeedsUrgency,
} from './application.rules';
import { initialApplicationState, type Application, type ApplicationState, type ExistingApplication, type Handling, type Review } from './application.state';
import type { ApplicationSource, FrontDeskReply, StaffRef } from './application.types';
import * as input from './application.validation';

/**
 * How long each step may take. 法律援助法 counts these periods in 日 (calendar days: 七日内, 三日内,
 * 五日内), not 工作日, so every default unit is 'day'; 民法典 Art. 203 still moves a last day that
 * falls on a rest day or holiday to the next working day (the kernel calendar does that).
 */
export interface LegalAidDeadlines {
  /** Art. 43 (verify): decide within 7 days of receipt. */
  readonly decision: Period;
  /** Art. 43 / 办法 Art. 24: assign within 3 days of the grant; Art. 36: of a notice. */
  readonly assignment: Period;
  /** 办法: entrustment agreement and power of attorney within 5 days of assignment. */
  readonly entrustment: Period;
  /** Art. 49 (verify): the justice bureau decides an objection within 5 days. */
  readonly objection: Period;
  /** 办法: closure materials within 30 days after the matter ends. */
  readonly closureMaterials: Period;
}

export const DEFAULT_LEGAL_AID_DEADLINES: LegalAidDeadlines = {
  decision: { amount: 7, unit: 'day' },
  assignment: { amount: 3, unit: 'day' },
  entrustment: { amount: 5, unit: 'day' },
  objection: { amount: 5, unit: 'day' },
  closureMaterials: { amount: 30, unit: 'day' },
};

export interface LegalAidPolicy {
  readonly calendar: StatutoryCalendar;
  readonly deadlines: LegalAidDeadlines;
}

export interface LegalAidPolicyInput {
  readonly calendar: StatutoryCalendar;
  readonly deadlines?: Partial<LegalAidDeadlines>;
}

export type LegalAidDecider = Decider<ApplicationCommand, ApplicationEvent, ApplicationState>;

export function legalAidPolicy(policy: LegalAidPolicyInput): LegalAidPolicy {
  return deadlinePolicy(policy, DEFAULT_LEGAL_AID_DEADLINES, 'LEGAL_AID_POLICY_INVALID', 'legal aid');
}

const staff = (actor: Actor): StaffRef => ({ userId: actor.userId, orgId: actor.orgId });

function existing(state: ApplicationState): ExistingApplication {
  if (state.stage === 'none') throw notFound('APPLICATION_NOT_FOUND', 'no application was received under this id');
  return state;
}

/** The front desk's section for a front-desk application, absent otherwise. */
function replyFor<K extends FrontDeskReply['kind']>(application: Application, reply: (matterId: string) => Extract<FrontDeskReply, { kind: K }>): { frontDeskReply?: Extract<FrontDeskReply, { kind: K }> } {
  return application.source.kind === 'front-desk' ? { frontDeskReply: reply(application.source.frontDesk.matterId) } : {};
}

function handling(state: ExistingApplication): Handling {
  if (state.stage === 'granted' || state.stage === 'assigned' || state.stage === 'in-progress') return state;
  throw refuse('NOT_BEING_HANDLED', `the application is ${state.stage}`);
}

/**
 * The legal aid application decider (三立即、两及时). Pure: time is `metadata.now`, the actor
 * `metadata.actor`; all deadlines come from the policy's statutory calendar.
 */
export function legalAidDecider(policyInput: LegalAidPolicyInput): LegalAidDecider {
  const policy = legalAidPolicy(policyInput);

  function deadline(start: string, period: Period, pauses: readonly Pause[] = []): { dueAt: string; warnings: readonly string[] } {
    const computed = policy.calendar.deadline(start, period, { pauses });
    if (computed.status !== 'running') throw new TypeError('a deadline computed with closed pauses cannot be paused');
    return { dueAt: computed.dueAt, warnings: computed.warnings };
  }

  function source(value: ReceiveApplication['data']['source'], nowMs: number): ApplicationSource {
    const kind = typeof value === 'object' && value !== null ? value.kind : undefined;
    switch (kind) {
      case 'front-desk': {
        const desk = (value as Extract<ReceiveApplication['data']['source'], { kind: 'front-desk' }>).frontDesk;
        return {
          kind,
          frontDesk: {
            matterId: input.identifier(desk?.matterId, 'MATTER_ID_INVALID', 'source.frontDesk.matterId'),
            caseCode: input.boundedText(desk?.caseCode, 'source.frontDesk.caseCode', 32, 'CASE_CODE_INVALID'),
          },
        };
      }
      case 'direct':
        return { kind };
      case 'forwarded': {
        const forwarded = value as Extract<ReceiveApplication['data']['source'], { kind: 'forwarded' }>;
        const requestedAt = input.instant(forwarded.requestedAt, 'source.requestedAt');
        const forwardedAt = input.instant(forwarded.forwardedAt, 'source.forwardedAt');
        if (forwardedAt.ms < requestedAt.ms || forwardedAt.ms > nowMs) {
          throw invalid('FORWARDING_TIME_INVALID', 'forwardedAt must lie between requestedAt and now', { field: 'source.forwardedAt' });
        }
        return {
          kind,
          forwarder: { orgId: input.identifier(forwarded.forwarder?.orgId, 'ORG_ID_INVALID', 'source.forwarder.orgId'), kind: input.forwarderKind(forwarded.forwarder?.kind) },
          requestedAt: requestedAt.iso,
          forwardedAt: forwardedAt.iso,
          forwardingDueAt: new Date(requestedAt.ms + FORWARDING_HOURS * 60 * 60 * 1000).toISOString(),
          forwardedOnTime: forwardedWithin24Hours(requestedAt.ms, forwardedAt.ms),
        };
      }
      case 'notified-defence': {
        const notice = value as Extract<ReceiveApplication['data']['source'], { kind: 'notified-defence' }>;
        return {
          kind,
          notifyingOrgan: { orgId: input.identifier(notice.notifyingOrgan?.orgId, 'ORG_ID_INVALID', 'source.notifyingOrgan.orgId'), kind: input.organKind(notice.notifyingOrgan?.kind) },
          reason: input.notificationReason(notice.reason),
        };
      }
      default:
        throw invalid('SOURCE_INVALID', `source.kind is not a known source: ${JSON.stringify(kind)}`, { field: 'source.kind' });
    }
  }

  function receive(command: ReceiveApplication, state: ApplicationState, now: string, nowMs: number): ApplicationEvent[] {
    if (state.stage !== 'none') throw refuse('APPLICATION_ALREADY_RECEIVED', 'an application with this id was received already');
    const { data } = command;
    const applicationId = input.identifier(data.applicationId, 'APPLICATION_ID_INVALID', 'applicationId');
    const applicationNo = input.boundedText(data.applicationNo, 'applicationNo', 64, 'APPLICATION_NO_INVALID');
    const agencyOrgId = input.identifier(data.agencyOrgId, 'ORG_ID_INVALID', 'agencyOrgId');
    const agencyRegionCode = input.regionCode(data.agencyRegionCode, 'agencyRegionCode');
    const from = source(data.source, nowMs);
    const applicant = input.applicant(data.applicant, now);
    const category = input.category(data.category);
    const notified = from.kind === 'notified-defence';
    if (notified && !notifiedDefenceIsCriminal(category)) throw refuse('NOTIFIED_DEFENCE_NOT_CRIMINAL', `a notified defence in a ${category.kind} case`);
    if (!notified && (data.means === undefined || data.means === null)) throw invalid('MEANS_REQUIRED', 'the applicant declares their means (Art. 41)', { field: 'means' });
    const means = data.means
      ? { declaredHardship: input.flag(data.means.declaredHardship, 'means.declaredHardship'), exemption: input.exemption(data.means.exemption) }
      : { declaredHardship: false, exemption: null };
    if (!minorGroundNeedsMinor(means.exemption, applicant.minor)) throw refuse('MINOR_GROUND_FOR_ADULT', `the applicant, born ${applicant.birthDate}, is not a minor`);
    if (!retrialGroundNeedsStateCompensation(means.exemption, category)) throw refuse('RETRIAL_GROUND_NOT_STATE_COMPENSATION', `the retrial-acquittal ground in a ${category.kind} case`);
    const reason = notified ? from.reason : null;
    const minorsCase = isMinorsCase(applicant.minor, reason);
    const declaredGreen = input.greenChannel(data.greenChannel);
    const greenChannel = minorsCase && !declaredGreen.includes('minor') ? [...declaredGreen, 'minor' as const] : declaredGreen;
    const due = deadline(now, notified ? policy.deadlines.assignment : policy.deadlines.decision);
    const event: ApplicationReceived['data'] = {
      applicationId,
      applicationNo,
      agencyOrgId,
      agencyRegionCode,
      source: from,
      applicant,
      category,
      adverseParty: input.adverseParty(data.adverseParty),
      charge: input.optionalText(data.charge, 'charge'),
      means,
      minorsCase,
      lifeOrDeathCase: isLifeOrDeathCase(category, reason),
      greenChannel,
      priority: greenChannel.length > 0 ? 'green-channel' : 'normal',
      receivedAt: now,
      receivedBy: staff(command.metadata.actor),
      decisionDueAt: notified ? null : due.dueAt,
      assignmentDueAt: notified ? due.dueAt : null,
      deadlineWarnings: due.warnings,
      ...(from.kind === 'front-desk'
        ? { frontDeskReply: { kind: 'accepted', matterId: from.frontDesk.matterId, line: 'legal-aid', orgId: agencyOrgId, backOfficeCaseNo: applicationNo, at: now } }
        : {}),
    };
    return [{ type: 'ApplicationReceived', data: event }];
  }

  function underReview(state: ExistingApplication): Extract<ExistingApplication, { stage: 'received' | 'awaiting-materials' }> {
    if (state.stage === 'received' || state.stage === 'awaiting-materials') return state;
    throw refuse('NOT_UNDER_REVIEW', `the application is ${state.stage}`);
  }

  function recordMeansCheck(command: RecordMeansCheck, state: ExistingApplication, now: string): ApplicationEvent[] {
    const review = underReview(state);
    const method = input.meansMethod(command.data.method);
    const result = input.meansResult(command.data.result);
    if (!meansCheckRequired(review.application)) {
      const why = art42ExemptsFromMeansCheck(review.application.means.exemption) ? 'Art. 42 exempts it from the check' : art32RemovesHardshipCondition(review.application.means.exemption) ? 'Art. 32 removes the hardship condition' : 'a notified defence has no means test';
      throw refuse('MEANS_CHECK_NOT_REQUIRED', `no means check is needed: ${why}`);
    }
    return [{ type: 'MeansChecked', data: { method, result, checkedAt: now, checkedBy: staff(command.metadata.actor) } }];
  }

  function requestMaterials(command: RequestMaterials, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const review = underReview(state);
    if (review.stage === 'awaiting-materials') throw refuse('MATERIALS_ALREADY_REQUESTED', 'one notice lists all missing materials (一次性告知); it is still awaited');
    const items = input.items(command.data.items);
    if (!materialsNoticeListsAll(items)) throw invalid('MATERIALS_ITEMS_REQUIRED', 'the notice lists no item');
    const dueAt = input.instant(command.data.dueAt, 'dueAt');
    if (dueAt.ms <= nowMs) throw invalid('MATERIALS_DUE_NOT_IN_FUTURE', 'the materials deadline must be after now', { field: 'dueAt' });
    return [{ type: 'MaterialsRequested', data: { items, requestedAt: now, dueAt: dueAt.iso } }];
  }

  function supplyMaterials(command: SupplyMaterials, state: ExistingApplication, now: string): ApplicationEvent[] {
    const review = underReview(state);
    if (review.stage !== 'awaiting-materials') throw refuse('MATERIALS_NOT_REQUESTED', 'no materials are awaited');
    const pauses = [...review.review.pauses, { from: review.materials.requestedAt, to: now }];
    const due = deadline(review.application.receivedAt, policy.deadlines.decision, pauses);
    return [{ type: 'MaterialsSupplied', data: { note: input.optionalText(command.data?.note, 'note'), suppliedAt: now, decisionDueAt: due.dueAt, deadlineWarnings: due.warnings } }];
  }

  function acceptWithMaterialsOutstanding(command: AcceptWithMaterialsOutstanding, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const review = underReview(state);
    if (review.stage === 'awaiting-materials') throw refuse('MATERIALS_AWAITED', `materials requested on ${review.materials.requestedAt} are awaited`);
    if (review.application.outstanding.status === 'outstanding') throw refuse('MATERIALS_ALREADY_OUTSTANDING', `materials left outstanding on ${review.application.outstanding.acceptedAt} are awaited`);
    const items = input.materialItems(command.data.items);
    const dueAt = input.instant(command.data.dueAt, 'dueAt');
    if (dueAt.ms <= nowMs) throw invalid('MATERIALS_DUE_NOT_IN_FUTURE', 'the materials deadline must be after now', { field: 'dueAt' });
    if (!acceptWithMaterialsOutstandingAllowed(input.flag(command.data.regionAllows, 'regionAllows'))) {
      throw refuse('ACCEPT_WITH_MATERIALS_OUTSTANDING_NOT_ALLOWED', "the agency's region does not allow 容缺受理; request the materials instead (一次性告知)");
    }
    if (!onlyNonEssentialMaterialsOutstanding(items)) {
      throw refuse('ESSENTIAL_MATERIAL_NOT_DEFERRABLE', `essential materials cannot be left outstanding: ${items.filter((item) => item.essential).map((item) => item.name).join('、')}`);
    }
    return [{ type: 'AcceptedWithMaterialsOutstanding', data: { items: items.map((item) => item.name), acceptedAt: now, dueAt: dueAt.iso } }];
  }

  function supplyOutstanding(command: SupplyOutstandingMaterials, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const outstanding = state.application.outstanding;
    if (outstanding.status !== 'outstanding') throw refuse('NO_MATERIALS_OUTSTANDING', 'no materials were left outstanding (容缺受理)');
    return [{ type: 'OutstandingMaterialsSupplied', data: { note: input.optionalText(command.data?.note, 'note'), suppliedAt: now, onTime: doneOnTime(nowMs, outstanding.dueAt) } }];
  }

  function treatAsWithdrawn(state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const review = underReview(state);
    if (review.stage !== 'awaiting-materials') throw refuse('MATERIALS_NOT_REQUESTED', 'no materials are awaited');
    if (!materialsDeadlinePassed(nowMs, review.materials.dueAt)) throw refuse('MATERIALS_NOT_YET_DUE', `the materials are due by ${review.materials.dueAt}`);
    const summary = `申请人未在期限内补充材料（${review.materials.items.join('、')}），视为撤回申请。`;
    return [
      {
        type: 'ApplicationWithdrawn',
        data: {
          reason: 'materials-not-supplied',
          withdrawnAt: now,
          ...replyFor(review.application, (matterId) => ({ kind: 'result', matterId, line: 'legal-aid', orgId: review.application.agencyOrgId, outcome: 'withdrawn', summary, at: now })),
        },
      },
    ];
  }

  function decidable(state: ExistingApplication): { application: Application; review: Review } {
    const review = underReview(state);
    if (review.stage === 'awaiting-materials') throw refuse('MATERIALS_AWAITED', `materials requested on ${review.materials.requestedAt} are awaited`);
    return review;
  }

  function grant(actor: Actor, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const { application, review } = decidable(state);
    if (!hardshipSatisfied(application, review.means)) {
      throw review.means === null ? refuse('MEANS_CHECK_REQUIRED', 'hardship must be checked first (Art. 41)') : refuse('HARDSHIP_NOT_MET', 'the means check found no economic hardship');
    }
    const due = deadline(now, policy.deadlines.assignment);
    return [{ type: 'AidGranted', data: { decidedAt: now, decidedBy: staff(actor), onTime: doneOnTime(nowMs, review.decisionDueAt), assignmentDueAt: due.dueAt, deadlineWarnings: due.warnings } }];
  }

  function grantUrgent(command: GrantUrgentAid, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    underReview(state);
    const ground = input.urgentGround(command.data.ground);
    const expires = command.data.limitationExpiresAt ? input.instant(command.data.limitationExpiresAt, 'limitationExpiresAt') : null;
    const note = input.text(command.data.note, 'note');
    if (!urgentAidNeedsUrgency(ground, expires?.ms ?? null, nowMs)) throw refuse('URGENCY_NOT_SHOWN', 'the limitation period does not expire within 7 days');
    const due = deadline(now, policy.deadlines.assignment);
    return [
      {
        type: 'UrgentAidGranted',
        data: { ground, limitationExpiresAt: expires?.iso ?? null, note, decidedAt: now, decidedBy: staff(command.metadata.actor), assignmentDueAt: due.dueAt, paperworkToFollow: true, deadlineWarnings: due.warnings },
      },
    ];
  }

  function deny(command: DenyAid, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const { application, review } = decidable(state);
    const reasons = input.reasons(command.data.reasons);
    if (!denialNeedsReasons(reasons)) throw invalid('DENIAL_REASONS_REQUIRED', 'a denial states its reasons');
    return [
      {
        type: 'AidDenied',
        data: {
          reasons,
          decidedAt: now,
          decidedBy: staff(command.metadata.actor),
          onTime: doneOnTime(nowMs, review.decisionDueAt),
          ...replyFor(application, (matterId) => ({ kind: 'result', matterId, line: 'legal-aid', orgId: application.agencyOrgId, outcome: 'denied', summary: `不予法律援助：${reasons.join('；')}`, at: now })),
        },
      },
    ];
  }

  function assign(command: AssignLawyer, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    if (state.stage !== 'granted') throw refuse('NOT_AWAITING_ASSIGNMENT', `the application is ${state.stage}`);
    const lawyer = input.lawyer(command.data.lawyer);
    const others = input.otherOpenMatters(command.data.otherOpenMatters);
    const { application } = state;
    const ref = { lawyerId: lawyer.lawyerId, firmOrgId: lawyer.firmOrgId };
    if (!declinedLawyerNotReassigned(state.declinedBy, ref)) throw refuse('LAWYER_DECLINED_BEFORE', `${lawyer.lawyerId} declined this application`);
    if (!lifeOrDeathCaseNeedsThreeYearsCriminalDefence(application, lawyer)) {
      throw refuse('LIFE_OR_DEATH_NEEDS_THREE_YEARS_CRIMINAL_DEFENCE', `${lawyer.lawyerId} has ${lawyer.criminalDefenceYears} years of criminal defence; a life-or-death case needs 3`);
    }
    if (!minorsCaseNeedsMinorsSpecialist(application, lawyer)) throw refuse('MINORS_CASE_NEEDS_MINORS_SPECIALIST', `${lawyer.lawyerId} is not familiar with minors' cases`);
    if (!lawyerMustNotActForAdverseParty(application, ref, others)) throw refuse('CONFLICT_OF_INTEREST', `${lawyer.lawyerId} or firm ${lawyer.firmOrgId} acts for the adverse party`);
    if (!lawyerHasCapacity(lawyer)) throw refuse('LAWYER_AT_CAPACITY', `${lawyer.lawyerId} has ${lawyer.openCases} of ${lawyer.maxConcurrentCases} cases`);
    const due = deadline(now, policy.deadlines.entrustment);
    return [
      {
        type: 'LawyerAssigned',
        data: {
          lawyer: ref,
          assignedAt: now,
          assignedBy: staff(command.metadata.actor),
          onTime: doneOnTime(nowMs, state.assignmentDueAt),
          entrustmentDueAt: due.dueAt,
          notifyingOrgan: application.source.kind === 'notified-defence' ? application.source.notifyingOrgan : null,
          deadlineWarnings: due.warnings,
        },
      },
    ];
  }

  function decline(command: DeclineAssignment, state: ExistingApplication, now: string): ApplicationEvent[] {
    if (state.stage !== 'assigned') throw refuse('NOT_ASSIGNED', `the application is ${state.stage}`);
    const lawyerId = input.identifier(command.data.lawyerId, 'LAWYER_INVALID', 'lawyerId');
    if (lawyerId !== state.assignment.lawyer.lawyerId) throw refuse('DECLINE_NOT_BY_ASSIGNED_LAWYER', `${state.assignment.lawyer.lawyerId} is assigned, not ${lawyerId}`);
    const due = deadline(now, policy.deadlines.assignment);
    return [{ type: 'AssignmentDeclined', data: { lawyer: state.assignment.lawyer, reason: input.text(command.data.reason, 'reason'), declinedAt: now, reassignmentDueAt: due.dueAt, deadlineWarnings: due.warnings } }];
  }

  function signEntrustment(state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    if (state.stage !== 'assigned') throw refuse('NOT_ASSIGNED', `the application is ${state.stage}`);
    return [{ type: 'EntrustmentSigned', data: { lawyer: state.assignment.lawyer, signedAt: now, onTime: doneOnTime(nowMs, state.assignment.entrustmentDueAt) } }];
  }

  function fileObjection(command: FileObjection, state: ExistingApplication, now: string): ApplicationEvent[] {
    if (state.stage !== 'denied' && state.stage !== 'terminated') throw refuse('NOT_DENIED_OR_TERMINATED', `the application is ${state.stage}`);
    if (state.objection.status !== 'none') throw refuse('OBJECTION_ALREADY_FILED', `an objection was filed on ${state.objection.filedAt}`);
    const grounds = input.text(command.data.grounds, 'grounds');
    const due = deadline(now, policy.deadlines.objection);
    return [
      {
        type: 'ObjectionFiled',
        data: { against: state.stage === 'denied' ? 'denial' : 'termination', grounds, filedAt: now, filedBy: staff(command.metadata.actor), decisionDueAt: due.dueAt, deadlineWarnings: due.warnings },
      },
    ];
  }

  function decideObjection(command: DecideObjection, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    if ((state.stage !== 'denied' && state.stage !== 'terminated') || state.objection.status !== 'pending') throw refuse('NO_PENDING_OBJECTION', 'no objection is pending');
    const upheld = input.flag(command.data.upheld, 'upheld');
    const note = input.text(command.data.note, 'note');
    const reopens = upheld && state.stage === 'denied' ? deadline(now, policy.deadlines.decision) : null;
    return [
      {
        type: 'ObjectionDecided',
        data: {
          against: state.stage === 'denied' ? 'denial' : 'termination',
          upheld,
          note,
          decidedAt: now,
          decidedBy: staff(command.metadata.actor),
          onTime: doneOnTime(nowMs, state.objection.decisionDueAt),
          reviewDecisionDueAt: reopens?.dueAt ?? null,
          deadlineWarnings: reopens?.warnings ?? [],
        },
      },
    ];
  }

  function recordProgress(command: RecordProgress, state: ExistingApplication, now: string): ApplicationEvent[] {
    const { application } = handling(state);
    const note = input.text(command.data.note, 'note');
    return [
      {
        type: 'ProgressRecorded',
        data: {
          note,
          at: now,
          recordedBy: staff(command.metadata.actor),
          ...replyFor(application, (matterId) => ({ kind: 'progress', matterId, line: 'legal-aid', orgId: application.agencyOrgId, note, at: now })),
        },
      },
    ];
  }

  function terminate(command: TerminateAid, state: ExistingApplication, now: string): ApplicationEvent[] {
    const { application } = handling(state);
    const ground = input.terminationGround(command.data.ground);
    const explanation = input.text(command.data.explanation, 'explanation');
    if (!terminationGroundApplies(application, ground)) throw refuse('TERMINATION_GROUND_NOT_APPLICABLE', 'the aid had no means condition that could change');
    return [
      {
        type: 'AidTerminated',
        data: {
          ground,
          explanation,
          terminatedAt: now,
          terminatedBy: staff(command.metadata.actor),
          ...replyFor(application, (matterId) => ({ kind: 'result', matterId, line: 'legal-aid', orgId: application.agencyOrgId, outcome: 'terminated', summary: `终止法律援助：${explanation}`, at: now })),
        },
      },
    ];
  }

  function endMatter(command: EndMatter, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    const handled = handling(state);
    if (handled.stage !== 'in-progress') throw refuse('ENTRUSTMENT_NOT_SIGNED', `the application is ${handled.stage}: the entrustment is not signed`);
    const endedAt = input.instant(command.data.endedAt, 'endedAt');
    if (endedAt.ms > nowMs || endedAt.ms < Date.parse(handled.entrustmentSignedAt)) throw invalid('ENDED_AT_INVALID', 'endedAt must lie between the entrustment and now', { field: 'endedAt' });
    const due = deadline(endedAt.iso, policy.deadlines.closureMaterials);
    return [
      {
        type: 'MatterEnded',
        data: { endedAt: endedAt.iso, resultSummary: input.text(command.data.resultSummary, 'resultSummary'), recordedAt: now, closureMaterialsDueAt: due.dueAt, deadlineWarnings: due.warnings },
      },
    ];
  }

  function submitClosure(actor: Actor, state: ExistingApplication, now: string, nowMs: number): ApplicationEvent[] {
    if (state.stage !== 'ended') throw refuse('NOT_ENDED', `the application is ${state.stage}`);
    if (state.closureMaterials !== null) throw refuse('CLOSURE_MATERIALS_ALREADY_SUBMITTED', `submitted on ${state.closureMaterials.submittedAt}`);
    return [{ type: 'ClosureMaterialsSubmitted', data: { submittedAt: now, submittedBy: staff(actor), onTime: doneOnTime(nowMs, state.ending.closureMaterialsDueAt) } }];
  }

  function reviewClosure(command: ReviewClosure, state: ExistingApplication, now: string): ApplicationEvent[] {
    if (state.stage !== 'ended') throw refuse('NOT_ENDED', `the application is ${state.stage}`);
    if (state.closureMaterials === null) throw refuse('CLOSURE_MATERIALS_MISSING', 'the closure materials were not submitted');
    const quality = input.quality(command.data.quality);
    const subsidyYuan = input.subsidy(command.data.subsidyYuan);
    if (!failedReviewPaysNoSubsidy(quality, subsidyYuan)) throw refuse('FAILED_REVIEW_PAYS_NO_SUBSIDY', 'a case failing the quality review earns no subsidy');
    const { application, ending } = state;
    return [
      {
        type: 'ClosureReviewed',
        data: {
          quality,
          subsidyYuan,
          reviewedAt: now,
          reviewedBy: staff(command.metadata.actor),
          ...replyFor(application, (matterId) => ({ kind: 'result', matterId, line: 'legal-aid', orgId: application.agencyOrgId, outcome: 'completed', summary: ending.resultSummary, at: now })),
        },
      },
    ];
  }

  function revisit(command: RecordRevisit, state: ExistingApplication, now: string): ApplicationEvent[] {
    if (state.stage !== 'closed') throw refuse('NOT_CLOSED', `the application is ${state.stage}`);
    return [
      {
        type: 'RecipientRevisited',
        data: { note: input.text(command.data.note, 'note'), satisfied: input.flag(command.data.satisfied, 'satisfied'), revisitedAt: now, revisitedBy: staff(command.metadata.actor) },
      },
    ];
  }

  function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
    const { now: nowInput, actor } = command.metadata;
    const clock = input.instant(nowInput, 'metadata.now');
    const now = clock.iso;
    const nowMs = clock.ms;
    if (command.type === 'ReceiveApplication') return receive(command, state, now, nowMs);
    const current = existing(state);
    switch (command.type) {
      case 'RecordMeansCheck':
        return recordMeansCheck(command, current, now);
      case 'RequestMaterials':
        return requestMaterials(command, current, now, nowMs);
      case 'SupplyMaterials':
        return supplyMaterials(command, current, now);
      case 'AcceptWithMaterialsOutstanding':
        return acceptWithMaterialsOutstanding(command, current, now, nowMs);
      case 'SupplyOutstandingMaterials':
        return supplyOutstanding(command, current, now, nowMs);
      case 'TreatAsWithdrawn':
        return treatAsWithdrawn(current, now, nowMs);
      case 'GrantAid':
        return grant(actor, current, now, nowMs);
      case 'GrantUrgentAid':
        return grantUrgent(command, current, now, nowMs);
      case 'DenyAid':
        return deny(command, current, now, nowMs);
      case 'AssignLawyer':
        return assign(command, current, now, nowMs);
      case 'DeclineAssignment':
        return decline(command, current, now);
      case 'SignEntrustment':
        return signEntrustment(current, now, nowMs);
      case 'FileObjection':
        return fileObjection(command, current, now);
      case 'DecideObjection':
        return decideObjection(command, current, now, nowMs);
      case 'RecordProgress':
        return recordProgress(command, current, now);
      case 'TerminateAid':
        return terminate(command, current, now);
      case 'EndMatter':
        return endMatter(command, current, now, nowMs);
      case 'SubmitClosureMaterials':
        return submitClosure(actor, current, now, nowMs);
      case 'ReviewClosure':
        return reviewClosure(command, current, now);
      case 'RecordRevisit':
        return revisit(command, current, now);
      default:
        return unreachable(command, 'command');
    }
  }

  return { initialState: initialApplicationState, decide, evolve: evolveApplication };
}

function notExpected(state: ApplicationState, event: ApplicationEvent): never {
  throw new TypeError(`event ${event.type} does not apply to an application at stage ${state.stage}`);
}

/** Folds one event into the state. Events are facts: one that cannot apply means a corrupt stream, which throws. */
export function evolveApplication(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'ApplicationReceived': {
      const { frontDeskReply: _reply, ...received } = event.data;
      const application: Application = { ...received, outstanding: { status: 'none' } };
      if (application.source.kind === 'notified-defence') {
        return { stage: 'granted', application, grant: { kind: 'notified', decidedAt: application.receivedAt }, assignmentDueAt: application.assignmentDueAt as string, declinedBy: [] };
      }
      return { stage: 'received', application, review: { decisionDueAt: application.decisionDueAt as string, pauses: [], means: null } };
    }
    case 'MeansChecked':
      if (state.stage !== 'received' && state.stage !== 'awaiting-materials') return notExpected(state, event);
      return { ...state, review: { ...state.review, means: { method: event.data.method, result: event.data.result, checkedAt: event.data.checkedAt } } };
    case 'MaterialsRequested':
      if (state.stage !== 'received') return notExpected(state, event);
      return { stage: 'awaiting-materials', application: state.application, review: state.review, materials: { items: event.data.items, requestedAt: event.data.requestedAt, dueAt: event.data.dueAt } };
    case 'MaterialsSupplied':
      if (state.stage !== 'awaiting-materials') return notExpected(state, event);
      return {
        stage: 'received',
        application: state.application,
        review: { ...state.review, decisionDueAt: event.data.decisionDueAt, pauses: [...state.review.pauses, { from: state.materials.requestedAt, to: event.data.suppliedAt }] },
      };
    case 'AcceptedWithMaterialsOutstanding':
      if (state.stage !== 'received') return notExpected(state, event);
      return { ...state, application: { ...state.application, outstanding: { status: 'outstanding', items: event.data.items, acceptedAt: event.data.acceptedAt, dueAt: event.data.dueAt } } };
    case 'OutstandingMaterialsSupplied': {
      if (state.stage === 'none' || state.application.outstanding.status !== 'outstanding') return notExpected(state, event);
      const outstanding = { status: 'supplied' as const, items: state.application.outstanding.items, suppliedAt: event.data.suppliedAt };
      return { ...state, application: { ...state.application, outstanding } } as ApplicationState;
    }
    case 'ApplicationWithdrawn':
      if (state.stage === 'none') return notExpected(state, event);
      return { stage: 'withdrawn', application: state.application, withdrawnAt: event.data.withdrawnAt };
    case 'AidGranted':
    case 'UrgentAidGranted':
      if (state.stage !== 'received' && state.stage !== 'awaiting-materials') return notExpected(state, event);
      return {
        stage: 'granted',
        application: state.application,
        grant: event.type === 'AidGranted' ? { kind: 'decision', decidedAt: event.data.decidedAt } : { kind: 'urgent', decidedAt: event.data.decidedAt, paperworkToFollow: true },
        assignmentDueAt: event.data.assignmentDueAt,
        declinedBy: [],
      };
    case 'AidDenied':
      if (state.stage !== 'received') return notExpected(state, event);
      return { stage: 'denied', application: state.application, review: state.review, denial: { reasons: event.data.reasons, decidedAt: event.data.decidedAt }, objection: { status: 'none' } };
    case 'LawyerAssigned':
      if (state.stage !== 'granted') return notExpected(state, event);
      return {
        stage: 'assigned',
        application: state.application,
        grant: state.grant,
        declinedBy: state.declinedBy,
        assignment: { lawyer: event.data.lawyer, assignedAt: event.data.assignedAt, entrustmentDueAt: event.data.entrustmentDueAt },
      };
    case 'AssignmentDeclined':
      if (state.stage !== 'assigned') return notExpected(state, event);
      return { stage: 'granted', application: state.application, grant: state.grant, assignmentDueAt: event.data.reassignmentDueAt, declinedBy: [...state.declinedBy, event.data.lawyer] };
    case 'EntrustmentSigned':
      if (state.stage !== 'assigned') return notExpected(state, event);
      return { stage: 'in-progress', application: state.application, grant: state.grant, assignment: state.assignment, entrustmentSignedAt: event.data.signedAt };
    case 'ObjectionFiled':
      if (state.stage !== 'denied' && state.stage !== 'terminated') return notExpected(state, event);
      return { ...state, objection: { status: 'pending', filedAt: event.data.filedAt, decisionDueAt: event.data.decisionDueAt } };
    case 'ObjectionDecided': {
      if ((state.stage !== 'denied' && state.stage !== 'terminated') || state.objection.status !== 'pending') return notExpected(state, event);
      if (!event.data.upheld) return { ...state, objection: { status: 'rejected', filedAt: state.objection.filedAt, decidedAt: event.data.decidedAt } };
      if (state.stage === 'terminated') return state.resumes;
      return { stage: 'received', application: state.application, review: { ...state.review, decisionDueAt: event.data.reviewDecisionDueAt as string } };
    }
    case 'ProgressRecorded':
      return state;
    case 'AidTerminated':
      if (state.stage !== 'granted' && state.stage !== 'assigned' && state.stage !== 'in-progress') return notExpected(state, event);
      return { stage: 'terminated', application: state.application, termination: { ground: event.data.ground, terminatedAt: event.data.terminatedAt }, resumes: state, objection: { status: 'none' } };
    case 'MatterEnded':
      if (state.stage !== 'in-progress') return notExpected(state, event);
      return {
        stage: 'ended',
        application: state.application,
        grant: state.grant,
        assignment: state.assignment,
        ending: { endedAt: event.data.endedAt, resultSummary: event.data.resultSummary, closureMaterialsDueAt: event.data.closureMaterialsDueAt },
        closureMaterials: null,
      };
    case 'ClosureMaterialsSubmitted':
      if (state.stage !== 'ended') return notExpected(state, event);
      return { ...state, closureMaterials: { submittedAt: event.data.submittedAt, onTime: event.data.onTime } };
    case 'ClosureReviewed':
      if (state.stage !== 'ended') return notExpected(state, event);
      return {
        stage: 'closed',
        application: state.application,
        grant: state.grant,
        assignment: state.assignment,
        ending: state.ending,
        closureReview: { quality: event.data.quality, subsidyYuan: event.data.subsidyYuan, reviewedAt: event.data.reviewedAt },
        revisits: 0,
      };
    case 'RecipientRevisited':
      if (state.stage !== 'closed') return notExpected(state, event);
      return { ...state, revisits: state.revisits + 1 };
    default:
      return unreachable(event, 'event');
  }
}
