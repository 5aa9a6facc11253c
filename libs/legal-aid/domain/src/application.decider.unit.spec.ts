import { fold } from '@pls/event-sourcing';
import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AssignLawyer,
  DecideObjection,
  DeclineAssignment,
  DenyAid,
  EndMatter,
  FileObjection,
  GrantAid,
  GrantUrgentAid,
  ReceiveApplication,
  RecordMeansCheck,
  RecordProgress,
  RecordRevisit,
  RequestMaterials,
  ReviewClosure,
  SignEntrustment,
  SubmitClosureMaterials,
  SupplyMaterials,
  TerminateAid,
  TreatAsWithdrawn,
} from './application.commands';
import { legalAidDecider } from './application.decider';
import type { AidGranted, ApplicationEvent, LawyerAssigned, MeansChecked } from './application.events';
import { applicationStreamId } from './application.stream';
import { ART32_GROUNDS, ART42_GROUNDS, TERMINATION_GROUNDS, type Art32Ground, type Art42Ground, type OtherOpenMatter } from './application.types';
import {
  ADULT_ID,
  AGENCY,
  application,
  AT,
  BUREAU,
  bureau,
  CASE_CODE,
  command,
  COURT,
  frontDeskReceived,
  HANDLER,
  lawyer,
  LAWYER_LI,
  MATTER_ID,
  migrantWorkerReceived,
  MINOR_ID,
  received,
} from './testing/application.fixtures';

const decider = legalAidDecider({ calendar: new StatutoryCalendar() });
const spec = DeciderSpecification(decider);

const receive = (data: Partial<ReceiveApplication['data']> = {}, now: string = AT.received) => command<ReceiveApplication>('ReceiveApplication', application(data), { now });
const meansCheck = (result: 'meets' | 'does-not-meet' = 'meets', now: string = AT.day2) => command<RecordMeansCheck>('RecordMeansCheck', { method: 'data-sharing', result }, { now });
const requestMaterials = (now: string = AT.day2, dueAt = '2026-09-20T16:00:00.000Z') =>
  command<RequestMaterials>('RequestMaterials', { items: ['劳动合同或工资欠条', '经济困难状况说明'], dueAt }, { now });
const supplyMaterials = (now: string = AT.day5) => command<SupplyMaterials>('SupplyMaterials', {}, { now });
const treatAsWithdrawn = (now: string) => command<TreatAsWithdrawn>('TreatAsWithdrawn', {}, { now });
const grant = (now: string = AT.granted) => command<GrantAid>('GrantAid', {}, { now });
const deny = (reasons: string[] = ['不符合经济困难标准'], now: string = AT.granted) => command<DenyAid>('DenyAid', { reasons }, { now });
const assign = (profile = lawyer(), otherOpenMatters: OtherOpenMatter[] = [], now: string = AT.assigned) => command<AssignLawyer>('AssignLawyer', { lawyer: profile, otherOpenMatters }, { now });
const decline = (lawyerId = 'lawyer-li', now: string = AT.assigned) => command<DeclineAssignment>('DeclineAssignment', { lawyerId, reason: '与本案当事人有亲属关系' }, { now });
const sign = (now: string = AT.signed) => command<SignEntrustment>('SignEntrustment', {}, { now });
const progress = (now: string = AT.progress) => command<RecordProgress>('RecordProgress', { note: '已向劳动人事争议仲裁委员会申请仲裁' }, { now });
const terminate = (ground: TerminateAid['data']['ground'], now: string = AT.progress) => command<TerminateAid>('TerminateAid', { ground, explanation: '受援人自行委托律师' }, { now });
const endMatter = (now: string = AT.ended) => command<EndMatter>('EndMatter', { endedAt: now, resultSummary: '经仲裁调解，用人单位支付欠薪 36,000 元。' }, { now });
const submitClosure = (now: string) => command<SubmitClosureMaterials>('SubmitClosureMaterials', {}, { now });
const reviewClosure = (quality: ReviewClosure['data']['quality'] = 'good', subsidyYuan = 1500) => command<ReviewClosure>('ReviewClosure', { quality, subsidyYuan }, { now: AT.reviewed });
const fileObjection = (now = '2026-09-05T02:00:00.000Z') => command<FileObjection>('FileObjection', { grounds: '申请人系低保对象，符合经济困难条件' }, { now, actor: applicantUser });
const decideObjection = (upheld: boolean, now = '2026-09-08T02:00:00.000Z') => command<DecideObjection>('DecideObjection', { upheld, note: '经复核' }, { now, actor: bureau });
const applicantUser = { userId: 'public:13812345678', orgId: 'public', roles: ['applicant'] };

