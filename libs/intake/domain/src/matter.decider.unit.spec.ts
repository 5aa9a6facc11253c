import { fold } from '@pls/event-sourcing';
import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AnswerConsultation,
  AnswerSupervision,
  AppealRating,
  CloseRectification,
  DeliverFeedback,
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
import { DEFAULT_MATTER_DEADLINES, matterDecider, rectificationIdFor } from './matter.decider';
import type { MatterEvent, MatterRegistered, MatterRouted, RectificationOpened } from './matter.events';
import type { MatterState } from './matter.state';
import {
  accepted,
  applicantUser,
  AT,
  calledBack,
  CASE_CODE,
  clerk,
  command,
  consultationAnswered,
  consultationRegistered,
  countySupervisor,
  feedbackDelivered,
  LEZHI_LEGAL_AID,
  LEZHI_NOTARY,
  legalAidStaff,
  MATTER_ID,
  otherDeskClerk,
  progressed,
  ratedAs,
  ratingAppealed,
  reactor,
  RECTIFICATION_ID,
  rectificationOpened,
  registered,
  registration,
  RESIDENT_ID_WRONG_CHECK,
  resultReceived,
  returned,
  routed,
  SHA,
  supervisionOrdered,
  throughBadRating,
  throughFeedback,
  throughResult,
  TIANCHI_STATION,
  USCC,
  USCC_WRONG_CHECK,
  WUTONGQIAO_LEGAL_AID,
  ZIYANG_LEGAL_AID,
} from './testing/matter.fixtures';

const calendar = new StatutoryCalendar();
const decider = matterDecider({ calendar });
const spec = DeciderSpecification(decider);

const register = (data: RegisterMatter['data'], now: string = AT.registered) => command<RegisterMatter>('RegisterMatter', data, { now });
const route = (data: Partial<RouteMatter['data']> = {}, now: string = AT.routed) =>
  command<RouteMatter>(
    'RouteMatter',
    { line: 'legal-aid', handlingOrg: { ...LEZHI_LEGAL_AID, lines: ['legal-aid'] }, defaultOrg: LEZHI_LEGAL_AID, ...data },
    { now },
  );
const acceptance = (data: Partial<RecordBackOfficeAcceptance['data']> = {}) =>
  command<RecordBackOfficeAcceptance>(
    'RecordBackOfficeAcceptance',
    { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, backOfficeCaseNo: '（2026）乐法援字第 118 号', acceptedAt: AT.accepted, ...data },
    { now: AT.accepted, actor: reactor },
  );
const returnToDesk = (data: Partial<RecordBackOfficeReturn['data']> = {}) =>
  command<RecordBackOfficeReturn>(
    'RecordBackOfficeReturn',
    { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, reason: '劳动争议未经仲裁，请先引导申请劳动仲裁', returnedAt: AT.accepted, ...data },
    { now: AT.accepted, actor: reactor },
  );
const progress = (data: Partial<RecordBackOfficeProgress['data']> = {}) =>
  command<RecordBackOfficeProgress>('RecordBackOfficeProgress', { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, note: '已指派律师', at: AT.progress, ...data }, { now: AT.progress, actor: reactor });
const result = (data: Partial<RecordResult['data']> = {}) =>
  command<RecordResult>(
    'RecordResult',
    { line: 'legal-aid', orgId: LEZHI_LEGAL_AID.orgId, outcome: 'completed', summary: '经仲裁调解，用人单位支付全部欠薪 36,000 元。', at: AT.result, ...data },
    { now: AT.resultReceived, actor: reactor },
  );
const feedback = (data: Partial<DeliverFeedback['data']> = {}, now: string = AT.fedBack) =>
  command<DeliverFeedback>('DeliverFeedback', { channel: 'sms', content: '您的法律援助事项已办结：用人单位已支付欠薪 36,000 元。', ...data }, { now });
const rate = (data: RateService['data'], now: string = AT.rated) => command<RateService>('RateService', data, { now, actor: applicantUser });
const callBack = (actor = legalAidStaff) =>
  command<RecordRectificationCallBack>('RecordRectificationCallBack', { note: '已电话回访，申请人反映律师联系不及时' }, { now: AT.appealed, actor });
const closeRectification = (data: Partial<CloseRectification['data']> = {}, now: string = AT.later, actor = legalAidStaff) =>
  command<CloseRectification>('CloseRectification', { outcome: '已约谈承办律师并调整联系机制，结果已电话告知申请人', resultFedBackToRater: true, ...data }, { now, actor });
const appeal = (actor = legalAidStaff) => command<AppealRating>('AppealRating', { reason: '评价人与案件无关，系恶意差评' }, { now: AT.appealed, actor });
const review = (upheld: boolean, actor = countySupervisor) =>
  command<ReviewRatingAppeal>('ReviewRatingAppeal', { upheld, note: '经核查通话记录，评价人并非申请人' }, { now: AT.later, actor });
const orderSupervision = (data: Partial<OrderSupervision['data']> = {}, actor = countySupervisor) =>
  command<OrderSupervision>('OrderSupervision', { supervisionId: 'sv-1', note: '请于 9 月 30 日前向申请人反馈结果', dueAt: AT.feedbackDue, ...data }, { now: AT.resultReceived, actor });
