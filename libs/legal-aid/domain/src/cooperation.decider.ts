import { unreachable, type Command, type Decider, type DomainEvent } from '@pls/event-sourcing';
import { deadlinePolicy, type Period, type StatutoryCalendar } from '@pls/shared-kernel';
import { notFound, refuse } from './application.refusals';
import type { Priority, StaffRef } from './application.types';
import { doneOnTime } from './application.rules';
import * as input from './application.validation';

/**
 * 异地协作: one legal aid agency asks another region's agency to verify an applicant's means or
 * collect materials for an application (stream `legal-aid.cooperation-<requestId>`).
 */

export const COOPERATION_KINDS = ['verify-means', 'collect-materials'] as const;
export type CooperationKind = (typeof COOPERATION_KINDS)[number];
export const COOPERATION_RESULTS = ['means-meet', 'means-do-not-meet', 'materials-collected', 'unable'] as const;
export type CooperationResult = (typeof COOPERATION_RESULTS)[number];

/**
 * 法律援助法 and 实施工作办法 set no period for answering a cooperation request. We default to 3
 * working days so that an answer normally returns inside the requester's 7-day decision period
 * (Art. 43) even across a weekend; deployments may configure another (`deadlines.cooperation`).
 */
export const DEFAULT_COOPERATION_PERIOD: Period = { amount: 3, unit: 'workingDay' };

export type RequestCooperation = Command<
  'RequestCooperation',
  {
    readonly requestId: string;
    readonly applicationId: string;
    readonly applicationNo: string;
    readonly priority: Priority;
    readonly requestingAgency: { readonly orgId: string; readonly regionCode: string };
    /** `kind` is the directory's organisation kind, checked here. */
    readonly receivingAgency: { readonly orgId: string; readonly regionCode: string; readonly kind: string };
    readonly kind: CooperationKind;
    readonly details: string;
  }
>;

export type AnswerCooperation = Command<'AnswerCooperation', { readonly result: CooperationResult; readonly notes: string }>;

export type CooperationCommand = RequestCooperation | AnswerCooperation;

export type CooperationRequested = DomainEvent<
  'CooperationRequested',
  {
    readonly requestId: string;
    readonly applicationId: string;
    readonly applicationNo: string;
    readonly priority: Priority;
    readonly requestingAgency: { readonly orgId: string; readonly regionCode: string };
    readonly receivingAgency: { readonly orgId: string; readonly regionCode: string };
    readonly kind: CooperationKind;
    readonly details: string;
    readonly requestedAt: string;
    readonly requestedBy: StaffRef;
    readonly dueAt: string;
    readonly deadlineWarnings: readonly string[];
  }
>;

export type CooperationAnswered = DomainEvent<
  'CooperationAnswered',
  {
    readonly requestId: string;
    readonly applicationId: string;
    readonly result: CooperationResult;
    readonly notes: string;
    readonly answeredAt: string;
    readonly answeredBy: StaffRef;
    readonly onTime: boolean;
  }
>;

export type CooperationEvent = CooperationRequested | CooperationAnswered;
export const COOPERATION_EVENT_TYPES: readonly CooperationEvent['type'][] = ['CooperationRequested', 'CooperationAnswered'];

export type CooperationState =
  | { readonly status: 'none' }
  | { readonly status: 'requested'; readonly request: CooperationRequested['data'] }
  | { readonly status: 'answered'; readonly request: CooperationRequested['data']; readonly answeredAt: string };

export const initialCooperationState: CooperationState = { status: 'none' };

export type CooperationDecider = Decider<CooperationCommand, CooperationEvent, CooperationState>;

// 异地协作 is asked of another agency: an agency does its own verification itself.
export const cooperationWithAnotherAgency = (requestingOrgId: string, receivingOrgId: string): boolean => requestingOrgId !== receivingOrgId;

// DOMAIN.md §5.1 异地协作: cooperation is asked of another legal aid agency, not of any organisation.
export const cooperationReceiverIsLegalAidAgency = (kind: string): boolean => kind === 'legal-aid-agency';

// Only the agency asked answers the request.
export const answeredByAgencyAsked = (answeringOrgId: string, receivingOrgId: string): boolean => answeringOrgId === receivingOrgId;

// A means request is answered with a means result, a materials request with materials; either may be 'unable'.
export const resultFitsRequest = (kind: CooperationKind, result: CooperationResult): boolean =>
  result === 'unable' || (kind === 'verify-means' ? result === 'means-meet' || result === 'means-do-not-meet' : result === 'materials-collected');