const meansChecked = (result: 'meets' | 'does-not-meet' = 'meets'): MeansChecked => ({ type: 'MeansChecked', data: { method: 'data-sharing', result, checkedAt: AT.day2, checkedBy: HANDLER } });
const granted = (): AidGranted => ({ type: 'AidGranted', data: { decidedAt: AT.granted, decidedBy: HANDLER, onTime: true, assignmentDueAt: AT.assignmentDue, deadlineWarnings: [] } });
const assigned = (notifyingOrgan: LawyerAssigned['data']['notifyingOrgan'] = null): LawyerAssigned => ({
  type: 'LawyerAssigned',
  data: { lawyer: LAWYER_LI, assignedAt: AT.assigned, assignedBy: HANDLER, onTime: true, entrustmentDueAt: AT.entrustmentDue, notifyingOrgan, deadlineWarnings: [] },
});
const signed: ApplicationEvent = { type: 'EntrustmentSigned', data: { lawyer: LAWYER_LI, signedAt: AT.signed, onTime: true } };
const throughGrant = [received(), meansChecked(), granted()];
const throughSigning = [...throughGrant, assigned(), signed];
const deskThroughSigning = [frontDeskReceived(), meansChecked(), granted(), assigned(), signed];

const only = <T extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: T): Extract<ApplicationEvent, { type: T }> => {
  expect(events).toHaveLength(1);
  expect(events[0].type).toBe(type);
  return events[0] as Extract<ApplicationEvent, { type: T }>;
};

describe('ReceiveApplication (受理)', () => {
  it('given nothing, when a direct application is received, then it is recorded with its decision due in 7 days and no front-desk reply', () => {
    spec.given([]).when(receive()).then([received()]);
  });

  it('given nothing, when an application comes from the front desk, then the same event carries the accepted reply with the application number', () => {
    spec.given([]).when(receive({ source: { kind: 'front-desk', frontDesk: { matterId: MATTER_ID, caseCode: CASE_CODE } } })).then([frontDeskReceived()]);
  });

  it('given nothing, when a detention place forwards an application after 30 hours, then it is recorded as forwarded late (Art. 39: 24 hours)', () => {
    spec
      .given([])
      .when(receive({ source: { kind: 'forwarded', forwarder: { orgId: 'org-lezhi-detention', kind: 'detention-place' }, requestedAt: '2026-08-30T19:00:00.000Z', forwardedAt: '2026-09-01T01:00:00.000Z' }, applicant: { name: '张三', idNumber: ADULT_ID } }))
      .then((events) => {
        const { source, applicant } = only(events, 'ApplicationReceived').data;
        expect(source).toEqual({
          kind: 'forwarded',
          forwarder: { orgId: 'org-lezhi-detention', kind: 'detention-place' },
          requestedAt: '2026-08-30T19:00:00.000Z',
          forwardedAt: '2026-09-01T01:00:00.000Z',
          forwardingDueAt: '2026-08-31T19:00:00.000Z',
          forwardedOnTime: false,
        });
        expect(applicant.phone).toBeNull();
      });
  });

  it('given nothing, when a minor applies with green-channel grounds, then the birth date is derived, it is a minors case and has priority', () => {
    spec
      .given([])
      .when(receive({ applicant: { name: '李小明', idNumber: MINOR_ID, phone: '13812345678' }, greenChannel: ['woman'] }))
      .then((events) => {
        const data = only(events, 'ApplicationReceived').data;
        expect(data.applicant).toMatchObject({ birthDate: '2010-03-15', minor: true });
        expect(data.minorsCase).toBe(true);
        expect(data.greenChannel).toEqual(['woman', 'minor']);
        expect(data.priority).toBe('green-channel');
      });
  });

  it('given nothing, when the ID number has a wrong check digit, then it is refused with the kernel code', () => {
    spec.given([]).when(receive({ applicant: { name: '张三', idNumber: '512022198506121238', phone: '13812345678' } })).thenRefuses('RESIDENT_ID_CHECK_DIGIT_MISMATCH');
  });

  it('given nothing, when the Art. 42 minor ground is claimed for an adult, then it is refused', () => {
    spec.given([]).when(receive({ means: { declaredHardship: true, exemption: { article: 42, grounds: ['minor'] } } })).thenRefuses('MINOR_GROUND_FOR_ADULT');
  });

  it('given nothing, when the retrial-acquittal ground is claimed in a civil case, then it is refused', () => {
    spec
      .given([])
      .when(receive({ means: { declaredHardship: false, exemption: { article: 32, grounds: ['state-compensation-after-retrial-acquittal'] } } }))
      .thenRefuses('RETRIAL_GROUND_NOT_STATE_COMPENSATION');
  });

  it('given nothing, when an application has no means declaration, then it is refused', () => {
    spec.given([]).when(receive({ means: null })).thenRefuses('MEANS_REQUIRED');
  });

  it('given a received application, when it is received again, then it is refused', () => {
    spec.given([received()]).when(receive()).thenRefuses('APPLICATION_ALREADY_RECEIVED');
  });

  it('names its stream legal-aid.application-<id>', () => {
    expect(applicationStreamId('la-2026-0001')).toBe('legal-aid.application-la-2026-0001');
  });
});