const answerSupervision = (data: Partial<AnswerSupervision['data']> = {}, actor = clerk, now: string = AT.fedBack) =>
  command<AnswerSupervision>('AnswerSupervision', { supervisionId: 'sv-1', answer: '已于 9 月 28 日短信反馈', ...data }, { now, actor });

const by = (actor: { userId: string; orgId: string }) => ({ userId: actor.userId, orgId: actor.orgId });
const stateAfter = (events: readonly MatterEvent[]): MatterState => fold(decider, events);

describe('RegisterMatter (登记)', () => {
  it('given nothing, when a clerk registers a hotline call with a resident ID, then the matter is registered with its data normalised', () => {
    spec.given([]).when(register(registration())).then([registered()]);
  });

  it('given nothing, when an organisation applies with a valid unified social credit code and an agent, then it is registered', () => {
    spec
      .given([])
      .when(
        register(
          registration({
            applicant: { kind: 'organisation', name: '乐至县某建筑劳务有限公司', uscc: USCC.toLowerCase(), contactName: '李四', contactPhone: '028-23312345' },
            agent: { name: 'John Smith', idType: 'passport', idNumber: 'e 1234 5678', phone: '+86 139 0000 1111' },
          }),
        ),
      )
      .then((events) => {
        const data = (events[0] as MatterRegistered).data;
        expect(data.applicant).toEqual({ kind: 'organisation', name: '乐至县某建筑劳务有限公司', uscc: USCC, contactName: '李四', contactPhone: '028-23312345' });
        expect(data.agent).toEqual({ kind: 'person', name: 'John Smith', idType: 'passport', idNumber: 'E12345678', phone: '13900001111' });
      });
  });

  it('given nothing, when the resident ID number has a wrong check digit, then it is refused naming the field', () => {
    spec
      .given([])
      .when(register(registration({ applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: RESIDENT_ID_WRONG_CHECK, phone: '13812345678' } })))
      .thenRefuses('RESIDENT_ID_CHECK_DIGIT_MISMATCH', /applicant\.idNumber/);
  });

  it("given nothing, when the agent's resident ID number has a wrong check digit, then it is refused naming the agent", () => {
    spec
      .given([])
      .when(register(registration({ agent: { name: '张小三', idType: 'resident-id', idNumber: RESIDENT_ID_WRONG_CHECK, phone: '13812345679' } })))
      .thenRefuses('RESIDENT_ID_CHECK_DIGIT_MISMATCH', /agent\.idNumber/);
  });

  it('given nothing, when the unified social credit code has a wrong check character, then it is refused', () => {
    spec
      .given([])
      .when(register(registration({ applicant: { kind: 'organisation', name: '某公司', uscc: USCC_WRONG_CHECK, contactName: '李四', contactPhone: '13812345678' } })))
      .thenRefuses('USCC_CHECK_CHAR_MISMATCH');
  });

  it('given nothing, when the phone number is neither mobile nor landline, then it is refused', () => {
    spec
      .given([])
      .when(register(registration({ applicant: { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '512022198506121237', phone: '12345' } })))
      .thenRefuses('PHONE_NUMBER_INVALID', /applicant\.phone/);
  });

  it('given nothing, when the applicant did not consent to the use of their data, then it is refused (PIPL)', () => {
    spec.given([]).when(register(registration({ consentToDataUse: false }))).thenRefuses('CONSENT_REQUIRED');
  });

  it('given nothing, when the description is 4001 characters, then it is refused; 4000 are accepted', () => {
    spec.given([]).when(register(registration({ description: '欠'.repeat(4001) }))).thenRefuses('DESCRIPTION_TOO_LONG');
    spec.given([]).when(register(registration({ description: '欠'.repeat(4000) }))).then((events) => expect(events).toHaveLength(1));
  });

  it('given nothing, when the description is blank, then it is refused', () => {
    spec.given([]).when(register(registration({ description: '   ' }))).thenRefuses('DESCRIPTION_REQUIRED');
  });

  it('given nothing, when an attachment SHA-256 is not 64 hex digits, then it is refused', () => {
    spec
      .given([])
      .when(register(registration({ attachments: [{ name: '合同.pdf', mediaType: 'application/pdf', sizeBytes: 100, sha256: 'z'.repeat(64) }] })))
      .thenRefuses('ATTACHMENT_SHA256_INVALID', /attachments\[0\]\.sha256/);
  });

  it('given nothing, when an attachment is larger than 50 MB, then it is refused', () => {
    spec
      .given([])
      .when(register(registration({ attachments: [{ name: '录像.mp4', mediaType: 'video/mp4', sizeBytes: 50 * 1024 * 1024 + 1, sha256: SHA }] })))
      .thenRefuses('ATTACHMENT_TOO_LARGE');
  });

  it('given nothing, when 21 files are attached, then it is refused', () => {
    const files = Array.from({ length: 21 }, (_, i) => ({ name: `${i}.jpg`, mediaType: 'image/jpeg', sizeBytes: 1000, sha256: i.toString(16).padStart(64, '0') }));
    spec.given([]).when(register(registration({ attachments: files }))).thenRefuses('TOO_MANY_ATTACHMENTS');
  });

  it('given nothing, when the same file is attached twice, then it is refused', () => {
    const file = { name: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 1000, sha256: SHA };
    spec.given([]).when(register(registration({ attachments: [file, { ...file, name: 'b.pdf' }] }))).thenRefuses('ATTACHMENT_DUPLICATE');
  });

  it('given nothing, when a court refers a matter, then the referring organ is recorded; without it the referral is refused', () => {
    spec
      .given([])
      .when(register(registration({ channel: 'referral', referralSource: { organId: 'court-lezhi' } })))
      .then((events) => expect((events[0] as MatterRegistered).data.referralSource).toEqual({ organId: 'court-lezhi' }));
    spec.given([]).when(register(registration({ channel: 'referral' }))).thenRefuses('REFERRAL_SOURCE_REQUIRED');
  });

  it('given nothing, when a walk-in matter names a referral source, then it is refused', () => {
    spec.given([]).when(register(registration({ channel: 'walk-in', referralSource: { organId: 'court-lezhi' } }))).thenRefuses('REFERRAL_SOURCE_UNEXPECTED');
  });

  it('given nothing, when the case code was mistyped, then its check symbol catches it', () => {
    const typo = CASE_CODE.slice(0, 3) + (CASE_CODE[3] === 'A' ? 'B' : 'A') + CASE_CODE.slice(4);
    spec.given([]).when(register(registration({ caseCode: typo }))).thenRefuses('CASE_CODE_CHECK_MISMATCH');
  });

  it('given nothing, when the region code of the receiving organisation is malformed, then it is refused', () => {
    spec.given([]).when(register(registration({ receivingOrg: { orgId: TIANCHI_STATION.orgId, regionCode: '51202' } }))).thenRefuses('REGION_CODE_MALFORMED');
  });

  it('given nothing, when the channel or the matter type line is unknown, then it is refused', () => {
    spec.given([]).when(register(registration({ channel: 'fax' as never }))).thenRefuses('CHANNEL_INVALID');
    spec.given([]).when(register(registration({ matterType: { code: 'X', name: 'X', line: 'arbitration' as never } }))).thenRefuses('MATTER_TYPE_INVALID');
  });

  it('given a registered matter, when it is registered again, then it is refused', () => {
    spec.given([registered()]).when(register(registration())).thenRefuses('MATTER_ALREADY_REGISTERED');
  });

  it('given nothing, when metadata.now has no time zone, then it is refused', () => {
    spec.given([]).when(register(registration(), '2026-09-22T09:00:00')).thenRefuses('INSTANT_INVALID');
  });
});

