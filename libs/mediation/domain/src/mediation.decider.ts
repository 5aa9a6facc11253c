import { unreachable, type Actor, type Decider } from '@pls/event-sourcing';
import { deadlinePolicy, type Pause, type Period, type StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AddParty,
  ApplyForJudicialConfirmation,
  AssignMediator,
  DraftWrittenAgreement,
  ExtendTimeLimit,
  MediationCommand,
  OpenMediation,
  RecordAppraisalOpinion,
  RecordConfirmationAcceptance,
  RecordConfirmationRuling,
  RecordConsent,
  RecordFailure,
  RecordOralAgreement,
  RecordPerformanceFollowUp,
  RecordSession,
  RecordWithdrawal,
  RequestAppraisal,
  SignAgreement,
  SourceInput,
} from './mediation.commands';
import type { MediationEvent, MediationOpened } from './mediation.events';
import { invalid, notFound, refuse } from './mediation.refusals';
import {
  agreementFullySigned,
  confirmationIsJoint,
  confirmationWithinWindow,
  courtCoversCommittee,
  disputeHasTwoSides,
  doneOnTime,
  everyPartyConsented,
  extensionAgreedByParties,
  MAX_EXTENSION_DAYS,
  mediatorFreeOfConflict,
  noAppraisalPending,
  partiesAreDistinct,
} from './mediation.rules';
import { initialMediationState, type ExistingMediation, type MediationState } from './mediation.state';
import {
  CONFIRMATION_RULINGS,
  DISPUTE_CATEGORIES,
  MEDIATOR_CHOSEN_BY,
  MEDIATOR_SIGNATORY,
  OTHER_ROUTES,
  PERFORMANCE_OUTCOMES,
  REFERRING_ORGANS,
  type FrontDeskReply,
  type MediationSource,
  type StaffRef,
} from './mediation.types';
import * as input from './mediation.validation';

/**
 * How long a mediation may take and how long the agreement stays open to judicial confirmation.
 * Both are counted in 日 (calendar days); 民法典 Art. 203 moves a last day that falls on a rest
 * day or holiday to the next working day (the kernel calendar does that).
 */
export interface MediationDeadlines {
  /** Practice: about 30 days from the opening; extended only with the parties' agreement. */
  readonly timeLimit: Period;
  /** 人民调解法 Art. 33 / 民事诉讼法 Art. 205: 30 days from the agreement taking effect. */
  readonly confirmationWindow: Period;
}

export const DEFAULT_MEDIATION_DEADLINES: MediationDeadlines = {
  timeLimit: { amount: 30, unit: 'day' },
  confirmationWindow: { amount: 30, unit: 'day' },
};

export interface MediationPolicyInput {
  readonly calendar: StatutoryCalendar;
  readonly deadlines?: Partial<MediationDeadlines>;
}

export type MediationDecider = Decider<MediationCommand, MediationEvent, MediationState>;

export function mediationPolicy(policy: MediationPolicyInput): { calendar: StatutoryCalendar; deadlines: MediationDeadlines } {
  return deadlinePolicy(policy, DEFAULT_MEDIATION_DEADLINES, 'MEDIATION_POLICY_INVALID', 'mediation');
}

const staff = (actor: Actor): StaffRef => ({ userId: actor.userId, orgId: actor.orgId });

function existing(state: MediationState): ExistingMediation {
  if (state.stage === 'none') throw notFound('MEDIATION_NOT_FOUND', 'no mediation was opened under this id');
  return state;
}

function mediating(state: ExistingMediation): ExistingMediation {
  if (state.stage !== 'mediating') throw refuse('NOT_MEDIATING', `the mediation is ${state.stage}`);
  return state;
}

function withMediator(state: ExistingMediation): ExistingMediation {
  mediating(state);
  if (state.mediator === null) throw refuse('MEDIATOR_REQUIRED', 'assign a mediator first (Art. 19)');
  return state;
}

function knownParty(state: ExistingMediation, partyId: unknown, field: string): string {
  const id = typeof partyId === 'string' ? partyId.trim() : '';
  if (!state.parties.some((party) => party.partyId === id)) throw invalid('PARTY_UNKNOWN', `${field}: ${JSON.stringify(partyId)} is not a party of this mediation`, { field });
  return id;
}