describe('hardship (经济困难)', () => {
  it.each(ART42_GROUNDS.filter((g) => g !== 'minor'))('given an application exempt under Art. 42 (%s), when a means check is recorded, then it is refused as unnecessary', (ground) => {
    spec.given([received({ means: { declaredHardship: true, exemption: { article: 42, grounds: [ground as Art42Ground] } } })]).when(meansCheck()).thenRefuses('MEANS_CHECK_NOT_REQUIRED', /Art\. 42/);
  });

  it.each(ART42_GROUNDS.filter((g) => g !== 'minor'))('given an application exempt under Art. 42 (%s), when aid is granted without a check, then it is granted', (ground) => {
    spec
      .given([received({ means: { declaredHardship: true, exemption: { article: 42, grounds: [ground as Art42Ground] } } })])
      .when(grant())
      .then([granted()]);
  });

  it('given a minor applying under the Art. 42 minor ground, when a means check is recorded, then it is refused; and aid is granted without it', () => {
    const minor = received({ applicant: { name: '李小明', idNumber: MINOR_ID, birthDate: '2010-03-15', minor: true, phone: null }, minorsCase: true, means: { declaredHardship: true, exemption: { article: 42, grounds: ['minor'] } } });
    spec.given([minor]).when(meansCheck()).thenRefuses('MEANS_CHECK_NOT_REQUIRED');
    spec.given([minor]).when(grant()).then([granted()]);
  });

  it.each(ART32_GROUNDS)('given an application under Art. 32 (%s), when a means check is recorded, then it is refused; and aid is granted without it', (ground) => {
    const history = [received({ category: { kind: 'state-compensation' }, means: { declaredHardship: false, exemption: { article: 32, grounds: [ground as Art32Ground] } } })];
    spec.given(history).when(meansCheck()).thenRefuses('MEANS_CHECK_NOT_REQUIRED', /Art\. 32/);
    spec.given(history).when(grant()).then([granted()]);
  });

  it('given an application needing a check, when the check is recorded, then MeansChecked is recorded', () => {
    spec.given([received()]).when(meansCheck()).then([meansChecked()]);
  });

  it('given no check yet, when aid is granted, then it is refused: the check comes first', () => {
    spec.given([received()]).when(grant()).thenRefuses('MEANS_CHECK_REQUIRED');
  });

  it('given a check finding no hardship, when aid is granted, then it is refused', () => {
    spec.given([received(), meansChecked('does-not-meet')]).when(grant()).thenRefuses('HARDSHIP_NOT_MET');
  });

  it('given a check that meets, when aid is granted within 7 days, then it is granted on time with assignment due in 3 days', () => {
    spec.given([received(), meansChecked()]).when(grant()).then([granted()]);
  });

  it('given a check that meets, when aid is granted after the decision date, then it is granted late', () => {
    spec.given([received(), meansChecked()]).when(grant('2026-09-09T02:00:00.000Z')).then((events) => expect(only(events, 'AidGranted').data.onTime).toBe(false));
  });
});