describe('AnswerConsultation (当场答复)', () => {
  const answer = (actor = clerk) => command<AnswerConsultation>('AnswerConsultation', { answer: '可向用人单位所在地劳动人事争议仲裁委员会申请仲裁。' }, { now: AT.routed, actor });

  it('given a consultation at the desk, when the clerk answers it, then it is answered and the matter is closed', () => {
    spec
      .given([consultationRegistered])
      .when(answer())
      .then((events, state) => {
        expect(events).toEqual([consultationAnswered]);
        expect(state).toMatchObject({ stage: 'closed', closure: { kind: 'consultation-answered' }, rating: { status: 'unrated' } });
      });
  });

  it('given a legal-aid matter, when the clerk tries to answer it at the desk, then it is refused', () => {
    spec.given([registered()]).when(answer()).thenRefuses('NOT_A_CONSULTATION');
  });

  it('given a consultation, when a clerk of another organisation answers it, then it is refused (首问负责制)', () => {
    spec.given([consultationRegistered]).when(answer(otherDeskClerk)).thenRefuses('NOT_RECEIVING_ORG');
  });

  it('given an answered consultation, when it is answered again, then it is refused', () => {
    spec.given([consultationRegistered, consultationAnswered]).when(answer()).thenRefuses('MATTER_CLOSED');
  });

  it('given nothing, when a consultation is answered, then there is no such matter', () => {
    spec.given([]).when(answer()).thenRefuses('MATTER_NOT_FOUND');
  });
});