/** The desk's result for a front-desk case, absent otherwise. */
function result(state: ExistingMediation, outcome: 'completed' | 'terminated' | 'withdrawn', summary: string, at: string): { frontDeskReply?: Extract<FrontDeskReply, { kind: 'result' }> } {
  const source = state.file.source;
  if (source.kind !== 'front-desk') return {};
  return { frontDeskReply: { kind: 'result', matterId: source.frontDesk.matterId, line: 'mediation', orgId: state.file.committeeOrgId, outcome, summary, at } };
}

/**
 * The people's mediation decider (人民调解法 2010, 民事诉讼法 on judicial confirmation). Pure: time
 * is `metadata.now`, the actor `metadata.actor`; deadlines come from the policy's statutory calendar.
 */
export function mediationDecider(policyInput: MediationPolicyInput): MediationDecider {
  const policy = mediationPolicy(policyInput);

  function deadline(start: string, period: Period, pauses: readonly Pause[] = []): { dueAt: string; warnings: readonly string[] } {
    const computed = policy.calendar.deadline(start, period, { pauses });
    if (computed.status !== 'running') throw new TypeError('a deadline computed with closed pauses cannot be paused');
    return { dueAt: computed.dueAt, warnings: computed.warnings };
  }

  const timeLimit = (state: ExistingMediation, extensionDays: number, pauses: readonly Pause[]) =>
    // Extensions count in the policy's unit, like the limit they extend.
    deadline(state.file.openedAt, { amount: policy.deadlines.timeLimit.amount + extensionDays, unit: policy.deadlines.timeLimit.unit }, pauses);

  function source(value: SourceInput, nowMs: number): MediationSource {
    const kind = typeof value === 'object' && value !== null ? value.kind : undefined;
    switch (kind) {
      case 'front-desk': {
        const desk = (value as Extract<SourceInput, { kind: 'front-desk' }>).frontDesk;
        return {
          kind,
          frontDesk: {
            matterId: input.identifier(desk?.matterId, 'SOURCE_INVALID', 'source.frontDesk.matterId'),
            caseCode: input.boundedText(desk?.caseCode, 'source.frontDesk.caseCode', 32, 'SOURCE_INVALID'),
          },
        };
      }
      case 'screening': {
        const screening = (value as Extract<SourceInput, { kind: 'screening' }>).screening;
        const screenedAt = input.instant(screening?.screenedAt, 'source.screening.screenedAt');
        if (screenedAt.ms > nowMs) throw invalid('DATE_INVALID', 'the screening lies in the future', { field: 'source.screening.screenedAt' });
        return {
          kind,
          screening: { recordNo: input.boundedText(screening?.recordNo, 'source.screening.recordNo', 64, 'SOURCE_INVALID'), screenedAt: screenedAt.iso, note: input.text(screening?.note, 'source.screening.note') },
        };
      }
      case 'referral': {
        const referral = (value as Extract<SourceInput, { kind: 'referral' }>).referral;
        const organ = input.oneOf(REFERRING_ORGANS, referral?.organ, 'REFERRING_ORGAN_INVALID', 'source.referral.organ');
        const due = referral?.dueAt === undefined || referral?.dueAt === null ? null : input.instant(referral.dueAt, 'source.referral.dueAt');
        // 诉前委派: the court sets how long the committee has before the case returns to it.
        if (organ === 'court' && due === null) throw invalid('COURT_REFERRAL_NEEDS_DEADLINE', "a court's referral gives its deadline", { field: 'source.referral.dueAt' });
        if (due !== null && due.ms <= nowMs) throw invalid('DATE_INVALID', "the referring organ's deadline must be after now", { field: 'source.referral.dueAt' });
        return {
          kind,
          referral: {
            organ,
            orgId: input.identifier(referral?.orgId, 'ORG_ID_INVALID', 'source.referral.orgId'),
            referenceNo: input.boundedText(referral?.referenceNo, 'source.referral.referenceNo', 64, 'SOURCE_INVALID'),
            dueAt: due?.iso ?? null,
          },
        };
      }
      default:
        throw invalid('SOURCE_INVALID', `source.kind is not a known source: ${JSON.stringify(kind)}`, { field: 'source.kind' });
    }
  }

  function open(command: OpenMediation, state: MediationState, now: string, nowMs: number): MediationEvent[] {
    if (state.stage !== 'none') throw refuse('MEDIATION_ALREADY_OPENED', 'a mediation with this id was opened already');
    const { data } = command;
    const caseId = input.identifier(data.caseId, 'CASE_ID_INVALID', 'caseId');
    const caseNo = input.boundedText(data.caseNo, 'caseNo', 64, 'CASE_NO_INVALID');
    const committeeOrgId = input.identifier(data.committeeOrgId, 'ORG_ID_INVALID', 'committeeOrgId');
    const committeeRegionCode = input.regionCode(data.committeeRegionCode, 'committeeRegionCode');
    const from = source(data.source, nowMs);
    const category = input.oneOf(DISPUTE_CATEGORIES, data.category, 'CATEGORY_INVALID', 'category');
    const parties = input.list(data.parties, 'parties', 'PARTY_INVALID', (item, index) => input.party(item as never, `P${index + 1}`, `parties[${index}]`, now));
    if (!partiesAreDistinct(parties)) throw refuse('DUPLICATE_PARTY', 'the same person or organisation is named twice');
    // A front-desk matter names only its applicant: the other side is added before consent.
    if (from.kind === 'front-desk' ? parties.length < 1 : !disputeHasTwoSides(parties)) throw refuse('TOO_FEW_PARTIES', `a dispute needs at least two parties, got ${parties.length}`);
    const due = deadline(now, policy.deadlines.timeLimit);
    const event: MediationOpened['data'] = {
      caseId,
      caseNo,
      committeeOrgId,
      committeeRegionCode,
      source: from,
      category,
      parties,
      claim: input.text(data.claim, 'claim'),
      amountYuan: input.amount(data.amountYuan, 'amountYuan'),
      openedAt: now,
      openedBy: staff(command.metadata.actor),
      dueAt: due.dueAt,
      deadlineWarnings: due.warnings,
      ...(from.kind === 'front-desk' ? { frontDeskReply: { kind: 'accepted', matterId: from.frontDesk.matterId, line: 'mediation', orgId: committeeOrgId, backOfficeCaseNo: caseNo, at: now } } : {}),
    };
    return [{ type: 'MediationOpened', data: event }];
  }

  function awaitingConsent(state: ExistingMediation): ExistingMediation {
    if (state.stage !== 'awaiting-consent') throw refuse('NOT_AWAITING_CONSENT', `the mediation is ${state.stage}`);
    return state;
  }

  function addParty(command: AddParty, state: ExistingMediation, now: string): MediationEvent[] {
    awaitingConsent(state);
    const party = input.party(command.data.party, `P${state.parties.length + 1}`, 'party', now);
    if (!partiesAreDistinct([...state.parties, party])) throw refuse('DUPLICATE_PARTY', `${party.name} is a party already`);
    return [{ type: 'PartyAdded', data: { party, addedAt: now } }];
  }

  function recordConsent(command: RecordConsent, state: ExistingMediation, now: string): MediationEvent[] {
    awaitingConsent(state);
    const partyId = knownParty(state, command.data.partyId, 'partyId');
    if (typeof command.data.consents !== 'boolean') throw invalid('FLAG_INVALID', 'consents must be true or false', { field: 'consents' });
    if (!command.data.consents) {
      // Art. 17: one party's clear refusal means there is no mediation.
      const reason = input.optionalText(command.data.reason, 'reason');
      const name = state.parties.find((party) => party.partyId === partyId)?.name ?? partyId;
      return [{ type: 'MediationRefused', data: { partyId, reason, at: now, ...result(state, 'terminated', `当事人${name}明确拒绝调解，依法不予调解（人民调解法第十七条）`, now) } }];
    }
    if (state.consented.includes(partyId)) throw refuse('CONSENT_ALREADY_GIVEN', `party ${partyId} consented already`);
    const consented = [...state.consented, partyId];
    const allConsented = disputeHasTwoSides(state.parties) && everyPartyConsented(state.parties, consented);
    if (!allConsented && everyPartyConsented(state.parties, consented)) throw refuse('TOO_FEW_PARTIES', 'add the other party before the last consent');
    return [{ type: 'ConsentGiven', data: { partyId, at: now, allConsented } }];
  }

  function assignMediator(command: AssignMediator, state: ExistingMediation, now: string): MediationEvent[] {
    mediating(state);
    const { mediator } = command.data;
    const ref = {
      userId: input.identifier(mediator?.userId, 'ORG_ID_INVALID', 'mediator.userId'),
      orgId: input.identifier(mediator?.orgId, 'ORG_ID_INVALID', 'mediator.orgId'),
      name: input.boundedText(mediator?.name, 'mediator.name', 100, 'TEXT_REQUIRED'),
    };
    const chosenBy = input.oneOf(MEDIATOR_CHOSEN_BY, command.data.chosenBy, 'CHOSEN_BY_INVALID', 'chosenBy');
    const relations = input.list(command.data.relations ?? [], 'relations', 'PARTY_UNKNOWN', (item, index) => {
      const relation = item as { partyId?: unknown; relation?: unknown };
      return { partyId: knownParty(state, relation?.partyId, `relations[${index}].partyId`), relation: input.text(relation?.relation, `relations[${index}].relation`) };
    });
    if (!mediatorFreeOfConflict(relations, state.parties)) {
      throw refuse('MEDIATOR_CONFLICT_OF_INTEREST', `${ref.name} is related to ${relations.map((relation) => `${relation.partyId} (${relation.relation})`).join(', ')} and steps aside`, { relations });
    }
    return [{ type: 'MediatorAssigned', data: { mediator: ref, chosenBy, at: now, by: staff(command.metadata.actor) } }];
  }

  function recordSession(command: RecordSession, state: ExistingMediation, now: string): MediationEvent[] {
    withMediator(state);
    const attendees = input.list(command.data.attendees, 'attendees', 'TEXT_REQUIRED', (item, index) => input.boundedText(item, `attendees[${index}]`, 100, 'TEXT_REQUIRED'));
    if (attendees.length === 0) throw invalid('TEXT_REQUIRED', 'a session has attendees', { field: 'attendees' });
    return [
      {
        type: 'SessionRecorded',
        data: {
          sessionNo: state.sessions + 1,
          heldOn: input.pastDay(command.data.heldOn, 'heldOn', now),
          place: input.boundedText(command.data.place, 'place', 200, 'TEXT_REQUIRED'),
          attendees,
          summary: input.text(command.data.summary, 'summary'),
          recordedAt: now,
          by: staff(command.metadata.actor),
        },
      },
    ];
  }

  function extend(command: ExtendTimeLimit, state: ExistingMediation, now: string): MediationEvent[] {
    mediating(state);
    const days = command.data.days;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) throw invalid('DAYS_INVALID', `days must be an integer from 1 to ${MAX_EXTENSION_DAYS}`, { field: 'days' });
    const reason = input.text(command.data.reason, 'reason');
    if (!extensionAgreedByParties(command.data.partiesAgreed)) throw refuse('EXTENSION_NEEDS_PARTIES_AGREEMENT', 'the time limit is extended only with every party agreeing');
    const pauses: Pause[] = [...state.clock.pauses, ...(state.appraisal ? [{ from: state.appraisal.requestedAt }] : [])];
    const computed = policy.calendar.deadline(state.file.openedAt, { amount: policy.deadlines.timeLimit.amount + state.clock.extensionDays + days, unit: policy.deadlines.timeLimit.unit }, { pauses });
    // While an appraisal is awaited the deadline is paused; the recorded due date stays the last running one.
    const dueAt = computed.status === 'running' ? computed.dueAt : state.clock.dueAt;
    return [{ type: 'TimeLimitExtended', data: { days, reason, at: now, dueAt, deadlineWarnings: computed.warnings } }];
  }

  function requestAppraisal(command: RequestAppraisal, state: ExistingMediation, now: string): MediationEvent[] {
    withMediator(state);
    if (!noAppraisalPending(state.appraisal)) throw refuse('APPRAISAL_ALREADY_REQUESTED', 'an appraisal is awaited already');
    return [
      {
        type: 'AppraisalRequested',
        data: {
          requestId: `${state.file.caseId}.appraisal-${state.appraisals + 1}`,
          subject: input.text(command.data.subject, 'subject'),
          note: input.optionalText(command.data.note, 'note'),
          category: state.file.category,
          committeeOrgId: state.file.committeeOrgId,
          requestedAt: now,
        },
      },
    ];
  }

  function recordOpinion(command: RecordAppraisalOpinion, state: ExistingMediation, now: string): MediationEvent[] {
    mediating(state);
    if (state.appraisal === null) throw refuse('NO_APPRAISAL_REQUESTED', 'no appraisal is awaited');
    const receivedOn = input.pastDay(command.data.receivedOn, 'receivedOn', now);
    const pauses = [...state.clock.pauses, { from: state.appraisal.requestedAt, to: now }];
    const due = timeLimit(state, state.clock.extensionDays, pauses);
    return [
      {
        type: 'AppraisalOpinionRecorded',
        data: {
          requestId: state.appraisal.requestId,
          institution: input.boundedText(command.data.institution, 'institution', 200, 'TEXT_REQUIRED'),
          opinionNo: input.boundedText(command.data.opinionNo, 'opinionNo', 64, 'TEXT_REQUIRED'),
          summary: input.text(command.data.summary, 'summary'),
          receivedOn,
          recordedAt: now,
          dueAt: due.dueAt,
          deadlineWarnings: due.warnings,
        },
      },
    ];
  }

  function readyToConclude(state: ExistingMediation): void {
    withMediator(state);
    if (!noAppraisalPending(state.appraisal)) throw refuse('APPRAISAL_PENDING', 'the requested appraisal is still awaited');
  }

  function draft(command: DraftWrittenAgreement, state: ExistingMediation, now: string): MediationEvent[] {
    readyToConclude(state);
    const performanceDueOn = command.data.performanceDueOn ? input.day(command.data.performanceDueOn, 'performanceDueOn') : null;
    return [
      {
        type: 'WrittenAgreementDrafted',
        data: {
          terms: input.text(command.data.terms, 'terms'),
          amountYuan: input.amount(command.data.amountYuan, 'amountYuan'),
          performanceDueOn,
          signatories: [...state.parties.map((party) => party.partyId), MEDIATOR_SIGNATORY],
          draftedAt: now,
        },
      },
    ];
  }

  function sign(command: SignAgreement, state: ExistingMediation, now: string, nowMs: number): MediationEvent[] {
    if (state.stage !== 'signing' || state.agreement === null) throw refuse('NOT_SIGNING', `the mediation is ${state.stage}`);
    const signatory = typeof command.data.signatory === 'string' ? command.data.signatory.trim() : '';
    if (!state.agreement.signatories.includes(signatory)) throw refuse('NOT_A_SIGNATORY', `${JSON.stringify(command.data.signatory)} is neither a party nor the mediator`);
    if (state.agreement.signed.includes(signatory)) throw refuse('ALREADY_SIGNED', `${signatory} signed already`);
    const signed: MediationEvent = { type: 'AgreementSigned', data: { signatory, signedAt: now } };
    if (!agreementFullySigned(state.agreement.signatories, [...state.agreement.signed, signatory])) return [signed];
    const window = deadline(now, policy.deadlines.confirmationWindow);
    return [
      signed,
      {
        type: 'AgreementTookEffect',
        data: {
          effectiveAt: now,
          confirmationWindowEndsAt: window.dueAt,
          onTime: doneOnTime(nowMs, state.clock.dueAt),
          deadlineWarnings: window.warnings,
          ...result(state, 'completed', '调解成功，书面调解协议经各方当事人及调解员签字盖章后生效', now),
        },
      },
    ];
  }

  function oral(command: RecordOralAgreement, state: ExistingMediation, now: string, nowMs: number): MediationEvent[] {
    readyToConclude(state);
    return [{ type: 'OralAgreementRecorded', data: { terms: input.text(command.data.terms, 'terms'), recordedAt: now, onTime: doneOnTime(nowMs, state.clock.dueAt), ...result(state, 'completed', '调解成功，当事人达成口头调解协议', now) } }];
  }

  function fail(command: RecordFailure, state: ExistingMediation, now: string, nowMs: number): MediationEvent[] {
    withMediator(state);
    const reason = input.text(command.data.reason, 'reason');
    const routes = input.list(command.data.routesExplained, 'routesExplained', 'ROUTES_INVALID', (item) => input.oneOf(OTHER_ROUTES, item, 'ROUTES_INVALID', 'routesExplained'));
    // Art. 26: the parties are told where else they may go; a failure without that is incomplete.
    if (routes.length === 0) throw invalid('ROUTES_INVALID', 'tell the parties of at least one other route (Art. 26)', { field: 'routesExplained' });
    return [{ type: 'MediationFailed', data: { reason, routesExplained: routes, at: now, onTime: doneOnTime(nowMs, state.clock.dueAt), ...result(state, 'terminated', `调解未达成协议，已告知当事人可通过${routes.map(routeName).join('、')}途径解决`, now) } }];
  }

  function withdraw(command: RecordWithdrawal, state: ExistingMediation, now: string): MediationEvent[] {
    if (state.stage !== 'awaiting-consent' && state.stage !== 'mediating' && state.stage !== 'signing') throw refuse('NOT_MEDIATING', `the mediation is ${state.stage}`);
    const partyId = knownParty(state, command.data.partyId, 'partyId');
    const reason = input.text(command.data.reason, 'reason');
    return [{ type: 'MediationWithdrawn', data: { partyId, reason, at: now, ...result(state, 'withdrawn', '当事人撤回调解申请，调解终止', now) } }];
  }

  function effectiveWritten(state: ExistingMediation): { confirmationWindowEndsAt: string } {
    if (state.stage !== 'concluded' || state.outcome !== 'written-agreement' || !state.agreement?.confirmationWindowEndsAt) {
      throw refuse('NO_EFFECTIVE_WRITTEN_AGREEMENT', 'only an effective written agreement is confirmed by a court');
    }
    return { confirmationWindowEndsAt: state.agreement.confirmationWindowEndsAt };
  }

  function applyForConfirmation(command: ApplyForJudicialConfirmation, state: ExistingMediation, now: string, nowMs: number): MediationEvent[] {
    const { confirmationWindowEndsAt } = effectiveWritten(state);
    if (state.confirmation !== null) throw refuse('CONFIRMATION_ALREADY_APPLIED', 'judicial confirmation was applied for already');
    const courtOrgId = input.identifier(command.data.courtOrgId, 'ORG_ID_INVALID', 'courtOrgId');
    const applicants = input.list(command.data.applicantPartyIds, 'applicantPartyIds', 'PARTY_UNKNOWN', (item, index) => knownParty(state, item, `applicantPartyIds[${index}]`));
    const jurisdiction = input.list(command.data.courtJurisdiction, 'courtJurisdiction', 'ORG_ID_INVALID', (item, index) => input.regionCode(item, `courtJurisdiction[${index}]`));
    if (!courtCoversCommittee(state.file.committeeRegionCode, jurisdiction)) throw refuse('COURT_WITHOUT_JURISDICTION', `court ${courtOrgId} does not cover the committee's region ${state.file.committeeRegionCode}`);
    if (!confirmationIsJoint(state.parties, applicants)) throw refuse('CONFIRMATION_NOT_JOINT', 'the parties apply jointly (人民调解法 Art. 33)');
    if (!confirmationWithinWindow(nowMs, confirmationWindowEndsAt)) {
      throw refuse('CONFIRMATION_WINDOW_CLOSED', `the 30 days of 人民调解法 Art. 33 / 民事诉讼法 Art. 205 ended at ${confirmationWindowEndsAt}`, { windowEndsAt: confirmationWindowEndsAt });
    }
    return [{ type: 'JudicialConfirmationApplied', data: { courtOrgId, applicantPartyIds: [...new Set(applicants)], appliedAt: now } }];
  }

  function acceptConfirmation(command: RecordConfirmationAcceptance, state: ExistingMediation, now: string): MediationEvent[] {
    if (state.confirmation === null) throw refuse('NO_CONFIRMATION_APPLICATION', 'no judicial confirmation was applied for');
    if (state.confirmation.status !== 'applied') throw refuse('CONFIRMATION_ALREADY_ACCEPTED', 'the court accepted the application already');
    const courtCaseNo = input.boundedText(command.data.courtCaseNo, 'courtCaseNo', 64, 'TEXT_REQUIRED');
    return [{ type: 'JudicialConfirmationAccepted', data: { courtOrgId: state.confirmation.courtOrgId, courtCaseNo, acceptedAt: now, by: staff(command.metadata.actor) } }];
  }

  function rule(command: RecordConfirmationRuling, state: ExistingMediation, now: string): MediationEvent[] {
    if (state.confirmation === null) throw refuse('NO_CONFIRMATION_APPLICATION', 'no judicial confirmation was applied for');
    if (state.confirmation.status === 'applied') throw refuse('CONFIRMATION_NOT_ACCEPTED', 'the court records its acceptance first');
    if (state.confirmation.status === 'ruled') throw refuse('CONFIRMATION_ALREADY_RULED', 'the court ruled already');
    const ruling = input.oneOf(CONFIRMATION_RULINGS, command.data.ruling, 'RULING_INVALID', 'ruling');
    const reason = input.optionalText(command.data.reason, 'reason');
    if (ruling === 'dismissed' && reason === null) throw invalid('TEXT_REQUIRED', 'a dismissal gives its reason', { field: 'reason' });
    // 民事诉讼法 Art. 206: a valid ruling makes the agreement enforceable.
    return [{ type: 'JudicialConfirmationRuled', data: { courtOrgId: state.confirmation.courtOrgId, ruling, reason, ruledAt: now, enforceable: ruling === 'valid', by: staff(command.metadata.actor) } }];
  }

  function followUp(command: RecordPerformanceFollowUp, state: ExistingMediation, now: string): MediationEvent[] {
    if (state.stage !== 'concluded' || (state.outcome !== 'written-agreement' && state.outcome !== 'oral-agreement')) throw refuse('NO_AGREEMENT_TO_FOLLOW_UP', 'performance is followed up after an agreement');
    const outcome = input.oneOf(PERFORMANCE_OUTCOMES, command.data.outcome, 'PERFORMANCE_INVALID', 'outcome');
    return [{ type: 'PerformanceFollowedUp', data: { outcome, note: input.text(command.data.note, 'note'), at: now, by: staff(command.metadata.actor) } }];
  }

  return {
    initialState: initialMediationState,
    decide(command, state) {
      const now = command.metadata.now;
      const nowMs = Date.parse(now);
      if (command.type === 'OpenMediation') return open(command, state, now, nowMs);
      const current = existing(state);
      switch (command.type) {
        case 'AddParty':
          return addParty(command, current, now);
        case 'RecordConsent':
          return recordConsent(command, current, now);
        case 'AssignMediator':
          return assignMediator(command, current, now);
        case 'RecordSession':
          return recordSession(command, current, now);
        case 'ExtendTimeLimit':
          return extend(command, current, now);
        case 'RequestAppraisal':
          return requestAppraisal(command, current, now);
        case 'RecordAppraisalOpinion':
          return recordOpinion(command, current, now);
        case 'DraftWrittenAgreement':
          return draft(command, current, now);
        case 'SignAgreement':
          return sign(command, current, now, nowMs);
        case 'RecordOralAgreement':
          return oral(command, current, now, nowMs);
        case 'RecordFailure':
          return fail(command, current, now, nowMs);
        case 'RecordWithdrawal':
          return withdraw(command, current, now);
        case 'ApplyForJudicialConfirmation':
          return applyForConfirmation(command, current, now, nowMs);
        case 'RecordConfirmationAcceptance':
          return acceptConfirmation(command, current, now);
        case 'RecordConfirmationRuling':
          return rule(command, current, now);
        case 'RecordPerformanceFollowUp':
          return followUp(command, current, now);
        default:
          return unreachable(command, 'command');
      }
    },
    evolve: evolveMediation,
  };
}

