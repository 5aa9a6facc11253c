import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';

/**
 * Duty lawyers (值班律师) and forwarded applications (Art. 39) end to end through GraphQL, embedded
 * mode: the county agency's roster at its detention centre, the lawyer's consultations (one referred
 * to legal aid, which forwards an application), a plea agreement witnessed, the views and
 * indicators, and the detention centre forwarding an application late. Every refusal is checked to
 * have appended nothing; another county cannot see or act.
 */
const residentId = (first17: string): string => first17 + residentIdCheckCharacter(first17);
const DETAINEE_ID = residentId('51202219960811003');
const DEFENDANT_ID = residentId('51202219920105004');
const VISITOR_ID = residentId('51202219700302001');

const AGENCY_HANDLER = 'lz.legal-aid.chen';
const LAWYER = 'lz.lawyer.wu';
const DETENTION = login('lz.detention').orgId;
const COURT = login('lz.court').orgId;

const RECORD_FIELDS = `lawyerId firmOrgId shifts { dutyId stationOrgId stationKind days } consultations { consultationId stationOrgId day personName personIdNumberMasked matter advice referredApplicationId }
  witnessings { witnessingId stationOrgId caseRef defendantName defendantIdNumberMasked witnessedOn }`;
const APPLICATION_FIELDS = `id applicationNo stage agencyOrgId priority source { kind forwarderOrgId forwarderKind requestedAt forwardedAt forwardingDueAt forwardedOnTime }
  applicant { name idNumberMasked } deadlines { kind dueAt metAt onTime } nextDueAt deadlineStatus history { kind text }`;

