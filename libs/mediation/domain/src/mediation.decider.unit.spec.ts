import { DeciderSpecification } from '@pls/event-sourcing/testing';
import { StatutoryCalendar } from '@pls/shared-kernel';
import type {
  AddParty,
  ApplyForJudicialConfirmation,
  AssignMediator,
  DraftWrittenAgreement,
  ExtendTimeLimit,
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
} from './mediation.commands';
import { mediationDecider } from './mediation.decider';
import type { MediationEvent } from './mediation.events';
import {
  appraisalRequested,
  AT,
  command,
  COMMITTEE,
  consent,
  COURT_ORG,
  courtActor,
  drafted,
  DRIVER_ID,
  effective,
  frontDeskOpened,
  MATTER_ID,
  MEDIATOR,
  mediatorAssigned,
  mediating,
  openData,
  opened,
  signedBy,
  tookEffect,
  TRANSPORT_USCC,
  VICTIM_ID,
} from './testing/mediation.fixtures';

const decider = mediationDecider({ calendar: new StatutoryCalendar() });
const spec = DeciderSpecification(decider);

const open = (overrides: Partial<OpenMediation['data']> = {}, now = AT.opened) => command<OpenMediation>('OpenMediation', openData(overrides), { now });
const addParty = (party: AddParty['data']['party']) => command<AddParty>('AddParty', { party }, { now: AT.consented });
const consentOf = (partyId: string, consents = true, now = AT.consented) => command<RecordConsent>('RecordConsent', { partyId, consents, reason: consents ? null : '不愿与对方协商' }, { now });
const assign = (relations: AssignMediator['data']['relations'] = [], chosenBy: 'committee' | 'parties' = 'committee') => command<AssignMediator>('AssignMediator', { mediator: MEDIATOR, chosenBy, relations }, { now: AT.assigned });
const session = () => command<RecordSession>('RecordSession', { heldOn: '2026-09-03', place: '石佛镇调解室', attendees: ['刘芳', '周强', '邓国强'], summary: '双方陈述事故经过，对伤残等级有争议' }, { now: AT.session });
const extend = (partiesAgreed: boolean, days = 15) => command<ExtendTimeLimit>('ExtendTimeLimit', { days, partiesAgreed, reason: '等待保险公司核赔' }, { now: AT.session });
const requestAppraisal = (now = AT.appraisalRequested) => command<RequestAppraisal>('RequestAppraisal', { subject: '刘芳伤残等级' }, { now });
const opinion = (now = AT.opinion) => command<RecordAppraisalOpinion>('RecordAppraisalOpinion', { institution: '资阳某司法鉴定所', opinionNo: '资司鉴〔2026〕临鉴字第 88 号', summary: '十级伤残', receivedOn: '2026-09-14' }, { now });
const draft = (now = AT.drafted) => command<DraftWrittenAgreement>('DraftWrittenAgreement', { terms: '周强赔偿刘芳 62,000 元', amountYuan: 62000, performanceDueOn: '2026-10-15' }, { now });
const sign = (signatory: string, now = AT.signed) => command<SignAgreement>('SignAgreement', { signatory }, { now });
const oral = () => command<RecordOralAgreement>('RecordOralAgreement', { terms: '周强当场赔偿刘芳 3,000 元' }, { now: AT.drafted });
const failure = (routesExplained: RecordFailure['data']['routesExplained'] = ['litigation', 'arbitration']) => command<RecordFailure>('RecordFailure', { reason: '双方对赔偿数额分歧过大', routesExplained }, { now: AT.drafted });
const withdraw = (partyId = 'P1') => command<RecordWithdrawal>('RecordWithdrawal', { partyId, reason: '已自行和解' }, { now: AT.drafted });
const apply = (now: string, applicantPartyIds = ['P1', 'P2'], courtJurisdiction = ['512022000000']) => command<ApplyForJudicialConfirmation>('ApplyForJudicialConfirmation', { courtOrgId: COURT_ORG, courtJurisdiction, applicantPartyIds }, { now });
const accept = () => command<RecordConfirmationAcceptance>('RecordConfirmationAcceptance', { courtCaseNo: '（2026）川2022民特 15 号' }, { now: '2026-09-20T02:00:00.000Z', actor: courtActor });
const ruling = (value: 'valid' | 'dismissed', reason: string | null = null) => command<RecordConfirmationRuling>('RecordConfirmationRuling', { ruling: value, reason }, { now: '2026-09-22T02:00:00.000Z', actor: courtActor });
const followUp = () => command<RecordPerformanceFollowUp>('RecordPerformanceFollowUp', { outcome: 'performed', note: '电话回访，赔偿款已付清' }, { now: '2026-10-20T02:00:00.000Z' });