function routeName(route: string): string {
  return route === 'arbitration' ? '仲裁' : route === 'administrative' ? '行政' : '诉讼';
}

function notExpected(state: MediationState, event: MediationEvent): never {
  throw new TypeError(`event ${event.type} does not apply to a mediation at stage ${state.stage}`);
}

/** Folds one event into the state. Events are facts: one that cannot apply means a corrupt stream, which throws. */
export function evolveMediation(state: MediationState, event: MediationEvent): MediationState {
  if (event.type === 'MediationOpened') {
    const { frontDeskReply: _reply, parties, dueAt, deadlineWarnings: _warnings, ...file } = event.data;
    return {
      stage: 'awaiting-consent',
      file,
      parties,
      consented: [],
      mediator: null,
      sessions: 0,
      clock: { dueAt, extensionDays: 0, pauses: [] },
      appraisal: null,
      appraisals: 0,
      agreement: null,
      outcome: null,
      confirmation: null,
    };
  }
  if (state.stage === 'none') return notExpected(state, event);
  switch (event.type) {
    case 'PartyAdded':
      return { ...state, parties: [...state.parties, event.data.party] };
    case 'ConsentGiven':
      return { ...state, consented: [...state.consented, event.data.partyId], stage: event.data.allConsented ? 'mediating' : state.stage };
    case 'MediationRefused':
      return { ...state, stage: 'refused', outcome: 'refused' };
    case 'MediatorAssigned':
      return { ...state, mediator: event.data.mediator };
    case 'SessionRecorded':
      return { ...state, sessions: event.data.sessionNo };
    case 'TimeLimitExtended':
      return { ...state, clock: { ...state.clock, dueAt: event.data.dueAt, extensionDays: state.clock.extensionDays + event.data.days } };
    case 'AppraisalRequested':
      return { ...state, appraisal: { requestId: event.data.requestId, requestedAt: event.data.requestedAt }, appraisals: state.appraisals + 1 };
    case 'AppraisalOpinionRecorded':
      if (state.appraisal === null) return notExpected(state, event);
      return { ...state, appraisal: null, clock: { ...state.clock, dueAt: event.data.dueAt, pauses: [...state.clock.pauses, { from: state.appraisal.requestedAt, to: event.data.recordedAt }] } };
    case 'WrittenAgreementDrafted':
      return { ...state, stage: 'signing', agreement: { kind: 'written', signatories: event.data.signatories, signed: [], effectiveAt: null, confirmationWindowEndsAt: null } };
    case 'AgreementSigned':
      if (state.agreement === null) return notExpected(state, event);
      return { ...state, agreement: { ...state.agreement, signed: [...state.agreement.signed, event.data.signatory] } };
    case 'AgreementTookEffect':
      if (state.agreement === null) return notExpected(state, event);
      return { ...state, stage: 'concluded', outcome: 'written-agreement', agreement: { ...state.agreement, effectiveAt: event.data.effectiveAt, confirmationWindowEndsAt: event.data.confirmationWindowEndsAt } };
    case 'OralAgreementRecorded':
      return { ...state, stage: 'concluded', outcome: 'oral-agreement', agreement: { kind: 'oral', signatories: [], signed: [], effectiveAt: event.data.recordedAt, confirmationWindowEndsAt: null } };
    case 'MediationFailed':
      return { ...state, stage: 'concluded', outcome: 'failed' };
    case 'MediationWithdrawn':
      return { ...state, stage: 'concluded', outcome: 'withdrawn' };
    case 'JudicialConfirmationApplied':
      return { ...state, confirmation: { courtOrgId: event.data.courtOrgId, status: 'applied', ruling: null } };
    case 'JudicialConfirmationAccepted':
      if (state.confirmation === null) return notExpected(state, event);
      return { ...state, confirmation: { ...state.confirmation, status: 'accepted' } };
    case 'JudicialConfirmationRuled':
      if (state.confirmation === null) return notExpected(state, event);
      return { ...state, confirmation: { ...state.confirmation, status: 'ruled', ruling: event.data.ruling } };
    case 'PerformanceFollowedUp':
      return state;
    default:
      return unreachable(event, 'event');
  }
}

