import { newId, residentIdCheckCharacter } from '@pls/shared-kernel';
import type { FrontDeskReply } from '@pls/intake-contracts';
import * as QRCode from 'qrcode';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';

/**
 * The front desk end to end through GraphQL, embedded mode (issue: front desk, directory and the
 * gateway). Until the legal aid service exists the test plays the back office through its
 * published contract: events carrying a `frontDeskReply` section on the legal aid topic.
 */
const MATTER_FIELDS = `id caseCode stage channel line returns backOfficeCaseNo answer nextDueAt deadlineStatus awaitingOrgId
  applicant { name idNumberMasked phoneMasked } result { outcome summary } feedback { channel onTime }
  rating { level excluded } rectification { status dueAt callBacks onTime } supervisions { supervisionId dueAt answer }
  timeline { kind text public } progressUrl`;

function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
const WORKER_ID = residentId('51202219850312003');
const WORKER_PHONE = '13990081234';

describe('the front desk through GraphQL (embedded mode)', () => {
  let platform: TestPlatform;
  const { call, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });

  let backOfficeCase = 0;
  /**
   * The county notary office answering through the published contract. Legal aid and mediation now
   * have their own services (which accept routed matters by themselves, see legal-aid.e2e.spec.ts and
   * mediation.e2e.spec.ts), so returns and replies are played by a line that has none yet.
   */
  async function notaryReplies(reply: Omit<FrontDeskReply, 'orgId' | 'line'> & { kind: FrontDeskReply['kind'] }): Promise<void> {
    const orgId = login(NOTARY).orgId;
    const stream = `notarization.application-e2e${++backOfficeCase}`;
    await platform.store.appendToStream(stream, [{
      eventId: newId(),
      type: 'notarization.FrontDeskReplyRecorded',
      schemaVersion: 1,
      occurredAt: platform.clock.now().toISOString(),
      data: { frontDeskReply: { ...reply, line: 'notarization', orgId } },
      metadata: { commandId: newId(), correlationId: newId(), causationId: newId(), actor: { userId: login(NOTARY).userId, orgId, roles: ['handler'] } },
    }], { expectedRevision: 'no_stream' });
    await platform.whenCaughtUp();
  }

  const NOTARY = 'lz.notary.sun';
  const wageDispute = () => wageClaim({ matterTypeCode: 'notarization', description: '在乐至县某工地务工8个月，与包工头达成还款协议，申请办理协议公证。' });
  const REGISTER = `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { ${MATTER_FIELDS} } }`;
  const ROUTE = `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { ${MATTER_FIELDS} } }`;
  const CASE_FILE = `query($code: String!) { caseFile(code: $code) { ${MATTER_FIELDS} } }`;
  const wageClaim = (overrides: Record<string, unknown> = {}) => ({
    channel: 'WALK_IN',
    matterTypeCode: 'legal-aid.wage-arrears',
    applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: WORKER_ID, phone: WORKER_PHONE },
    description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
    attachments: [{ name: '考勤记录.jpg', mediaType: 'image/jpeg', sizeBytes: 204800, sha256: 'a'.repeat(64) }],
    consentToDataUse: true,
    ...overrides,
  });

  beforeAll(async () => {
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('registers a hotline consultation and answers it at the desk, which closes it', async () => {
    const registered = await call<{ registerMatter: { caseCode: string; stage: string } }>('sc.hotline.clerk', REGISTER, {
      input: { ...wageClaim(), channel: 'HOTLINE', matterTypeCode: 'consultation', description: '来电咨询：工地不发工资怎么办？', attachments: [] },
    });
    expect(registered.errors).toBeUndefined();
    const { caseCode } = registered.data!.registerMatter;
    expect(caseCode).toMatch(/^SC-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const answered = await call<{ answerConsultation: { stage: string; answer: string } }>('sc.hotline.clerk', `mutation($input: AnswerConsultationInput!) { answerConsultation(input: $input) { stage answer } }`, {
      input: { caseCode, answer: '可向劳动监察大队投诉，也可申请法律援助（农民工讨薪免予经济困难审查）。' },
    });
    expect(answered.data?.answerConsultation).toMatchObject({ stage: 'closed' });
  });

  describe('a walk-in at a village room, routed to the county notary office', () => {
    let caseCode: string;

    it('is registered with the applicant masked and routed by default to the county notary office', async () => {
      const registered = await call<{ registerMatter: { caseCode: string; applicant: { idNumberMasked: string; phoneMasked: string } } }>('lz.clerk.room', REGISTER, { input: wageDispute() });
      expect(registered.errors).toBeUndefined();
      caseCode = registered.data!.registerMatter.caseCode;
      expect(registered.data!.registerMatter.applicant).toEqual({ name: '罗大勇', idNumberMasked: `5120**********${WORKER_ID.slice(-4)}`, phoneMasked: '139****1234' });
      const routed = await call<{ routeMatter: { stage: string; line: string; awaitingOrgId: string; nextDueAt: string } }>('lz.clerk.room', ROUTE, { input: { caseCode, line: 'NOTARIZATION' } });
      expect(routed.errors).toBeUndefined();
      expect(routed.data!.routeMatter).toMatchObject({ stage: 'routed', line: 'NOTARIZATION', awaitingOrgId: login(NOTARY).orgId });
      // 3 working days from Monday 2026-03-02 → end of Thursday 2026-03-05 (Shanghai).
      expect(routed.data!.routeMatter.nextDueAt).toBe('2026-03-05T16:00:00.000Z');
    });

    it('is returned once by the back office, re-routed, accepted with its case number and gets a result', async () => {
      const matter = (await call<{ caseFile: { id: string } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).data!.caseFile;
      await notaryReplies({ kind: 'returned', matterId: matter.id, reason: '缺少还款协议原件，请补充后再转', at: platform.clock.now().toISOString() } as never);
      const returned = await call<{ caseFile: { stage: string; returns: number } }>('lz.clerk.room', CASE_FILE, { code: caseCode });
      expect(returned.data!.caseFile).toMatchObject({ stage: 'at-desk', returns: 1 });

      const rerouted = await call<{ routeMatter: { stage: string } }>('lz.clerk.room', ROUTE, { input: { caseCode, line: 'NOTARIZATION' } });
      expect(rerouted.data?.routeMatter.stage).toBe('routed');
      await notaryReplies({ kind: 'accepted', matterId: matter.id, backOfficeCaseNo: '（2026）川乐证字第42号', at: platform.clock.now().toISOString() } as never);
      await notaryReplies({ kind: 'result', matterId: matter.id, outcome: 'completed', summary: '还款协议公证书已出具', at: platform.clock.now().toISOString() } as never);
      const resulted = await call<{ caseFile: { stage: string; backOfficeCaseNo: string; timeline: { kind: string }[] } }>('lz.clerk.room', CASE_FILE, { code: caseCode });
      expect(resulted.data!.caseFile).toMatchObject({ stage: 'result-received', backOfficeCaseNo: '（2026）川乐证字第42号' });
      expect(resulted.data!.caseFile.timeline.map((step) => step.kind)).toEqual([
        'MatterRegistered', 'MatterRouted', 'MatterReturnedByBackOffice', 'MatterRouted', 'MatterAcceptedByBackOffice', 'ResultReceived',
      ]);
    });

    it('refuses to rate before feedback, feeds the result back, takes one rating, and a 不满意 opens a rectification that is closed', async () => {
      await expectRefusal('lz.clerk.room', `mutation($input: RateServiceInput!) { rateService(input: $input) { stage } }`, { input: { caseCode, level: 'DISSATISFIED' } }, 'RULE_VIOLATION', 'RATING_BEFORE_FEEDBACK');
      const fedBack = await call<{ deliverFeedback: { stage: string; feedback: { onTime: boolean } } }>('lz.clerk.room', `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { stage feedback { onTime } } }`, {
        input: { caseCode, channel: 'SMS', content: '您的还款协议公证书已出具，请到县公证处领取。' },
      });
      expect(fedBack.data?.deliverFeedback).toEqual({ stage: 'fed-back', feedback: { onTime: true } });

      const rated = await call<{ rateService: { rating: { level: string }; rectification: { status: string; dueAt: string } } }>('lz.clerk.room', `mutation($input: RateServiceInput!) { rateService(input: $input) { rating { level } rectification { status dueAt } } }`, {
        input: { caseCode, level: 'DISSATISFIED', comment: '等待时间太长' },
      });
      expect(rated.data?.rateService).toMatchObject({ rating: { level: 'dissatisfied' }, rectification: { status: 'open' } });
      await expectRefusal('lz.clerk.room', `mutation($input: RateServiceInput!) { rateService(input: $input) { stage } }`, { input: { caseCode, level: 'SATISFIED' } }, 'RULE_VIOLATION', 'ALREADY_RATED');

      // The rectification belongs to the office that handled the matter: the county notary office.
      const rectifier = NOTARY;
      const calledBack = await call(rectifier, `mutation($input: RectificationCallBackInput!) { recordRectificationCallBack(input: $input) { rectification { callBacks } } }`, { input: { caseCode, note: '电话回访申请人，说明办理时限' } });
      expect(calledBack.errors).toBeUndefined();
      const closed = await call<{ closeRectification: { rectification: { status: string; onTime: boolean } } }>(rectifier, `mutation($input: CloseRectificationInput!) { closeRectification(input: $input) { rectification { status onTime } } }`, {
        input: { caseCode, outcome: '优化转办流程，缩短等待', resultFedBackToRater: true },
      });
      expect(closed.data?.closeRectification.rectification).toEqual({ status: 'closed', onTime: true });
    });

    it('shows the applicant their progress with the case code and phone digits, and nothing otherwise', async () => {
      const query = `query($code: String!, $d: String!) { publicProgress(code: $code, phoneLast4: $d) { caseCode stage steps { text } } }`;
      const right = await platform.graphql<{ publicProgress: { caseCode: string; steps: { text: string }[] } }>(query, { code: caseCode, d: '1234' });
      expect(right.errors).toBeUndefined();
      expect(right.data!.publicProgress.caseCode).toBe(caseCode);
      const body = JSON.stringify(right);
      expect(body).not.toContain('罗大勇');
      expect(body).not.toContain(WORKER_ID.slice(-4) === '1234' ? WORKER_ID : WORKER_ID.slice(-4));
      const qr = await fetch(platform.url.replace('/graphql', `/progress/${caseCode}/qr.svg`));
      expect(qr.headers.get('content-type')).toContain('image/svg+xml');
      // The QR code is exactly the one for the matter's public progress link.
      const progressUrl = (await call<{ caseFile: { progressUrl: string } }>('lz.clerk.room', CASE_FILE, { code: caseCode })).data!.caseFile.progressUrl;
      expect(progressUrl).toMatch(new RegExp(`/progress/${caseCode}$`));
      expect(await qr.text()).toBe(await QRCode.toString(progressUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
      const page = await fetch(platform.url.replace('/graphql', `/progress/${caseCode}`));
      expect(await page.text()).toContain(caseCode);
      const wrong = await platform.graphql(query, { code: caseCode, d: '9999' });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(wrong.data).toBeNull();
    });
  });

  it('lets a county supervisor order supervision on a village matter and shows it overdue once the clock passes the deadline', async () => {
    const registered = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim() });
    const { caseCode } = registered.data!.registerMatter;
    await call('lz.clerk.room', ROUTE, { input: { caseCode, line: 'LEGAL_AID' } });
    const ordered = await call<{ orderSupervision: { supervisions: { dueAt: string }[] } }>('lz.supervisor', `mutation($input: OrderSupervisionInput!) { orderSupervision(input: $input) { supervisions { dueAt } } }`, {
      input: { caseCode, note: '请于3月4日前说明受理情况', dueAt: '2026-03-04T10:00:00.000Z' },
    });
    expect(ordered.errors).toBeUndefined();
    const queue = `query { workQueue(overdueOnly: true) { totalCount edges { node { caseCode deadlineStatus } } } }`;
    const before = await call<{ workQueue: { edges: { node: { caseCode: string } }[] } }>('lz.supervisor', queue);
    expect(before.data!.workQueue.edges.map((edge) => edge.node.caseCode)).not.toContain(caseCode);
    platform.clock.set('2026-03-04T12:00:00.000Z');
    try {
      const after = await call<{ workQueue: { edges: { node: { caseCode: string; deadlineStatus: string } }[] } }>('lz.supervisor', queue);
      expect(after.data!.workQueue.edges.find((edge) => edge.node.caseCode === caseCode)?.node.deadlineStatus).toBe('OVERDUE');
    } finally {
      platform.clock.set('2026-03-02T01:00:00.000Z');
    }
  });

  it('keeps every clerk inside their region: 五通桥区 sees none of 乐至县, a township sees only its township', async () => {
    const atCentre = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.centre', REGISTER, { input: wageClaim() });
    const centreCode = atCentre.data!.registerMatter.caseCode;
    const list = `query { matters(first: 100) { totalCount edges { node { caseCode receivingRegionCode } } } }`;
    const wutongqiao = await call<{ matters: { totalCount: number } }>('wtq.clerk.centre', list);
    expect(wutongqiao.data!.matters.totalCount).toBe(0);
    const foreign = await call('wtq.clerk.centre', CASE_FILE, { code: centreCode });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const township = await call<{ matters: { edges: { node: { caseCode: string; receivingRegionCode: string } }[] } }>('lz.clerk.station', list);
    const codes = township.data!.matters.edges.map((edge) => edge.node);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((node) => node.receivingRegionCode.startsWith('512022101'))).toBe(true);
    expect(codes.map((node) => node.caseCode)).not.toContain(centreCode);
  });

  describe('refusals change nothing', () => {
    it('refuses a resident ID with a wrong check digit', async () => {
      const bad = WORKER_ID.slice(0, 17) + (WORKER_ID[17] === '0' ? '1' : '0');
      await expectRefusal('lz.clerk.room', REGISTER, { input: wageClaim({ applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: bad, phone: WORKER_PHONE } }) }, 'BAD_USER_INPUT', 'RESIDENT_ID_CHECK_DIGIT_MISMATCH');
    });

    it('refuses an unknown matter type', async () => {
      await expectRefusal('lz.clerk.room', REGISTER, { input: wageClaim({ matterTypeCode: 'divorce' }) }, 'NOT_FOUND', 'MATTER_TYPE_UNKNOWN');
    });

    it('refuses registration without consent to data use', async () => {
      await expectRefusal('lz.clerk.room', REGISTER, { input: wageClaim({ consentToDataUse: false }) }, 'RULE_VIOLATION', 'CONSENT_REQUIRED');
    });

    it('refuses routing to an organisation that does not serve the line, and to an unknown organisation', async () => {
      const registered = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim({ matterTypeCode: 'mediation' }) });
      const caseCode = registered.data!.registerMatter.caseCode;
      await expectRefusal('lz.clerk.room', ROUTE, { input: { caseCode, line: 'MEDIATION', handlingOrgId: login('lz.legal-aid.chen').orgId, reason: '试试' } }, 'RULE_VIOLATION', 'ORG_DOES_NOT_SERVE_LINE');
      await expectRefusal('lz.clerk.room', ROUTE, { input: { caseCode, line: 'MEDIATION', handlingOrgId: newId(), reason: '试试' } }, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND');
    });

    it('refuses feedback before there is a result', async () => {
      const registered = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim() });
      await expectRefusal('lz.clerk.room', `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { stage } }`, {
        input: { caseCode: registered.data!.registerMatter.caseCode, channel: 'SMS', content: '结果' },
      }, 'RULE_VIOLATION', 'FEEDBACK_BEFORE_RESULT');
    });

    it('refuses a caller without a token and a caller whose role may not register', async () => {
      await expectRefusal(null, REGISTER, { input: wageClaim() }, 'UNAUTHENTICATED', 'TOKEN_MISSING');
      await expectRefusal('lz.legal-aid.chen', REGISTER, { input: wageClaim() }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
    });

    it('refuses every other desk step where the matter is not ready for it', async () => {
      const registered = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim() });
      const caseCode = registered.data!.registerMatter.caseCode;
      const step = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { stage } }`;
      await expectRefusal('lz.clerk.room', step('answerConsultation', 'AnswerConsultationInput'), { input: { caseCode, answer: '答复' } }, 'RULE_VIOLATION', 'NOT_A_CONSULTATION');
      await expectRefusal('lz.clerk.room', step('recordRectificationCallBack', 'RectificationCallBackInput'), { input: { caseCode, note: '回访' } }, 'RULE_VIOLATION');
      await expectRefusal('lz.clerk.room', step('closeRectification', 'CloseRectificationInput'), { input: { caseCode, outcome: '整改', resultFedBackToRater: true } }, 'RULE_VIOLATION');
      await expectRefusal('lz.clerk.room', step('appealRating', 'AppealRatingInput'), { input: { caseCode, reason: '恶意差评' } }, 'RULE_VIOLATION');
      await expectRefusal('lz.supervisor', step('reviewRatingAppeal', 'ReviewRatingAppealInput'), { input: { caseCode, upheld: true, note: '复核' } }, 'RULE_VIOLATION');
      await expectRefusal('lz.clerk.room', step('answerSupervision', 'AnswerSupervisionInput'), { input: { caseCode, supervisionId: newId(), answer: '已处理' } }, 'NOT_FOUND', 'SUPERVISION_NOT_FOUND');
      await expectRefusal('lz.clerk.room', step('rateService', 'RateServiceInput'), { input: { caseCode, level: 'SATISFIED' } }, 'RULE_VIOLATION', 'RATING_BEFORE_FEEDBACK');
      await expectRefusal(null, `mutation($input: RateMyMatterInput!) { rateMyMatter(input: $input) }`, { input: { caseCode, phoneLast4: '0000', level: 'SATISFIED' } }, 'NOT_FOUND', 'MATTER_NOT_FOUND');
      await expectRefusal('lz.clerk.room', step('orderSupervision', 'OrderSupervisionInput'), { input: { caseCode, note: '督办', dueAt: '2026-03-10T00:00:00Z' } }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
    });

    it('refuses supervision from a supervisor at the level of the office holding the matter', async () => {
      const registered = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.centre', REGISTER, { input: wageClaim() });
      await expectRefusal('lz.supervisor', `mutation($input: OrderSupervisionInput!) { orderSupervision(input: $input) { stage } }`, {
        input: { caseCode: registered.data!.registerMatter.caseCode, note: '督办', dueAt: '2026-03-10T00:00:00Z' },
      }, 'RULE_VIOLATION', 'SUPERVISOR_NOT_UPPER_LEVEL');
    });

    it('refuses a malformed case code and a command id that is not a UUID', async () => {
      await expectRefusal('lz.clerk.room', CASE_FILE, { code: 'SC-0000-000' }, 'BAD_USER_INPUT', 'CASE_CODE_MALFORMED');
      await expectRefusal('lz.clerk.room', REGISTER, { input: wageClaim({ commandId: 'not-a-uuid' }) }, 'BAD_USER_INPUT', 'COMMAND_ID_INVALID');
      await expectRefusal(null, `query { publicProgress(code: "SC-0000-0000", phoneLast4: "12a4") { stage } }`, {}, 'BAD_USER_INPUT', 'PHONE_LAST4_INVALID');
    });

    it('registers once when the same command id is sent twice', async () => {
      const commandId = newId();
      const first = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim({ commandId }) });
      const before = await platform.eventCount();
      const again = await call<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: wageClaim({ commandId }) });
      expect(again.data!.registerMatter.caseCode).toBe(first.data!.registerMatter.caseCode);
      expect(await platform.eventCount()).toBe(before);
    });
  });
});