const only = <T extends MediationEvent['type']>(events: readonly MediationEvent[], type: T): Extract<MediationEvent, { type: T }> => {
  expect(events).toHaveLength(1);
  expect(events[0].type).toBe(type);
  return events[0] as Extract<MediationEvent, { type: T }>;
};
const applied: MediationEvent = { type: 'JudicialConfirmationApplied', data: { courtOrgId: COURT_ORG, applicantPartyIds: ['P1', 'P2'], appliedAt: '2026-09-18T02:00:00.000Z' } };
const accepted: MediationEvent = { type: 'JudicialConfirmationAccepted', data: { courtOrgId: COURT_ORG, courtCaseNo: '（2026）川2022民特 15 号', acceptedAt: '2026-09-20T02:00:00.000Z', by: { userId: 'court-xie', orgId: COURT_ORG } } };

describe('OpenMediation (受理)', () => {
  it('given nothing, when the committee opens a dispute found by screening, then it is recorded with its 30-day limit moved past National Day', () => {
    spec.given([]).when(open()).then([opened()]);
  });

  it('given nothing, when a front-desk application opens with only the applicant, then the same event carries the accepted reply with the case number', () => {
    spec
      .given([])
      .when(open({ source: { kind: 'front-desk', frontDesk: { matterId: MATTER_ID, caseCode: 'LZ-AMAQ-6KVA' } }, parties: [{ kind: 'person', name: '刘芳', idNumber: VICTIM_ID, phone: '13890001111' }] }))
      .then([frontDeskOpened()]);
  });

  it('given nothing, when a court refers a dispute before filing (诉前委派), then its deadline is kept with the referral', () => {
    spec
      .given([])
      .when(open({ source: { kind: 'referral', referral: { organ: 'court', orgId: COURT_ORG, referenceNo: '（2026）川2022诉前调 7 号', dueAt: '2026-10-01T16:00:00.000Z' } } }))
      .then((events) => {
        expect(only(events, 'MediationOpened').data.source).toEqual({ kind: 'referral', referral: { organ: 'court', orgId: COURT_ORG, referenceNo: '（2026）川2022诉前调 7 号', dueAt: '2026-10-01T16:00:00.000Z' } });
      });
  });

  it('given nothing, when a court refers without its deadline, then it is refused', () => {
    spec.given([]).when(open({ source: { kind: 'referral', referral: { organ: 'court', orgId: COURT_ORG, referenceNo: '诉前调 7 号' } } })).thenRefuses('COURT_REFERRAL_NEEDS_DEADLINE');
  });

  it('given nothing, when the police refer a dispute (警调对接) against a company, then the organisation is a party by its USCC', () => {
    spec
      .given([])
      .when(open({ source: { kind: 'referral', referral: { organ: 'police', orgId: 'org-lezhi-police', referenceNo: '乐公交认字〔2026〕31号' } }, parties: [{ kind: 'person', name: '刘芳', idNumber: VICTIM_ID }, { kind: 'organisation', name: '乐至县某运输公司', uscc: TRANSPORT_USCC }] }))
      .then((events) => {
        expect(only(events, 'MediationOpened').data.parties[1]).toEqual({ partyId: 'P2', kind: 'organisation', name: '乐至县某运输公司', uscc: TRANSPORT_USCC });
      });
  });

  it('given nothing, when a referral names only one party, then it is refused: a dispute has two sides', () => {
    spec.given([]).when(open({ parties: [{ kind: 'person', name: '刘芳', idNumber: VICTIM_ID }] })).thenRefuses('TOO_FEW_PARTIES');
  });

  it('given nothing, when the same person is named twice, then it is refused', () => {
    spec.given([]).when(open({ parties: [{ kind: 'person', name: '刘芳', idNumber: VICTIM_ID }, { kind: 'person', name: '刘 芳', idNumber: VICTIM_ID }] })).thenRefuses('DUPLICATE_PARTY');
  });

  it('given nothing, when a party has a resident ID with a wrong check digit, then it is refused with the kernel code', () => {
    const bad = VICTIM_ID.slice(0, 17) + (VICTIM_ID[17] === '0' ? '1' : '0');
    spec.given([]).when(open({ parties: [{ kind: 'person', name: '刘芳', idNumber: bad }, { kind: 'person', name: '周强', idNumber: DRIVER_ID }] })).thenRefuses('RESIDENT_ID_CHECK_DIGIT_MISMATCH');
  });

  it('given nothing, when the category is unknown, then it is refused', () => {
    spec.given([]).when(open({ category: 'divorce' as never })).thenRefuses('CATEGORY_INVALID');
  });

  it('given an opened mediation, when it is opened again, then it is refused', () => {
    spec.given([opened()]).when(open()).thenRefuses('MEDIATION_ALREADY_OPENED');
  });

  it('given nothing, when any other step is asked, then the mediation is not found', () => {
    spec.given([]).when(consentOf('P1')).thenRefuses('MEDIATION_NOT_FOUND');
  });
});