describe('missing materials (一次性告知)', () => {
  it('given a received application, when the materials are requested in one notice, then the clock pauses', () => {
    spec
      .given([received()])
      .when(requestMaterials())
      .then((events, state) => {
        expect(events).toEqual([{ type: 'MaterialsRequested', data: { items: ['劳动合同或工资欠条', '经济困难状况说明'], requestedAt: AT.day2, dueAt: '2026-09-20T16:00:00.000Z' } }]);
        expect(state.stage).toBe('awaiting-materials');
      });
  });

  it('given materials awaited, when a second notice is sent, then it is refused (one notice lists all)', () => {
    spec.given([received(), requested()]).when(requestMaterials(AT.day3)).thenRefuses('MATERIALS_ALREADY_REQUESTED');
  });

  it('given a notice with no items, when it is sent, then it is refused', () => {
    spec.given([received()]).when(command<RequestMaterials>('RequestMaterials', { items: [], dueAt: '2026-09-20' }, { now: AT.day2 })).thenRefuses('MATERIALS_ITEMS_REQUIRED');
  });

  it('given materials requested on day 2 and supplied on day 5, when they arrive, then the decision is due 3 days later', () => {
    spec
      .given([received(), requested()])
      .when(supplyMaterials())
      .then((events, state) => {
        expect(only(events, 'MaterialsSupplied').data.decisionDueAt).toBe('2026-09-11T16:00:00.000Z');
        expect(state.stage).toBe('received');
      });
  });

  it('given a pause across the Mid-Autumn holiday, when the materials arrive, then the paused days are excluded and a last day on the National Day holiday moves to the next working day', () => {
    const start = '2026-09-22T01:00:00.000Z'; // Tue; 7 days → Tue 29 Sep
    spec
      .given([received({ receivedAt: start, decisionDueAt: '2026-09-29T16:00:00.000Z' }), requested('2026-09-24T02:00:00.000Z', '2026-10-20T16:00:00.000Z')])
      .when(supplyMaterials('2026-09-28T02:00:00.000Z')) // 25–28 paused: 4 days → 3 Oct (holiday) → Thu 8 Oct
      .then((events) => expect(only(events, 'MaterialsSupplied').data.decisionDueAt).toBe('2026-10-08T16:00:00.000Z'));
  });

  it('given two pauses, when the second ends, then both are excluded', () => {
    spec
      .given([received(), requested(), supplied(), requested('2026-09-07T02:00:00.000Z', '2026-09-20T16:00:00.000Z')])
      .when(supplyMaterials('2026-09-09T02:00:00.000Z'))
      .then((events) => expect(only(events, 'MaterialsSupplied').data.decisionDueAt).toBe('2026-09-14T16:00:00.000Z'));
  });

  it('given materials awaited, when aid is granted or denied, then it is refused', () => {
    spec.given([received(), meansChecked(), requested()]).when(grant()).thenRefuses('MATERIALS_AWAITED');
    spec.given([received(), requested()]).when(deny()).thenRefuses('MATERIALS_AWAITED');
  });

  it('given materials awaited, when the application is treated as withdrawn before the due date, then it is refused', () => {
    spec.given([received(), requested()]).when(treatAsWithdrawn('2026-09-20T10:00:00.000Z')).thenRefuses('MATERIALS_NOT_YET_DUE');
  });

  it('given the materials deadline passed unanswered, when the application is treated as withdrawn, then it is withdrawn', () => {
    spec
      .given([received(), requested()])
      .when(treatAsWithdrawn('2026-09-21T02:00:00.000Z'))
      .then([{ type: 'ApplicationWithdrawn', data: { reason: 'materials-not-supplied', withdrawnAt: '2026-09-21T02:00:00.000Z' } }]);
  });

  it('given no materials awaited, when the application is treated as withdrawn, then it is refused', () => {
    spec.given([received()]).when(treatAsWithdrawn('2026-09-21T02:00:00.000Z')).thenRefuses('MATERIALS_NOT_REQUESTED');
  });
});

function requested(requestedAt: string = AT.day2, dueAt = '2026-09-20T16:00:00.000Z'): ApplicationEvent {
  return { type: 'MaterialsRequested', data: { items: ['劳动合同或工资欠条', '经济困难状况说明'], requestedAt, dueAt } };
}
function supplied(): ApplicationEvent {
  return { type: 'MaterialsSupplied', data: { note: null, suppliedAt: AT.day5, decisionDueAt: '2026-09-11T16:00:00.000Z', deadlineWarnings: [] } };
}

describe('denial and urgent aid', () => {
  it('given a received application, when aid is denied without reasons, then it is refused', () => {
    spec.given([received()]).when(deny([])).thenRefuses('DENIAL_REASONS_REQUIRED');
  });

  it('given a direct application, when aid is denied, then AidDenied carries the reasons and no front-desk reply', () => {
    spec
      .given([received(), meansChecked('does-not-meet')])
      .when(deny())
      .then([{ type: 'AidDenied', data: { reasons: ['不符合经济困难标准'], decidedAt: AT.granted, decidedBy: HANDLER, onTime: true } }]);
  });

  it('given a limitation period expiring in 5 days, when urgent aid is granted before the means review, then aid comes first and paperwork follows', () => {
    spec
      .given([received()])
      .when(command<GrantUrgentAid>('GrantUrgentAid', { ground: 'limitation-expiring', limitationExpiresAt: '2026-09-06T16:00:00.000Z', note: '仲裁时效即将届满' }))
      .then((events, state) => {
        expect(only(events, 'UrgentAidGranted').data).toMatchObject({ paperworkToFollow: true, assignmentDueAt: '2026-09-04T16:00:00.000Z' });
        expect(state.stage).toBe('granted');
      });
  });

  it('given a limitation period expiring in 20 days, when urgent aid is asked for, then it is refused', () => {
    spec
      .given([received()])
      .when(command<GrantUrgentAid>('GrantUrgentAid', { ground: 'limitation-expiring', limitationExpiresAt: '2026-09-21T16:00:00.000Z', note: '时效' }))
      .thenRefuses('URGENCY_NOT_SHOWN');
  });
});