const SCHEDULE = `mutation($input: ScheduleDutyInput!) { scheduleDuty(input: $input) { ${RECORD_FIELDS} } }`;
const CONSULT = `mutation($input: RecordDutyConsultationInput!) { recordDutyConsultation(input: $input) { referredApplicationNo consultation { consultationId day personName personIdNumberMasked matter referredApplicationId } } }`;
const WITNESS = `mutation($input: WitnessPleaAgreementInput!) { witnessPleaAgreement(input: $input) { witnessingId lawyerId stationOrgId caseRef defendantName defendantIdNumberMasked witnessedOn } }`;
const ROSTER = `query($station: ID!, $day: String!) { dutyRoster(stationOrgId: $station, day: $day) { stationName stationKind day lawyers { lawyerId lawyerName firmName } } }`;
const RECORD = `query($lawyer: ID) { dutyLawyerRecord(lawyerUserId: $lawyer) { ${RECORD_FIELDS} } }`;
const ACTIVITY = `query($station: ID!, $from: String!, $to: String!) { dutyStationActivity(stationOrgId: $station, from: $from, to: $to) { stationName consultationCount referralCount witnessingCount consultations { personName personIdNumberMasked } witnessings { caseRef defendantIdNumberMasked } } }`;
const INDICATORS = `query($region: String!) { legalAidIndicators(regionCode: $region, from: "2026-03-01T00:00:00+08:00", to: "2026-04-01T00:00:00+08:00") { received dutyConsultations dutyReferrals pleaAgreementsWitnessed } }`;
const FORWARD = `mutation($input: ForwardLegalAidApplicationInput!) { forwardLegalAidApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const FORWARDED = `query { forwardedLegalAidApplications(first: 20) { totalCount edges { node { applicationNo source { forwarderKind forwardedOnTime forwardingDueAt } } } } }`;
const APPLICATION = `query($id: ID!) { legalAidApplication(id: $id) { ${APPLICATION_FIELDS} } }`;
const WORK_QUEUE = `query { legalAidWorkQueue(queue: TO_REVIEW, first: 50) { edges { node { id applicationNo priority nextDueAt } } } }`;

type Application = { id: string; applicationNo: string; stage: string; source: Record<string, unknown>; deadlines: { kind: string; onTime: boolean | null }[]; history: { kind: string; text: string }[]; [field: string]: unknown };

describe('duty lawyers and forwarded applications through GraphQL (embedded mode)', () => {
  let platform: TestPlatform;
  const { ok, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });
  const schedule = (username: string, input: Record<string, unknown>) => ok<{ scheduleDuty: { shifts: { days: string[]; stationKind: string }[] } }>(username, SCHEDULE, { input });
  const referral = {
    applicant: { name: '刘小军', idNumber: DETAINEE_ID },
    category: { kind: 'CRIMINAL', lifeOrDeathPossible: false },
    means: { declaredHardship: true },
    charge: '盗窃罪',
  };

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Shanghai.
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('the roster (值班律师排班)', () => {
    it('lets the county agency schedule a lawyer of its pool at its detention centre for today and tomorrow', async () => {
      const record = (await schedule(AGENCY_HANDLER, { lawyerUserId: login(LAWYER).userId, stationOrgId: DETENTION, days: ['2026-03-03', '2026-03-02'] })).scheduleDuty;
      expect(record.shifts).toEqual([expect.objectContaining({ stationKind: 'detention-centre', days: ['2026-03-02', '2026-03-03'] })]);
      const retried = { commandId: '7d0c5b9a-1e2f-4a3b-9c4d-5e6f7a8b9c0d', lawyerUserId: login(LAWYER).userId, stationOrgId: COURT, days: ['2026-03-04'] };
      await schedule(AGENCY_HANDLER, retried);
      const before = await platform.eventCount();
      expect((await schedule(AGENCY_HANDLER, retried)).scheduleDuty.shifts).toHaveLength(2);
      expect(await platform.eventCount()).toBe(before);
    });

    it.each([
      ['a lawyer of another county (not in the pool)', () => ({ lawyerUserId: login('wtq.lawyer.cai').userId, stationOrgId: DETENTION, days: ['2026-03-05'] }), 'RULE_VIOLATION', 'LAWYER_NOT_IN_AGENCY_POOL'],
      ["another county's court", () => ({ lawyerUserId: login('lz.lawyer.huang').userId, stationOrgId: login('wtq.court').orgId, days: ['2026-03-05'] }), 'RULE_VIOLATION', 'STATION_OUTSIDE_AGENCY_REGION'],
      ['a notary office as station', () => ({ lawyerUserId: login('lz.lawyer.huang').userId, stationOrgId: login('lz.notary.sun').orgId, days: ['2026-03-05'] }), 'RULE_VIOLATION', 'STATION_NOT_DUTY_STATION'],
      ['a day the lawyer is already on duty', () => ({ lawyerUserId: login(LAWYER).userId, stationOrgId: login('lz.procuratorate').orgId, days: ['2026-03-03'] }), 'RULE_VIOLATION', 'LAWYER_ALREADY_ON_DUTY'],
      ['a day in the past', () => ({ lawyerUserId: login('lz.lawyer.huang').userId, stationOrgId: DETENTION, days: ['2026-03-01'] }), 'RULE_VIOLATION', 'DUTY_DAY_IN_PAST'],
      ['an impossible date', () => ({ lawyerUserId: login('lz.lawyer.huang').userId, stationOrgId: DETENTION, days: ['2026-02-30'] }), 'BAD_USER_INPUT', 'DUTY_DAYS_INVALID'],
      ['an unknown lawyer', () => ({ lawyerUserId: login(AGENCY_HANDLER).userId, stationOrgId: DETENTION, days: ['2026-03-05'] }), 'NOT_FOUND', 'LAWYER_NOT_FOUND'],
    ])('refuses %s with its code and appends nothing', async (_, input, code, reason) => {
      await expectRefusal(AGENCY_HANDLER, SCHEDULE, { input: input() }, code, reason);
    });

    it("refuses another county's agency scheduling this county's lawyer, a lawyer scheduling, and a clerk", async () => {
      await expectRefusal('wtq.legal-aid.hu', SCHEDULE, { input: { lawyerUserId: login(LAWYER).userId, stationOrgId: DETENTION, days: ['2026-03-09'] } }, 'RULE_VIOLATION', 'LAWYER_NOT_IN_AGENCY_POOL');
      await expectRefusal('lz.lawyer.huang', SCHEDULE, { input: { lawyerUserId: login('lz.lawyer.huang').userId, stationOrgId: DETENTION, days: ['2026-03-09'] } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      await expectRefusal('lz.clerk.room', SCHEDULE, { input: { lawyerUserId: login(LAWYER).userId, stationOrgId: DETENTION, days: ['2026-03-09'] } }, 'FORBIDDEN');
    });

    it('shows the station and day roster to the agency and to the detention centre itself, not to another county', async () => {
      const roster = (await ok<{ dutyRoster: { stationKind: string; lawyers: { lawyerName: string; firmName: string }[] } }>(AGENCY_HANDLER, ROSTER, { station: DETENTION, day: '2026-03-02' })).dutyRoster;
      expect(roster).toMatchObject({ stationKind: 'detention-centre', lawyers: [{ lawyerName: login(LAWYER).name }] });
      const seenByStation = (await ok<{ dutyRoster: { lawyers: unknown[] } }>('lz.detention', ROSTER, { station: DETENTION, day: '2026-03-03' })).dutyRoster;
      expect(seenByStation.lawyers).toHaveLength(1);
      const nobody = (await ok<{ dutyRoster: { lawyers: unknown[] } }>(AGENCY_HANDLER, ROSTER, { station: DETENTION, day: '2026-03-04' })).dutyRoster;
      expect(nobody.lawyers).toEqual([]);
      await expectRefusal('wtq.legal-aid.hu', ROSTER, { station: DETENTION, day: '2026-03-02' }, 'FORBIDDEN', 'STATION_OUTSIDE_SCOPE');
      await expectRefusal(AGENCY_HANDLER, ROSTER, { station: DETENTION, day: '2 March' }, 'BAD_USER_INPUT', 'DAY_INVALID');
    });
  });

  describe('consultations and plea agreements (值班咨询、认罪认罚具结书见证)', () => {
    let referredId: string;

    it('records a consultation referred to legal aid, which forwards the application to the agency on time', async () => {
      const before = await platform.eventCount();
      const recorded = (
        await ok<{ recordDutyConsultation: { referredApplicationNo: string; consultation: { personIdNumberMasked: string; referredApplicationId: string; day: string } } }>(LAWYER, CONSULT, {
          input: { stationOrgId: DETENTION, person: { name: '刘小军', idNumber: DETAINEE_ID }, matter: 'CRIMINAL', advice: '告知其有权申请法律援助，已代为转交申请。', referral },
        })
      ).recordDutyConsultation;
      expect(await platform.eventCount()).toBe(before + 2);
      expect(recorded.consultation).toMatchObject({ day: '2026-03-02', personIdNumberMasked: `5120**********${DETAINEE_ID.slice(-4)}` });
      expect(recorded.referredApplicationNo).toMatch(/^（2026）川乐援字第\d{4}号$/);
      referredId = recorded.consultation.referredApplicationId;

      const application = (await ok<{ legalAidApplication: Application }>(AGENCY_HANDLER, APPLICATION, { id: referredId })).legalAidApplication;
      expect(application).toMatchObject({
        stage: 'received',
        agencyOrgId: login(AGENCY_HANDLER).orgId,
        source: { kind: 'forwarded', forwarderOrgId: DETENTION, forwarderKind: 'duty-lawyer', forwardedOnTime: true, forwardingDueAt: '2026-03-03T01:00:00.000Z' },
      });
      expect(application.deadlines[0]).toMatchObject({ kind: 'forwarding', onTime: true });
      // The lawyer who forwarded it follows it.
      expect((await ok<{ legalAidApplication: Application }>(LAWYER, APPLICATION, { id: referredId })).legalAidApplication.stage).toBe('received');
    });

    it('answers a retried consultation (same commandId) with the first result and appends nothing', async () => {
      const input = { commandId: '2b4f7c1e-93a0-4d55-8f0e-6a1c2d3e4f50', stationOrgId: DETENTION, person: { name: '周某' }, matter: 'CRIMINAL', advice: '代为转交申请。', referral: { ...referral, applicant: { name: '周某', idNumber: residentId('51202219900101002') } } };
      const first = (await ok<{ recordDutyConsultation: { referredApplicationNo: string; consultation: { consultationId: string } } }>(LAWYER, CONSULT, { input })).recordDutyConsultation;
      const before = await platform.eventCount();
      const again = (await ok<{ recordDutyConsultation: { referredApplicationNo: string; consultation: { consultationId: string } } }>(LAWYER, CONSULT, { input })).recordDutyConsultation;
      expect(again).toEqual(first);
      expect(await platform.eventCount()).toBe(before);
    });

    it('records a plain consultation and a plea agreement witnessed today, with the defendant masked', async () => {
      await ok(LAWYER, CONSULT, { input: { stationOrgId: DETENTION, person: { name: '张某' }, matter: 'CRIMINAL', advice: '解释认罪认罚从宽制度。' } });
      const witnessing = (await ok<{ witnessPleaAgreement: Record<string, string> }>(LAWYER, WITNESS, {
        input: { stationOrgId: DETENTION, caseRef: '乐检刑诉〔2026〕31号', defendant: { name: '张某', idNumber: DEFENDANT_ID }, witnessedOn: '2026-03-02' },
      })).witnessPleaAgreement;
      expect(witnessing).toMatchObject({ caseRef: '乐检刑诉〔2026〕31号', defendantIdNumberMasked: `5120**********${DEFENDANT_ID.slice(-4)}`, witnessedOn: '2026-03-02' });
      expect(JSON.stringify(witnessing)).not.toContain(DEFENDANT_ID);
    });

    it.each([
      ['at a station the lawyer is not on duty at today', LAWYER, () => ({ stationOrgId: COURT, person: { name: '王某' }, matter: 'CIVIL', advice: '建议调解。' }), 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY'],
      ['with a referral where the lawyer is not on duty (no application forwarded either)', LAWYER, () => ({ stationOrgId: COURT, person: { name: '王某' }, matter: 'CRIMINAL', advice: '代为转交。', referral }), 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY'],
      ['by a lawyer never scheduled', 'lz.lawyer.huang', () => ({ stationOrgId: DETENTION, person: { name: '王某' }, matter: 'CIVIL', advice: '建议调解。' }), 'NOT_FOUND', 'DUTY_ROSTER_NOT_FOUND'],
      ['by an agency handler who is no lawyer', AGENCY_HANDLER, () => ({ stationOrgId: DETENTION, person: { name: '王某' }, matter: 'CIVIL', advice: '建议调解。' }), 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      ['with a wrong check digit in the ID number', LAWYER, () => ({ stationOrgId: DETENTION, person: { name: '王某', idNumber: VISITOR_ID.slice(0, 17) + (VISITOR_ID.endsWith('1') ? '2' : '1') }, matter: 'CIVIL', advice: '建议调解。' }), 'BAD_USER_INPUT', 'RESIDENT_ID_CHECK_DIGIT_MISMATCH'],
      ['with an empty advice', LAWYER, () => ({ stationOrgId: DETENTION, person: { name: '王某' }, matter: 'CIVIL', advice: ' ' }), 'BAD_USER_INPUT', 'TEXT_REQUIRED'],
    ])('refuses a consultation %s and appends nothing', async (_, username, input, code, reason) => {
      await expectRefusal(username, CONSULT, { input: input() }, code, reason);
    });

    it('refuses a witnessing dated tomorrow, on a day off duty, or by another county and appends nothing', async () => {
      const input = { stationOrgId: DETENTION, caseRef: '乐检刑诉〔2026〕32号', defendant: { name: '张某', idNumber: DEFENDANT_ID } };
      await expectRefusal(LAWYER, WITNESS, { input: { ...input, witnessedOn: '2026-03-03' } }, 'RULE_VIOLATION', 'WITNESSED_DAY_IN_FUTURE');
      await expectRefusal(LAWYER, WITNESS, { input: { ...input, witnessedOn: '2026-03-01' } }, 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY');
      await expectRefusal(LAWYER, WITNESS, { input: { ...input, witnessedOn: '2026-03-32' } }, 'BAD_USER_INPUT', 'DAY_INVALID');
      await expectRefusal('wtq.lawyer.cai', WITNESS, { input: { ...input, witnessedOn: '2026-03-02' } }, 'NOT_FOUND', 'DUTY_ROSTER_NOT_FOUND');
    });

    it("shows the lawyer's record to the lawyer, the agency and the supervisor, masked, and not to another county", async () => {
      const own = (await ok<{ dutyLawyerRecord: { shifts: unknown[]; consultations: { personIdNumberMasked: string | null }[]; witnessings: unknown[] } }>(LAWYER, RECORD, {})).dutyLawyerRecord;
      expect(own.shifts).toHaveLength(2);
      expect(own.consultations).toHaveLength(3);
      expect(own.witnessings).toHaveLength(1);
      expect(JSON.stringify(own)).not.toContain(DETAINEE_ID);
      await ok(AGENCY_HANDLER, RECORD, { lawyer: login(LAWYER).userId });
      await ok('lz.supervisor', RECORD, { lawyer: login(LAWYER).userId });
      await expectRefusal('wtq.legal-aid.hu', RECORD, { lawyer: login(LAWYER).userId }, 'FORBIDDEN', 'DUTY_RECORD_OUTSIDE_SCOPE');
      await expectRefusal('wtq.supervisor', RECORD, { lawyer: login(LAWYER).userId }, 'FORBIDDEN', 'DUTY_RECORD_OUTSIDE_SCOPE');
    });

    it("counts the station's consultations, referrals and witnessings, and the county's and city's indicators include them", async () => {
      const activity = (await ok<{ dutyStationActivity: Record<string, unknown> }>('lz.detention', ACTIVITY, { station: DETENTION, from: '2026-03-01', to: '2026-03-31' })).dutyStationActivity;
      expect(activity).toMatchObject({ consultationCount: 3, referralCount: 2, witnessingCount: 1 });
      expect(JSON.stringify(activity)).not.toContain(DEFENDANT_ID);
      for (const [username, region] of [['lz.supervisor', '512022'], ['zy.supervisor', '512000']]) {
        const indicators = (await ok<{ legalAidIndicators: Record<string, number> }>(username, INDICATORS, { region })).legalAidIndicators;
        expect(indicators).toMatchObject({ dutyConsultations: 3, dutyReferrals: 2, pleaAgreementsWitnessed: 1 });
      }
      const elsewhere = (await ok<{ legalAidIndicators: Record<string, number> }>('wtq.supervisor', INDICATORS, { region: '511112' })).legalAidIndicators;
      expect(elsewhere).toMatchObject({ dutyConsultations: 0, pleaAgreementsWitnessed: 0 });
      await expectRefusal('wtq.legal-aid.hu', ACTIVITY, { station: DETENTION, from: '2026-03-01', to: '2026-03-31' }, 'FORBIDDEN', 'STATION_OUTSIDE_SCOPE');
    });
  });

  describe('applications forwarded by the detention centre (Art. 39)', () => {
    let forwarded: Application;

    it('records an application forwarded 30 hours after the request as late, and shows it to the detention centre and in the agency queue', async () => {
      forwarded = (
        await ok<{ forwardLegalAidApplication: Application }>('lz.detention', FORWARD, {
          input: { applicant: { name: '陈某', idNumber: VISITOR_ID }, category: { kind: 'CRIMINAL', lifeOrDeathPossible: false }, means: { declaredHardship: true }, charge: '故意伤害罪', requestedAt: '2026-02-28T19:00:00.000Z', greenChannel: ['ELDERLY'] },
        })
      ).forwardLegalAidApplication;
      expect(forwarded).toMatchObject({
        stage: 'received',
        priority: 'green-channel',
        source: { kind: 'forwarded', forwarderKind: 'detention-place', forwarderOrgId: DETENTION, forwardingDueAt: '2026-03-01T19:00:00.000Z', forwardedOnTime: false },
      });
      expect(forwarded.deadlines[0]).toMatchObject({ kind: 'forwarding', onTime: false });
      expect(forwarded.history[0].text).toContain('转交超过24小时');

      const mine = (await ok<{ forwardedLegalAidApplications: { totalCount: number; edges: { node: { source: { forwarderKind: string } } }[] } }>('lz.detention', FORWARDED)).forwardedLegalAidApplications;
      expect(mine.edges.map((edge) => edge.node.source.forwarderKind).sort()).toEqual(['detention-place', 'duty-lawyer', 'duty-lawyer']);
      // Green channel (绿色通道) comes first in the agency's queue.
      const queue = (await ok<{ legalAidWorkQueue: { edges: { node: { id: string; priority: string } }[] } }>(AGENCY_HANDLER, WORK_QUEUE)).legalAidWorkQueue;
      expect(queue.edges[0].node).toMatchObject({ id: forwarded.id, priority: 'green-channel' });
      expect(queue.edges.map((edge) => edge.node.priority)).toEqual([...queue.edges.map((edge) => edge.node.priority)].sort((a, b) => (a === b ? 0 : a === 'green-channel' ? -1 : 1)));
    });

    it('lets a duty lawyer on duty forward directly, naming the station', async () => {
      const byLawyer = (
        await ok<{ forwardLegalAidApplication: Application }>(LAWYER, FORWARD, {
          input: { stationOrgId: DETENTION, applicant: { name: '赵某', idNumber: residentId('51202219881212007') }, category: { kind: 'CRIMINAL', lifeOrDeathPossible: false }, means: { declaredHardship: true }, requestedAt: '2026-03-02T00:30:00.000Z' },
        })
      ).forwardLegalAidApplication;
      expect(byLawyer.source).toMatchObject({ forwarderKind: 'duty-lawyer', forwardedOnTime: true });
    });

    it.each([
      ['a request time in the future', 'lz.detention', () => ({ requestedAt: '2026-03-03T00:00:00.000Z' }), 'BAD_USER_INPUT', 'FORWARDING_TIME_INVALID'],
      ['a malformed request time', 'lz.detention', () => ({ requestedAt: 'yesterday' }), 'BAD_USER_INPUT', 'INSTANT_INVALID'],
      ['a police station that is no detention place', 'lz.police', () => ({}), 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      ['a court', 'lz.court', () => ({}), 'FORBIDDEN', undefined],
      ['a lawyer not on duty', 'lz.lawyer.huang', () => ({ stationOrgId: DETENTION }), 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY'],
      ['a duty lawyer naming a station they are not on duty at', LAWYER, () => ({ stationOrgId: COURT }), 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY'],
    ])('refuses forwarding with %s and appends nothing', async (_, username, overrides, code, reason) => {
      const input = { applicant: { name: '陈某', idNumber: VISITOR_ID }, category: { kind: 'CRIMINAL', lifeOrDeathPossible: false }, means: { declaredHardship: true }, requestedAt: '2026-03-02T00:00:00.000Z', ...overrides() };
      await expectRefusal(username, FORWARD, { input }, code, reason);
    });

    it("keeps a forwarded application from another county's agency and from another county's detention place", async () => {
      await expectRefusal('wtq.legal-aid.hu', APPLICATION, { id: forwarded.id }, 'FORBIDDEN', 'APPLICATION_OUTSIDE_SCOPE');
      const wtqForwarded = (await ok<{ forwardedLegalAidApplications: { totalCount: number } }>('wtq.police', FORWARDED)).forwardedLegalAidApplications;
      expect(wtqForwarded.totalCount).toBe(0);
    });

    it('after the duty days the lawyer is no longer on duty there', async () => {
      platform.clock.set('2026-03-04T02:00:00.000Z');
      await expectRefusal(LAWYER, CONSULT, { input: { stationOrgId: DETENTION, person: { name: '王某' }, matter: 'CIVIL', advice: '建议调解。' } }, 'RULE_VIOLATION', 'DUTY_LAWYER_NOT_ON_DUTY');
      await ok(LAWYER, CONSULT, { input: { stationOrgId: COURT, person: { name: '王某' }, matter: 'CIVIL', advice: '建议先行调解。' } });
    });
  });
});