describe('consent (Art. 17)', () => {
  it('given an opened mediation, when the first party consents, then consent is recorded and the others are awaited', () => {
    spec.given([opened()]).when(consentOf('P1')).then([consent('P1', false)]);
  });

  it('given one consent, when the last party consents, then the mediation is under way', () => {
    spec.given([opened(), consent('P1', false)]).when(consentOf('P2')).then([consent('P2', true)]);
  });

  it('given an opened mediation, when a party clearly refuses, then there is no mediation', () => {
    spec.given([opened()]).when(consentOf('P2', false)).then([{ type: 'MediationRefused', data: { partyId: 'P2', reason: '不愿与对方协商', at: AT.consented } }]);
  });

  it('given a front-desk mediation, when a party refuses, then the desk is told it was terminated', () => {
    spec
      .given([frontDeskOpened(), { type: 'PartyAdded', data: { party: { partyId: 'P2', kind: 'person', name: '周强', idNumber: DRIVER_ID, phone: null }, addedAt: AT.consented } }])
      .when(consentOf('P2', false))
      .then((events) => {
        expect(only(events, 'MediationRefused').data.frontDeskReply).toMatchObject({ kind: 'result', matterId: MATTER_ID, line: 'mediation', orgId: COMMITTEE.orgId, outcome: 'terminated' });
      });
  });

  it('given a front-desk mediation with only the applicant, when the applicant consents, then it is refused until the other side is added', () => {
    spec.given([frontDeskOpened()]).when(consentOf('P1')).thenRefuses('TOO_FEW_PARTIES');
  });

  it('given a front-desk mediation, when the other side is added, then it becomes party P2', () => {
    spec.given([frontDeskOpened()]).when(addParty({ kind: 'person', name: '周强', idNumber: DRIVER_ID })).then([{ type: 'PartyAdded', data: { party: { partyId: 'P2', kind: 'person', name: '周强', idNumber: DRIVER_ID, phone: null }, addedAt: AT.consented } }]);
  });

  it('given a consent, when the same party consents again, then it is refused', () => {
    spec.given([opened(), consent('P1', false)]).when(consentOf('P1')).thenRefuses('CONSENT_ALREADY_GIVEN');
  });

  it('given an opened mediation, when someone who is not a party consents, then it is refused', () => {
    spec.given([opened()]).when(consentOf('P9')).thenRefuses('PARTY_UNKNOWN');
  });

  it('given a refused mediation, when a mediator is assigned, then it is refused', () => {
    spec.given([opened(), { type: 'MediationRefused', data: { partyId: 'P2', reason: null, at: AT.consented } }]).when(assign()).thenRefuses('NOT_MEDIATING');
  });

  it('given a mediation under way, when a party is added, then it is refused', () => {
    spec.given(mediating()).when(addParty({ kind: 'person', name: '王五', idNumber: DRIVER_ID })).thenRefuses('NOT_AWAITING_CONSENT');
  });
});

