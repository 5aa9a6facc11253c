import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { DEMO_AUDIENCE, DEMO_ISSUER } from '@pls/shared-api';
import { residentIdCheckCharacter } from '@pls/shared-kernel';
import { callerOf, demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform, type GraphQLResponse } from '../testing/test-platform';
import { unmaskedPersonalData } from '../testing/personal-data-scan';

/**
 * Hostile input through GraphQL (issue: security and bad input). Every case is one real attempt that
 * must be refused with its code (and reason), append nothing to the event store and echo no
 * personal data. The table is run case by case; the counts are asserted at the end so the suite
 * cannot silently shrink.
 */
function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
const WORKER_ID = residentId('51202219850312003');
const WORKER_PHONE = '13990081234';
const VICTIM_ID = residentId('51202219900716002');
const NEIGHBOUR_ID = residentId('51202219800203123');
const NEIGHBOUR_PHONE = '13890005678';
const WRONG_CHECK_ID = WORKER_ID.slice(0, 17) + (WORKER_ID.endsWith('0') ? '1' : '0');
/** An unmasked resident ID (18 characters) or mainland mobile number anywhere in a text. */


interface HostileCase {
  readonly name: string;
  /** A demo username, null for no token, or `{ raw }` for an Authorization header as given. */
  readonly as: string | null | { readonly raw: string };
  readonly query: string;
  readonly variables?: Record<string, unknown> | (() => Record<string, unknown>);
  readonly code: string;
  readonly reason?: string;
}