describe('RouteMatter (分流 / 转办)', () => {
  it('given a matter at the desk, when it is routed to the default county legal aid centre, then the acceptance is due 3 working days later, skipping Mid-Autumn', () => {
    spec
      .given([registered()])
      .when(route())
      .then((events, state) => {
        expect(events).toEqual([routed()]);
        expect(state).toMatchObject({ stage: 'routed', route: { acceptanceDueAt: AT.acceptanceDue } });
      });
  });

  it('given a matter at the desk, when the handling organisation does not serve the line, then it is refused', () => {
    spec
      .given([registered()])
      .when(route({ handlingOrg: { ...LEZHI_NOTARY, lines: ['notarization'] } }))
      .thenRefuses('ORG_DOES_NOT_SERVE_LINE');
  });

  it('given a matter at the desk, when it is routed to another region than the default without a reason, then it is refused (异地协作)', () => {
    spec
      .given([registered()])
      .when(route({ handlingOrg: { ...WUTONGQIAO_LEGAL_AID, lines: ['legal-aid'] } }))
      .thenRefuses('ROUTING_OVERRIDE_NEEDS_REASON');
  });

  it('given a matter at the desk, when it is routed to another region with a reason, then the reason and the default are recorded', () => {
    spec
      .given([registered()])
      .when(route({ handlingOrg: { ...WUTONGQIAO_LEGAL_AID, lines: ['legal-aid'] }, reason: ' 用人单位及工地均在五通桥区 ' }))
      .then([routed({ handlingOrg: WUTONGQIAO_LEGAL_AID, defaultOrgId: LEZHI_LEGAL_AID.orgId, reason: '用人单位及工地均在五通桥区' })]);
  });

  it('given a matter at the desk, when it is routed up a level to the city centre without a reason, then it is refused', () => {
    spec.given([registered()]).when(route({ handlingOrg: { ...ZIYANG_LEGAL_AID, lines: ['legal-aid'] } })).thenRefuses('ROUTING_OVERRIDE_NEEDS_REASON');
  });

  it('given a matter at the desk, when it goes to a peer agency at the same level and place, then no reason is needed', () => {
    const peer = { orgId: 'org-lezhi-legal-aid-workstation', regionCode: '512022000000', level: 'county' as const };
    spec
      .given([registered()])
      .when(route({ handlingOrg: { ...peer, lines: ['legal-aid'] } }))
      .then([routed({ handlingOrg: peer })]);
  });

  it('given a region without a default agency for the line, when the matter is routed without a reason, then it is refused', () => {
    spec.given([registered()]).when(route({ defaultOrg: null })).thenRefuses('ROUTING_OVERRIDE_NEEDS_REASON');
  });

  it("given a legal-aid matter, when it is routed to the notarization line, then it is refused as not the matter type's line", () => {
    spec
      .given([registered()])
      .when(route({ line: 'notarization', handlingOrg: { ...LEZHI_NOTARY, lines: ['notarization'] }, defaultOrg: LEZHI_NOTARY }))
      .thenRefuses('LINE_DIFFERS_FROM_MATTER_TYPE');
  });

  it('given a consultation that turns out to need legal aid, when it is routed to legal aid, then it is routed (转办)', () => {
    spec.given([consultationRegistered]).when(route()).then([routed()]);
  });

  it('given a level that does not match the region code, then it is refused', () => {
    spec.given([registered()]).when(route({ handlingOrg: { ...LEZHI_LEGAL_AID, level: 'city', lines: ['legal-aid'] } })).thenRefuses('ORG_LEVEL_MISMATCH');
  });

  it('given a routed matter, when it is routed again before the back office answers, then it is refused', () => {
    spec.given([registered(), routed()]).when(route()).thenRefuses('MATTER_NOT_AT_DESK');
  });

  it('given a matter the back office returned, when the desk re-routes it, then it is routed again', () => {
    spec
      .given([registered(), routed(), returned()])
      .when(route({ handlingOrg: { ...ZIYANG_LEGAL_AID, lines: ['legal-aid'] }, reason: '县中心退回，报市中心' }, AT.fedBack))
      .then((events, state) => {
        // routed Monday 28 Sep: 29, 30, (1–7 Oct 国庆), 8 Oct
        expect(events).toEqual([
          routed({ handlingOrg: ZIYANG_LEGAL_AID, reason: '县中心退回，报市中心', routedAt: AT.fedBack, acceptanceDueAt: '2026-10-08T16:00:00.000Z' }),
        ]);
        expect(state).toMatchObject({ stage: 'routed', returns: 1 });
      });
  });

  it('given an answered consultation, when it is routed, then it is refused as closed', () => {
    spec.given([consultationRegistered, consultationAnswered]).when(route()).thenRefuses('MATTER_CLOSED');
  });

  it('given a matter registered at another desk, when this desk routes it, then it is refused (首问负责制)', () => {
    spec
      .given([registered()])
      .when({ ...route(), metadata: { ...route().metadata, actor: otherDeskClerk } })
      .thenRefuses('NOT_RECEIVING_ORG');
  });
});

describe('RecordBackOfficeAcceptance (后台受理)', () => {
  it('given a routed matter, when the routed centre accepts it in time, then it is accepted on time', () => {
    spec
      .given([registered(), routed()])
      .when(acceptance())
      .then((events, state) => {
        expect(events).toEqual([accepted]);
        expect(state).toMatchObject({ stage: 'accepted', backOffice: { backOfficeCaseNo: '（2026）乐法援字第 118 号', onTime: true } });
      });
  });

  it('given a routed matter, when the centre accepts it after the deadline, then it is accepted late', () => {
    spec
      .given([registered(), routed()])
      .when(acceptance({ acceptedAt: '2026-09-30T01:00:00.000Z' }))
      .then([{ ...accepted, data: { ...accepted.data, acceptedAt: '2026-09-30T01:00:00.000Z', onTime: false } }]);
  });

  it('given a matter routed to the county centre, when another organisation accepts it, then it is refused', () => {
    spec.given([registered(), routed()]).when(acceptance({ orgId: ZIYANG_LEGAL_AID.orgId })).thenRefuses('REPLY_NOT_FROM_ROUTED_ORG');
  });

  it('given an accepted matter, when the same acceptance arrives again, then nothing happens', () => {
    spec.given([registered(), routed(), accepted]).when(acceptance()).thenNothingHappens();
  });

  it('given an accepted matter, when an acceptance with another case number arrives, then it is refused', () => {
    spec.given([registered(), routed(), accepted]).when(acceptance({ backOfficeCaseNo: '（2026）乐法援字第 119 号' })).thenRefuses('ALREADY_ACCEPTED');
  });

  it('given a matter at the desk, when an acceptance arrives, then it is refused as not routed', () => {
    spec.given([registered()]).when(acceptance()).thenRefuses('MATTER_NOT_ROUTED');
  });
});