describe('mediator (Art. 19)', () => {
  it('given both consents, when the committee assigns a mediator, then the assignment is recorded', () => {
    spec.given([opened(), consent('P1', false), consent('P2', true)]).when(assign()).then([mediatorAssigned()]);
  });

  it('given both consents, when the parties choose a mediator, then who chose is recorded', () => {
    spec.given([opened(), consent('P1', false), consent('P2', true)]).when(assign([], 'parties')).then((events) => expect(only(events, 'MediatorAssigned').data.chosenBy).toBe('parties'));
  });

  it('given both consents, when the mediator is related to a party, then it is refused: the mediator steps aside', () => {
    spec.given([opened(), consent('P1', false), consent('P2', true)]).when(assign([{ partyId: 'P2', relation: '表兄弟' }])).thenRefuses('MEDIATOR_CONFLICT_OF_INTEREST');
  });

  it('given consent still awaited, when a mediator is assigned, then it is refused', () => {
    spec.given([opened()]).when(assign()).thenRefuses('NOT_MEDIATING');
  });

  it('given no mediator, when a session is recorded, then it is refused', () => {
    spec.given([opened(), consent('P1', false), consent('P2', true)]).when(session()).thenRefuses('MEDIATOR_REQUIRED');
  });
});

describe('sessions and the time limit', () => {
  it('given a mediator, when a session is recorded, then it is numbered with its date, place, attendees and summary', () => {
    spec.given(mediating()).when(session()).then([
      { type: 'SessionRecorded', data: { sessionNo: 1, heldOn: '2026-09-03', place: '石佛镇调解室', attendees: ['刘芳', '周强', '邓国强'], summary: '双方陈述事故经过，对伤残等级有争议', recordedAt: AT.session, by: { userId: 'mediator-deng', orgId: COMMITTEE.orgId } } },
    ]);
  });

  it('given a mediation under way, when the parties agree to 15 more days, then the limit moves by 15 days', () => {
    spec.given(mediating()).when(extend(true)).then((events) => {
      // 45 days from Tue 1 Sep: Fri 16 Oct.
      expect(only(events, 'TimeLimitExtended').data).toMatchObject({ days: 15, dueAt: '2026-10-16T16:00:00.000Z' });
    });
  });

  it('given a mediation under way, when an extension lacks the parties\' agreement, then it is refused', () => {
    spec.given(mediating()).when(extend(false)).thenRefuses('EXTENSION_NEEDS_PARTIES_AGREEMENT');
  });

  it('given a mediation under way, when an extension is not a whole number of days, then it is refused', () => {
    spec.given(mediating()).when(extend(true, 0)).thenRefuses('DAYS_INVALID');
  });
});

describe('appraisal', () => {
  it('given a mediator, when an appraisal is requested, then the request is published and the clock pauses', () => {
    spec.given(mediating()).when(requestAppraisal()).then([appraisalRequested()]);
  });

  it('given an appraisal awaited, when a second is requested, then it is refused', () => {
    spec.given([...mediating(), appraisalRequested()]).when(requestAppraisal()).thenRefuses('APPRAISAL_ALREADY_REQUESTED');
  });

  it('given an appraisal awaited 10 days, when the opinion is recorded, then the limit moves by the paused days', () => {
    spec.given([...mediating(), appraisalRequested()]).when(opinion()).then((events) => {
      const data = only(events, 'AppraisalOpinionRecorded').data;
      expect(data).toMatchObject({ requestId: 'med-2026-0001.appraisal-1', opinionNo: '资司鉴〔2026〕临鉴字第 88 号', receivedOn: '2026-09-14' });
      expect(Date.parse(data.dueAt)).toBeGreaterThan(Date.parse(AT.due));
    });
  });

  it('given no appraisal requested, when an opinion is recorded, then it is refused', () => {
    spec.given(mediating()).when(opinion()).thenRefuses('NO_APPRAISAL_REQUESTED');
  });

  it('given an appraisal awaited, when an agreement is drafted, then it is refused until the opinion arrives', () => {
    spec.given([...mediating(), appraisalRequested()]).when(draft()).thenRefuses('APPRAISAL_PENDING');
  });
});