describe('assignment (指派)', () => {
  it('given granted aid, when a lawyer with capacity and no conflict is assigned within 3 days, then LawyerAssigned is on time with entrustment due in 5 days', () => {
    spec.given(throughGrant).when(assign()).then([assigned()]);
  });

  it('given a life-or-death criminal case, when a lawyer with 2 years of criminal defence is assigned, then it is refused', () => {
    spec
      .given([received({ category: { kind: 'criminal', lifeOrDeathPossible: true }, lifeOrDeathCase: true }), meansChecked(), granted()])
      .when(assign(lawyer({ criminalDefenceYears: 2 })))
      .thenRefuses('LIFE_OR_DEATH_NEEDS_THREE_YEARS_CRIMINAL_DEFENCE');
  });

  it('given a minors case, when a lawyer without the minors specialty is assigned, then it is refused', () => {
    spec
      .given([received({ minorsCase: true }), meansChecked(), granted()])
      .when(assign(lawyer({ specialties: ['labour'] })))
      .thenRefuses('MINORS_CASE_NEEDS_MINORS_SPECIALIST');
  });

  it('given the adverse party is represented here by the lawyer, when that lawyer is assigned, then CONFLICT_OF_INTEREST', () => {
    spec
      .given([received({ adverseParty: { name: '乐至县某建筑公司', representedBy: { lawyerId: 'lawyer-li', firmId: null } } }), meansChecked(), granted()])
      .when(assign())
      .thenRefuses('CONFLICT_OF_INTEREST');
  });

  it("given the lawyer's firm acts for the adverse party in another open matter, when the lawyer is assigned, then CONFLICT_OF_INTEREST", () => {
    spec
      .given(throughGrant)
      .when(assign(lawyer(), [{ lawyerId: 'lawyer-wu', firmOrgId: 'firm-tianfu', adversePartyNames: ['乐至县某建筑公司'] }]))
      .thenRefuses('CONFLICT_OF_INTEREST');
  });

  it('given the lawyer acts for the adverse party in another open matter at another firm, when assigned, then CONFLICT_OF_INTEREST', () => {
    spec
      .given(throughGrant)
      .when(assign(lawyer(), [{ lawyerId: 'lawyer-li', firmOrgId: 'firm-old', adversePartyNames: ['乐至县某建筑公司'] }]))
      .thenRefuses('CONFLICT_OF_INTEREST');
  });

  it("given another firm's open matter for the adverse party, when the lawyer is assigned, then there is no conflict", () => {
    spec.given(throughGrant).when(assign(lawyer(), [{ lawyerId: 'lawyer-wu', firmOrgId: 'firm-other', adversePartyNames: ['乐至县某建筑公司'] }])).then([assigned()]);
  });

  it('given a lawyer at their maximum case load, when assigned, then it is refused', () => {
    spec.given(throughGrant).when(assign(lawyer({ openCases: 10, maxConcurrentCases: 10 }))).thenRefuses('LAWYER_AT_CAPACITY');
  });

  it('given no grant yet, when a lawyer is assigned, then it is refused', () => {
    spec.given([received()]).when(assign()).thenRefuses('NOT_AWAITING_ASSIGNMENT');
  });

  it('given an assigned lawyer, when they decline, then the aid awaits another lawyer and the declining lawyer cannot be reassigned', () => {
    const declined: ApplicationEvent = {
      type: 'AssignmentDeclined',
      data: { lawyer: LAWYER_LI, reason: '与本案当事人有亲属关系', declinedAt: AT.assigned, reassignmentDueAt: '2026-09-10T16:00:00.000Z', deadlineWarnings: [] },
    };
    spec.given([...throughGrant, assigned()]).when(decline()).then([declined]);
    spec.given([...throughGrant, assigned(), declined]).when(assign(lawyer(), [], '2026-09-08T02:00:00.000Z')).thenRefuses('LAWYER_DECLINED_BEFORE');
    spec
      .given([...throughGrant, assigned(), declined])
      .when(assign(lawyer({ lawyerId: 'lawyer-wu' }), [], '2026-09-08T02:00:00.000Z'))
      .then((events) => expect(only(events, 'LawyerAssigned').data).toMatchObject({ lawyer: { lawyerId: 'lawyer-wu' }, onTime: true }));
  });

  it('given an assigned lawyer, when another lawyer declines, then it is refused', () => {
    spec.given([...throughGrant, assigned()]).when(decline('lawyer-wu')).thenRefuses('DECLINE_NOT_BY_ASSIGNED_LAWYER');
  });

  it('given an assigned lawyer, when the entrustment is signed after 5 days, then it is signed late', () => {
    spec.given([...throughGrant, assigned()]).when(sign('2026-09-15T02:00:00.000Z')).then((events) => expect(only(events, 'EntrustmentSigned').data.onTime).toBe(false));
  });
});