describe('RecordBackOfficeReturn (退回)', () => {
  it('given a routed matter, when the centre returns it, then it is back at the desk with one return counted', () => {
    spec
      .given([registered(), routed()])
      .when(returnToDesk())
      .then((events, state) => {
        expect(events).toEqual([returned(1)]);
        expect(state).toMatchObject({ stage: 'at-desk', returns: 1, lastReturn: { orgId: LEZHI_LEGAL_AID.orgId } });
      });
  });

  it('given a matter returned once and re-routed, when it is returned again, then it is the second return', () => {
    spec.given([registered(), routed(), returned(1), routed()]).when(returnToDesk()).then([returned(2)]);
  });

  it('given a returned matter, when the same return arrives again, then nothing happens', () => {
    spec.given([registered(), routed(), returned()]).when(returnToDesk()).thenNothingHappens();
  });

  it('given an accepted matter, when the centre returns it, then it is refused', () => {
    spec.given([registered(), routed(), accepted]).when(returnToDesk()).thenRefuses('RETURN_AFTER_ACCEPTANCE');
  });

  it('given a routed matter, when another organisation returns it, then it is refused', () => {
    spec.given([registered(), routed()]).when(returnToDesk({ orgId: ZIYANG_LEGAL_AID.orgId })).thenRefuses('REPLY_NOT_FROM_ROUTED_ORG');
  });
});

describe('RecordBackOfficeProgress (办理进度)', () => {
  it('given an accepted matter, when the centre reports a step, then it is on the timeline', () => {
    spec.given([registered(), routed(), accepted]).when(progress()).then([progressed]);
  });

  it('given the same step reported twice, then the second report changes nothing', () => {
    spec.given([registered(), routed(), accepted, progressed]).when(progress()).thenNothingHappens();
  });

  it('given a routed matter not yet accepted, when a step is reported, then it is refused', () => {
    spec.given([registered(), routed()]).when(progress()).thenRefuses('MATTER_NOT_ACCEPTED');
  });

  it('given a result already fed back, when a late step (回访) arrives, then it is still recorded', () => {
    spec.given(throughFeedback).when(progress({ note: '已回访受援人', at: AT.later })).then([{ ...progressed, data: { ...progressed.data, note: '已回访受援人', at: AT.later } }]);
  });
});

describe('RecordResult (办理结果)', () => {
  it('given an accepted matter, when the result arrives on Thursday, then feedback is due 3 working days later, after Mid-Autumn', () => {
    spec
      .given([registered(), routed(), accepted])
      .when(result())
      .then((events, state) => {
        expect(events).toEqual([resultReceived]);
        expect(state).toMatchObject({ stage: 'result-received', result: { feedbackDueAt: AT.feedbackDue } });
      });
  });

  it('given a result received, when the same result arrives again, then nothing happens; a different one is refused', () => {
    spec.given(throughResult).when(result()).thenNothingHappens();
    spec.given(throughResult).when(result({ outcome: 'terminated' })).thenRefuses('RESULT_ALREADY_RECEIVED');
  });

  it('given a routed matter not yet accepted, when a result arrives, then it is refused', () => {
    spec.given([registered(), routed()]).when(result()).thenRefuses('MATTER_NOT_ACCEPTED');
  });

  it('given an accepted matter, when a result with an unknown outcome arrives, then it is refused', () => {
    spec.given([registered(), routed(), accepted]).when(result({ outcome: 'won' as never })).thenRefuses('RESULT_OUTCOME_INVALID');
  });
});

describe('DeliverFeedback (结果反馈)', () => {
  it('given a result received, when the clerk sends it by SMS before the due date, then feedback is delivered on time', () => {
    spec
      .given(throughResult)
      .when(feedback())
      .then((events, state) => {
        expect(events).toEqual([feedbackDelivered]);
        expect(state).toMatchObject({ stage: 'fed-back', rating: { status: 'unrated' } });
      });
  });

  it('given a result received, when the feedback is delivered after the due date, then it is recorded as late', () => {
    spec
      .given(throughResult)
      .when(feedback({ channel: 'phone' }, '2026-10-01T02:00:00.000Z'))
      .then((events) => expect(events[0]).toMatchObject({ type: 'FeedbackDelivered', data: { channel: 'phone', deliveredAt: '2026-10-01T02:00:00.000Z', onTime: false } }));
  });

  it('given a result received, when a phone call made earlier is logged with its time, then that time counts', () => {
    spec
      .given(throughResult)
      .when(feedback({ channel: 'phone', deliveredAt: '2026-09-30T08:00:00+08:00' }, '2026-10-08T02:00:00.000Z'))
      .then((events) => expect(events[0]).toMatchObject({ data: { deliveredAt: '2026-09-30T00:00:00.000Z', onTime: true } }));
  });

  it('given a result received, when the delivery time is in the future, then it is refused', () => {
    spec.given(throughResult).when(feedback({ deliveredAt: '2026-09-29T02:00:00.000Z' })).thenRefuses('FEEDBACK_TIME_OUT_OF_RANGE');
  });

  it('given an accepted matter without a result, when feedback is delivered, then it is refused', () => {
    spec.given([registered(), routed(), accepted]).when(feedback()).thenRefuses('FEEDBACK_BEFORE_RESULT');
  });

  it('given feedback delivered, when it is delivered again, then it is refused', () => {
    spec.given(throughFeedback).when(feedback()).thenRefuses('FEEDBACK_ALREADY_DELIVERED');
  });
});

