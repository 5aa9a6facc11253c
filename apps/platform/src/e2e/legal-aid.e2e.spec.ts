import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';

/**
 * Legal aid end to end through GraphQL, embedded mode: DOMAIN.md §6 flows 1 (front desk → legal aid
 * → result back → rating) and 2 (notified defence of a minor), objections, assignment rules and
 * access. Every refusal is checked to have appended nothing.
 */
const APPLICATION_FIELDS = `id applicationNo stage agencyOrgId source { kind caseCode notifyingOrgId } applicant { name idNumberMasked phoneMasked minor }
  category { kind subCategory lifeOrDeathPossible } means { declaredHardship exemptionArticle exemptionGrounds checkResult } minorsCase priority
  decision { outcome onTime reasons } lawyer { lawyerId firmOrgId onTime entrustmentSignedAt } objection { status against }
  resultSummary closure { quality subsidyYuan } deadlines { kind dueAt metAt onTime paused } nextDueAt deadlineStatus history { kind text }`;
const MATTER_FIELDS = `id caseCode stage backOfficeCaseNo result { outcome summary } feedback { channel onTime } rating { level } timeline { kind text }`;
const NOTIFIED_FIELDS = `applicationId applicationNo stage defendantName charge notifiedAt assignmentDueAt lawyerName firmName assignedAt assignedOnTime`;

type Application = {
  id: string;
  applicationNo: string;
  stage: string;
  lawyer: { lawyerId: string; onTime: boolean } | null;
  decision: { outcome: string; onTime: boolean | null } | null;
  objection: { status: string } | null;
  deadlines: { kind: string; dueAt: string; metAt: string | null }[];
  deadlineStatus: string;
  nextDueAt: string | null;
  history: { kind: string }[];
  [field: string]: unknown;
};

function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
const WORKER_ID = residentId('51202219850312003');
const WORKER_PHONE = '13990081234';
/** Born 18 May 2010: fifteen in March 2026. */
const MINOR_ID = residentId('51202220100518005');
const VICTIM_ID = residentId('51202219900716002');