describe('notified defence (通知辩护)', () => {
  const notice = { kind: 'notified-defence' as const, notifyingOrgan: COURT, reason: 'minor' as const };

  it('given a court notice for a minor defendant, when it is received, then it skips the means test and awaits assignment within 3 days', () => {
    spec
      .given([])
      .when(receive({ source: notice, applicant: { name: '李小明', idNumber: MINOR_ID }, category: { kind: 'criminal', lifeOrDeathPossible: false }, adverseParty: null, means: null }))
      .then((events, state) => {
        const data = only(events, 'ApplicationReceived').data;
        expect(data).toMatchObject({ minorsCase: true, decisionDueAt: null, assignmentDueAt: '2026-09-04T16:00:00.000Z' });
        expect(state.stage).toBe('granted');
      });
  });

  it('given a notice for a minor, when a minors specialist is assigned within 3 days, then the assignment names the court for its projection', () => {
    const history = [
      received({
        source: notice,
        category: { kind: 'criminal', lifeOrDeathPossible: false },
        adverseParty: null,
        means: { declaredHardship: false, exemption: null },
        minorsCase: true,
        decisionDueAt: null,
        assignmentDueAt: '2026-09-04T16:00:00.000Z',
      }),
    ];
    spec
      .given(history)
      .when(assign(lawyer(), [], AT.day3))
      .then((events) => expect(only(events, 'LawyerAssigned').data).toMatchObject({ onTime: true, notifyingOrgan: COURT }));
    spec.given(history).when(meansCheck()).thenRefuses('NOT_UNDER_REVIEW');
  });

  it('given a notice in a civil case, when it is received, then it is refused', () => {
    spec.given([]).when(receive({ source: notice, means: null })).thenRefuses('NOTIFIED_DEFENCE_NOT_CRIMINAL');
  });

  it('given a notice for a possible death sentence, when received, then it is a life-or-death case', () => {
    spec
      .given([])
      .when(receive({ source: { ...notice, reason: 'life-imprisonment-or-death' }, category: { kind: 'criminal', lifeOrDeathPossible: false }, means: null }))
      .then((events) => expect(only(events, 'ApplicationReceived').data.lifeOrDeathCase).toBe(true));
  });
});

describe('objection (异议)', () => {
  const denied: ApplicationEvent = { type: 'AidDenied', data: { reasons: ['不符合经济困难标准'], decidedAt: AT.granted, decidedBy: HANDLER, onTime: true } };
  const filed: ApplicationEvent = {
    type: 'ObjectionFiled',
    data: { against: 'denial', grounds: '申请人系低保对象，符合经济困难条件', filedAt: '2026-09-05T02:00:00.000Z', filedBy: { userId: 'public:13812345678', orgId: 'public' }, decisionDueAt: '2026-09-10T16:00:00.000Z', deadlineWarnings: [] },
  };

  it('given a denial, when the applicant objects, then the bureau must decide within 5 days', () => {
    spec.given([received(), meansChecked('does-not-meet'), denied]).when(fileObjection()).then([filed]);
  });

  it('given a pending objection, when the bureau upholds it, then the review reopens and aid can then be granted', () => {
    const upheld: ApplicationEvent = {
      type: 'ObjectionDecided',
      data: { against: 'denial', upheld: true, note: '经复核', decidedAt: '2026-09-08T02:00:00.000Z', decidedBy: BUREAU, onTime: true, reviewDecisionDueAt: '2026-09-15T16:00:00.000Z', deadlineWarnings: [] },
    };
    spec.given([received(), meansChecked('does-not-meet'), denied, filed]).when(decideObjection(true)).then([upheld]);
    spec
      .given([received(), meansChecked('does-not-meet'), denied, filed, upheld, { ...meansChecked('meets'), data: { ...meansChecked().data, checkedAt: '2026-09-09T02:00:00.000Z' } }])
      .when(grant('2026-09-09T03:00:00.000Z'))
      .then((events) => expect(only(events, 'AidGranted').data.onTime).toBe(true));
  });

  it('given a rejected objection, when another is filed, then it is refused', () => {
    const rejected: ApplicationEvent = {
      type: 'ObjectionDecided',
      data: { against: 'denial', upheld: false, note: '经复核', decidedAt: '2026-09-08T02:00:00.000Z', decidedBy: BUREAU, onTime: true, reviewDecisionDueAt: null, deadlineWarnings: [] },
    };
    spec.given([received(), denied, filed, rejected]).when(fileObjection('2026-09-09T02:00:00.000Z')).thenRefuses('OBJECTION_ALREADY_FILED');
  });

  it('given granted aid, when an objection is filed, then it is refused', () => {
    spec.given(throughGrant).when(fileObjection()).thenRefuses('NOT_DENIED_OR_TERMINATED');
  });

  it('given no pending objection, when the bureau decides, then it is refused', () => {
    spec.given([received(), denied]).when(decideObjection(true)).thenRefuses('NO_PENDING_OBJECTION');
  });

  it('given a termination, when an objection to it is upheld, then the aid resumes where it was', () => {
    const history = [...throughSigning, { type: 'AidTerminated', data: { ground: 'own-counsel-retained', explanation: '受援人自行委托律师', terminatedAt: AT.progress, terminatedBy: HANDLER } } as ApplicationEvent];
    const state = fold(decider, [
      ...history,
      { type: 'ObjectionFiled', data: { against: 'termination', grounds: '未自行委托', filedAt: AT.progress, filedBy: HANDLER, decisionDueAt: '2026-09-15T16:00:00.000Z', deadlineWarnings: [] } } as ApplicationEvent,
      { type: 'ObjectionDecided', data: { against: 'termination', upheld: true, note: '经复核', decidedAt: '2026-09-12T02:00:00.000Z', decidedBy: BUREAU, onTime: true, reviewDecisionDueAt: null, deadlineWarnings: [] } },
    ]);
    expect(state.stage).toBe('in-progress');
  });
});