const REGISTER = `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode applicant { idNumberMasked phoneMasked } } }`;
const ROUTE = `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`;
const ANSWER = `mutation($input: AnswerConsultationInput!) { answerConsultation(input: $input) { stage } }`;
const FEEDBACK = `mutation($input: DeliverFeedbackInput!) { deliverFeedback(input: $input) { stage } }`;
const RATE = `mutation($input: RateServiceInput!) { rateService(input: $input) { stage } }`;
const RATE_MINE = `mutation($input: RateMyMatterInput!) { rateMyMatter(input: $input) }`;
const APPEAL = `mutation($input: AppealRatingInput!) { appealRating(input: $input) { stage } }`;
const SUPERVISE = `mutation($input: OrderSupervisionInput!) { orderSupervision(input: $input) { stage } }`;
const CALL_BACK = `mutation($input: RectificationCallBackInput!) { recordRectificationCallBack(input: $input) { stage } }`;
const CASE_FILE = `query($code: String!) { caseFile(code: $code) { caseCode applicant { idNumberMasked } } }`;
const MATTERS = `query($filter: MatterFilterInput, $first: Int, $after: String) { matters(filter: $filter, first: $first, after: $after) { totalCount } }`;
const WORK_QUEUE = `query($first: Int, $after: String) { workQueue(first: $first, after: $after) { totalCount } }`;
const PUBLIC_PROGRESS = `query($code: String!, $last4: String!) { publicProgress(code: $code, phoneLast4: $last4) { stage } }`;
const REGION_STATS = `query($regionCode: String!, $from: String!, $to: String!) { regionStats(regionCode: $regionCode, from: $from, to: $to) { __typename } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const UPDATE_ORG = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`;
const CLOSE_ORG = `mutation($input: CloseOrganisationInput!) { closeOrganisation(input: $input) { id } }`;
const REGISTER_STAFF = `mutation($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`;
const CHANGE_ROLES = `mutation($input: ChangeStaffRolesInput!) { changeStaffRoles(input: $input) { id } }`;
const DEACTIVATE = `mutation($input: DeactivateStaffMemberInput!) { deactivateStaffMember(input: $input) { id } }`;
const POPULATION = `mutation($input: RecordRegionPopulationInput!) { recordRegionPopulation(input: $input) { code } }`;
const ORGANISATIONS = `query($filter: OrganisationFilter, $first: Int, $after: String) { organisations(filter: $filter, first: $first, after: $after) { totalCount } }`;
const STAFF = `query($filter: StaffFilter, $first: Int) { staffMembers(filter: $filter, first: $first) { totalCount } }`;
const STAFF_MEMBER = `query($id: ID!) { staffMember(id: $id) { id phone } }`;
const REGION = `query($code: String!) { region(code: $code) { code } }`;
const RECEIVE = `mutation($input: ReceiveLegalAidApplicationInput!) { receiveLegalAidApplication(input: $input) { id } }`;
const GRANT = `mutation($input: ApplicationRefInput!) { grantAid(input: $input) { id } }`;
const DENY = `mutation($input: DenyAidInput!) { denyAid(input: $input) { id } }`;
const ASSIGN = `mutation($input: AssignLawyerInput!) { assignLawyer(input: $input) { id } }`;
const DECIDE_OBJECTION = `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { id } }`;
const FILE_OBJECTION = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`;
const NOTIFY = `mutation($input: NotifyDefenceInput!) { notifyDefence(input: $input) { applicationId } }`;
const APPLICATION = `query($id: ID, $no: String) { legalAidApplication(id: $id, applicationNo: $no) { id applicant { idNumberMasked } } }`;
const APPLICATIONS = `query($filter: LegalAidApplicationFilterInput, $first: Int) { legalAidApplications(filter: $filter, first: $first) { totalCount } }`;
const LEGAL_AID_QUEUE = `query($queue: LegalAidQueue) { legalAidWorkQueue(queue: $queue) { totalCount } }`;
const INDICATORS = `query($regionCode: String!, $from: String!, $to: String!) { legalAidIndicators(regionCode: $regionCode, from: $from, to: $to) { __typename } }`;
const NOTIFIED = `query { notifiedDefences { totalCount } }`;
const UNMASK = `query($code: String!, $field: PersonalDataField!, $reason: String!) { unmaskedApplicant(caseCode: $code, field: $field, reason: $reason) { value } }`;
const UNMASK_STAFF = `query($userId: ID!, $reason: String!) { unmaskedStaffPhone(userId: $userId, reason: $reason) { value } }`;
const UNMASK_PARTY = `query($caseNo: String, $partyId: String!, $field: PersonalDataField!, $reason: String!) { unmaskedMediationParty(caseNo: $caseNo, partyId: $partyId, field: $field, reason: $reason) { value } }`;
const UNMASK_AID = `query($id: ID, $field: PersonalDataField!, $reason: String!) { unmaskedLegalAidApplicant(applicationId: $id, field: $field, reason: $reason) { value } }`;
const OPEN_MEDIATION = `mutation($input: OpenMediationFromScreeningInput!) { openMediationFromScreening(input: $input) { caseNo } }`;
const AUDIT = `query($from: String!, $to: String!, $regionCode: String, $first: Int, $after: String) { personalDataAudit(from: $from, to: $to, regionCode: $regionCode, first: $first, after: $after) { totalCount edges { node { readerUserId subjectRef field reason } } } }`;

const registration = (overrides: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
  channel: 'WALK_IN',
  matterTypeCode: 'legal-aid.wage-arrears',
  applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', idNumber: WORKER_ID, phone: WORKER_PHONE, ...applicant },
  description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
  consentToDataUse: true,
  ...overrides,
});
const aidApplication = (overrides: Record<string, unknown> = {}) => ({
  applicant: { name: '王秀兰', idNumber: VICTIM_ID, phone: '13890001111' },
  category: { kind: 'CIVIL', subCategory: 'PERSONAL_INJURY' },
  adverseParty: { name: '乐至县某运输公司' },
  means: { declaredHardship: true },
  ...overrides,
});
const aliases = (count: number) => `query { ${Array.from({ length: count }, (_, index) => `a${index}: health { status }`).join(' ')} }`;

describe('hostile input through GraphQL', () => {
  let platform: TestPlatform;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pls-hostile-'));
  const session = new GraphQLSession(() => platform, { ttlSeconds: 30 * 24 * 3600 });
  const { token } = session;
  const call = async <T = Record<string, unknown>>(as: HostileCase['as'], query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => {
    if (as !== null && typeof as === 'object') {
      const response = await fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: as.raw }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResponse<T>;
    }
    return session.call<T>(as, query, variables);
  };
  async function ok<T>(as: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await call<T>(as, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data as T;
  }

  /** Signs a token with the embedded issuer's own key but chosen claims and header. */
  async function signedWith(claims: { iss?: string; aud?: string; exp?: number; sub?: string }, caller = callerOf('lz.clerk.room')): Promise<string> {
    const { privateJwk } = JSON.parse(readFileSync(path.join(dataDir, 'demo-issuer.jwk.json'), 'utf8')) as { privateJwk: JWK };
    const key = await importJWK(privateJwk, 'ES256');
    const now = Math.floor(platform.clock.now().getTime() / 1000);
    return new SignJWT({ name: caller.name, orgId: caller.orgId, roles: caller.roles, regionCode: caller.regionCode, lines: caller.lines })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(claims.sub ?? caller.userId)
      .setIssuer(claims.iss ?? DEMO_ISSUER)
      .setAudience(claims.aud ?? DEMO_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(claims.exp ?? now + 3600)
      .sign(key);
  }

  // Fixtures made in beforeAll: a 乐至 matter routed to legal aid (an application at the 乐至 agency).
  let caseCode = '';
  let consultationCode = '';
  let applicationId = '';
  let mediationCaseNo = '';
  let forged = '';
  let expired = '';
  let wrongAudience = '';
  let wrongIssuer = '';
  let algNone = '';
  let foreignKey = '';
  let tamperedRoles = '';

  beforeAll(async () => {
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z', dataDir });
    caseCode = (await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: registration() })).registerMatter.caseCode;
    await ok('lz.clerk.room', ROUTE, { input: { caseCode, line: 'LEGAL_AID' } });
    await platform.whenCaughtUp();
    const matter = await ok<{ caseFile: { caseCode: string } }>('lz.clerk.room', `query($code: String!) { caseFile(code: $code) { caseCode backOfficeCaseNo } }`, { code: caseCode });
    const applicationNo = (matter.caseFile as unknown as { backOfficeCaseNo: string }).backOfficeCaseNo;
    applicationId = (await ok<{ legalAidApplication: { id: string } }>('lz.legal-aid.chen', APPLICATION, { no: applicationNo })).legalAidApplication.id;
    consultationCode = (
      await ok<{ registerMatter: { caseCode: string } }>('sc.hotline.clerk', REGISTER, { input: registration({ channel: 'HOTLINE', matterTypeCode: 'consultation', description: '来电咨询：工地不发工资怎么办？' }) })
    ).registerMatter.caseCode;
    mediationCaseNo = (
      await ok<{ openMediationFromScreening: { caseNo: string } }>('lz.mediator.deng', OPEN_MEDIATION, {
        input: {
          screening: { recordNo: '石佛排查〔2026〕H01', screenedAt: '2026-03-01T08:00:00Z', note: '村组排查发现的纠纷' },
          category: 'NEIGHBOURS',
          parties: [
            { kind: 'PERSON', name: '刘芳', idNumber: NEIGHBOUR_ID, phone: NEIGHBOUR_PHONE },
            { kind: 'PERSON', name: '周强', idNumber: VICTIM_ID },
          ],
          claim: '排水沟堵塞致邻居房屋受潮，请求疏通并赔偿',
        },
      })
    ).openMediationFromScreening.caseNo;
    await platform.whenCaughtUp();

    const valid = await token('lz.clerk.room');
    const [header, payload, signature] = valid.split('.');
    forged = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    tamperedRoles = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
    algNone = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expired = await platform.tokenFor(callerOf('lz.clerk.room'), { ttlSeconds: 60, now: new Date(platform.clock.now().getTime() - 3600_000) });
    wrongAudience = await signedWith({ aud: 'another-system' });
    wrongIssuer = await signedWith({ iss: 'https://idp.example.com' });
    const { generateKeyPair } = await import('jose');
    const stranger = await generateKeyPair('ES256');
    foreignKey = await new SignJWT({ orgId: 'x', roles: ['admin'], regionCode: '51', lines: [] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('intruder')
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
  });
  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cases: HostileCase[] = [];
  const add = (...more: HostileCase[]) => cases.push(...more);

  // ── Authentication: forged, expired, wrong audience or issuer, alg none, garbage headers ──────
  add(
    { name: 'no token on registerMatter', as: null, query: REGISTER, variables: { input: registration() }, code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' },
    { name: 'a Basic instead of a Bearer header', as: { raw: 'Basic bHo6Y2xlcms=' }, query: REGISTER, variables: { input: registration() }, code: 'UNAUTHENTICATED', reason: 'TOKEN_MALFORMED' },
    { name: 'a bearer that is not a JWT', as: { raw: 'Bearer not-a-jwt' }, query: REGISTER, variables: { input: registration() }, code: 'UNAUTHENTICATED', reason: 'TOKEN_MALFORMED' },
    { name: 'a signature altered by one block', as: { raw: '' }, query: REGISTER, variables: () => ({ input: registration(), __raw: `Bearer ${forged}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE_INVALID' },
    { name: 'roles rewritten to admin in the payload', as: { raw: '' }, query: REGISTER_ORG, variables: () => ({ input: { name: '伪造中心', kind: 'PUBLIC_LEGAL_SERVICE_CENTRE', regionCode: '512022', lines: [] }, __raw: `Bearer ${tamperedRoles}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE_INVALID' },
    { name: 'alg none', as: { raw: '' }, query: REGISTER, variables: () => ({ input: registration(), __raw: `Bearer ${algNone}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_MALFORMED' },
    { name: 'an expired token', as: { raw: '' }, query: REGISTER, variables: () => ({ input: registration(), __raw: `Bearer ${expired}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' },
    { name: 'a token for another audience', as: { raw: '' }, query: REGISTER, variables: () => ({ input: registration(), __raw: `Bearer ${wrongAudience}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_WRONG_AUDIENCE' },
    { name: 'a token from another issuer', as: { raw: '' }, query: REGISTER, variables: () => ({ input: registration(), __raw: `Bearer ${wrongIssuer}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_WRONG_ISSUER' },
    { name: 'an admin token signed by a stranger\'s key', as: { raw: '' }, query: CLOSE_ORG, variables: () => ({ input: { orgId: login('lz.clerk.room').orgId, reason: '接管' }, __raw: `Bearer ${foreignKey}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE_INVALID' },
    { name: 'a forged token on a query (caseFile)', as: { raw: '' }, query: CASE_FILE, variables: () => ({ code: caseCode, __raw: `Bearer ${forged}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE_INVALID' },
  );

  // ── Every protected operation refuses an anonymous caller ─────────────────────────────────────
  const anonymous: [string, string, () => Record<string, unknown>][] = [
    ['routeMatter', ROUTE, () => ({ input: { caseCode, line: 'MEDIATION' } })],
    ['answerConsultation', ANSWER, () => ({ input: { caseCode: consultationCode, answer: '可申请法律援助' } })],
    ['deliverFeedback', FEEDBACK, () => ({ input: { caseCode, channel: 'SMS', content: '已办结' } })],
    ['rateService', RATE, () => ({ input: { caseCode, level: 'SATISFIED' } })],
    ['appealRating', APPEAL, () => ({ input: { caseCode, reason: '申诉' } })],
    ['orderSupervision', SUPERVISE, () => ({ input: { caseCode, dueAt: '2026-03-10T00:00:00Z', note: '督办' } })],
    ['recordRectificationCallBack', CALL_BACK, () => ({ input: { caseCode, note: '回访' } })],
    ['caseFile', CASE_FILE, () => ({ code: caseCode })],
    ['matters', MATTERS, () => ({})],
    ['workQueue', WORK_QUEUE, () => ({})],
    ['regionStats', REGION_STATS, () => ({ regionCode: '512022', from: '2026-03-01', to: '2026-03-31' })],
    ['registerOrganisation', REGISTER_ORG, () => ({ input: { name: '某中心', kind: 'PUBLIC_LEGAL_SERVICE_CENTRE', regionCode: '512022', lines: [] } })],
    ['registerStaffMember', REGISTER_STAFF, () => ({ input: { name: '某人', orgId: login('lz.clerk.room').orgId, phone: '13900000000', roles: ['CLERK'], lines: [] } })],
    ['staffMembers', STAFF, () => ({})],
    ['receiveLegalAidApplication', RECEIVE, () => ({ input: aidApplication() })],
    ['grantAid', GRANT, () => ({ input: { applicationId } })],
    ['notifyDefence', NOTIFY, () => ({ input: { charge: '盗窃罪', defendant: { name: '张三', idNumber: VICTIM_ID }, lifeOrDeathPossible: false, reason: 'MINOR' } })],
    ['legalAidApplications', APPLICATIONS, () => ({})],
    ['notifiedDefences', NOTIFIED, () => ({})],
    ['unmaskedApplicant', UNMASK, () => ({ code: caseCode, field: 'ID_NUMBER', reason: '核实身份' })],
    ['personalDataAudit', AUDIT, () => ({ from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' })],
    ['unmaskedStaffPhone', UNMASK_STAFF, () => ({ userId: login('lz.clerk.room').userId, reason: '核实身份' })],
    ['unmaskedMediationParty', UNMASK_PARTY, () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实身份' })],
    ['unmaskedLegalAidApplicant', UNMASK_AID, () => ({ id: applicationId, field: 'ID_NUMBER', reason: '核实身份' })],
  ];
  for (const [operation, query, variables] of anonymous) add({ name: `anonymous ${operation}`, as: null, query, variables, code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });

  // ── Malformed IDs, phones, dates, strings and enums at the edge ───────────────────────────────
  add(
    { name: 'a resident ID with a wrong check digit', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: WRONG_CHECK_ID }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_CHECK_DIGIT_MISMATCH' },
    { name: 'a resident ID of 17 characters', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: WORKER_ID.slice(0, 17) }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_MALFORMED' },
    { name: 'a resident ID with letters inside', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: '51202219850312A03X' }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_MALFORMED' },
    { name: 'a resident ID born on 1985-02-30', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: residentId('51202219850230003') }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_BIRTH_DATE_INVALID' },
    { name: 'a resident ID born in month 13', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: residentId('51202219851301003') }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_BIRTH_DATE_INVALID' },
    { name: 'a resident ID born in the future', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { idNumber: residentId('51202220300101003') }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_BIRTH_DATE_INVALID' },
    { name: 'a phone of ten digits', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { phone: '1399008123' }) }, code: 'BAD_USER_INPUT', reason: 'PHONE_NUMBER_INVALID' },
    { name: 'a phone starting 12', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { phone: '12990081234' }) }, code: 'BAD_USER_INPUT', reason: 'PHONE_NUMBER_INVALID' },
    { name: 'a phone with a $gt operator as text', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { phone: '{"$gt": ""}' }) }, code: 'BAD_USER_INPUT', reason: 'PHONE_NUMBER_INVALID' },
    { name: 'an object where the phone string goes', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { phone: { $gt: '' } }) }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'an organisation applicant with a bad USCC', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { kind: 'ORGANISATION', name: '某公司', idType: null, idNumber: null, phone: null, uscc: '91510000MA6CXXXXXX', contactName: '李', contactPhone: '13900000000' }) }, code: 'BAD_USER_INPUT', reason: 'USCC_CHECK_CHAR_MISMATCH' },
    { name: 'an unknown channel enum', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ channel: 'CARRIER_PIGEON' }) }, code: 'BAD_USER_INPUT' },
    { name: 'an unknown party kind', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { kind: 'ROBOT' }) }, code: 'BAD_USER_INPUT' },
    { name: 'an unknown matter type', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ matterTypeCode: 'legal-aid.time-travel' }) }, code: 'NOT_FOUND', reason: 'MATTER_TYPE_UNKNOWN' },
    { name: 'a $where matter type', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ matterTypeCode: '$where' }) }, code: 'NOT_FOUND', reason: 'MATTER_TYPE_UNKNOWN' },
    { name: 'no consent to data use', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ consentToDataUse: false }) }, code: 'RULE_VIOLATION', reason: 'CONSENT_REQUIRED' },
    { name: 'an empty description', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ description: '   ' }) }, code: 'BAD_USER_INPUT', reason: 'DESCRIPTION_REQUIRED' },
    { name: 'a 100 kB description', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ description: '欠'.repeat(100_000) }) }, code: 'BAD_USER_INPUT', reason: 'DESCRIPTION_TOO_LONG' },
    { name: 'a 1 MB description (over the body limit)', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ description: 'x'.repeat(1_100_000) }) }, code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' },
    { name: 'a 10 kB applicant name', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { name: '罗'.repeat(10_000) }) }, code: 'BAD_USER_INPUT', reason: 'PARTY_NAME_INVALID' },
    { name: 'control characters in the name', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { name: '罗\u0000大\u001b[31m勇' }) }, code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'a Trojan-source bidi override in the description', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ description: '欠薪\u202e元00024' }) }, code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'an unknown field in the applicant (the error must not echo the ID or phone)', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { nickname: '阿勇' }) }, code: 'BAD_USER_INPUT' },
    { name: 'a string where the consent boolean goes (the error must not echo the input)', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ consentToDataUse: 'yes' }) }, code: 'BAD_USER_INPUT' },
    { name: 'a negative attachment size', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ attachments: [{ name: 'a.jpg', mediaType: 'image/jpeg', sizeBytes: -1, sha256: 'a'.repeat(64) }] }) }, code: 'BAD_USER_INPUT', reason: 'ATTACHMENT_SIZE_INVALID' },
    { name: 'an attachment hash that is not SHA-256', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ attachments: [{ name: 'a.jpg', mediaType: 'image/jpeg', sizeBytes: 10, sha256: "' OR 1=1 --" }] }) }, code: 'BAD_USER_INPUT', reason: 'ATTACHMENT_SHA256_INVALID' },
    { name: 'an attachment without its hash', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ attachments: [{ name: 'a.jpg', mediaType: 'image/jpeg', sizeBytes: 10 }] }) }, code: 'BAD_USER_INPUT' },
    { name: 'a __proto__ key inside the applicant', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({}, { ['__proto__']: { roles: ['admin'] } }) }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a constructor.prototype key in the input', as: 'lz.clerk.room', query: REGISTER, variables: { input: { ...registration(), constructor: { prototype: { isAdmin: true } } } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'an unknown input field', as: 'lz.clerk.room', query: REGISTER, variables: { input: { ...registration(), $where: 'this.stage == "closed"' } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a missing required variable', as: 'lz.clerk.room', query: REGISTER, variables: {}, code: 'BAD_USER_INPUT' },
    { name: 'a malformed command id', as: 'lz.clerk.room', query: REGISTER, variables: { input: registration({ commandId: 'DROP TABLE events;' }) }, code: 'BAD_USER_INPUT', reason: 'COMMAND_ID_INVALID' },
    { name: 'an unknown business line on routeMatter', as: 'lz.clerk.room', query: ROUTE, variables: () => ({ input: { caseCode, line: 'BRIBERY' } }), code: 'BAD_USER_INPUT' },
    { name: 'a malformed case code on routeMatter', as: 'lz.clerk.room', query: ROUTE, variables: { input: { caseCode: 'SC-0000-0000\'; DROP TABLE', line: 'MEDIATION' } }, code: 'BAD_USER_INPUT', reason: 'CASE_CODE_MALFORMED' },
    { name: 'a $ne case code on caseFile', as: 'lz.clerk.room', query: CASE_FILE, variables: { code: '{"$ne": null}' }, code: 'BAD_USER_INPUT', reason: 'CASE_CODE_MALFORMED' },
    { name: 'an object as case code on caseFile', as: 'lz.clerk.room', query: CASE_FILE, variables: { code: { $ne: null } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a case code of 10,000 characters', as: 'lz.clerk.room', query: CASE_FILE, variables: { code: 'S'.repeat(10_000) }, code: 'BAD_USER_INPUT', reason: 'CASE_CODE_MALFORMED' },
    { name: 'month 13 on the matters filter', as: 'lz.clerk.room', query: MATTERS, variables: { filter: { registeredBefore: '2026-13-01' } }, code: 'BAD_USER_INPUT', reason: 'INSTANT_INVALID' },
    { name: 'a $regex region code on the matters filter', as: 'lz.clerk.room', query: MATTERS, variables: { filter: { regionCode: '{"$regex": ".*"}' } }, code: 'BAD_USER_INPUT', reason: 'REGION_CODE_MALFORMED' },
    { name: 'an operator object as the stage on the matters filter', as: 'lz.clerk.room', query: MATTERS, variables: { filter: { stage: { $ne: null } } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a $where key inside the matters filter', as: 'lz.clerk.room', query: MATTERS, variables: { filter: { $where: 'sleep(1000)' } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a page of 10,000 matters', as: 'lz.clerk.room', query: MATTERS, variables: { first: 10_000 }, code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_INVALID' },
    { name: 'a negative page size', as: 'lz.clerk.room', query: MATTERS, variables: { first: -1 }, code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_INVALID' },
    { name: 'a forged cursor carrying an operator', as: 'lz.clerk.room', query: MATTERS, variables: { after: Buffer.from(JSON.stringify([{ $gt: '' }, 'x'])).toString('base64url') }, code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' },
    { name: 'a cursor that is not base64 JSON', as: 'lz.clerk.room', query: WORK_QUEUE, variables: { after: '!!!not-a-cursor!!!' }, code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' },
    { name: 'month 13 on regionStats', as: 'lz.supervisor', query: REGION_STATS, variables: { regionCode: '512022', from: '2026-13-01', to: '2026-12-31' }, code: 'BAD_USER_INPUT', reason: 'INSTANT_INVALID' },
    { name: '30 February on regionStats', as: 'lz.supervisor', query: REGION_STATS, variables: { regionCode: '512022', from: '2026-02-30T00:00:00Z', to: '2026-03-31T00:00:00Z' }, code: 'BAD_USER_INPUT', reason: 'INSTANT_INVALID' },
    { name: '30 February in the matters filter', as: 'lz.clerk.room', query: MATTERS, variables: { filter: { registeredFrom: '2026-02-30T00:00:00Z' } }, code: 'BAD_USER_INPUT', reason: 'INSTANT_INVALID' },
    { name: 'a period that ends before it starts on regionStats', as: 'lz.supervisor', query: REGION_STATS, variables: { regionCode: '512022', from: '2026-03-31T00:00:00Z', to: '2026-03-01T00:00:00Z' }, code: 'BAD_USER_INPUT', reason: 'PERIOD_INVALID' },
    { name: 'a malformed region code on regionStats', as: 'lz.supervisor', query: REGION_STATS, variables: { regionCode: '51\' OR \'1\'=\'1', from: '2026-03-01', to: '2026-03-31' }, code: 'BAD_USER_INPUT', reason: 'REGION_CODE_MALFORMED' },
    { name: 'an unknown rating level', as: 'lz.clerk.room', query: RATE, variables: () => ({ input: { caseCode, level: 'ECSTATIC' } }), code: 'BAD_USER_INPUT' },
    { name: 'an unknown feedback channel', as: 'lz.clerk.room', query: FEEDBACK, variables: () => ({ input: { caseCode, channel: 'TELEPATHY', content: '已办结' } }), code: 'BAD_USER_INPUT' },
    { name: 'feedback content with an escape sequence', as: 'lz.clerk.room', query: FEEDBACK, variables: () => ({ input: { caseCode, channel: 'SMS', content: '已办结\u001b]0;pwned\u0007' } }), code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'an impossible supervision due date', as: 'lz.supervisor', query: SUPERVISE, variables: () => ({ input: { caseCode, dueAt: '2026-13-01T00:00:00Z', note: '督办' } }), code: 'BAD_USER_INPUT', reason: 'INSTANT_INVALID' },
    { name: 'publicProgress with letters as the phone digits', as: null, query: PUBLIC_PROGRESS, variables: () => ({ code: caseCode, last4: '{"$gt":""}' }), code: 'BAD_USER_INPUT', reason: 'PHONE_LAST4_INVALID' },
    { name: 'publicProgress with the wrong last four digits', as: null, query: PUBLIC_PROGRESS, variables: () => ({ code: caseCode, last4: '0000' }), code: 'NOT_FOUND', reason: 'MATTER_NOT_FOUND' },
    { name: 'rateMyMatter with the wrong last four digits', as: null, query: RATE_MINE, variables: () => ({ input: { caseCode, level: 'VERY_DISSATISFIED', phoneLast4: '0000' } }), code: 'NOT_FOUND', reason: 'MATTER_NOT_FOUND' },
    { name: 'rateMyMatter with a malformed case code', as: null, query: RATE_MINE, variables: { input: { caseCode: '$where', level: 'SATISFIED', phoneLast4: '1234' } }, code: 'BAD_USER_INPUT', reason: 'CASE_CODE_MALFORMED' },
    { name: 'a legal-aid applicant with a wrong check digit', as: 'lz.legal-aid.chen', query: RECEIVE, variables: { input: aidApplication({ applicant: { name: '王秀兰', idNumber: WRONG_CHECK_ID, phone: '13890001111' } }) }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_CHECK_DIGIT_MISMATCH' },
    { name: 'a legal-aid applicant with a landline-like phone of letters', as: 'lz.legal-aid.chen', query: RECEIVE, variables: { input: aidApplication({ applicant: { name: '王秀兰', idNumber: VICTIM_ID, phone: 'call-me' } }) }, code: 'BAD_USER_INPUT', reason: 'PHONE_NUMBER_INVALID' },
    { name: 'an unknown legal-aid case category', as: 'lz.legal-aid.chen', query: RECEIVE, variables: { input: aidApplication({ category: { kind: 'MARTIAN' } }) }, code: 'BAD_USER_INPUT' },
    { name: 'a defendant ID with a wrong check digit', as: 'lz.court', query: NOTIFY, variables: { input: { charge: '盗窃罪', defendant: { name: '张三', idNumber: WRONG_CHECK_ID }, lifeOrDeathPossible: false, reason: 'MINOR' } }, code: 'BAD_USER_INPUT', reason: 'RESIDENT_ID_CHECK_DIGIT_MISMATCH' },
    { name: 'an unknown notification reason', as: 'lz.court', query: NOTIFY, variables: { input: { charge: '盗窃罪', defendant: { name: '张三', idNumber: VICTIM_ID }, lifeOrDeathPossible: false, reason: 'BECAUSE' } }, code: 'BAD_USER_INPUT' },
    { name: 'an application id with an operator', as: 'lz.legal-aid.chen', query: GRANT, variables: { input: { applicationId: '{"$gt":""}' } }, code: 'NOT_FOUND', reason: 'APPLICATION_NOT_FOUND' },
    { name: 'an application id as an operator object', as: 'lz.legal-aid.chen', query: GRANT, variables: { input: { applicationId: { $gt: '' } } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'an unknown legal-aid queue', as: 'lz.legal-aid.chen', query: LEGAL_AID_QUEUE, variables: { queue: 'EVERYTHING' }, code: 'BAD_USER_INPUT' },
    { name: 'legal-aid indicators over an impossible period', as: 'lz.supervisor', query: INDICATORS, variables: { regionCode: '512022', from: '2026-13-01', to: '2026-12-31' }, code: 'BAD_USER_INPUT', reason: 'PERIOD_INVALID' },
    { name: 'an organisation with a region code of letters', as: 'sc.admin', query: REGISTER_ORG, variables: { input: { name: '某中心', kind: 'PUBLIC_LEGAL_SERVICE_CENTRE', regionCode: 'ABCDEF', lines: [] } }, code: 'BAD_USER_INPUT', reason: 'REGION_CODE_MALFORMED' },
    { name: 'an unknown organisation kind', as: 'sc.admin', query: REGISTER_ORG, variables: { input: { name: '某中心', kind: 'SECRET_POLICE', regionCode: '512022', lines: [] } }, code: 'BAD_USER_INPUT' },
    { name: 'a staff member with an unknown role', as: 'sc.admin', query: REGISTER_STAFF, variables: () => ({ input: { name: '某人', orgId: login('lz.clerk.room').orgId, phone: '13900000000', roles: ['ROOT'], lines: [] } }), code: 'BAD_USER_INPUT' },
    { name: 'a staff member with a malformed phone', as: 'sc.admin', query: REGISTER_STAFF, variables: () => ({ input: { name: '某人', orgId: login('lz.clerk.room').orgId, phone: '1390000', roles: ['CLERK'], lines: [] } }), code: 'BAD_USER_INPUT', reason: 'MOBILE_NUMBER_INVALID' },
    { name: 'a population that is not an integer', as: 'sc.admin', query: POPULATION, variables: { input: { regionCode: '512022', population: 1.5, source: '统计年鉴', year: 2025 } }, code: 'BAD_USER_INPUT' },
    { name: 'a region look-up with a $regex object', as: 'lz.clerk.room', query: REGION, variables: { code: { $regex: '^51' } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'a staff look-up with an operator id', as: 'lz.supervisor', query: STAFF_MEMBER, variables: { id: { $gt: '' } }, code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' },
    { name: 'variables nested 40 levels deep', as: 'lz.supervisor', query: STAFF, variables: { filter: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as Record<string, unknown> }, code: 'BAD_USER_INPUT', reason: 'INPUT_TOO_DEEP' },
    { name: 'an organisations filter with an operator region', as: 'lz.clerk.room', query: ORGANISATIONS, variables: { filter: { regionCode: '{"$gt":""}' } }, code: 'BAD_USER_INPUT', reason: 'REGION_CODE_MALFORMED' },
    { name: 'an organisations page with a forged cursor', as: 'lz.clerk.room', query: ORGANISATIONS, variables: { after: Buffer.from('["x"]').toString('base64url') }, code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' },
  );

  // ── Role escalation ───────────────────────────────────────────────────────────────────────────
  add(
    { name: 'a clerk registering an organisation', as: 'lz.clerk.room', query: REGISTER_ORG, variables: { input: { name: '某中心', kind: 'PUBLIC_LEGAL_SERVICE_CENTRE', regionCode: '512022', lines: [] } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk closing their own organisation', as: 'lz.clerk.room', query: CLOSE_ORG, variables: { input: { orgId: login('lz.clerk.room').orgId, reason: '撤销' } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk renaming an organisation', as: 'lz.clerk.room', query: UPDATE_ORG, variables: { input: { orgId: login('lz.clerk.room').orgId, name: '改名' } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk registering a staff member', as: 'lz.clerk.room', query: REGISTER_STAFF, variables: { input: { name: '某人', orgId: login('lz.clerk.room').orgId, phone: '13900000000', roles: ['ADMIN'], lines: [] } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk making themself admin', as: 'lz.clerk.room', query: CHANGE_ROLES, variables: { input: { userId: login('lz.clerk.room').userId, roles: ['ADMIN'] } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a handler deactivating a colleague', as: 'lz.legal-aid.chen', query: DEACTIVATE, variables: { input: { userId: login('lz.legal-aid.liu').userId, reason: '离职' } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk recording a region population', as: 'lz.clerk.room', query: POPULATION, variables: { input: { regionCode: '512022', population: 1, source: '伪造', year: 2025 } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a supervisor making someone admin', as: 'lz.supervisor', query: CHANGE_ROLES, variables: { input: { userId: login('lz.clerk.room').userId, roles: ['ADMIN'] } }, code: 'FORBIDDEN', reason: 'ROLE_MANAGEMENT_NEEDS_ADMIN' },
    { name: 'a handler deciding an objection', as: 'lz.legal-aid.chen', query: DECIDE_OBJECTION, variables: () => ({ input: { applicationId, upheld: true, note: '自己裁决' } }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk granting legal aid', as: 'lz.clerk.room', query: GRANT, variables: () => ({ input: { applicationId } }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk assigning a lawyer', as: 'lz.clerk.room', query: ASSIGN, variables: () => ({ input: { applicationId, lawyerUserId: login('lz.lawyer.huang').userId } }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a court receiving a legal-aid application', as: 'lz.court', query: RECEIVE, variables: { input: aidApplication() }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a court reading the front-desk matters', as: 'lz.court', query: MATTERS, variables: {}, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk notifying a defence', as: 'lz.clerk.room', query: NOTIFY, variables: { input: { charge: '盗窃罪', defendant: { name: '张三', idNumber: VICTIM_ID }, lifeOrDeathPossible: false, reason: 'MINOR' } }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk ordering supervision', as: 'lz.clerk.room', query: SUPERVISE, variables: () => ({ input: { caseCode, dueAt: '2026-03-10T00:00:00Z', note: '督办' } }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a procuratorate unmasking an applicant', as: 'lz.procuratorate', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a forged token unmasking a legal-aid applicant', as: { raw: '' }, query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'ID_NUMBER', reason: '核实身份', __raw: `Bearer ${forged}` }), code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE_INVALID' },
    { name: 'a clerk unmasking a staff phone', as: 'lz.clerk.centre', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: '联系同事' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a court unmasking a staff phone', as: 'lz.court', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: '联系同事' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a court unmasking a mediation party', as: 'lz.court', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk unmasking a mediation party', as: 'lz.clerk.station', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'PHONE', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a police integrator unmasking a legal-aid applicant', as: 'lz.police', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'the receiving clerk unmasking the legal-aid applicant', as: 'lz.clerk.room', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a court unmasking an applicant', as: 'lz.court', query: UNMASK, variables: () => ({ code: caseCode, field: 'PHONE', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a clerk reading the audit trail', as: 'lz.clerk.room', query: AUDIT, variables: { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    { name: 'a handler reading the audit trail', as: 'lz.legal-aid.chen', query: AUDIT, variables: { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }, code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
  );

  // ── Cross-region and cross-line reads and writes ──────────────────────────────────────────────
  add(
    { name: '五通桥 clerk reading a 乐至 case file', as: 'wtq.clerk.centre', query: CASE_FILE, variables: () => ({ code: caseCode }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 clerk routing a 乐至 matter', as: 'wtq.clerk.centre', query: ROUTE, variables: () => ({ input: { caseCode, line: 'MEDIATION' } }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 clerk rating a 乐至 matter', as: 'wtq.clerk.centre', query: RATE, variables: () => ({ input: { caseCode, level: 'VERY_DISSATISFIED' } }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 clerk unmasking a 乐至 applicant', as: 'wtq.clerk.centre', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: '好奇' }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: 'another 乐至 desk\'s clerk unmasking an applicant it did not receive', as: 'lz.clerk.centre', query: UNMASK, variables: () => ({ code: caseCode, field: 'PHONE', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: 'a mediator unmasking the applicant of a legal-aid matter (another agency)', as: 'lz.mediator.deng', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 supervisor unmasking a 乐至 applicant', as: 'wtq.supervisor', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: '督办' }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 supervisor unmasking a 乐至 staff phone', as: 'wtq.supervisor', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: '联系' }), code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' },
    { name: '五通桥 supervisor unmasking a 乐至 mediation party', as: 'wtq.supervisor', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '督办' }), code: 'FORBIDDEN', reason: 'MEDIATION_OUTSIDE_SCOPE' },
    { name: 'another committee\'s mediator unmasking a party', as: 'lz.mediator.he', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'MEDIATION_OUTSIDE_SCOPE' },
    { name: 'a 五通桥 legal-aid handler unmasking a 乐至 applicant', as: 'wtq.legal-aid.hu', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'ID_NUMBER', reason: '核实身份' }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_SCOPE' },
    { name: 'a 五通桥 supervisor unmasking a 乐至 legal-aid applicant', as: 'wtq.supervisor', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'PHONE', reason: '督办' }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_SCOPE' },
    { name: '五通桥 supervisor reading 乐至 statistics', as: 'wtq.supervisor', query: REGION_STATS, variables: { regionCode: '512022', from: '2026-03-01', to: '2026-03-31' }, code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' },
    { name: '五通桥 supervisor ordering supervision on a 乐至 matter', as: 'wtq.supervisor', query: SUPERVISE, variables: () => ({ input: { caseCode, dueAt: '2026-03-10T00:00:00Z', note: '督办' } }), code: 'FORBIDDEN', reason: 'MATTER_OUTSIDE_SCOPE' },
    { name: '五通桥 supervisor reading the 乐至 audit trail', as: 'wtq.supervisor', query: AUDIT, variables: { regionCode: '512022', from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }, code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' },
    { name: 'a 五通桥 legal-aid handler reading a 乐至 application', as: 'wtq.legal-aid.hu', query: APPLICATION, variables: () => ({ id: applicationId }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_SCOPE' },
    { name: 'a 五通桥 legal-aid handler granting a 乐至 application', as: 'wtq.legal-aid.hu', query: GRANT, variables: () => ({ input: { applicationId } }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_AGENCY' },
    { name: 'a 五通桥 legal-aid handler denying a 乐至 application', as: 'wtq.legal-aid.hu', query: DENY, variables: () => ({ input: { applicationId, reasons: ['不符合条件'] } }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_AGENCY' },
    { name: 'a 五通桥 legal-aid handler filing an objection on a 乐至 application', as: 'wtq.legal-aid.hu', query: FILE_OBJECTION, variables: () => ({ input: { applicationId, grounds: '异议' } }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_AGENCY' },
    { name: 'a mediator reading a legal-aid application (another line)', as: 'lz.mediator.deng', query: APPLICATION, variables: () => ({ id: applicationId }), code: 'FORBIDDEN', reason: 'APPLICATION_OUTSIDE_SCOPE' },
    { name: 'a 乐至 clerk listing 五通桥 matters', as: 'lz.clerk.centre', query: MATTERS, variables: { filter: { regionCode: '511112' } }, code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' },
    { name: 'a 乐至 clerk registering an organisation\'s staff in 五通桥 (as supervisor)', as: 'lz.supervisor', query: REGISTER_STAFF, variables: () => ({ input: { name: '某人', orgId: login('wtq.clerk.centre').orgId, phone: '13900000000', roles: ['CLERK'], lines: [] } }), code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' },
  );

  // ── Audited unmasking: bad reasons and fields are refused before any record ───────────────────
  add(
    { name: 'an unmasking without a reason', as: 'lz.clerk.room', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: ' ' }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_REQUIRED' },
    { name: 'an unmasking with a 10 kB reason', as: 'lz.clerk.room', query: UNMASK, variables: () => ({ code: caseCode, field: 'ID_NUMBER', reason: '因'.repeat(10_000) }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_TOO_LONG' },
    { name: 'an unmasking reason with control characters', as: 'lz.clerk.room', query: UNMASK, variables: () => ({ code: caseCode, field: 'PHONE', reason: '核实\u0000身份' }), code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'an unmasking of an unknown field', as: 'lz.clerk.room', query: UNMASK, variables: () => ({ code: caseCode, field: 'BANK_ACCOUNT', reason: '核实身份' }), code: 'BAD_USER_INPUT' },
    { name: 'a staff-phone unmasking without a reason', as: 'lz.supervisor', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: '' }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_REQUIRED' },
    { name: 'a staff-phone unmasking with a 10 kB reason', as: 'lz.supervisor', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: 'x'.repeat(10_000) }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_TOO_LONG' },
    { name: 'a staff-phone unmasking reason with a line feed', as: 'lz.supervisor', query: UNMASK_STAFF, variables: () => ({ userId: login('lz.clerk.room').userId, reason: '联系\n同事' }), code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'a staff-phone unmasking of an operator id', as: 'lz.supervisor', query: UNMASK_STAFF, variables: { userId: '$where', reason: '联系同事' }, code: 'BAD_USER_INPUT', reason: 'ID_INVALID' },
    { name: 'a staff-phone unmasking of an unknown member', as: 'lz.supervisor', query: UNMASK_STAFF, variables: { userId: 'nobody', reason: '联系同事' }, code: 'NOT_FOUND', reason: 'STAFF_MEMBER_NOT_FOUND' },
    { name: 'a party unmasking without a reason', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: ' ' }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_REQUIRED' },
    { name: 'a party unmasking with a 10 kB reason', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '因'.repeat(10_000) }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_TOO_LONG' },
    { name: 'a party unmasking reason with a DEL character', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '核实\u007f身份' }), code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'a party unmasking of an operator party id', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: '{"$ne":null}', field: 'ID_NUMBER', reason: '核实身份' }), code: 'BAD_USER_INPUT', reason: 'PARTY_ID_INVALID' },
    { name: 'a party unmasking of a phone never given', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: () => ({ caseNo: mediationCaseNo, partyId: 'P2', field: 'PHONE', reason: '核实身份' }), code: 'BAD_USER_INPUT', reason: 'FIELD_NOT_RECORDED' },
    { name: 'a party unmasking with no case given', as: 'lz.mediator.deng', query: UNMASK_PARTY, variables: { partyId: 'P1', field: 'ID_NUMBER', reason: '核实身份' }, code: 'BAD_USER_INPUT', reason: 'MEDIATION_KEY_REQUIRED' },
    { name: 'a legal-aid unmasking without a reason', as: 'lz.legal-aid.chen', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'ID_NUMBER', reason: '' }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_REQUIRED' },
    { name: 'a legal-aid unmasking with a 10 kB reason', as: 'lz.legal-aid.chen', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'PHONE', reason: '因'.repeat(10_000) }), code: 'BAD_USER_INPUT', reason: 'AUDIT_REASON_TOO_LONG' },
    { name: 'a legal-aid unmasking reason with a tab', as: 'lz.legal-aid.chen', query: UNMASK_AID, variables: () => ({ id: applicationId, field: 'PHONE', reason: '核实\t身份' }), code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' },
    { name: 'a legal-aid unmasking with no application given', as: 'lz.legal-aid.chen', query: UNMASK_AID, variables: { field: 'ID_NUMBER', reason: '核实身份' }, code: 'BAD_USER_INPUT', reason: 'APPLICATION_KEY_REQUIRED' },
    { name: 'an audit trail over an impossible date', as: 'lz.supervisor', query: AUDIT, variables: { from: '2026-02-30T00:00:00Z', to: '2026-03-03T00:00:00Z' }, code: 'BAD_USER_INPUT', reason: 'MALFORMED_INSTANT' },
    { name: 'an audit trail over ten years', as: 'lz.supervisor', query: AUDIT, variables: { from: '2016-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }, code: 'BAD_USER_INPUT', reason: 'PERIOD_TOO_LONG' },
    { name: 'an audit trail with a forged cursor', as: 'lz.supervisor', query: AUDIT, variables: { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z', after: Buffer.from(JSON.stringify(['$gt', 'x'])).toString('base64url') }, code: 'BAD_USER_INPUT', reason: 'CURSOR_INVALID' },
  );

  // ── Query shape: depth, aliases, fragments, introspection-free parsing errors ─────────────────
  add(
    { name: '1,000 aliases of one field', as: 'lz.clerk.room', query: aliases(1000), code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ALIASES' },
    { name: '31 aliases, one over the limit', as: 'lz.clerk.room', query: aliases(31), code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ALIASES' },
    { name: 'a query nested 14 levels deep', as: 'lz.clerk.room', query: `query { __type(name: "Matter") { fields { type { ${'ofType { '.repeat(10)} name ${'} '.repeat(10)} } } } }`, code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' },
    { name: 'a fragment bomb (fragments spread 10 × 10 × 10 times)', as: 'lz.clerk.room', query: `query { ...A } fragment A on Query { ${'...B '.repeat(10)} } fragment B on Query { ${'...C '.repeat(10)} } fragment C on Query { ${'health { status } '.repeat(10)} }`, code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' },
    { name: 'a wide query of 600 distinct fields', as: 'lz.clerk.room', query: `query { ${'health { status } version { version } '.repeat(200)} }`, code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' },
    { name: 'a fragment cycle', as: 'lz.clerk.room', query: `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, code: 'BAD_USER_INPUT' },
    { name: 'an unknown field', as: 'lz.clerk.room', query: `query { matters { edges { node { passwordHash } } } }`, code: 'BAD_USER_INPUT' },
    { name: 'a syntax error', as: 'lz.clerk.room', query: `query { matters { `, code: 'BAD_USER_INPUT' },
  );


  it('holds at least 100 distinct hostile cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('refuses %s, appends nothing and leaks nothing', async (_name, entry) => {
    const before = await platform.eventCount();
    const raw = typeof entry.variables === 'function' ? entry.variables() : entry.variables ?? {};
    const { __raw: header, ...variables } = raw as { __raw?: string } & Record<string, unknown>;
    const response = await call(header !== undefined ? { raw: header } : entry.as, entry.query, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe(entry.code);
    if (entry.reason) expect(response.errors?.[0]?.extensions?.reason).toBe(entry.reason);
    expect(response.data ?? null).toBeNull();
    const text = JSON.stringify(response.errors);
    expect(unmaskedPersonalData(text)).toEqual([]);
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
    await platform.whenCaughtUp();
    expect(await platform.eventCount()).toBe(before);
  });

  describe('replayed commands', () => {
    it('answers a replayed registration with the same matter and appends nothing new', async () => {
      const input = registration({ commandId: '0f8fad5b-d9cb-469f-a165-70867728950e' });
      const first = await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input });
      await platform.whenCaughtUp();
      const before = await platform.eventCount();
      const again = await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input });
      await platform.whenCaughtUp();
      expect(again.registerMatter.caseCode).toBe(first.registerMatter.caseCode);
      expect(await platform.eventCount()).toBe(before);
    });

    it('answers a replayed legal-aid receipt with the same application and appends nothing new', async () => {
      const input = aidApplication({ commandId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
      const first = await ok<{ receiveLegalAidApplication: { id: string } }>('lz.legal-aid.chen', RECEIVE, { input });
      await platform.whenCaughtUp();
      const before = await platform.eventCount();
      const again = await ok<{ receiveLegalAidApplication: { id: string } }>('lz.legal-aid.chen', RECEIVE, { input });
      await platform.whenCaughtUp();
      expect(again.receiveLegalAidApplication.id).toBe(first.receiveLegalAidApplication.id);
      expect(await platform.eventCount()).toBe(before);
    });
  });

  describe('audited unmasking', () => {
    /** A legitimate read: exactly one `<context>.PersonalDataRead` appended, in the owning context's streams, before the value came back. */
    async function unmasked(username: string, query: string, variables: Record<string, unknown>, context: string): Promise<string> {
      const before = await platform.eventCount();
      const data = await ok<Record<string, { value: string }>>(username, query, variables);
      await platform.whenCaughtUp();
      expect(await platform.eventCount()).toBe(before + 1);
      const [record] = await platform.store.readAll({ after: before, maxCount: 1 });
      expect(record.type).toBe(`${context}.PersonalDataRead`);
      expect(record.streamId.startsWith(`${context}.audit-`)).toBe(true);
      expect(unmaskedPersonalData(JSON.stringify(record))).toEqual([]);
      platform.clock.advance(1000);
      return Object.values(data)[0].value;
    }

    it('releases the raw ID number to the receiving clerk, records who, whose, which field and why, and shows it to the supervisor', async () => {
      expect(await unmasked('lz.clerk.room', UNMASK, { code: caseCode, field: 'ID_NUMBER', reason: '申请人来电核实身份' }, 'intake')).toBe(WORKER_ID);
      expect(await unmasked('lz.supervisor', UNMASK, { code: caseCode, field: 'PHONE', reason: '督办回访' }, 'intake')).toBe(WORKER_PHONE);
      const trail = await ok<{ personalDataAudit: { totalCount: number; edges: { node: Record<string, string> }[] } }>('lz.supervisor', AUDIT, { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' });
      expect(trail.personalDataAudit.edges.map((edge) => edge.node)).toEqual([
        { readerUserId: login('lz.clerk.room').userId, subjectRef: caseCode, field: 'ID_NUMBER', reason: '申请人来电核实身份' },
        { readerUserId: login('lz.supervisor').userId, subjectRef: caseCode, field: 'PHONE', reason: '督办回访' },
      ]);
      // The trail itself never holds the value, and another region's supervisor sees none of it.
      expect(unmaskedPersonalData(JSON.stringify(trail))).toEqual([]);
      const elsewhere = await ok<{ personalDataAudit: { totalCount: number } }>('wtq.supervisor', AUDIT, { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' });
      expect(elsewhere.personalDataAudit.totalCount).toBe(0);
      const page = await ok<{ personalDataAudit: { edges: { node: Record<string, string> }[] } }>('sc.admin', `query($after: String) { personalDataAudit(from: "2026-03-02T00:00:00Z", to: "2026-03-02T23:59:59Z", first: 1, after: $after) { edges { cursor node { field } } pageInfo { endCursor hasNextPage } } }`);
      expect(page.personalDataAudit.edges.map((edge) => edge.node.field)).toEqual(['ID_NUMBER']);
    });

    it('releases a staff phone, a mediation party\'s data and a legal-aid applicant\'s, each audited in its own context', async () => {
      expect(await unmasked('lz.supervisor', UNMASK_STAFF, { userId: login('lz.clerk.room').userId, reason: '值班调度联系' }, 'directory')).toMatch(/^1990000\d{4}$/);
      expect(await unmasked('lz.mediator.deng', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'PHONE', reason: '通知调解时间' }, 'mediation')).toBe(NEIGHBOUR_PHONE);
      expect(await unmasked('lz.mediator.deng', UNMASK_PARTY, { caseNo: mediationCaseNo, partyId: 'P1', field: 'ID_NUMBER', reason: '制作调解协议书' }, 'mediation')).toBe(NEIGHBOUR_ID);
      expect(await unmasked('lz.legal-aid.chen', UNMASK_AID, { id: applicationId, field: 'ID_NUMBER', reason: '经济困难核查' }, 'legal-aid')).toBe(WORKER_ID);
      expect(await unmasked('lz.legal-aid.chen', UNMASK_AID, { id: applicationId, field: 'PHONE', reason: '通知补充材料' }, 'legal-aid')).toBe(WORKER_PHONE);
      expect(await unmasked('lz.legal-aid.chen', UNMASK, { code: caseCode, field: 'PHONE', reason: '联系申请人' }, 'intake')).toBe(WORKER_PHONE);
      const trail = await ok<{ personalDataAudit: { totalCount: number } }>('lz.supervisor', AUDIT, { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' });
      expect(trail.personalDataAudit.totalCount).toBe(8);
    });
  });

  describe('guessing the last four phone digits', () => {
    const PROGRESS = `query($code: String!, $last4: String!) { publicProgress(code: $code, phoneLast4: $last4) { caseCode } }`;
    let target = '';
    const rightDigits = WORKER_PHONE.slice(-4);
    const wrong = ['0000', '1111', '2222', '3333', '4444', '5555', '6666'].filter((digits) => digits !== rightDigits);

    beforeAll(async () => {
      target = (await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.room', REGISTER, { input: registration({ description: '咨询工伤认定流程，用人单位不配合。' }) })).registerMatter.caseCode;
      await platform.whenCaughtUp();
    });

    async function refused(query: string, variables: Record<string, unknown>, code: string, reason: string) {
      const before = await platform.eventCount();
      const response = await call(null, query, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code, reason });
      expect(response.data ?? null).toBeNull();
      expect(unmaskedPersonalData(JSON.stringify(response))).toEqual([]);
      await platform.whenCaughtUp();
      expect(await platform.eventCount()).toBe(before);
      return response;
    }

    it('locks a case code\'s public look-ups after five wrong answers, whichever entry point they came through', async () => {
      for (const digits of wrong.slice(0, 3)) await refused(PROGRESS, { code: target, last4: digits }, 'NOT_FOUND', 'MATTER_NOT_FOUND');
      for (const digits of wrong.slice(3, 5)) await refused(RATE_MINE, { input: { caseCode: target, level: 'VERY_DISSATISFIED', phoneLast4: digits } }, 'NOT_FOUND', 'MATTER_NOT_FOUND');
      const locked = await refused(PROGRESS, { code: target, last4: wrong[5] }, 'FORBIDDEN', 'TOO_MANY_ATTEMPTS');
      expect(locked.errors?.[0]?.message).toMatch(/locked until 2026-03-02T0\d:\d{2}:\d{2}\.\d{3}Z/);
    });

    it('refuses the right digits too while locked, on the progress query and on rating, and appends no rating', async () => {
      await refused(PROGRESS, { code: target, last4: rightDigits }, 'FORBIDDEN', 'TOO_MANY_ATTEMPTS');
      await refused(RATE_MINE, { input: { caseCode: target, level: 'VERY_DISSATISFIED', phoneLast4: rightDigits } }, 'FORBIDDEN', 'TOO_MANY_ATTEMPTS');
      // Other case codes are not affected: the lock belongs to the code, not to the caller.
      expect((await ok<{ publicProgress: { caseCode: string } }>(null, PROGRESS, { code: caseCode, last4: rightDigits })).publicProgress.caseCode).toBe(caseCode);
    });

    it('counts per case code whatever the address, so rotating IPs does not reset it', async () => {
      const response = await fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' }, body: JSON.stringify({ query: PROGRESS, variables: { code: target, last4: rightDigits } }) });
      expect(((await response.json()) as GraphQLResponse<unknown>).errors?.[0]?.extensions?.reason).toBe('TOO_MANY_ATTEMPTS');
    });

    it('opens again when the lock period has passed on the platform clock, and the right digits then answer', async () => {
      platform.clock.advance(29 * 60_000);
      await refused(PROGRESS, { code: target, last4: rightDigits }, 'FORBIDDEN', 'TOO_MANY_ATTEMPTS');
      platform.clock.advance(2 * 60_000);
      expect((await ok<{ publicProgress: { caseCode: string } }>(null, PROGRESS, { code: target, last4: rightDigits })).publicProgress.caseCode).toBe(target);
      await refused(PROGRESS, { code: target, last4: wrong[0] }, 'NOT_FOUND', 'MATTER_NOT_FOUND');
    });

    it('tells the person on the progress page that the code is locked, not that it is unknown', async () => {
      const page = await (await fetch(platform.url.replace(/\/graphql$/, `/progress/${target}`))).text();
      expect(page).toContain('TOO_MANY_ATTEMPTS');
      expect(page).toContain('错误次数过多');
    });
  });

  describe('the HTTP edge', () => {
    it('answers a body that is not JSON with BAD_USER_INPUT (MALFORMED_BODY), not an HTML page', async () => {
      const before = await platform.eventCount();
      const response = await fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('lz.clerk.room')}` }, body: `{"query": "mutation { registerMatter(" , ${WORKER_ID}` });
      expect(response.status).toBe(400);
      const body = (await response.json()) as GraphQLResponse<unknown>;
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_BODY' });
      expect(unmaskedPersonalData(JSON.stringify(body))).toEqual([]);
      expect(await platform.eventCount()).toBe(before);
    });

    it('answers an oversized body with HTTP 413', async () => {
      const response = await fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ health { status } }', variables: { pad: 'x'.repeat(2_000_000) } }) });
      expect(response.status).toBe(413);
      expect(((await response.json()) as GraphQLResponse<unknown>).errors?.[0]?.extensions?.reason).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('logs', () => {
    it('hold no unmasked ID or phone number after the whole suite, every unmask path and the guessing lock included (platform logger and Nest\'s own)', () => {
      // Both sinks really were recording during the suite.
      expect(platform.nestLog.length).toBeGreaterThan(0);
      const text = JSON.stringify(platform.logger.entries) + JSON.stringify(platform.nestLog);
      expect(text).not.toContain(WORKER_ID);
      expect(text).not.toContain(WORKER_PHONE);
      expect(text).not.toContain(VICTIM_ID);
      expect(text).not.toContain(NEIGHBOUR_ID);
      expect(text).not.toContain(NEIGHBOUR_PHONE);
      expect(unmaskedPersonalData(text)).toEqual([]);
    });
  });
});

describe('rate limits and introspection (a platform with tight limits)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await TestPlatform.start({
      now: '2026-03-02T01:00:00.000Z',
      env: { PLS_RATE_LIMIT_USER_BURST: '5', PLS_RATE_LIMIT_USER_PER_SECOND: '1', PLS_RATE_LIMIT_IP_BURST: '12', PLS_RATE_LIMIT_IP_PER_SECOND: '1', PLS_GRAPHQL_INTROSPECTION: 'false' },
    });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('refuses introspection when it is switched off', async () => {
    const response = await platform.graphql(`{ __schema { types { name } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data ?? null).toBeNull();
  });

  it('refuses a user beyond their burst with RATE_LIMITED and HTTP 429, and then the IP', async () => {
    const user = await platform.tokenFor(callerOf('lz.clerk.room'), { ttlSeconds: 3600 });
    const post = (authorization?: string) =>
      fetch(platform.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization: `Bearer ${authorization}` } : {}) }, body: JSON.stringify({ query: '{ serviceCatalogue { code } }' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(user)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    const refused = await post(user);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as GraphQLResponse<unknown>).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Another user from the same address still gets through until the address's own bucket runs dry.
    const other = await platform.tokenFor(callerOf('lz.clerk.centre'), { ttlSeconds: 3600 });
    const byIp: number[] = [];
    for (let i = 0; i < 6; i++) byIp.push((await post(other)).status);
    expect(byIp[0]).toBe(200);
    expect(byIp).toContain(429);
  });
});
