import { newId, residentIdCheckCharacter } from '@pls/shared-kernel';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';
import { unmaskedPersonalData } from '../testing/personal-data-scan';

/**
 * Audited unmasking in every context that holds personal data (PIPL; issue: security): the front
 * desk's applicants, staff phones, mediation parties and legal-aid applicants. Each legitimate read
 * appends exactly one `<context>.PersonalDataRead` to the owning context's streams before the value
 * comes back, the trail shows it to supervisors of the region, and each refusal appends nothing.
 */
function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
const WORKER_ID = residentId('51202219850312003');
const WORKER_PHONE = '13990081234';
const NEIGHBOUR_ID = residentId('51202219900716002');
const NEIGHBOUR_PHONE = '13890005678';
const OTHER_ID = residentId('51202219800203123');
/** An unmasked resident ID (18 characters) or mainland mobile number anywhere in a text. */

const UNMASK_APPLICANT = `query($code: String!, $field: PersonalDataField!, $reason: String!) { unmaskedApplicant(caseCode: $code, field: $field, reason: $reason) { caseCode field value } }`;
const UNMASK_STAFF = `query($userId: ID!, $reason: String!) { unmaskedStaffPhone(userId: $userId, reason: $reason) { userId field value } }`;
const UNMASK_PARTY = `query($caseNo: String, $id: ID, $partyId: String!, $field: PersonalDataField!, $reason: String!) { unmaskedMediationParty(caseNo: $caseNo, mediationId: $id, partyId: $partyId, field: $field, reason: $reason) { caseNo partyId field value } }`;
const UNMASK_AID = `query($no: String, $id: ID, $field: PersonalDataField!, $reason: String!) { unmaskedLegalAidApplicant(applicationNo: $no, applicationId: $id, field: $field, reason: $reason) { applicationNo field value } }`;
const AUDIT = `query($from: String!, $to: String!, $regionCode: String, $first: Int, $after: String) { personalDataAudit(from: $from, to: $to, regionCode: $regionCode, first: $first, after: $after) { totalCount edges { node { readerUserId subjectKind subjectRef field reason context } } pageInfo { hasNextPage endCursor } } }`;
const DAY = { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' };

type Trail = { personalDataAudit: { totalCount: number; edges: { node: Record<string, string> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('audited unmasking of personal data in every context (embedded mode)', () => {
  let platform: TestPlatform;
  const { ok, call, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });

  let caseCode = '';
  let applicationNo = '';
  let mediationCaseNo = '';

  /** Performs a legitimate unmask and checks it appended exactly one audit record, without the value. */
  async function unmaskAudited<T>(username: string, query: string, variables: Record<string, unknown>, context: string): Promise<T> {
    const before = await platform.eventCount();
    const mark = await platform.eventMark();
    const data = await ok<T>(username, query, variables);
    await platform.whenCaughtUp();
    expect(await platform.eventCount()).toBe(before + 1);
    const [appended] = await platform.eventsSince(mark);
    expect(appended.type).toBe(`${context}.PersonalDataRead`);
    expect(appended.streamId).toMatch(new RegExp(`^${context}\\.audit-`));
    expect(unmaskedPersonalData(JSON.stringify(appended))).toEqual([]);
    // The trail is ordered by the time of the read: a second apart, as people read.
    platform.clock.advance(1000);
    return data;
  }

  beforeAll(async () => {
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
    caseCode = (
      await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`, {
        input: {
          channel: 'WALK_IN',
          matterTypeCode: 'legal-aid.wage-arrears',
          applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: WORKER_ID, phone: WORKER_PHONE },
          description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
          consentToDataUse: true,
        },
      })
    ).registerMatter.caseCode;
    await ok('lz.clerk.room', `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`, { input: { caseCode, line: 'LEGAL_AID' } });
    await platform.whenCaughtUp();
    applicationNo = (await ok<{ caseFile: { backOfficeCaseNo: string } }>('lz.clerk.room', `query($code: String!) { caseFile(code: $code) { backOfficeCaseNo } }`, { code: caseCode })).caseFile.backOfficeCaseNo;
    mediationCaseNo = (
      await ok<{ openMediationFromScreening: { caseNo: string } }>('lz.mediator.deng', `mutation($input: OpenMediationFromScreeningInput!) { openMediationFromScreening(input: $input) { caseNo } }`, {
        input: {
          screening: { recordNo: `石佛排查〔2026〕${newId().slice(0, 6)}`, screenedAt: platform.clock.now().toISOString(), note: '村组排查发现的纠纷' },
          category: 'NEIGHBOURS',
          parties: [
            { kind: 'PERSON', name: '刘芳', idNumber: NEIGHBOUR_ID, phone: NEIGHBOUR_PHONE },
            { kind: 'PERSON', name: '周强', idNumber: OTHER_ID },
          ],
          claim: '排水沟堵塞致邻居房屋受潮，请求疏通并赔偿',
        },
      })
    ).openMediationFromScreening.caseNo;
    await platform.whenCaughtUp();
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('front-desk applicants', () => {
    it('releases the ID number to the clerk of the receiving desk, once the read is recorded in intake\'s store', async () => {
      const data = await unmaskAudited<{ unmaskedApplicant: Record<string, string> }>('lz.clerk.room', UNMASK_APPLICANT, { code: caseCode, field: 'ID_NUMBER', reason: '申请人来电核实身份' }, 'intake');
      expect(data.unmaskedApplicant).toEqual({ caseCode, field: 'ID_NUMBER', value: WORKER_ID });
    });

    it('releases the phone to a handler of the agency handling the matter', async () => {
      const data = await unmaskAudited<{ unmaskedApplicant: Record<string, string> }>('lz.legal-aid.chen', UNMASK_APPLICANT, { code: caseCode, field: 'PHONE', reason: '联系申请人补充材料' }, 'intake');
      expect(data.unmaskedApplicant.value).toBe(WORKER_PHONE);
    });

    it('refuses the clerk of another desk in the same county, and a handler of another county, appending nothing', async () => {
      await expectRefusal('lz.clerk.centre', UNMASK_APPLICANT, { code: caseCode, field: 'ID_NUMBER', reason: '核实身份' }, 'FORBIDDEN', 'MATTER_OUTSIDE_SCOPE');
      await expectRefusal('wtq.legal-aid.hu', UNMASK_APPLICANT, { code: caseCode, field: 'ID_NUMBER', reason: '核实身份' }, 'FORBIDDEN', 'MATTER_OUTSIDE_SCOPE');
    });

    // The fault is injected into the store of the process under test: only the embedded mode has it
    // in the test's own process (the distributed run says so and runs the rest).
    const inThisProcess = process.env['PLS_E2E_MODE'] === 'distributed' ? it.skip : it;
    if (process.env['PLS_E2E_MODE'] === 'distributed') process.stderr.write('personal-data e2e: "releases nothing when the audit record cannot be written" injects a store fault in-process; it runs in the embedded suite (npm test)\n');
    inThisProcess('releases nothing when the audit record cannot be written', async () => {
      const append = jest.spyOn(platform.store, 'appendToStream').mockRejectedValueOnce(new Error('disk full'));
      try {
        const before = await platform.eventCount();
        const response = await call('lz.clerk.room', UNMASK_APPLICANT, { code: caseCode, field: 'ID_NUMBER', reason: '核实身份' });
        expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL');
        expect(response.data ?? null).toBeNull();
        expect(JSON.stringify(response)).not.toContain(WORKER_ID);
        expect(append).toHaveBeenCalledTimes(1);
        expect(await platform.eventCount()).toBe(before);
      } finally {
        append.mockRestore();
      }
    });
  });

  describe('staff phones', () => {
    it('lists every colleague\'s phone masked, even to the supervisor, and releases one with a reason', async () => {
      const listed = await ok<{ staffMember: { phone: string; phoneMasked: boolean } }>('lz.supervisor', `{ staffMember(id: "${login('lz.clerk.room').userId}") { phone phoneMasked } }`);
      expect(listed.staffMember).toEqual({ phone: expect.stringMatching(/^199\*{4}\d{4}$/), phoneMasked: true });
      const data = await unmaskAudited<{ unmaskedStaffPhone: Record<string, string> }>('lz.supervisor', UNMASK_STAFF, { userId: login('lz.clerk.room').userId, reason: '值班调度联系' }, 'directory');
      expect(data.unmaskedStaffPhone).toEqual({ userId: login('lz.clerk.room').userId, field: 'PHONE', value: expect.stringMatching(/^1990000\d{4}$/) });
    });

    it('refuses a supervisor of another county and a clerk, appending nothing', async () => {
      await expectRefusal('wtq.supervisor', UNMASK_STAFF, { userId: login('lz.clerk.room').userId, reason: '核实' }, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE');
      await expectRefusal('lz.clerk.centre', UNMASK_STAFF, { userId: login('lz.clerk.room').userId, reason: '核实' }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
    });
  });

  describe('mediation parties', () => {
    it('releases a party\'s ID number to the committee\'s mediator and the phone to the county supervisor', async () => {
      const id = await unmaskAudited<{ unmaskedMediationParty: Record<string, string> }>('lz.mediator.deng', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '制作调解协议书' }, 'mediation');
      expect(id.unmaskedMediationParty).toEqual({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', value: NEIGHBOUR_ID });
      const phone = await unmaskAudited<{ unmaskedMediationParty: Record<string, string> }>('lz.supervisor', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'PHONE', reason: '回访当事人' }, 'mediation');
      expect(phone.unmaskedMediationParty.value).toBe(NEIGHBOUR_PHONE);
    });

    it('refuses another committee\'s mediator, the court, an unknown party and a phone never given, appending nothing', async () => {
      await expectRefusal('lz.mediator.he', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实' }, 'FORBIDDEN', 'MEDIATION_OUTSIDE_SCOPE');
      await expectRefusal('lz.court', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实' }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      await expectRefusal('lz.mediator.deng', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P9', field: 'ID_NUMBER', reason: '核实' }, 'NOT_FOUND', 'PARTY_NOT_FOUND');
      await expectRefusal('lz.mediator.deng', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P2', field: 'PHONE', reason: '核实' }, 'BAD_USER_INPUT', 'FIELD_NOT_RECORDED');
    });
  });

  describe('legal-aid applicants', () => {
    it('releases the applicant\'s ID number to a legal aid handler of the agency', async () => {
      const data = await unmaskAudited<{ unmaskedLegalAidApplicant: Record<string, string> }>('lz.legal-aid.chen', UNMASK_AID, { no: applicationNo, field: 'ID_NUMBER', reason: '经济困难核查' }, 'legal-aid');
      expect(data.unmaskedLegalAidApplicant).toEqual({ applicationNo, field: 'ID_NUMBER', value: WORKER_ID });
    });

    it('refuses another county\'s handler and the receiving clerk, appending nothing', async () => {
      await expectRefusal('wtq.legal-aid.hu', UNMASK_AID, { no: applicationNo, field: 'ID_NUMBER', reason: '核实' }, 'FORBIDDEN', 'APPLICATION_OUTSIDE_SCOPE');
      await expectRefusal('lz.clerk.room', UNMASK_AID, { no: applicationNo, field: 'ID_NUMBER', reason: '核实' }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
    });
  });

  describe('the trail', () => {
    it('shows the county supervisor every read about the county, oldest first, from the projection and without values', async () => {
      await platform.whenCaughtUp();
      const trail = await ok<Trail>('lz.supervisor', AUDIT, DAY);
      expect(trail.personalDataAudit.edges.map((edge) => edge.node)).toEqual([
        { readerUserId: login('lz.clerk.room').userId, subjectKind: 'matter-applicant', subjectRef: caseCode, field: 'ID_NUMBER', reason: '申请人来电核实身份', context: 'intake' },
        { readerUserId: login('lz.legal-aid.chen').userId, subjectKind: 'matter-applicant', subjectRef: caseCode, field: 'PHONE', reason: '联系申请人补充材料', context: 'intake' },
        { readerUserId: login('lz.supervisor').userId, subjectKind: 'staff', subjectRef: login('lz.clerk.room').userId, field: 'PHONE', reason: '值班调度联系', context: 'directory' },
        { readerUserId: login('lz.mediator.deng').userId, subjectKind: 'mediation-party', subjectRef: `${mediationCaseNo}/P1`, field: 'ID_NUMBER', reason: '制作调解协议书', context: 'mediation' },
        { readerUserId: login('lz.supervisor').userId, subjectKind: 'mediation-party', subjectRef: `${mediationCaseNo}/P1`, field: 'PHONE', reason: '回访当事人', context: 'mediation' },
        { readerUserId: login('lz.legal-aid.chen').userId, subjectKind: 'legal-aid-applicant', subjectRef: applicationNo, field: 'ID_NUMBER', reason: '经济困难核查', context: 'legal-aid' },
      ]);
      expect(unmaskedPersonalData(JSON.stringify(trail))).toEqual([]);
    });

    it('pages with cursors and shows another county\'s supervisor nothing', async () => {
      const first = await ok<Trail>('sc.admin', AUDIT, { ...DAY, first: 4 });
      expect(first.personalDataAudit).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
      const rest = await ok<Trail>('sc.admin', AUDIT, { ...DAY, first: 4, after: first.personalDataAudit.pageInfo.endCursor });
      expect(rest.personalDataAudit.edges.map((edge) => edge.node.context)).toEqual(['mediation', 'legal-aid']);
      expect(rest.personalDataAudit.pageInfo.hasNextPage).toBe(false);
      expect((await ok<Trail>('wtq.supervisor', AUDIT, DAY)).personalDataAudit.totalCount).toBe(0);
    });
  });

  describe('logs', () => {
    it('hold no unmasked ID or phone number after every unmask path ran, refusals and the failed append included', () => {
      expect(platform.nestLog.length).toBeGreaterThan(0);
      const text = JSON.stringify(platform.logger.entries) + JSON.stringify(platform.nestLog);
      for (const value of [WORKER_ID, WORKER_PHONE, NEIGHBOUR_ID, NEIGHBOUR_PHONE]) expect(text).not.toContain(value);
      expect(unmaskedPersonalData(text)).toEqual([]);
    });
  });
});

describe('the phone-digit guessing limit as configured (PLS_PHONE_GUESS_*)', () => {
  let platform: TestPlatform;
  const { ok, call } = new GraphQLSession(() => platform, { ttlSeconds: 24 * 3600 });
  const PROGRESS = `query($code: String!, $last4: String!) { publicProgress(code: $code, phoneLast4: $last4) { caseCode } }`;

  beforeAll(async () => {
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z', env: { PLS_PHONE_GUESS_MAX_FAILURES: '2', PLS_PHONE_GUESS_WINDOW_SECONDS: '60', PLS_PHONE_GUESS_LOCK_SECONDS: '120' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('locks after the configured two wrong answers, for the configured two minutes', async () => {
    const { caseCode } = (
      await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`, {
        input: {
          channel: 'WALK_IN',
          matterTypeCode: 'consultation',
          applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: WORKER_ID, phone: WORKER_PHONE },
          description: '咨询劳动合同解除的经济补偿。',
          consentToDataUse: true,
        },
      })
    ).registerMatter;
    await platform.whenCaughtUp();
    const reason = async (last4: string) => (await call(null, PROGRESS, { code: caseCode, last4 })).errors?.[0]?.extensions?.reason ?? null;
    expect(await reason('0000')).toBe('MATTER_NOT_FOUND');
    expect(await reason('0001')).toBe('MATTER_NOT_FOUND');
    expect(await reason(WORKER_PHONE.slice(-4))).toBe('TOO_MANY_ATTEMPTS');
    platform.clock.advance(120_000);
    expect(await reason(WORKER_PHONE.slice(-4))).toBeNull();
  });
});