describe('handling and termination (终止)', () => {
  it.each(TERMINATION_GROUNDS)('given aid in progress, when it is terminated on Art. 48 ground %s, then AidTerminated is recorded', (ground) => {
    spec
      .given(throughSigning)
      .when(terminate(ground))
      .then((events, state) => {
        expect(only(events, 'AidTerminated').data).toEqual({ ground, explanation: '受援人自行委托律师', terminatedAt: AT.progress, terminatedBy: HANDLER });
        expect(state.stage).toBe('terminated');
      });
  });

  it('given an Art. 42-exempt aid, when it is terminated for changed means, then it is refused', () => {
    spec.given([migrantWorkerReceived(), granted()]).when(terminate('means-changed')).thenRefuses('TERMINATION_GROUND_NOT_APPLICABLE');
  });

  it('given a received application, when it is terminated, then it is refused', () => {
    spec.given([received()]).when(terminate('recipient-request')).thenRefuses('NOT_BEING_HANDLED');
  });

  it('given a direct application in progress, when progress is recorded, then there is no front-desk reply', () => {
    spec.given(throughSigning).when(progress()).then([{ type: 'ProgressRecorded', data: { note: '已向劳动人事争议仲裁委员会申请仲裁', at: AT.progress, recordedBy: HANDLER } }]);
  });
});

describe('closure (结案)', () => {
  const ended: ApplicationEvent = {
    type: 'MatterEnded',
    data: { endedAt: AT.ended, resultSummary: '经仲裁调解，用人单位支付欠薪 36,000 元。', recordedAt: AT.ended, closureMaterialsDueAt: AT.closureDue, deadlineWarnings: [] },
  };
  const submitted: ApplicationEvent = { type: 'ClosureMaterialsSubmitted', data: { submittedAt: AT.reviewed, submittedBy: HANDLER, onTime: true } };

  it('given aid in progress, when the matter ends, then closure materials are due 30 days after', () => {
    spec.given(throughSigning).when(endMatter()).then([ended]);
  });

  it('given an assigned but unsigned aid, when the matter ends, then it is refused', () => {
    spec.given([...throughGrant, assigned()]).when(endMatter()).thenRefuses('ENTRUSTMENT_NOT_SIGNED');
  });

  it('given a matter ended, when materials are submitted within 30 days, then on time; after, late', () => {
    spec.given([...throughSigning, ended]).when(submitClosure(AT.reviewed)).then([submitted]);
    spec.given([...throughSigning, ended]).when(submitClosure('2026-11-10T02:00:00.000Z')).then((events) => expect(only(events, 'ClosureMaterialsSubmitted').data.onTime).toBe(false));
  });

  it('given no closure materials, when the closure is reviewed, then it is refused', () => {
    spec.given([...throughSigning, ended]).when(reviewClosure()).thenRefuses('CLOSURE_MATERIALS_MISSING');
  });

  it('given a failed review, when a subsidy is set, then it is refused', () => {
    spec.given([...throughSigning, ended, submitted]).when(reviewClosure('fail', 800)).thenRefuses('FAILED_REVIEW_PAYS_NO_SUBSIDY');
  });

  it('given a direct application, when the closure is reviewed, then it is closed without a front-desk reply and the recipient can be revisited', () => {
    spec.given([...throughSigning, ended, submitted]).when(reviewClosure()).then([{ type: 'ClosureReviewed', data: { quality: 'good', subsidyYuan: 1500, reviewedAt: AT.reviewed, reviewedBy: HANDLER } }]);
    const reviewed: ApplicationEvent = { type: 'ClosureReviewed', data: { quality: 'good', subsidyYuan: 1500, reviewedAt: AT.reviewed, reviewedBy: HANDLER } };
    spec
      .given([...throughSigning, ended, submitted, reviewed])
      .when(command<RecordRevisit>('RecordRevisit', { note: '电话回访，受援人满意', satisfied: true }, { now: AT.reviewed }))
      .then([{ type: 'RecipientRevisited', data: { note: '电话回访，受援人满意', satisfied: true, revisitedAt: AT.reviewed, revisitedBy: HANDLER } }]);
  });

  it('given an open case, when the recipient is revisited, then it is refused', () => {
    spec.given(throughSigning).when(command<RecordRevisit>('RecordRevisit', { note: '回访', satisfied: true })).thenRefuses('NOT_CLOSED');
  });
});