describe('written agreement (Art. 28, 29)', () => {
  it('given a mediator, when the agreement is drafted, then every party and the mediator are its signatories', () => {
    spec.given(mediating()).when(draft()).then([drafted()]);
  });

  it('given a draft, when a party signs, then only the signature is recorded', () => {
    spec.given([...mediating(), drafted()]).when(sign('P1')).then([signedBy('P1')]);
  });

  it('given every other signature, when the mediator signs last, then the agreement takes effect and its confirmation window opens for 30 days', () => {
    spec.given([...mediating(), drafted(), signedBy('P1'), signedBy('P2')]).when(sign('mediator')).then([signedBy('mediator'), tookEffect()]);
  });

  it('given a front-desk draft, when the last signature lands, then the desk receives the completed result', () => {
    const deskMediating = [frontDeskOpened(), { type: 'PartyAdded', data: { party: { partyId: 'P2', kind: 'person', name: '周强', idNumber: DRIVER_ID, phone: null }, addedAt: AT.consented } } as MediationEvent, consent('P1', false), consent('P2', true), mediatorAssigned()];
    spec.given([...deskMediating, drafted(), signedBy('P1'), signedBy('mediator')]).when(sign('P2')).then((events) => {
      expect(events.map((event) => event.type)).toEqual(['AgreementSigned', 'AgreementTookEffect']);
      expect((events[1] as Extract<MediationEvent, { type: 'AgreementTookEffect' }>).data.frontDeskReply).toMatchObject({ kind: 'result', outcome: 'completed', matterId: MATTER_ID });
    });
  });

  it('given a signature, when the same signatory signs again, then it is refused', () => {
    spec.given([...mediating(), drafted(), signedBy('P1')]).when(sign('P1')).thenRefuses('ALREADY_SIGNED');
  });

  it('given a draft, when someone who is neither party nor mediator signs, then it is refused', () => {
    spec.given([...mediating(), drafted()]).when(sign('P7')).thenRefuses('NOT_A_SIGNATORY');
  });

  it('given no draft, when someone signs, then it is refused', () => {
    spec.given(mediating()).when(sign('P1')).thenRefuses('NOT_SIGNING');
  });
});

describe('other outcomes (Art. 26, 30, withdrawal)', () => {
  it('given a mediator, when an oral agreement is recorded, then the mediation concludes on time', () => {
    spec.given(mediating()).when(oral()).then([{ type: 'OralAgreementRecorded', data: { terms: '周强当场赔偿刘芳 3,000 元', recordedAt: AT.drafted, onTime: true } }]);
  });

  it('given a mediator, when mediation fails, then the parties are told of arbitration and litigation', () => {
    spec.given(mediating()).when(failure()).then((events) => expect(only(events, 'MediationFailed').data.routesExplained).toEqual(['litigation', 'arbitration']));
  });

  it('given a mediator, when a failure tells of no other route, then it is refused (Art. 26)', () => {
    spec.given(mediating()).when(failure([])).thenRefuses('ROUTES_INVALID');
  });

  it('given a mediation under way, when a party withdraws, then it ends withdrawn', () => {
    spec.given(mediating()).when(withdraw()).then([{ type: 'MediationWithdrawn', data: { partyId: 'P1', reason: '已自行和解', at: AT.drafted } }]);
  });

  it('given a concluded mediation, when a party withdraws, then it is refused', () => {
    spec.given(effective()).when(withdraw()).thenRefuses('NOT_MEDIATING');
  });
});

