import type { Actor } from '@pls/event-sourcing';
import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { StatutoryCalendar } from '@pls/shared-kernel';
import { cooperationDecider, type AnswerCooperation, type CooperationRequested, type RequestCooperation } from './cooperation.decider';

const spec = DeciderSpecification(cooperationDecider({ calendar: new StatutoryCalendar() }));

const LEZHI = { orgId: 'org-lezhi-legal-aid', regionCode: '512022000000' };
const WUTONGQIAO = { orgId: 'org-wtq-legal-aid', regionCode: '511112000000' };
const lezhiHandler: Actor = { userId: 'handler-chen', orgId: LEZHI.orgId, roles: ['handler'] };
const wtqHandler: Actor = { userId: 'handler-hu', orgId: WUTONGQIAO.orgId, roles: ['handler'] };
const otherAgency: Actor = { userId: 'handler-x', orgId: 'org-other-legal-aid', roles: ['handler'] };
/** Thursday 3 September 2026, 10:00 Shanghai. */
const THURSDAY = '2026-09-03T02:00:00.000Z';
/** 3 working days: Fri 4, Mon 7, Tue 8 → end of Tue 8 September. */
const DUE = '2026-09-08T16:00:00.000Z';

let sequence = 0;
const request = (data: Partial<RequestCooperation['data']> = {}): RequestCooperation => ({
  type: 'RequestCooperation',
  data: {
    requestId: 'coop-1',
    applicationId: 'la-1',
    applicationNo: '（2026）川乐援字第0001号',
    priority: 'green-channel',
    requestingAgency: LEZHI,
    receivingAgency: { ...WUTONGQIAO, kind: 'legal-aid-agency' },
    kind: 'verify-means',
    details: '申请人户籍在五通桥区竹根镇，请协助核查其家庭经济状况。',
    ...data,
  },
  metadata: { commandId: `coop-${++sequence}`, now: THURSDAY, actor: lezhiHandler },
});
const answer = (data: Partial<AnswerCooperation['data']> = {}, actor: Actor = wtqHandler, now = '2026-09-07T02:00:00.000Z'): AnswerCooperation => ({
  type: 'AnswerCooperation',
  data: { result: 'means-meet', notes: '经民政部门数据比对，申请人为低保对象。', ...data },
  metadata: { commandId: `coop-${++sequence}`, now, actor },
});
const requested: CooperationRequested = {
  type: 'CooperationRequested',
  data: {
    requestId: 'coop-1',
    applicationId: 'la-1',
    applicationNo: '（2026）川乐援字第0001号',
    priority: 'green-channel',
    requestingAgency: LEZHI,
    receivingAgency: WUTONGQIAO,
    kind: 'verify-means',
    details: '申请人户籍在五通桥区竹根镇，请协助核查其家庭经济状况。',
    requestedAt: THURSDAY,
    requestedBy: { userId: lezhiHandler.userId, orgId: lezhiHandler.orgId },
    dueAt: DUE,
    deadlineWarnings: [],
  },
};

describe('RequestCooperation (异地协作)', () => {
  it('given nothing, when Lezhi asks Wutongqiao to verify means, then the request is recorded due in 3 working days', () => {
    spec.given([]).when(request()).then([requested]);
  });

  it('given nothing, when an agency asks itself, then it is refused', () => {
    spec.given([]).when(request({ receivingAgency: { ...LEZHI, kind: 'legal-aid-agency' } })).thenRefuses('COOPERATION_WITH_OWN_AGENCY');
  });

  it('given nothing, when the organisation asked is not a legal aid agency, then it is refused', () => {
    spec.given([]).when(request({ receivingAgency: { ...WUTONGQIAO, kind: 'court' } })).thenRefuses('COOPERATION_RECEIVER_NOT_LEGAL_AID_AGENCY');
  });

  it('given nothing, when the kind is unknown or the details empty, then it is refused as invalid input', () => {
    spec.given([]).when(request({ kind: 'collect-evidence' as never })).thenRefuses('COOPERATION_KIND_INVALID');
    spec.given([]).when(request({ details: '' })).thenRefuses('TEXT_REQUIRED');
  });

  it('given a request, when the same id is requested again, then it is refused', () => {
    spec.given([requested]).when(request()).thenRefuses('COOPERATION_ALREADY_REQUESTED');
  });
});

describe('AnswerCooperation', () => {
  it('given a request, when the agency asked answers before the deadline, then the answer is recorded on time', () => {
    spec.given([requested]).when(answer()).then([
      {
        type: 'CooperationAnswered',
        data: {
          requestId: 'coop-1',
          applicationId: 'la-1',
          result: 'means-meet',
          notes: '经民政部门数据比对，申请人为低保对象。',
          answeredAt: '2026-09-07T02:00:00.000Z',
          answeredBy: { userId: wtqHandler.userId, orgId: wtqHandler.orgId },
          onTime: true,
        },
      },
    ]);
  });

  it('given a request, when the answer comes after the deadline, then it is recorded late', () => {
    spec.given([requested]).when(answer({}, wtqHandler, '2026-09-09T02:00:00.000Z')).then((events) => expect(events[0]).toMatchObject({ data: { onTime: false } }));
  });

  it('given a request, when another agency answers it, then it is refused', () => {
    spec.given([requested]).when(answer({}, otherAgency)).thenRefuses('COOPERATION_NOT_ADDRESSED_TO_YOU');
  });

  it('given a request, when the requesting agency answers it itself, then it is refused', () => {
    spec.given([requested]).when(answer({}, lezhiHandler)).thenRefuses('COOPERATION_NOT_ADDRESSED_TO_YOU');
  });

  it('given an answered request, when it is answered again, then it is refused', () => {
    const answered = { type: 'CooperationAnswered' as const, data: { requestId: 'coop-1', applicationId: 'la-1', result: 'means-meet' as const, notes: '符合', answeredAt: '2026-09-07T02:00:00.000Z', answeredBy: { userId: wtqHandler.userId, orgId: wtqHandler.orgId }, onTime: true } };
    spec.given([requested, answered]).when(answer({ result: 'unable' })).thenRefuses('COOPERATION_ALREADY_ANSWERED');
  });

  it('given a means request, when it is answered with collected materials, then the result does not fit', () => {
    spec.given([requested]).when(answer({ result: 'materials-collected' })).thenRefuses('COOPERATION_RESULT_NOT_FOR_KIND');
  });

  it('given a means request, when the agency answers it cannot, then "unable" is accepted', () => {
    spec.given([requested]).when(answer({ result: 'unable', notes: '申请人户籍已迁出本区。' })).then((events) => expect(events[0]).toMatchObject({ data: { result: 'unable' } }));
  });

  it('given a request, when the result is unknown or the notes empty, then it is refused as invalid input', () => {
    spec.given([requested]).when(answer({ result: 'maybe' as never })).thenRefuses('COOPERATION_RESULT_INVALID');
    spec.given([requested]).when(answer({ notes: ' ' })).thenRefuses('TEXT_REQUIRED');
  });

  it('given nothing, when an answer comes, then the request is not found', () => {
    spec.given([]).when(answer()).thenRefuses('COOPERATION_NOT_FOUND');
  });
});

describe('cooperation deadline policy', () => {
  it('refuses a configured period that is not a period', () => {
    expect(() => cooperationDecider({ calendar: new StatutoryCalendar(), period: { amount: 0, unit: 'day' } })).toThrow(expect.objectContaining({ code: 'LEGAL_AID_POLICY_INVALID' }));
  });
});