describe('RateService (好差评)', () => {
  it('given feedback delivered, when the applicant is satisfied, then the rating is recorded against the handling centre and nothing else opens', () => {
    spec
      .given(throughFeedback)
      .when(rate({ level: 'satisfied', comment: '  ' }))
      .then([ratedAs('satisfied')]);
  });

  it('given a result not yet fed back, when the applicant rates, then it is refused', () => {
    spec.given(throughResult).when(rate({ level: 'satisfied' })).thenRefuses('RATING_BEFORE_FEEDBACK');
  });

  it('given a rated service, when it is rated a second time, then it is refused (一次一评)', () => {
    spec.given([...throughFeedback, ratedAs('very-satisfied')]).when(rate({ level: 'dissatisfied' })).thenRefuses('ALREADY_RATED');
  });

  it('given feedback delivered, when the applicant rates 不满意 on 28 September 2026, then a rectification opens due 15 working days later, over National Day', () => {
    spec
      .given(throughFeedback)
      .when(rate({ level: 'dissatisfied', comment: '律师联系不及时' }))
      .then((events, state) => {
        expect(events).toEqual([{ ...ratedAs('dissatisfied'), data: { ...ratedAs('dissatisfied').data, comment: '律师联系不及时' } }, rectificationOpened()]);
        expect((events[1] as RectificationOpened).data.dueAt).toBe('2026-10-23T16:00:00.000Z');
        expect(state).toMatchObject({ rating: { status: 'rated', rectification: { status: 'open', rectificationId: RECTIFICATION_ID, callBacks: 0 } } });
      });
  });

  it('given a consultation answered at the desk, when the caller rates it 非常不满意, then the receiving organisation owns the rectification', () => {
    spec
      .given([consultationRegistered, consultationAnswered])
      .when(rate({ level: 'very-dissatisfied' }))
      .then((events) => {
        expect(events).toEqual([ratedAs('very-dissatisfied', TIANCHI_STATION), rectificationOpened(TIANCHI_STATION)]);
      });
  });

  it('given feedback delivered, when the comment is longer than 500 characters, then it is refused', () => {
    spec.given(throughFeedback).when(rate({ level: 'satisfied', comment: '好'.repeat(501) })).thenRefuses('COMMENT_TOO_LONG');
  });

  it('derives the rectification id from the matter id, the same every time', () => {
    expect(rectificationIdFor(MATTER_ID)).toBe(RECTIFICATION_ID);
    expect(rectificationIdFor('m-2026-0002')).not.toBe(RECTIFICATION_ID);
  });
});

describe('Rectification (整改)', () => {
  it('given an open rectification, when the owner calls the rater back, then the call-back is recorded', () => {
    spec.given(throughBadRating).when(callBack()).then([calledBack]);
  });

  it('given an open rectification without a call-back, when the owner closes it, then it is refused', () => {
    spec.given(throughBadRating).when(closeRectification()).thenRefuses('RECTIFICATION_CALL_BACK_MISSING');
  });

  it('given a called-back rectification, when it is closed without telling the rater the result, then it is refused', () => {
    spec.given([...throughBadRating, calledBack]).when(closeRectification({ resultFedBackToRater: false })).thenRefuses('RECTIFICATION_RESULT_NOT_FED_BACK');
  });

  it('given a called-back rectification, when the owner closes it before the due date, then it is closed on time', () => {
    spec
      .given([...throughBadRating, calledBack])
      .when(closeRectification())
      .then((events, state) => {
        expect(events).toEqual([
          {
            type: 'RectificationClosed',
            data: {
              rectificationId: RECTIFICATION_ID,
              outcome: '已约谈承办律师并调整联系机制，结果已电话告知申请人',
              resultFedBackToRater: true,
              closedAt: AT.later,
              closedBy: by(legalAidStaff),
              onTime: true,
            },
          },
        ]);
        expect(state).toMatchObject({ rating: { rectification: { status: 'closed', onTime: true } } });
      });
  });

  it('given a called-back rectification, when it is closed after the due date, then it is closed late', () => {
    spec
      .given([...throughBadRating, calledBack])
      .when(closeRectification({}, '2026-10-26T02:00:00.000Z'))
      .then((events) => expect(events[0]).toMatchObject({ type: 'RectificationClosed', data: { onTime: false } }));
  });

  it('given an open rectification, when another organisation works it, then it is refused', () => {
    spec.given(throughBadRating).when(callBack(clerk)).thenRefuses('RECTIFICATION_NOT_BY_OWNER');
  });

  it('given a good rating, when a call-back is recorded, then there is no rectification to work', () => {
    spec.given([...throughFeedback, ratedAs('satisfied')]).when(callBack()).thenRefuses('NO_OPEN_RECTIFICATION');
  });
});