describe('judicial confirmation (人民调解法 Art. 33, 民事诉讼法 Arts. 205–206)', () => {
  it('given an effective written agreement, when both parties apply within 30 days, then the application is recorded', () => {
    spec.given(effective()).when(apply('2026-09-18T02:00:00.000Z')).then([applied]);
  });

  it('given an effective written agreement, when both parties apply on the last day of the window, then it is still in time', () => {
    spec.given(effective()).when(apply('2026-10-16T15:59:59.000Z')).then((events) => expect(only(events, 'JudicialConfirmationApplied').data.courtOrgId).toBe(COURT_ORG));
  });

  it('given an effective written agreement, when the parties apply after the 30 days, then it is refused: the window is closed', () => {
    spec.given(effective()).when(apply('2026-10-17T01:00:00.000Z')).thenRefuses('CONFIRMATION_WINDOW_CLOSED');
  });

  it('given an effective written agreement, when only one party applies, then it is refused: the application is joint', () => {
    spec.given(effective()).when(apply('2026-09-18T02:00:00.000Z', ['P1'])).thenRefuses('CONFIRMATION_NOT_JOINT');
  });

  it('given an effective written agreement, when the parties apply to a court of another county, then it is refused (民事诉讼法 Art. 205)', () => {
    spec.given(effective()).when(apply('2026-09-18T02:00:00.000Z', ['P1', 'P2'], ['511112000000'])).thenRefuses('COURT_WITHOUT_JURISDICTION');
  });

  it('given an oral agreement, when confirmation is applied for, then it is refused', () => {
    spec.given([...mediating(), { type: 'OralAgreementRecorded', data: { terms: '口头协议', recordedAt: AT.drafted, onTime: true } }]).when(apply('2026-09-18T02:00:00.000Z')).thenRefuses('NO_EFFECTIVE_WRITTEN_AGREEMENT');
  });

  it('given an application, when the parties apply again, then it is refused', () => {
    spec.given([...effective(), applied]).when(apply('2026-09-19T02:00:00.000Z')).thenRefuses('CONFIRMATION_ALREADY_APPLIED');
  });

  it('given an application, when the court accepts it, then its case number is recorded', () => {
    spec.given([...effective(), applied]).when(accept()).then([accepted]);
  });

  it('given no application, when the court records acceptance, then it is refused', () => {
    spec.given(effective()).when(accept()).thenRefuses('NO_CONFIRMATION_APPLICATION');
  });

  it('given an application not yet accepted, when the court rules, then it is refused', () => {
    spec.given([...effective(), applied]).when(ruling('valid')).thenRefuses('CONFIRMATION_NOT_ACCEPTED');
  });

  it('given an accepted application, when the court rules it valid, then the agreement is enforceable', () => {
    spec.given([...effective(), applied, accepted]).when(ruling('valid')).then((events) => expect(only(events, 'JudicialConfirmationRuled').data).toMatchObject({ ruling: 'valid', enforceable: true }));
  });

  it('given an accepted application, when the court dismisses it without a reason, then it is refused', () => {
    spec.given([...effective(), applied, accepted]).when(ruling('dismissed')).thenRefuses('TEXT_REQUIRED');
  });

  it('given a ruling, when the court rules again, then it is refused', () => {
    const ruled: MediationEvent = { type: 'JudicialConfirmationRuled', data: { courtOrgId: COURT_ORG, ruling: 'valid', reason: null, ruledAt: '2026-09-22T02:00:00.000Z', enforceable: true, by: { userId: 'court-xie', orgId: COURT_ORG } } };
    spec.given([...effective(), applied, accepted, ruled]).when(ruling('dismissed', '违反法律')).thenRefuses('CONFIRMATION_ALREADY_RULED');
  });
});

describe('performance follow-up (履行回访)', () => {
  it('given an effective agreement, when the committee follows up, then the outcome is recorded', () => {
    spec.given(effective()).when(followUp()).then((events) => expect(only(events, 'PerformanceFollowedUp').data).toMatchObject({ outcome: 'performed', note: '电话回访，赔偿款已付清' }));
  });

  it('given a failed mediation, when a follow-up is recorded, then it is refused', () => {
    spec.given([...mediating(), { type: 'MediationFailed', data: { reason: '分歧大', routesExplained: ['litigation'], at: AT.drafted, onTime: true } }]).when(followUp()).thenRefuses('NO_AGREEMENT_TO_FOLLOW_UP');
  });
});

describe('policy', () => {
  it('given a configured 15-day limit, when a mediation opens, then its limit is 15 days', () => {
    const short = DeciderSpecification(mediationDecider({ calendar: new StatutoryCalendar(), deadlines: { timeLimit: { amount: 15, unit: 'day' } } }));
    short.given([]).when(open()).then((events) => expect(only(events, 'MediationOpened').data.dueAt).toBe('2026-09-16T16:00:00.000Z'));
  });

  it('refuses a policy without a calendar or with a malformed period', () => {
    expect(() => mediationDecider({ calendar: undefined as never })).toThrow(expect.objectContaining({ code: 'MEDIATION_POLICY_INVALID' }));
    expect(() => mediationDecider({ calendar: new StatutoryCalendar(), deadlines: { timeLimit: { amount: 0, unit: 'day' } } })).toThrow(expect.objectContaining({ code: 'MEDIATION_POLICY_INVALID' }));
  });
});

