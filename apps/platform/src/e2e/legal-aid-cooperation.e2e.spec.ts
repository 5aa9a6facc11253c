import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';

/**
 * Cross-region cooperation (异地协作) and 容缺受理 as a regional setting, end to end through GraphQL in
 * embedded mode: 乐至县 asks 五通桥区 to verify means and collect materials; 五通桥区 answers from its
 * queue (green channel first, deadlines approaching and overdue on the kernel calendar); the answer
 * shows on the application. 容缺受理 is refused until the county's justice bureau allows it.
 */
const residentId = (first17: string): string => first17 + residentIdCheckCharacter(first17);

const LZ = 'lz.legal-aid.chen';
const WTQ = 'wtq.legal-aid.hu';
const WTQ_AGENCY = login(WTQ).orgId;

const APPLICATION_FIELDS = `id applicationNo stage priority outstandingMaterials { status items dueAt suppliedAt } cooperation { requestId kind receivingOrgId dueAt result notes answeredAt onTime }
  deadlines { kind dueAt metAt onTime } history { kind text }`;
const COOPERATION_FIELDS = `requestId applicationId applicationNo priority requestingOrgId receivingOrgId kind status dueAt result notes onTime deadlineStatus`;
const RECEIVE = `mutation($input: ReceiveLegalAidApplicationInput!) { receiveLegalAidApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const REQUEST = `mutation($input: RequestCooperationInput!) { requestCooperation(input: $input) { ${COOPERATION_FIELDS} } }`;
const ANSWER = `mutation($input: AnswerCooperationInput!) { answerCooperation(input: $input) { ${COOPERATION_FIELDS} } }`;
const QUEUE = `query($direction: CooperationDirection, $openOnly: Boolean) { cooperationRequests(direction: $direction, openOnly: $openOnly, first: 20) { totalCount edges { node { ${COOPERATION_FIELDS} } } } }`;
const APPLICATION = `query($id: ID!) { legalAidApplication(id: $id) { ${APPLICATION_FIELDS} } }`;
const SET = `mutation($input: SetAcceptWithMaterialsOutstandingInput!) { setAcceptWithMaterialsOutstanding(input: $input) { regionCode acceptWithMaterialsOutstanding setByRegionCode setAt } }`;
const SETTINGS = `query($region: String) { legalAidRegionSettings(regionCode: $region) { regionCode acceptWithMaterialsOutstanding setByRegionCode } }`;
const ACCEPT = `mutation($input: AcceptWithMaterialsOutstandingInput!) { acceptWithMaterialsOutstanding(input: $input) { ${APPLICATION_FIELDS} } }`;
const SUPPLY = `mutation($input: SupplyMaterialsInput!) { supplyOutstandingMaterials(input: $input) { ${APPLICATION_FIELDS} } }`;
const GRANT = `mutation($input: ApplicationRefInput!) { grantAid(input: $input) { stage } }`;

type Application = { id: string; applicationNo: string; priority: string; cooperation: Record<string, unknown>[]; history: { kind: string; text: string }[]; [field: string]: unknown };
type Request = { requestId: string; applicationId: string; priority: string; status: string; dueAt: string; deadlineStatus: string; [field: string]: unknown };

describe('cross-region cooperation and 容缺受理 through GraphQL (embedded mode)', () => {
  let platform: TestPlatform;
  const { ok, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });
  const receive = async (input: Record<string, unknown>) => (await ok<{ receiveLegalAidApplication: Application }>(LZ, RECEIVE, { input })).receiveLegalAidApplication;
  const request = async (input: Record<string, unknown>) => (await ok<{ requestCooperation: Request }>(LZ, REQUEST, { input })).requestCooperation;
  const incoming = async (username: string, openOnly = true) => (await ok<{ cooperationRequests: { totalCount: number; edges: { node: Request }[] } }>(username, QUEUE, { direction: 'INCOMING', openOnly })).cooperationRequests;

  let ordinary: Application;
  let elderly: Application;
  let meansRequest: Request;
  let materialsRequest: Request;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Shanghai.
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
    ordinary = await receive({
      applicant: { name: '孙建华', idNumber: residentId('51111219800214003') },
      category: { kind: 'CIVIL', subCategory: 'PERSONAL_INJURY' },
      adverseParty: { name: '乐至县某物流公司' },
      means: { declaredHardship: true },
    });
    elderly = await receive({
      applicant: { name: '钱桂芳', idNumber: residentId('51111219500907002') },
      category: { kind: 'CIVIL', subCategory: 'MAINTENANCE_SUPPORT' },
      adverseParty: { name: '钱某' },
      means: { declaredHardship: true },
      greenChannel: ['ELDERLY'],
    });
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('异地协作', () => {
    it("asks 五通桥区's agency to verify means and collect materials, due in 3 working days (the law sets no period)", async () => {
      meansRequest = await request({ applicationId: ordinary.id, receivingAgencyOrgId: WTQ_AGENCY, kind: 'VERIFY_MEANS', details: '申请人户籍在五通桥区竹根镇，请协助核查家庭经济状况。' });
      // Monday 2 March + 3 working days: Tue 3, Wed 4, Thu 5 → end of Thursday 5 March (Shanghai).
      expect(meansRequest).toMatchObject({ status: 'requested', priority: 'normal', receivingOrgId: WTQ_AGENCY, dueAt: '2026-03-05T16:00:00.000Z', deadlineStatus: 'PENDING' });
      materialsRequest = await request({ applicationId: elderly.id, receivingAgencyOrgId: WTQ_AGENCY, kind: 'COLLECT_MATERIALS', details: '请协助调取被申请人在五通桥区的收入证明。' });
      expect(materialsRequest.priority).toBe('green-channel');
      const application = (await ok<{ legalAidApplication: Application }>(LZ, APPLICATION, { id: ordinary.id })).legalAidApplication;
      expect(application.cooperation).toEqual([expect.objectContaining({ kind: 'verify-means', receivingOrgId: WTQ_AGENCY, result: null })]);
      expect(application.history.at(-1)).toMatchObject({ kind: 'CooperationRequested' });
    });

    it.each([
      ['to its own agency', LZ, () => ({ applicationId: ordinary.id, receivingAgencyOrgId: login(LZ).orgId, kind: 'VERIFY_MEANS', details: '核查' }), 'RULE_VIOLATION', 'COOPERATION_WITH_OWN_AGENCY'],
      ['to a court', LZ, () => ({ applicationId: ordinary.id, receivingAgencyOrgId: login('wtq.court').orgId, kind: 'VERIFY_MEANS', details: '核查' }), 'RULE_VIOLATION', 'COOPERATION_RECEIVER_NOT_LEGAL_AID_AGENCY'],
      ['to an unknown agency', LZ, () => ({ applicationId: ordinary.id, receivingAgencyOrgId: 'org-no-such-agency', kind: 'VERIFY_MEANS', details: '核查' }), 'NOT_FOUND', 'AGENCY_NOT_FOUND'],
      ['with empty details', LZ, () => ({ applicationId: ordinary.id, receivingAgencyOrgId: WTQ_AGENCY, kind: 'VERIFY_MEANS', details: ' ' }), 'BAD_USER_INPUT', 'TEXT_REQUIRED'],
      ["on another county's application", WTQ, () => ({ applicationId: ordinary.id, receivingAgencyOrgId: login(LZ).orgId, kind: 'VERIFY_MEANS', details: '核查' }), 'FORBIDDEN', 'APPLICATION_OUTSIDE_AGENCY'],
      ['by a supervisor', 'lz.supervisor', () => ({ applicationId: ordinary.id, receivingAgencyOrgId: WTQ_AGENCY, kind: 'VERIFY_MEANS', details: '核查' }), 'FORBIDDEN', undefined],
    ])('refuses a request %s and appends nothing', async (_, username, input, code, reason) => {
      await expectRefusal(username, REQUEST, { input: input() }, code, reason);
    });

    it("puts both in 五通桥区's queue, green channel first, and in neither of 乐至县's incoming queue", async () => {
      const queue = await incoming(WTQ);
      expect(queue.edges.map((edge) => edge.node.requestId)).toEqual([materialsRequest.requestId, meansRequest.requestId]);
      expect((await incoming(LZ)).totalCount).toBe(0);
      const outgoing = (await ok<{ cooperationRequests: { totalCount: number } }>(LZ, QUEUE, { direction: 'OUTGOING', openOnly: false })).cooperationRequests;
      expect(outgoing.totalCount).toBe(2);
      expect((await incoming('ls.supervisor')).totalCount).toBe(2);
      expect((await incoming('lz.supervisor')).totalCount).toBe(0);
    });

    it('shows the answer deadline approaching on its last day and overdue after it', async () => {
      platform.clock.set('2026-03-05T02:00:00.000Z');
      expect((await incoming(WTQ)).edges.map((edge) => edge.node.deadlineStatus)).toEqual(['APPROACHING', 'APPROACHING']);
      platform.clock.set('2026-03-06T02:00:00.000Z');
      expect((await incoming(WTQ)).edges.map((edge) => edge.node.deadlineStatus)).toEqual(['OVERDUE', 'OVERDUE']);
    });

    it.each([
      ['by the requesting agency', LZ, () => ({ requestId: meansRequest.requestId, result: 'MEANS_MEET', notes: '符合' }), 'RULE_VIOLATION', 'COOPERATION_NOT_ADDRESSED_TO_YOU'],
      ['by a lawyer', 'wtq.lawyer.cai', () => ({ requestId: meansRequest.requestId, result: 'MEANS_MEET', notes: '符合' }), 'RULE_VIOLATION', 'COOPERATION_NOT_ADDRESSED_TO_YOU'],
      ['with a result that does not fit the request', WTQ, () => ({ requestId: meansRequest.requestId, result: 'MATERIALS_COLLECTED', notes: '已收集' }), 'RULE_VIOLATION', 'COOPERATION_RESULT_NOT_FOR_KIND'],
      ['to an unknown request', WTQ, () => ({ requestId: 'no-such-request', result: 'MEANS_MEET', notes: '符合' }), 'NOT_FOUND', 'COOPERATION_NOT_FOUND'],
      ['by a supervisor', 'ls.supervisor', () => ({ requestId: meansRequest.requestId, result: 'MEANS_MEET', notes: '符合' }), 'FORBIDDEN', undefined],
    ])('refuses an answer %s and appends nothing', async (_, username, input, code, reason) => {
      await expectRefusal(username, ANSWER, { input: input() }, code, reason);
    });

    it("records 五通桥区's late answer, which 乐至县 reads on the application's history, and refuses a second answer", async () => {
      const answered = (await ok<{ answerCooperation: Request }>(WTQ, ANSWER, { input: { requestId: meansRequest.requestId, result: 'MEANS_MEET', notes: '经民政部门数据比对，申请人为低保对象。' } })).answerCooperation;
      expect(answered).toMatchObject({ status: 'answered', result: 'means-meet', onTime: false, deadlineStatus: 'NONE' });
      const application = (await ok<{ legalAidApplication: Application }>(LZ, APPLICATION, { id: ordinary.id })).legalAidApplication;
      expect(application.cooperation[0]).toMatchObject({ result: 'means-meet', notes: '经民政部门数据比对，申请人为低保对象。', onTime: false });
      expect(application.history.at(-1)).toMatchObject({ kind: 'CooperationAnswered', text: '异地协作答复：符合经济困难条件。经民政部门数据比对，申请人为低保对象。' });
      await expectRefusal(WTQ, ANSWER, { input: { requestId: meansRequest.requestId, result: 'UNABLE', notes: '重复' } }, 'RULE_VIOLATION', 'COOPERATION_ALREADY_ANSWERED');
      expect((await incoming(WTQ)).edges.map((edge) => edge.node.requestId)).toEqual([materialsRequest.requestId]);
      // The answering agency sees the request, not the application itself.
      await expectRefusal(WTQ, APPLICATION, { id: ordinary.id }, 'FORBIDDEN', 'APPLICATION_OUTSIDE_SCOPE');
    });
  });

  describe('容缺受理 as a regional setting', () => {
    const outstanding = (id: string, essential = false) => ({ applicationId: id, items: [{ name: '医疗费票据原件', essential: false }, ...(essential ? [{ name: '身份证明', essential: true }] : [])], dueAt: '2026-03-20T16:00:00.000Z' });

    it('is refused with its code while the region has not allowed it', async () => {
      expect((await ok<{ legalAidRegionSettings: Record<string, unknown> }>(LZ, SETTINGS, {})).legalAidRegionSettings).toMatchObject({ acceptWithMaterialsOutstanding: false, setByRegionCode: null });
      await expectRefusal(LZ, ACCEPT, { input: outstanding(elderly.id) }, 'RULE_VIOLATION', 'ACCEPT_WITH_MATERIALS_OUTSTANDING_NOT_ALLOWED');
    });

    it("is set by the county's justice bureau, not by a handler or another county; an upper level's setting yields to the county's own", async () => {
      await expectRefusal(LZ, SET, { input: { regionCode: '512022', allowed: true } }, 'FORBIDDEN');
      await expectRefusal('wtq.supervisor', SET, { input: { regionCode: '512022', allowed: true } }, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE');
      await expectRefusal('lz.supervisor', SET, { input: { regionCode: '51202', allowed: true } }, 'BAD_USER_INPUT', 'REGION_CODE_MALFORMED');
      const set = (await ok<{ setAcceptWithMaterialsOutstanding: Record<string, unknown> }>('lz.supervisor', SET, { input: { regionCode: '512022', allowed: true } })).setAcceptWithMaterialsOutstanding;
      expect(set).toMatchObject({ regionCode: '512022000000', acceptWithMaterialsOutstanding: true, setByRegionCode: '512022000000' });
      // Setting the same value again records nothing.
      const before = await platform.eventCount();
      await ok('lz.supervisor', SET, { input: { regionCode: '512022', allowed: true } });
      expect(await platform.eventCount()).toBe(before);
      await ok('sc.admin', SET, { input: { regionCode: '510000', allowed: false } });
      expect((await ok<{ legalAidRegionSettings: Record<string, unknown> }>(LZ, SETTINGS, {})).legalAidRegionSettings).toMatchObject({ acceptWithMaterialsOutstanding: true, setByRegionCode: '512022000000' });
      expect((await ok<{ legalAidRegionSettings: Record<string, unknown> }>(WTQ, SETTINGS, {})).legalAidRegionSettings).toMatchObject({ acceptWithMaterialsOutstanding: false, setByRegionCode: '510000000000' });
      expect((await ok<{ legalAidRegionSettings: Record<string, unknown> }>(LZ, SETTINGS, { region: '512022101' })).legalAidRegionSettings).toMatchObject({ acceptWithMaterialsOutstanding: true });
      await expectRefusal(LZ, SETTINGS, { region: '511112' }, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE');
    });

    it('then accepts with non-essential materials outstanding (never essential ones), grants, and records them supplied later', async () => {
      await expectRefusal(LZ, ACCEPT, { input: outstanding(elderly.id, true) }, 'RULE_VIOLATION', 'ESSENTIAL_MATERIAL_NOT_DEFERRABLE');
      await expectRefusal(LZ, ACCEPT, { input: { ...outstanding(elderly.id), dueAt: '2026-03-01T00:00:00.000Z' } }, 'BAD_USER_INPUT', 'MATERIALS_DUE_NOT_IN_FUTURE');
      await expectRefusal(WTQ, ACCEPT, { input: outstanding(elderly.id) }, 'FORBIDDEN', 'APPLICATION_OUTSIDE_AGENCY');
      const accepted = (await ok<{ acceptWithMaterialsOutstanding: Application }>(LZ, ACCEPT, { input: outstanding(elderly.id) })).acceptWithMaterialsOutstanding;
      expect(accepted).toMatchObject({ stage: 'received', outstandingMaterials: { status: 'outstanding', items: ['医疗费票据原件'], dueAt: '2026-03-20T16:00:00.000Z' } });
      expect(accepted.deadlines).toContainEqual(expect.objectContaining({ kind: 'outstanding-materials', metAt: null }));
      await expectRefusal(LZ, ACCEPT, { input: outstanding(elderly.id) }, 'RULE_VIOLATION', 'MATERIALS_ALREADY_OUTSTANDING');

      await ok(LZ, `mutation($input: RecordMeansCheckInput!) { recordMeansCheck(input: $input) { stage } }`, { input: { applicationId: elderly.id, method: 'DATA_SHARING', result: 'MEETS' } });
      expect((await ok<{ grantAid: { stage: string } }>(LZ, GRANT, { input: { applicationId: elderly.id } })).grantAid.stage).toBe('granted');
      const supplied = (await ok<{ supplyOutstandingMaterials: Application }>(LZ, SUPPLY, { input: { applicationId: elderly.id, note: '已提交票据原件' } })).supplyOutstandingMaterials;
      expect(supplied.outstandingMaterials).toMatchObject({ status: 'supplied', suppliedAt: '2026-03-06T02:00:00.000Z' });
      expect(supplied.deadlines).toContainEqual(expect.objectContaining({ kind: 'outstanding-materials', onTime: true }));
      await expectRefusal(LZ, SUPPLY, { input: { applicationId: elderly.id } }, 'RULE_VIOLATION', 'NO_MATERIALS_OUTSTANDING');
    });
  });
});