describe('AppealRating and ReviewRatingAppeal (申诉复核)', () => {
  it('given a bad rating, when the rated centre appeals it, then the appeal is recorded', () => {
    spec.given(throughBadRating).when(appeal()).then([ratingAppealed]);
  });

  it('given a bad rating, when another organisation appeals it, then it is refused', () => {
    spec.given(throughBadRating).when(appeal(clerk)).thenRefuses('APPEAL_NOT_BY_RATED_ORG');
  });

  it('given a good rating, when the centre appeals it, then it is refused', () => {
    spec.given([...throughFeedback, ratedAs('basically-satisfied')]).when(appeal()).thenRefuses('APPEAL_AGAINST_GOOD_RATING');
  });

  it('given an appealed rating, when it is appealed again, then it is refused', () => {
    spec.given([...throughBadRating, ratingAppealed]).when(appeal()).thenRefuses('APPEAL_ALREADY_FILED');
  });

  it('given no rating, when the centre appeals, then there is nothing to appeal', () => {
    spec.given(throughFeedback).when(appeal()).thenRefuses('NOT_RATED');
  });

  it('given a pending appeal, when a county supervisor upholds it, then the rating leaves the statistics and the open rectification is cancelled', () => {
    spec
      .given([...throughBadRating, ratingAppealed])
      .when(review(true))
      .then((events, state) => {
        expect(events).toEqual([
          { type: 'RatingAppealReviewed', data: { upheld: true, note: '经核查通话记录，评价人并非申请人', reviewedAt: AT.later, reviewedBy: by(countySupervisor) } },
          { type: 'RectificationCancelled', data: { rectificationId: RECTIFICATION_ID, reason: 'rating-appeal-upheld', cancelledAt: AT.later } },
        ]);
        expect(state).toMatchObject({ rating: { appeal: { status: 'reviewed', upheld: true }, rectification: { status: 'cancelled' } } });
      });
  });

  it('given a pending appeal, when the supervisor rejects it, then the rectification stays open', () => {
    spec
      .given([...throughBadRating, ratingAppealed])
      .when(review(false))
      .then((events, state) => {
        expect(events.map((event) => event.type)).toEqual(['RatingAppealReviewed']);
        expect(state).toMatchObject({ rating: { appeal: { status: 'reviewed', upheld: false }, rectification: { status: 'open' } } });
      });
  });

  it('given a pending appeal, when a user without the supervisor role reviews it, then it is refused', () => {
    spec.given([...throughBadRating, ratingAppealed]).when(review(true, clerk)).thenRefuses('SUPERVISOR_ROLE_REQUIRED');
  });

  it('given a pending appeal, when a supervisor of the appealing centre reviews it, then it is refused', () => {
    spec
      .given([...throughBadRating, ratingAppealed])
      .when(review(true, { ...legalAidStaff, roles: ['supervisor'] }))
      .thenRefuses('APPEAL_REVIEW_BY_APPELLANT');
  });

  it('given no appeal, when a supervisor reviews, then it is refused', () => {
    spec.given(throughBadRating).when(review(true)).thenRefuses('NO_PENDING_APPEAL');
  });
});

describe('OrderSupervision and AnswerSupervision (督办)', () => {
  it('given a result waiting to be fed back, when a county supervisor orders supervision, then it is ordered', () => {
    spec.given(throughResult).when(orderSupervision()).then([supervisionOrdered]);
  });

  it('given a matter, when a clerk orders supervision, then it is refused', () => {
    spec.given(throughResult).when(orderSupervision({}, clerk)).thenRefuses('SUPERVISOR_ROLE_REQUIRED');
  });

  it('given a matter, when the supervision is due before now, then it is refused', () => {
    spec.given(throughResult).when(orderSupervision({ dueAt: AT.result })).thenRefuses('SUPERVISION_DUE_NOT_IN_FUTURE');
  });

  it('given an ordered supervision, when the same order arrives again, then nothing happens; other content under its id is refused', () => {
    spec.given([...throughResult, supervisionOrdered]).when(orderSupervision()).thenNothingHappens();
    spec.given([...throughResult, supervisionOrdered]).when(orderSupervision({ note: '另一督办' })).thenRefuses('SUPERVISION_ID_TAKEN');
  });

  it('given a matter fed back and rated well, when supervision is ordered, then there is nothing to supervise', () => {
    spec.given([...throughFeedback, ratedAs('satisfied')]).when(orderSupervision({ dueAt: '2026-10-30T16:00:00.000Z' })).thenRefuses('NOTHING_TO_SUPERVISE');
  });

  it('given an open supervision, when the receiving desk answers it in time, then it is answered on time and survives the next stages', () => {
    spec
      .given([...throughResult, supervisionOrdered, feedbackDelivered])
      .when(answerSupervision())
      .then((events, state) => {
        expect(events).toEqual([
          { type: 'SupervisionAnswered', data: { supervisionId: 'sv-1', answer: '已于 9 月 28 日短信反馈', answeredAt: AT.fedBack, answeredBy: by(clerk), onTime: true } },
        ]);
        expect(state).toMatchObject({ stage: 'fed-back', supervisions: [{ supervisionId: 'sv-1', status: 'answered', onTime: true }] });
      });
  });

  it('given an answered supervision, when it is answered again, then it is refused', () => {
    const answered = { type: 'SupervisionAnswered' as const, data: { supervisionId: 'sv-1', answer: 'x', answeredAt: AT.fedBack, answeredBy: by(clerk), onTime: true } };
    spec.given([...throughResult, supervisionOrdered, answered]).when(answerSupervision()).thenRefuses('SUPERVISION_ALREADY_ANSWERED');
  });

  it('given a matter, when an unknown supervision is answered, then it is not found', () => {
    spec.given([...throughResult, supervisionOrdered]).when(answerSupervision({ supervisionId: 'sv-9' })).thenRefuses('SUPERVISION_NOT_FOUND');
  });

  it('given an open supervision, when an organisation the matter does not involve answers it, then it is refused', () => {
    spec.given([...throughResult, supervisionOrdered]).when(answerSupervision({}, otherDeskClerk)).thenRefuses('SUPERVISION_ANSWER_NOT_FROM_INVOLVED_ORG');
  });

  it('given an open supervision, when the handling centre answers it late, then it is answered late', () => {
    spec
      .given([...throughResult, supervisionOrdered])
      .when(answerSupervision({}, legalAidStaff, '2026-10-08T02:00:00.000Z'))
      .then((events) => expect(events[0]).toMatchObject({ data: { answeredBy: by(legalAidStaff), onTime: false } }));
  });
});