export function cooperationDecider(policy: { readonly calendar: StatutoryCalendar; readonly period?: Period }): CooperationDecider {
  const period = deadlinePolicy({ calendar: policy.calendar, deadlines: policy.period ? { cooperation: policy.period } : {} }, { cooperation: DEFAULT_COOPERATION_PERIOD }, 'LEGAL_AID_POLICY_INVALID', 'cooperation').deadlines.cooperation;

  function request(command: RequestCooperation, state: CooperationState, now: string): CooperationEvent[] {
    if (state.status !== 'none') throw refuse('COOPERATION_ALREADY_REQUESTED', 'a cooperation request with this id exists');
    const { data } = command;
    const requestingOrgId = input.identifier(data.requestingAgency?.orgId, 'ORG_ID_INVALID', 'requestingAgency.orgId');
    const receivingOrgId = input.identifier(data.receivingAgency?.orgId, 'ORG_ID_INVALID', 'receivingAgency.orgId');
    const kind = input.oneOf(COOPERATION_KINDS, data.kind, 'COOPERATION_KIND_INVALID', 'kind');
    const details = input.text(data.details, 'details');
    if (!cooperationWithAnotherAgency(requestingOrgId, receivingOrgId)) throw refuse('COOPERATION_WITH_OWN_AGENCY', 'an agency does not ask itself for cooperation');
    if (!cooperationReceiverIsLegalAidAgency(String(data.receivingAgency.kind))) throw refuse('COOPERATION_RECEIVER_NOT_LEGAL_AID_AGENCY', `${receivingOrgId} is a ${String(data.receivingAgency.kind)}`);
    const due = policy.calendar.deadline(now, period);
    if (due.status !== 'running') throw new TypeError('a deadline without pauses is running');
    return [
      {
        type: 'CooperationRequested',
        data: {
          requestId: input.identifier(data.requestId, 'DUTY_ID_INVALID', 'requestId'),
          applicationId: input.identifier(data.applicationId, 'APPLICATION_ID_INVALID', 'applicationId'),
          applicationNo: input.boundedText(data.applicationNo, 'applicationNo', 64, 'APPLICATION_NO_INVALID'),
          priority: data.priority === 'green-channel' ? 'green-channel' : 'normal',
          requestingAgency: { orgId: requestingOrgId, regionCode: input.regionCode(data.requestingAgency.regionCode, 'requestingAgency.regionCode') },
          receivingAgency: { orgId: receivingOrgId, regionCode: input.regionCode(data.receivingAgency.regionCode, 'receivingAgency.regionCode') },
          kind,
          details,
          requestedAt: now,
          requestedBy: { userId: command.metadata.actor.userId, orgId: command.metadata.actor.orgId },
          dueAt: due.dueAt,
          deadlineWarnings: due.warnings,
        },
      },
    ];
  }

  function answer(command: AnswerCooperation, state: CooperationState, now: string, nowMs: number): CooperationEvent[] {
    if (state.status === 'none') throw notFound('COOPERATION_NOT_FOUND', 'no cooperation request with this id');
    const { actor } = command.metadata;
    if (!answeredByAgencyAsked(actor.orgId, state.request.receivingAgency.orgId)) throw refuse('COOPERATION_NOT_ADDRESSED_TO_YOU', 'the request was addressed to another agency');
    if (state.status === 'answered') throw refuse('COOPERATION_ALREADY_ANSWERED', `answered on ${state.answeredAt}`);
    const result = input.oneOf(COOPERATION_RESULTS, command.data.result, 'COOPERATION_RESULT_INVALID', 'result');
    const notes = input.text(command.data.notes, 'notes');
    if (!resultFitsRequest(state.request.kind, result)) throw refuse('COOPERATION_RESULT_NOT_FOR_KIND', `${result} does not answer a ${state.request.kind} request`);
    return [
      {
        type: 'CooperationAnswered',
        data: {
          requestId: state.request.requestId,
          applicationId: state.request.applicationId,
          result,
          notes,
          answeredAt: now,
          answeredBy: { userId: actor.userId, orgId: actor.orgId },
          onTime: doneOnTime(nowMs, state.request.dueAt),
        },
      },
    ];
  }

  function decide(command: CooperationCommand, state: CooperationState): CooperationEvent[] {
    const clock = input.instant(command.metadata.now, 'metadata.now');
    switch (command.type) {
      case 'RequestCooperation':
        return request(command, state, clock.iso);
      case 'AnswerCooperation':
        return answer(command, state, clock.iso, clock.ms);
      default:
        return unreachable(command, 'command');
    }
  }

  return { initialState: initialCooperationState, decide, evolve: evolveCooperation };
}

export function evolveCooperation(state: CooperationState, event: CooperationEvent): CooperationState {
  switch (event.type) {
    case 'CooperationRequested':
      return { status: 'requested', request: event.data };
    case 'CooperationAnswered':
      if (state.status !== 'requested') throw new TypeError(`CooperationAnswered on a request that is ${state.status}`);
      return { status: 'answered', request: state.request, answeredAt: event.data.answeredAt };
    default:
      return unreachable(event, 'event');
  }
}