describe('legal aid through GraphQL (embedded mode)', () => {
  let platform: TestPlatform;
  const { call, ok, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });

  const step = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${APPLICATION_FIELDS} } }`;
  const RECEIVE = step('receiveLegalAidApplication', 'ReceiveLegalAidApplicationInput');
  const MEANS_CHECK = step('recordMeansCheck', 'RecordMeansCheckInput');
  const GRANT = step('grantAid', 'ApplicationRefInput');
  const DENY = step('denyAid', 'DenyAidInput');
  const ASSIGN = step('assignLawyer', 'AssignLawyerInput');
  const SIGN = step('signEntrustment', 'ApplicationRefInput');
  const PROGRESS = step('recordLegalAidProgress', 'RecordLegalAidProgressInput');
  const END = step('endLegalAidMatter', 'EndLegalAidMatterInput');
  const SUBMIT_CLOSURE = step('submitClosureMaterials', 'ApplicationRefInput');
  const REVIEW_CLOSURE = step('reviewClosure', 'ReviewClosureInput');
  const FILE_OBJECTION = step('fileObjection', 'FileObjectionInput');
  const DECIDE_OBJECTION = step('decideObjection', 'DecideObjectionInput');
  const NOTIFY = `mutation($input: NotifyDefenceInput!) { notifyDefence(input: $input) { ${NOTIFIED_FIELDS} } }`;
  const NOTIFIED = `query { notifiedDefences(first: 20) { totalCount edges { node { ${NOTIFIED_FIELDS} } } } }`;
  const BY_NUMBER = `query($no: String!) { legalAidApplication(applicationNo: $no) { ${APPLICATION_FIELDS} } }`;
  const WORK_QUEUE = `query($queue: LegalAidQueue) { legalAidWorkQueue(queue: $queue, first: 50) { totalCount edges { node { id applicationNo stage nextDueAt deadlineStatus } } } }`;
  const CASE_FILE = `query($code: String!) { caseFile(code: $code) { ${MATTER_FIELDS} } }`;

  const HANDLER = 'lz.legal-aid.chen';
  const directApplication = (overrides: Record<string, unknown> = {}) => ({
    applicant: { name: '王秀兰', idNumber: VICTIM_ID, phone: '13890001111' },
    category: { kind: 'CIVIL', subCategory: 'PERSONAL_INJURY' },
    adverseParty: { name: '乐至县某运输公司' },
    means: { declaredHardship: true },
    ...overrides,
  });
  const receive = async (username: string, input: Record<string, unknown>) => (await ok<{ receiveLegalAidApplication: Application }>(username, RECEIVE, { input })).receiveLegalAidApplication;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Shanghai.
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('flow 1: a migrant worker\'s wage claim from a village room, through the county agency and back to the desk', () => {
    let caseCode: string;
    let application: Application;

    it('opens an application at the county agency as soon as the desk routes the matter, and the desk shows it accepted with the application number', async () => {
      const registered = await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`, {
        input: {
          channel: 'WALK_IN',
          matterTypeCode: 'legal-aid.wage-arrears',
          applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: WORKER_ID, phone: WORKER_PHONE },
          description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
          consentToDataUse: true,
        },
      });
      caseCode = registered.registerMatter.caseCode;
      await ok('lz.clerk.room', `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`, { input: { caseCode, line: 'LEGAL_AID' } });
      await platform.whenCaughtUp();

      const matter = (await ok<{ caseFile: { stage: string; backOfficeCaseNo: string; timeline: { kind: string }[] } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter.stage).toBe('accepted');
      expect(matter.backOfficeCaseNo).toMatch(/^（2026）川乐援字第\d{4}号$/);
      expect(matter.timeline.map((entry) => entry.kind)).toEqual(['MatterRegistered', 'MatterRouted', 'MatterAcceptedByBackOffice']);

      application = (await ok<{ legalAidApplication: Application }>(HANDLER, BY_NUMBER, { no: matter.backOfficeCaseNo })).legalAidApplication;
      expect(application).toMatchObject({
        stage: 'received',
        agencyOrgId: login(HANDLER).orgId,
        source: { kind: 'front-desk', caseCode },
        applicant: { name: '罗大勇', idNumberMasked: `5120**********${WORKER_ID.slice(-4)}`, phoneMasked: '139****1234', minor: false },
        category: { kind: 'civil', subCategory: 'labour-relations-remuneration' },
        means: { declaredHardship: true, exemptionArticle: 42, exemptionGrounds: ['migrant-worker-wages-or-work-injury'], checkResult: null },
        priority: 'green-channel',
      });
      // 7 days from Monday 2 March → end of Monday 9 March (Shanghai).
      expect(application.nextDueAt).toBe('2026-03-09T16:00:00.000Z');
    });

    it('grants without a means check (Art. 42 migrant worker), which a means check would be refused for', async () => {
      await expectRefusal(HANDLER, MEANS_CHECK, { input: { applicationId: application.id, method: 'DATA_SHARING', result: 'MEETS' } }, 'RULE_VIOLATION', 'MEANS_CHECK_NOT_REQUIRED');
      const granted = (await ok<{ grantAid: Application }>(HANDLER, GRANT, { input: { applicationId: application.id } })).grantAid;
      expect(granted).toMatchObject({ stage: 'granted', decision: { outcome: 'granted', onTime: true } });
      expect(granted.deadlines.find((deadline) => deadline.kind === 'assignment' && deadline.metAt === null)).toBeDefined();
    });

    it('assigns a labour lawyer, signs the entrustment, records progress the desk shows, and ends the matter', async () => {
      const assigned = (await ok<{ assignLawyer: Application }>(HANDLER, ASSIGN, { input: { applicationId: application.id, lawyerUserId: login('lz.lawyer.zhou').userId } })).assignLawyer;
      expect(assigned).toMatchObject({ stage: 'assigned', lawyer: { lawyerId: login('lz.lawyer.zhou').userId, firmOrgId: login('lz.lawyer.zhou').orgId, onTime: true } });
      const signed = (await ok<{ signEntrustment: Application }>(HANDLER, SIGN, { input: { applicationId: application.id } })).signEntrustment;
      expect(signed.stage).toBe('in-progress');
      await ok(HANDLER, PROGRESS, { input: { applicationId: application.id, note: '已向乐至县劳动人事争议仲裁委员会申请仲裁' } });
      platform.clock.advance(10 * 24 * 3600 * 1000);
      const ended = (await ok<{ endLegalAidMatter: Application }>(HANDLER, END, { input: { applicationId: application.id, resultSummary: '经仲裁调解，用人单位已支付拖欠工资42000元' } })).endLegalAidMatter;
      expect(ended.stage).toBe('ended');
      expect(ended.deadlines.find((deadline) => deadline.kind === 'closure-materials')?.metAt).toBeNull();
      await platform.whenCaughtUp();
      const matter = (await ok<{ caseFile: { timeline: { kind: string; text: string }[] } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter.timeline.some((entry) => entry.text.includes('劳动人事争议仲裁'))).toBe(true);
    });

    it('reviews the closure materials, and the desk receives the result, feeds it back by SMS and the applicant rates it', async () => {
      await ok(HANDLER, SUBMIT_CLOSURE, { input: { applicationId: application.id } });
      const closed = (await ok<{ reviewClosure: Application }>(HANDLER, REVIEW_CLOSURE, { input: { applicationId: application.id, quality: 'GOOD', subsidyYuan: 1500 } })).reviewClosure;
      expect(closed).toMatchObject({ stage: 'closed', closure: { quality: 'good', subsidyYuan: 1500 } });
      await platform.whenCaughtUp();

      const resulted = (await ok<{ caseFile: { stage: string; result: { outcome: string; summary: string } } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).caseFile;
      expect(resulted).toMatchObject({ stage: 'result-received', result: { outcome: 'completed' } });
      expect(resulted.result.summary).toContain('42000');

      const fedBack = await ok<{ deliverFeedback: { stage: string; feedback: { onTime: boolean } } }>('lz.clerk.room', `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { stage feedback { onTime } } }`, {
        input: { caseCode, channel: 'SMS', content: '您的欠薪法律援助已办结，工资已追回。' },
      });
      expect(fedBack.deliverFeedback).toEqual({ stage: 'fed-back', feedback: { onTime: true } });
      const rated = await platform.graphql<{ rateMyMatter: boolean }>(`mutation($input: RateMyMatterInput!) { rateMyMatter(input: $input) }`, {
        input: { caseCode, phoneLast4: WORKER_PHONE.slice(-4), level: 'VERY_SATISFIED', comment: '援助律师很负责' },
      });
      expect(rated.errors).toBeUndefined();
      const matter = (await ok<{ caseFile: { rating: { level: string } } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter.rating).toEqual({ level: 'very-satisfied' });
      const revisited = (await ok<{ recordRevisit: Application }>(HANDLER, step('recordRevisit', 'RecordRevisitInput'), { input: { applicationId: application.id, note: '电话回访，受援人对律师服务满意', satisfied: true } })).recordRevisit;
      expect(revisited.history.at(-1)?.kind).toBe('RecipientRevisited');
    });
  });

  describe('flow 2: the county court notifies defence of a minor', () => {
    let notice: { applicationId: string; assignmentDueAt: string };

    it('opens a granted notified defence at the county agency, due for assignment in 3 days', async () => {
      const notified = (await ok<{ notifyDefence: typeof notice & Record<string, unknown> }>('lz.court', NOTIFY, {
        input: { defendant: { name: '李小军', idNumber: MINOR_ID }, charge: '盗窃罪', lifeOrDeathPossible: false, reason: 'MINOR' },
      })).notifyDefence;
      expect(notified).toMatchObject({ stage: 'granted', defendantName: '李小军', charge: '盗窃罪', lawyerName: null, assignedOnTime: null });
      expect(notified.applicationNo).toMatch(/^（2026）川乐援通字第\d{4}号$/);
      notice = notified;
      const seen = (await ok<{ legalAidApplication: Application }>('lz.legal-aid.liu', `query($id: ID) { legalAidApplication(id: $id) { ${APPLICATION_FIELDS} } }`, { id: notice.applicationId })).legalAidApplication;
      expect(seen).toMatchObject({ minorsCase: true, applicant: { minor: true, phoneMasked: null }, source: { kind: 'notified-defence', notifyingOrgId: login('lz.court').orgId } });
    });

    it('refuses a lawyer without the minors specialty and appends nothing', async () => {
      await expectRefusal('lz.legal-aid.liu', ASSIGN, { input: { applicationId: notice.applicationId, lawyerUserId: login('lz.lawyer.zheng').userId } }, 'RULE_VIOLATION', 'MINORS_CASE_NEEDS_MINORS_SPECIALIST');
    });

    it('assigns a lawyer familiar with minors within 3 days, and the court reads the lawyer and firm', async () => {
      platform.clock.advance(24 * 3600 * 1000);
      const assigned = (await ok<{ assignLawyer: Application }>('lz.legal-aid.liu', ASSIGN, { input: { applicationId: notice.applicationId, lawyerUserId: login('lz.lawyer.huang').userId } })).assignLawyer;
      expect(assigned).toMatchObject({ stage: 'assigned', lawyer: { lawyerId: login('lz.lawyer.huang').userId, onTime: true } });
      const court = (await ok<{ notifiedDefences: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>('lz.court', NOTIFIED)).notifiedDefences;
      expect(court.totalCount).toBe(1);
      expect(court.edges[0].node).toMatchObject({ applicationId: notice.applicationId, stage: 'assigned', lawyerName: '黄文斌', firmName: '四川乐至澄明律师事务所', assignedOnTime: true });
    });

    it('shows the procuratorate none of the court\'s notices', async () => {
      const procuratorate = (await ok<{ notifiedDefences: { totalCount: number } }>('lz.procuratorate', NOTIFIED)).notifiedDefences;
      expect(procuratorate.totalCount).toBe(0);
    });

    it('refuses to assign the minor\'s defence lawyer against him in another matter: conflict of interest, nothing appended', async () => {
      const victim = await receive(HANDLER, directApplication({ adverseParty: { name: '李小军' } }));
      await ok(HANDLER, MEANS_CHECK, { input: { applicationId: victim.id, method: 'INTEGRITY_PLEDGE', result: 'MEETS' } });
      await ok(HANDLER, GRANT, { input: { applicationId: victim.id } });
      await expectRefusal(HANDLER, ASSIGN, { input: { applicationId: victim.id, lawyerUserId: login('lz.lawyer.huang').userId } }, 'RULE_VIOLATION', 'CONFLICT_OF_INTEREST');
      // Another firm has no conflict.
      const assigned = (await ok<{ assignLawyer: Application }>(HANDLER, ASSIGN, { input: { applicationId: victim.id, lawyerUserId: login('lz.lawyer.luo').userId } })).assignLawyer;
      expect(assigned.stage).toBe('assigned');
    });
  });

  describe('a denial the justice bureau corrects on objection', () => {
    let application: Application;

    it('denies after a means check finds no hardship, with reasons', async () => {
      application = await receive(HANDLER, directApplication({ applicant: { name: '赵德明', idNumber: residentId('51202219700101003'), phone: '13890002222' } }));
      await ok(HANDLER, MEANS_CHECK, { input: { applicationId: application.id, method: 'DATA_SHARING', result: 'DOES_NOT_MEET' } });
      await expectRefusal(HANDLER, GRANT, { input: { applicationId: application.id } }, 'RULE_VIOLATION', 'HARDSHIP_NOT_MET');
      const denied = (await ok<{ denyAid: Application }>(HANDLER, DENY, { input: { applicationId: application.id, reasons: ['经信息共享核查，申请人家庭收入高于当地最低生活保障标准'] } })).denyAid;
      expect(denied).toMatchObject({ stage: 'denied', decision: { outcome: 'denied', onTime: true } });
    });

    it('records the applicant\'s objection; only the justice bureau decides it, and upholding it reopens the review', async () => {
      const filed = (await ok<{ fileObjection: Application }>(HANDLER, FILE_OBJECTION, { input: { applicationId: application.id, grounds: '申请人系残疾人，家庭无固定收入，核查数据有误' } })).fileObjection;
      expect(filed.objection).toEqual({ status: 'pending', against: 'denial' });
      await expectRefusal(HANDLER, DECIDE_OBJECTION, { input: { applicationId: application.id, upheld: true, note: '异议成立' } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      const decided = (await ok<{ decideObjection: Application }>('lz.supervisor', DECIDE_OBJECTION, { input: { applicationId: application.id, upheld: true, note: '经复核，申请人符合经济困难标准，责令重新审查' } })).decideObjection;
      expect(decided).toMatchObject({ stage: 'received', decision: null, objection: { status: 'upheld' } });
      expect(decided.deadlines.filter((deadline) => deadline.kind === 'decision' && deadline.metAt === null)).toHaveLength(1);
    });
  });

  describe('access', () => {
    it('refuses a handler of another agency (FORBIDDEN) and callers without the role, appending nothing', async () => {
      const application = await receive(HANDLER, directApplication({ applicant: { name: '孙桂芳', idNumber: residentId('51202219620315004'), phone: '13890003333' } }));
      await expectRefusal('wtq.legal-aid.hu', MEANS_CHECK, { input: { applicationId: application.id, method: 'DATA_SHARING', result: 'MEETS' } }, 'FORBIDDEN', 'APPLICATION_OUTSIDE_AGENCY');
      await expectRefusal('lz.clerk.room', GRANT, { input: { applicationId: application.id } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      await expectRefusal('lz.court', ASSIGN, { input: { applicationId: application.id, lawyerUserId: login('lz.lawyer.huang').userId } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      await expectRefusal(HANDLER, NOTIFY, { input: { defendant: { name: '某某', idNumber: MINOR_ID }, charge: '盗窃罪', lifeOrDeathPossible: false, reason: 'MINOR' } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      await expectRefusal(null, GRANT, { input: { applicationId: application.id } }, 'UNAUTHENTICATED');
      const other = await call('wtq.legal-aid.hu', `query($id: ID) { legalAidApplication(id: $id) { id } }`, { id: application.id });
      expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_SCOPE' });
    });
  });

  describe('materials, urgent aid, termination and revisits', () => {
    it('pauses the decision clock while the one materials notice is awaited, and resumes it with the pause excluded', async () => {
      const application = await receive(HANDLER, directApplication({ applicant: { name: '钱小梅', idNumber: residentId('51202219880808006'), phone: '13890005555' } }));
      const dueBefore = application.nextDueAt as string;
      const requested = (await ok<{ requestMaterials: Application }>(HANDLER, step('requestMaterials', 'RequestMaterialsInput'), {
        input: { applicationId: application.id, items: ['交通事故认定书', '医疗费票据'], dueAt: new Date(platform.clock.now().getTime() + 10 * 24 * 3600 * 1000).toISOString() },
      })).requestMaterials;
      expect(requested.stage).toBe('awaiting-materials');
      expect(requested.deadlines.find((deadline) => deadline.kind === 'decision')).toMatchObject({ paused: true });
      await expectRefusal(HANDLER, GRANT, { input: { applicationId: application.id } }, 'RULE_VIOLATION', 'MATERIALS_AWAITED');
      platform.clock.advance(2 * 24 * 3600 * 1000);
      const supplied = (await ok<{ supplyMaterials: Application }>(HANDLER, step('supplyMaterials', 'SupplyMaterialsInput'), { input: { applicationId: application.id, note: '材料已补齐' } })).supplyMaterials;
      expect(supplied.stage).toBe('received');
      expect(Date.parse(supplied.nextDueAt as string)).toBeGreaterThan(Date.parse(dueBefore));
    });

    it('gives urgent aid when the limitation period runs out within 7 days, then terminates it when the recipient retains counsel', async () => {
      const application = await receive(HANDLER, directApplication({ applicant: { name: '孙立新', idNumber: residentId('51202219790606007'), phone: '13890006666' } }));
      const urgent = (await ok<{ grantUrgentAid: Application }>(HANDLER, step('grantUrgentAid', 'GrantUrgentAidInput'), {
        input: { applicationId: application.id, ground: 'LIMITATION_EXPIRING', limitationExpiresAt: new Date(platform.clock.now().getTime() + 3 * 24 * 3600 * 1000).toISOString(), note: '诉讼时效三日后届满' },
      })).grantUrgentAid;
      expect(urgent).toMatchObject({ stage: 'granted', decision: { outcome: 'urgent' } });
      const terminated = (await ok<{ terminateAid: Application }>(HANDLER, step('terminateAid', 'TerminateAidInput'), {
        input: { applicationId: application.id, ground: 'OWN_COUNSEL_RETAINED', explanation: '受援人已自行委托律师' },
      })).terminateAid;
      expect(terminated.stage).toBe('terminated');
      expect(terminated.nextDueAt).toBeNull();
    });

    it('counts applications, grants, denials and notified defences on time per region and period, and lawyers\' loads', async () => {
      const indicators = (await ok<{ legalAidIndicators: Record<string, number | null> }>('zy.supervisor', `query { legalAidIndicators(regionCode: "512022", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") {
        received granted denied notifiedDefences notifiedAssigned notifiedAssignedOnTime notifiedOnTimeRate casesPer10kResidents population } }`)).legalAidIndicators;
      expect(indicators).toMatchObject({ notifiedDefences: 1, notifiedAssigned: 1, notifiedAssignedOnTime: 1, notifiedOnTimeRate: 100, denied: 0 });
      expect(indicators.received).toBeGreaterThanOrEqual(6);
      expect(indicators.population).toBeGreaterThan(0);
      expect(indicators.casesPer10kResidents).toBeGreaterThan(0);
      await expectRefusal('wtq.legal-aid.hu', `query { legalAidIndicators(regionCode: "512022", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { received } }`, {}, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE');

      const loads = (await ok<{ lawyerWorkload: { lawyerId: string; openCases: number }[] }>(HANDLER, `query { lawyerWorkload { lawyerId name openCases maxConcurrentCases } }`)).lawyerWorkload;
      expect(loads.find((lawyer) => lawyer.lawyerId === login('lz.lawyer.huang').userId)?.openCases).toBe(1);
      expect(loads.find((lawyer) => lawyer.lawyerId === login('lz.lawyer.zhou').userId)?.openCases).toBe(0);
    });
  });

  describe('deadlines', () => {
    it('shows a missed decision deadline as overdue to the county supervisor, soonest first, and to the agency', async () => {
      const late = await receive(HANDLER, directApplication({ applicant: { name: '周建国', idNumber: residentId('51202219751120005'), phone: '13890004444' } }));
      const before = (await ok<{ legalAidWorkQueue: { edges: { node: { id: string } }[] } }>('lz.supervisor', WORK_QUEUE, { queue: 'OVERDUE' })).legalAidWorkQueue;
      expect(before.edges.map((edge) => edge.node.id)).not.toContain(late.id);

      platform.clock.set(new Date(Date.parse(late.nextDueAt as string) + 3600 * 1000));
      const overdue = (await ok<{ legalAidWorkQueue: { edges: { node: { id: string; deadlineStatus: string; nextDueAt: string } }[] } }>('lz.supervisor', WORK_QUEUE, { queue: 'OVERDUE' })).legalAidWorkQueue;
      const row = overdue.edges.find((edge) => edge.node.id === late.id);
      expect(row?.node.deadlineStatus).toBe('OVERDUE');
      const dues = overdue.edges.map((edge) => edge.node.nextDueAt);
      expect([...dues].sort()).toEqual(dues);

      const agency = (await ok<{ legalAidWorkQueue: { edges: { node: { id: string } }[] } }>(HANDLER, WORK_QUEUE, { queue: 'TO_REVIEW' })).legalAidWorkQueue;
      expect(agency.edges.map((edge) => edge.node.id)).toContain(late.id);
      const elsewhere = (await ok<{ legalAidWorkQueue: { totalCount: number } }>('wtq.legal-aid.hu', WORK_QUEUE, {})).legalAidWorkQueue;
      expect(elsewhere.totalCount).toBe(0);
    });
  });
});