describe('front-desk reply sections (结果反馈)', () => {
  const reply = { matterId: MATTER_ID, line: 'legal-aid', orgId: AGENCY.orgId };

  it('given a front-desk application, when aid is denied, then AidDenied carries a denied result', () => {
    spec
      .given([frontDeskReceived(), meansChecked('does-not-meet')])
      .when(deny())
      .then((events) => expect(only(events, 'AidDenied').data.frontDeskReply).toEqual({ kind: 'result', ...reply, outcome: 'denied', summary: '不予法律援助：不符合经济困难标准', at: AT.granted }));
  });

  it('given a front-desk application in progress, when progress is recorded, then it carries a progress section', () => {
    spec
      .given(deskThroughSigning)
      .when(progress())
      .then((events) => expect(only(events, 'ProgressRecorded').data.frontDeskReply).toEqual({ kind: 'progress', ...reply, note: '已向劳动人事争议仲裁委员会申请仲裁', at: AT.progress }));
  });

  it('given a front-desk application, when the closure is reviewed, then it carries the completed result with the summary', () => {
    spec
      .given([
        ...deskThroughSigning,
        { type: 'MatterEnded', data: { endedAt: AT.ended, resultSummary: '经仲裁调解，用人单位支付欠薪 36,000 元。', recordedAt: AT.ended, closureMaterialsDueAt: AT.closureDue, deadlineWarnings: [] } },
        { type: 'ClosureMaterialsSubmitted', data: { submittedAt: AT.reviewed, submittedBy: HANDLER, onTime: true } },
      ])
      .when(reviewClosure())
      .then((events) =>
        expect(only(events, 'ClosureReviewed').data.frontDeskReply).toEqual({ kind: 'result', ...reply, outcome: 'completed', summary: '经仲裁调解，用人单位支付欠薪 36,000 元。', at: AT.reviewed }),
      );
  });

  it('given a front-desk application, when a means check, grant, assignment or entrustment happens, then those events carry no section', () => {
    const events: ApplicationEvent[] = [];
    let history: ApplicationEvent[] = [frontDeskReceived()];
    for (const next of [meansCheck(), grant(), assign(), sign()]) {
      const decided = decider.decide(next, fold(decider, history));
      events.push(...decided);
      history = [...history, ...decided];
    }
    expect(events.map((event) => event.type)).toEqual(['MeansChecked', 'AidGranted', 'LawyerAssigned', 'EntrustmentSigned']);
    for (const event of events) expect(event.data).not.toHaveProperty('frontDeskReply');
  });

  it('given a front-desk application, when it is terminated, then the desk also learns the terminated result', () => {
    spec
      .given(deskThroughSigning)
      .when(terminate('own-counsel-retained'))
      .then((events) => expect(only(events, 'AidTerminated').data.frontDeskReply).toMatchObject({ kind: 'result', outcome: 'terminated' }));
  });
});

describe('legalAidDecider policy', () => {
  it('refuses a deadline that is not a period', () => {
    expect(() => legalAidDecider({ calendar: new StatutoryCalendar(), deadlines: { decision: { amount: 0, unit: 'day' } } })).toThrow(expect.objectContaining({ code: 'LEGAL_AID_POLICY_INVALID' }));
  });

  it('uses a configured period: 7 working days to decide', () => {
    const workingDays = DeciderSpecification(legalAidDecider({ calendar: new StatutoryCalendar(), deadlines: { decision: { amount: 7, unit: 'workingDay' } } }));
    workingDays.given([]).when(receive()).then((events) => expect(only(events, 'ApplicationReceived').data.decisionDueAt).toBe('2026-09-10T16:00:00.000Z'));
  });

  it('given nothing, when a command other than receive comes, then APPLICATION_NOT_FOUND', () => {
    spec.given([]).when(grant()).thenRefuses('APPLICATION_NOT_FOUND');
  });
});