describe('the matter policy', () => {
  it('uses configured deadlines: feedback within 5 calendar days', () => {
    const fiveDays = DeciderSpecification(matterDecider({ calendar, deadlines: { feedback: { amount: 5, unit: 'day' } } }));
    // 24 Sep + 5 days = 29 Sep, a working day
    fiveDays
      .given([registered(), routed(), accepted])
      .when(result())
      .then((events) => expect(events[0]).toMatchObject({ data: { feedbackDueAt: '2026-09-29T16:00:00.000Z' } }));
    expect(DEFAULT_MATTER_DEADLINES.rectification).toEqual({ amount: 15, unit: 'workingDay' });
  });

  it('refuses a deadline beyond the holiday data by default, and warns visibly when the calendar is told to assume weekends', () => {
    const in2030 = [registered({ registeredAt: '2030-03-04T01:00:00.000Z' })];
    spec.given(in2030).when(route({}, '2030-03-04T02:00:00.000Z')).thenRefuses('CALENDAR_DATA_MISSING');
    DeciderSpecification(matterDecider({ calendar: new StatutoryCalendar({ beyondData: 'warn' }) }))
      .given(in2030)
      .when(route({}, '2030-03-04T02:00:00.000Z'))
      .then((events) => {
        expect(events[0]).toMatchObject({ data: { acceptanceDueAt: '2030-03-07T16:00:00.000Z' } });
        expect((events[0] as MatterRouted).data.deadlineWarnings[0]).toMatch(/^CALENDAR_DATA_MISSING/);
      });
  });

  it('refuses a policy whose deadline is not a period', () => {
    expect(() => matterDecider({ calendar, deadlines: { acceptance: { amount: 0, unit: 'workingDay' } } })).toThrow(expect.objectContaining({ code: 'MATTER_POLICY_INVALID' }));
    expect(() => matterDecider({ calendar, deadlines: { feedback: { amount: 3, unit: 'week' as never } } })).toThrow(expect.objectContaining({ code: 'MATTER_POLICY_INVALID' }));
  });
});

describe('the whole front-desk flow (DOMAIN §6.1)', () => {
  it('hotline call about unpaid wages → routed to the county centre → accepted → result → SMS feedback → rated 不满意 → rectified', () => {
    const commands = [
      register(registration()),
      route(),
      acceptance(),
      progress(),
      result(),
      feedback(),
      rate({ level: 'dissatisfied' }),
      callBack(),
      closeRectification(),
    ];
    let history: MatterEvent[] = [];
    for (const next of commands) history = [...history, ...decider.decide(next, stateAfter(history))];
    expect(history.map((event) => event.type)).toEqual([
      'MatterRegistered',
      'MatterRouted',
      'MatterAcceptedByBackOffice',
      'BackOfficeProgressRecorded',
      'ResultReceived',
      'FeedbackDelivered',
      'ServiceRated',
      'RectificationOpened',
      'RectificationCallBackRecorded',
      'RectificationClosed',
    ]);
    expect(stateAfter(history)).toMatchObject({
      stage: 'fed-back',
      returns: 0,
      backOffice: { lastProgress: { note: '已指派律师' } },
      feedback: { onTime: true },
      rating: { status: 'rated', level: 'dissatisfied', rectification: { status: 'closed', onTime: true }, appeal: { status: 'none' } },
    });
  });

  it('ignores an event that does not fit the stage when folding, rather than failing to load the stream', () => {
    expect(stateAfter([registered(), accepted, resultReceived])).toMatchObject({ stage: 'at-desk' });
    expect(stateAfter([feedbackDelivered])).toEqual({ stage: 'none' });
  });
});
