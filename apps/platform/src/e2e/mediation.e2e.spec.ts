import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MediationCommands } from '@pls/mediation-application';
import type { MediationCommand } from '@pls/mediation-domain';
import { newId, residentIdCheckCharacter } from '@pls/shared-kernel';
import { demoLogin as login, GraphQLSession } from '../testing/graphql-session';
import { TestPlatform } from '../testing/test-platform';

/**
 * People's mediation end to end through GraphQL, embedded mode: DOMAIN.md §6 flow 3 (a traffic
 * accident at the 石佛镇 station → mediation → appraisal → agreement → judicial confirmation →
 * follow-up → the desk sees the result), a court's and a petitions office's referral back to the organ, a clerk's refused referral, a refusal (Art. 17),
 * the confirmation window (Art. 33) and the indicators. Every refusal is checked to have appended nothing.
 */
const CASE_FIELDS = `id caseNo stage committeeOrgId regionCode category source { kind caseCode referringOrgan referringOrgId referenceNo referralDueAt }
  parties { partyId kind name idMasked phoneMasked consented } claim amountYuan refusedByPartyId mediator { userId name chosenBy }
  sessions { sessionNo heldOn place attendees summary } appraisals { requestId subject opinionNo summary receivedOn }
  agreement { kind terms signatories signed effectiveAt confirmationWindowEndsAt } outcome { kind onTime summary }
  confirmation { courtOrgId status courtCaseNo ruling enforceable } followUps { outcome note }
  openedAt concludedAt durationDays deadlines { kind dueAt metAt onTime paused } nextDueAt deadlineStatus history { kind text }`;
const MATTER_FIELDS = `id caseCode stage backOfficeCaseNo result { outcome summary } timeline { kind text }`;

type MediationCase = {
  id: string;
  caseNo: string;
  stage: string;
  parties: { partyId: string; name: string; idMasked: string; consented: boolean }[];
  agreement: { signed: string[]; effectiveAt: string | null; confirmationWindowEndsAt: string | null } | null;
  outcome: { kind: string; onTime: boolean | null; summary: string } | null;
  confirmation: { status: string; ruling: string | null; enforceable: boolean | null } | null;
  deadlines: { kind: string; dueAt: string; metAt: string | null; paused: boolean }[];
  nextDueAt: string | null;
  history: { kind: string; text: string }[];
  [field: string]: unknown;
};

function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
const VICTIM_ID = residentId('51202219900716002');
const VICTIM_PHONE = '13890005678';
const DRIVER_ID = residentId('51202219800203123');

describe('people\'s mediation through GraphQL (embedded mode)', () => {
  let platform: TestPlatform;
  const { ok, expectRefusal } = new GraphQLSession(() => platform, { ttlSeconds: 365 * 24 * 3600 });

  const step = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${CASE_FIELDS} } }`;
  const mutate = async (username: string, name: string, input: string, variables: Record<string, unknown>): Promise<MediationCase> =>
    (await ok<Record<string, MediationCase>>(username, step(name, input), { input: variables }))[name];
  const CONSENT = step('recordMediationConsent', 'RecordConsentInput');
  const ASSIGN = step('assignMediator', 'AssignMediatorInput');
  const APPLY = step('applyForJudicialConfirmation', 'ApplyForJudicialConfirmationInput');
  const BY_NUMBER = `query($no: String!) { mediationCase(caseNo: $no) { ${CASE_FIELDS} } }`;
  const CASE_FILE = `query($code: String!) { caseFile(code: $code) { ${MATTER_FIELDS} } }`;

  const MEDIATOR = 'lz.mediator.deng';
  const COUNTY_MEDIATOR = 'lz.mediator.he';
  const COURT = 'lz.court';
  const PETITIONS = 'lz.petitions';
  const twoParties = () => [
    { kind: 'PERSON', name: '刘芳', idNumber: VICTIM_ID, phone: VICTIM_PHONE },
    { kind: 'PERSON', name: '周强', idNumber: DRIVER_ID },
  ];
  const screening = (overrides: Record<string, unknown> = {}) => ({
    screening: { recordNo: `石佛排查〔2026〕${newId().slice(0, 6)}`, screenedAt: platform.clock.now().toISOString(), note: '村组排查发现的纠纷' },
    category: 'NEIGHBOURS',
    parties: twoParties(),
    claim: '排水沟堵塞致邻居房屋受潮，请求疏通并赔偿',
    ...overrides,
  });
  /** Opens a screened dispute, gathers both consents and assigns the township mediator. */
  async function underWay(overrides: Record<string, unknown> = {}): Promise<MediationCase> {
    const opened = await mutate(MEDIATOR, 'openMediationFromScreening', 'OpenMediationFromScreeningInput', screening(overrides));
    await mutate(MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: opened.id, partyId: 'P1', consents: true });
    await mutate(MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: opened.id, partyId: 'P2', consents: true });
    return mutate(MEDIATOR, 'assignMediator', 'AssignMediatorInput', { caseId: opened.id, mediatorUserId: login(MEDIATOR).userId, chosenBy: 'COMMITTEE' });
  }
  async function signedByAll(caseId: string): Promise<MediationCase> {
    await mutate(MEDIATOR, 'draftMediationAgreement', 'DraftWrittenAgreementInput', { caseId, terms: '周强于10日内疏通排水沟并赔偿刘芳2000元', amountYuan: 2000 });
    await mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId, signatory: 'P1' });
    await mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId, signatory: 'P2' });
    return mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId, signatory: 'mediator' });
  }

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Shanghai.
    platform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  describe('flow 3: a traffic-accident dispute at the 石佛镇 station, mediated, confirmed by the court and followed up', () => {
    let caseCode: string;
    let mediation: MediationCase;

    it('opens a case at the township committee as soon as the desk routes the matter, and the desk shows it accepted with the case number', async () => {
      const registered = await ok<{ registerMatter: { caseCode: string } }>('lz.clerk.station', `mutation($input: RegisterMatterInput!) { registerMatter(input: $input) { caseCode } }`, {
        input: {
          channel: 'WALK_IN',
          matterTypeCode: 'mediation',
          applicant: { kind: 'PERSON', name: '刘芳', idType: 'RESIDENT_ID', idNumber: VICTIM_ID, phone: VICTIM_PHONE },
          description: '2月20日在石佛镇村道被周强驾驶的三轮车撞伤，就医疗费、误工费赔偿发生交通事故纠纷，申请调解。',
          consentToDataUse: true,
        },
      });
      caseCode = registered.registerMatter.caseCode;
      await ok('lz.clerk.station', `mutation($input: RouteMatterInput!) { routeMatter(input: $input) { stage } }`, { input: { caseCode, line: 'MEDIATION' } });
      await platform.whenCaughtUp();

      const matter = (await ok<{ caseFile: { stage: string; backOfficeCaseNo: string; timeline: { kind: string }[] } }>('lz.clerk.station', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter.stage).toBe('accepted');
      expect(matter.backOfficeCaseNo).toMatch(/^（2026）川.调字第\d{4}号$/);
      expect(matter.timeline.map((entry) => entry.kind)).toEqual(['MatterRegistered', 'MatterRouted', 'MatterAcceptedByBackOffice']);

      mediation = (await ok<{ mediationCase: MediationCase }>(MEDIATOR, BY_NUMBER, { no: matter.backOfficeCaseNo })).mediationCase;
      expect(mediation).toMatchObject({
        stage: 'awaiting-consent',
        committeeOrgId: login(MEDIATOR).orgId,
        category: 'traffic',
        source: { kind: 'front-desk', caseCode },
        parties: [{ partyId: 'P1', name: '刘芳', idMasked: `5120**********${VICTIM_ID.slice(-4)}`, phoneMasked: '138****5678', consented: false }],
      });
      // 30 days from Monday 2 March: Wednesday 1 April, end of day in Shanghai.
      expect(mediation.nextDueAt).toBe('2026-04-01T16:00:00.000Z');
    });

    it('adds the driver, takes both consents, and refuses a mediator who declares a relation to a party', async () => {
      await mutate(MEDIATOR, 'addMediationParty', 'AddMediationPartyInput', { caseId: mediation.id, party: { kind: 'PERSON', name: '周强', idNumber: DRIVER_ID } });
      await mutate(MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: mediation.id, partyId: 'P1', consents: true });
      const consented = await mutate(MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: mediation.id, partyId: 'P2', consents: true });
      expect(consented.stage).toBe('mediating');
      await expectRefusal(MEDIATOR, ASSIGN, { input: { caseId: mediation.id, mediatorUserId: login(MEDIATOR).userId, chosenBy: 'COMMITTEE', declaredRelations: [{ partyId: 'P2', relation: '表兄弟' }] } }, 'RULE_VIOLATION', 'MEDIATOR_CONFLICT_OF_INTEREST');
      const assigned = await mutate(MEDIATOR, 'assignMediator', 'AssignMediatorInput', { caseId: mediation.id, mediatorUserId: login(MEDIATOR).userId, chosenBy: 'PARTIES' });
      expect(assigned.mediator).toEqual({ userId: login(MEDIATOR).userId, name: login(MEDIATOR).name, chosenBy: 'parties' });
    });

    it('records a session, commissions an injury appraisal which pauses the clock, and resumes it with the opinion', async () => {
      await mutate(MEDIATOR, 'recordMediationSession', 'RecordMediationSessionInput', { caseId: mediation.id, heldOn: '2026-03-02', place: '石佛镇人民调解室', attendees: ['刘芳', '周强', '邓国强'], summary: '双方对事故责任无异议，对伤残等级有争议' });
      const requested = await mutate(MEDIATOR, 'requestMediationAppraisal', 'RequestAppraisalInput', { caseId: mediation.id, subject: '刘芳伤残等级及误工期' });
      expect(requested.deadlines.find((deadline) => deadline.kind === 'time-limit')?.paused).toBe(true);
      expect(requested.nextDueAt).toBeNull();
      await expectRefusal(MEDIATOR, step('draftMediationAgreement', 'DraftWrittenAgreementInput'), { input: { caseId: mediation.id, terms: '先行协议' } }, 'RULE_VIOLATION', 'APPRAISAL_PENDING');

      platform.clock.advance(10 * 24 * 3600 * 1000);
      const resumed = await mutate(MEDIATOR, 'recordAppraisalOpinion', 'RecordAppraisalOpinionInput', {
        caseId: mediation.id,
        institution: '资阳市某司法鉴定所',
        opinionNo: '资司鉴〔2026〕临鉴字第88号',
        summary: '刘芳构成十级伤残，误工期90日',
        receivedOn: '2026-03-12',
      });
      const timeLimit = resumed.deadlines.find((deadline) => deadline.kind === 'time-limit')!;
      expect(timeLimit.paused).toBe(false);
      // Ten paused days move the limit from Wednesday 1 April to Saturday 11 April, a rest day: Monday 13 April (民法典 Art. 203).
      expect(timeLimit.dueAt).toBe('2026-04-13T16:00:00.000Z');
    });

    it('takes effect only when the last of the parties and the mediator has signed, and the desk receives the result', async () => {
      await mutate(MEDIATOR, 'draftMediationAgreement', 'DraftWrittenAgreementInput', { caseId: mediation.id, terms: '周强赔偿刘芳医疗费、误工费、伤残赔偿金共计62000元，于4月15日前付清', amountYuan: 62000, performanceDueOn: '2026-04-15' });
      const first = await mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId: mediation.id, signatory: 'P1' });
      expect(first).toMatchObject({ stage: 'signing', agreement: { signed: ['P1'], effectiveAt: null } });
      await mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId: mediation.id, signatory: 'P2' });
      const effective = await mutate(MEDIATOR, 'signMediationAgreement', 'SignAgreementInput', { caseId: mediation.id, signatory: 'mediator' });
      expect(effective).toMatchObject({ stage: 'concluded', outcome: { kind: 'written-agreement', onTime: true }, agreement: { signed: ['P1', 'P2', 'mediator'] } });
      expect(effective.agreement!.confirmationWindowEndsAt).not.toBeNull();
      await platform.whenCaughtUp();
      const matter = (await ok<{ caseFile: { stage: string; result: { outcome: string } } }>('lz.clerk.station', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter).toMatchObject({ stage: 'result-received', result: { outcome: 'completed' } });
    });

    it('carries the joint application to the county court, which accepts it and rules the agreement valid (enforceable)', async () => {
      await expectRefusal(MEDIATOR, APPLY, { input: { caseId: mediation.id, courtOrgId: login(COURT).orgId, applicantPartyIds: ['P1'] } }, 'RULE_VIOLATION', 'CONFIRMATION_NOT_JOINT');
      const applied = await mutate(MEDIATOR, 'applyForJudicialConfirmation', 'ApplyForJudicialConfirmationInput', { caseId: mediation.id, courtOrgId: login(COURT).orgId, applicantPartyIds: ['P1', 'P2'] });
      expect(applied.confirmation).toMatchObject({ status: 'applied' });

      const requests = await ok<{ confirmationRequests: { edges: { node: { id: string; stage: string } }[] } }>(COURT, `query { confirmationRequests(first: 20) { edges { node { id stage } } } }`);
      expect(requests.confirmationRequests.edges.map((edge) => edge.node.id)).toContain(mediation.id);
      await expectRefusal(MEDIATOR, step('recordConfirmationRuling', 'RecordConfirmationRulingInput'), { input: { caseId: mediation.id, ruling: 'VALID' } }, 'FORBIDDEN');

      await mutate(COURT, 'recordConfirmationAcceptance', 'RecordConfirmationAcceptanceInput', { caseId: mediation.id, courtCaseNo: '（2026）川2022民特15号' });
      const ruled = await mutate(COURT, 'recordConfirmationRuling', 'RecordConfirmationRulingInput', { caseId: mediation.id, ruling: 'VALID' });
      expect(ruled.confirmation).toEqual({ courtOrgId: login(COURT).orgId, status: 'ruled', courtCaseNo: '（2026）川2022民特15号', ruling: 'valid', enforceable: true });
    });

    it('follows up performance, and the whole history reads in order', async () => {
      const followed = await mutate(MEDIATOR, 'recordPerformanceFollowUp', 'RecordPerformanceFollowUpInput', { caseId: mediation.id, outcome: 'PERFORMED', note: '电话回访，赔偿款62000元已付清' });
      expect(followed.followUps).toEqual([{ outcome: 'performed', note: '电话回访，赔偿款62000元已付清' }]);
      expect(followed.history.map((entry) => entry.kind)).toEqual([
        'MediationOpened', 'PartyAdded', 'ConsentGiven', 'ConsentGiven', 'MediatorAssigned', 'SessionRecorded', 'AppraisalRequested', 'AppraisalOpinionRecorded',
        'WrittenAgreementDrafted', 'AgreementSigned', 'AgreementSigned', 'AgreementSigned', 'AgreementTookEffect',
        'JudicialConfirmationApplied', 'JudicialConfirmationAccepted', 'JudicialConfirmationRuled', 'PerformanceFollowedUp',
      ]);
      const matter = (await ok<{ caseFile: { timeline: { kind: string }[] } }>('lz.clerk.station', CASE_FILE, { code: caseCode })).caseFile;
      expect(matter.timeline.map((entry) => entry.kind)).toEqual(['MatterRegistered', 'MatterRouted', 'MatterAcceptedByBackOffice', 'ResultReceived']);
    });
  });

  it('sends a court\'s pre-filing referral to the county committee and shows the court the outcome', async () => {
    const referred = await mutate(COURT, 'referDisputeToMediation', 'ReferDisputeInput', {
      referenceNo: '（2026）川2022诉前调88号',
      dueAt: '2026-04-30T16:00:00.000Z',
      category: 'TRAFFIC',
      parties: twoParties(),
      claim: '机动车交通事故责任纠纷，原告请求赔偿车辆维修费8600元',
      amountYuan: 8600,
    });
    expect(referred).toMatchObject({ committeeOrgId: login(COUNTY_MEDIATOR).orgId, source: { kind: 'referral', referringOrgan: 'court', referringOrgId: login(COURT).orgId, referralDueAt: '2026-04-30T16:00:00.000Z' } });
    await expectRefusal(MEDIATOR, CONSENT, { input: { caseId: referred.id, partyId: 'P1', consents: true } }, 'FORBIDDEN', 'MEDIATION_OUTSIDE_COMMITTEE');
    await mutate(COUNTY_MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: referred.id, partyId: 'P1', consents: true });
    await mutate(COUNTY_MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: referred.id, partyId: 'P2', consents: true });
    await mutate(COUNTY_MEDIATOR, 'assignMediator', 'AssignMediatorInput', { caseId: referred.id, mediatorUserId: login(COUNTY_MEDIATOR).userId, chosenBy: 'COMMITTEE' });
    await mutate(COUNTY_MEDIATOR, 'recordMediationFailure', 'RecordMediationFailureInput', { caseId: referred.id, reason: '双方对维修费用分歧过大', routesExplained: ['LITIGATION'] });

    const referrals = await ok<{ mediationReferrals: { edges: { node: { id: string; stage: string; outcome: { kind: string }; deadlines: { kind: string; metAt: string | null; onTime: boolean | null }[] } }[] } }>(
      COURT,
      `query { mediationReferrals(first: 20) { edges { node { id stage outcome { kind } deadlines { kind metAt onTime } } } } }`,
    );
    const back = referrals.mediationReferrals.edges.find((edge) => edge.node.id === referred.id)!.node;
    expect(back).toMatchObject({ stage: 'concluded', outcome: { kind: 'failed' } });
    expect(back.deadlines.find((deadline) => deadline.kind === 'referral')).toMatchObject({ onTime: true });
  });

  it('takes a petitions office\'s referral (访调对接) to the county committee and shows the office the agreement', async () => {
    const referred = await mutate(PETITIONS, 'referDisputeToMediation', 'ReferDisputeInput', {
      referenceNo: '乐信转〔2026〕17号',
      category: 'LABOUR',
      parties: twoParties(),
      claim: '来访人反映被拖欠工资12000元，信访局转人民调解',
      amountYuan: 12000,
    });
    expect(referred).toMatchObject({
      stage: 'awaiting-consent',
      committeeOrgId: login(COUNTY_MEDIATOR).orgId,
      source: { kind: 'referral', referringOrgan: 'petitions-office', referringOrgId: login(PETITIONS).orgId, referenceNo: '乐信转〔2026〕17号', referralDueAt: null },
    });
    await mutate(COUNTY_MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: referred.id, partyId: 'P1', consents: true });
    await mutate(COUNTY_MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: referred.id, partyId: 'P2', consents: true });
    await mutate(COUNTY_MEDIATOR, 'assignMediator', 'AssignMediatorInput', { caseId: referred.id, mediatorUserId: login(COUNTY_MEDIATOR).userId, chosenBy: 'COMMITTEE' });
    await mutate(COUNTY_MEDIATOR, 'recordOralAgreement', 'RecordOralAgreementInput', { caseId: referred.id, terms: '周强于本月底前一次性支付刘芳工资12000元' });

    const referrals = await ok<{ mediationReferrals: { edges: { node: { id: string; stage: string; outcome: { kind: string } } }[] } }>(
      PETITIONS,
      `query { mediationReferrals(first: 20) { edges { node { id stage outcome { kind } } } } }`,
    );
    expect(referrals.mediationReferrals.edges.map((edge) => edge.node)).toEqual([{ id: referred.id, stage: 'concluded', outcome: { kind: 'oral-agreement' } }]);
    // The referring office may open its own referral by case number.
    expect((await ok<{ mediationCase: MediationCase }>(PETITIONS, BY_NUMBER, { no: referred.caseNo })).mediationCase.id).toBe(referred.id);
  });

  it('refuses a referral from a front-desk clerk, appending nothing', async () => {
    const input = { referenceNo: '窗口〔2026〕1号', category: 'NEIGHBOURS', parties: twoParties(), claim: '邻里纠纷' };
    await expectRefusal('lz.clerk.centre', step('referDisputeToMediation', 'ReferDisputeInput'), { input }, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
    await expectRefusal('lz.clerk.centre', `query { mediationReferrals(first: 5) { edges { node { id } } } }`, {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
  });

  it('ends before it starts when a party clearly refuses (Art. 17), and then refuses any mediation step', async () => {
    const opened = await mutate(MEDIATOR, 'openMediationFromScreening', 'OpenMediationFromScreeningInput', screening());
    const refused = await mutate(MEDIATOR, 'recordMediationConsent', 'RecordConsentInput', { caseId: opened.id, partyId: 'P2', consents: false, reason: '不同意调解，要求直接起诉' });
    expect(refused).toMatchObject({ stage: 'refused', refusedByPartyId: 'P2', outcome: { kind: 'refused' } });
    await expectRefusal(MEDIATOR, ASSIGN, { input: { caseId: opened.id, mediatorUserId: login(MEDIATOR).userId, chosenBy: 'COMMITTEE' } }, 'RULE_VIOLATION', 'NOT_MEDIATING');
  });

  it('refuses a joint application once the 30 days after the agreement took effect have passed, appending nothing', async () => {
    const mediation = await underWay();
    const effective = await signedByAll(mediation.id);
    expect(effective.stage).toBe('concluded');
    // 40 days: past the 30 days even where the last day moves over Qingming and a weekend (民法典 Art. 203).
    platform.clock.advance(40 * 24 * 3600 * 1000);
    await expectRefusal(MEDIATOR, APPLY, { input: { caseId: mediation.id, courtOrgId: login(COURT).orgId, applicantPartyIds: ['P1', 'P2'] } }, 'RULE_VIOLATION', 'CONFIRMATION_WINDOW_CLOSED');
    // Another committee's mediator may not act on it either.
    await expectRefusal('lz.mediator.jiang', APPLY, { input: { caseId: mediation.id, courtOrgId: login(COURT).orgId, applicantPartyIds: ['P1', 'P2'] } }, 'FORBIDDEN', 'MEDIATION_OUTSIDE_COMMITTEE');
  });

  describe('indicators', () => {
    /**
     * 2025 figures for two township committees, fed straight through the command side (the view is
     * the same). 2,400 commands in-process: on an embedded platform of its own (a data directory of
     * its own keeps it embedded under PLS_E2E_MODE=distributed too), since the figures are the
     * projection's whichever mode carries the events.
     */
    let indicatorPlatform: TestPlatform;
    let indicatorDir = '';
    const indicatorSession = new GraphQLSession(() => indicatorPlatform, { ttlSeconds: 30 * 24 * 3600 });
    beforeAll(async () => {
      indicatorDir = mkdtempSync(path.join(tmpdir(), 'pls-indicators-'));
      indicatorPlatform = await TestPlatform.start({ now: '2026-03-02T01:00:00.000Z', dataDir: indicatorDir });
    });
    afterAll(async () => {
      await indicatorPlatform?.close();
      rmSync(indicatorDir, { recursive: true, force: true });
    });
    const SHIFO = () => ({ orgId: login(MEDIATOR).orgId, regionCode: '512022101000' });
    const TIANCHI = () => ({ orgId: login('lz.mediator.jiang').orgId, regionCode: '512022001000' });

    async function feed(committee: { orgId: string; regionCode: string }, agreements: number, failures: number, confirmed: number): Promise<void> {
      const commands = indicatorPlatform.app.get(MediationCommands);
      const actor = { userId: 'feeder', orgId: committee.orgId, roles: ['handler'] };
      for (let index = 0; index < agreements + failures; index += 1) {
        const caseId = `ind-${committee.regionCode}-${index}`;
        const day = Date.parse('2025-03-03T01:00:00.000Z') + (index % 200) * 24 * 3600 * 1000;
        const at = (days: number) => new Date(day + days * 24 * 3600 * 1000).toISOString();
        const send = (type: MediationCommand['type'], data: unknown, now: string, by = actor) =>
          commands.send(caseId, { type, data, metadata: { commandId: newId(), now, actor: by, correlationId: caseId } } as MediationCommand);
        await send('OpenMediation', {
          caseId,
          caseNo: `IND-${committee.regionCode}-${index}`,
          committeeOrgId: committee.orgId,
          committeeRegionCode: committee.regionCode,
          source: { kind: 'screening', screening: { recordNo: `R${index}`, screenedAt: at(0), note: '排查' } },
          category: 'neighbours',
          parties: [{ kind: 'person', name: '刘芳', idNumber: VICTIM_ID }, { kind: 'person', name: '周强', idNumber: DRIVER_ID }],
          claim: '邻里纠纷',
        }, at(0));
        await send('RecordConsent', { partyId: 'P1', consents: true }, at(0));
        await send('RecordConsent', { partyId: 'P2', consents: true }, at(0));
        await send('AssignMediator', { mediator: { userId: 'feeder', orgId: committee.orgId, name: '调解员' }, chosenBy: 'committee', relations: [] }, at(0));
        if (index >= agreements) {
          await send('RecordFailure', { reason: '分歧过大', routesExplained: ['litigation'] }, at(30));
        } else if (index < confirmed) {
          await send('DraftWrittenAgreement', { terms: '书面协议' }, at(10));
          for (const signatory of ['P1', 'P2', 'mediator']) await send('SignAgreement', { signatory }, at(10));
          await send('ApplyForJudicialConfirmation', { courtOrgId: login(COURT).orgId, courtJurisdiction: ['512022000000'], applicantPartyIds: ['P1', 'P2'] }, at(12));
          const court = { userId: login(COURT).userId, orgId: login(COURT).orgId, roles: ['court'] };
          await send('RecordConfirmationAcceptance', { courtCaseNo: `民特${index}` }, at(13), court);
          await send('RecordConfirmationRuling', { ruling: 'valid' }, at(15), court);
        } else {
          await send('RecordOralAgreement', { terms: '口头协议' }, at(10));
        }
      }
    }

    it('reads accepted, concluded, agreements, the success rate (two decimals), confirmations and durations for a township and its county', async () => {
      await feed(SHIFO(), 180, 20, 10);
      await feed(TIANCHI(), 97, 3, 0);
      await indicatorPlatform.whenCaughtUp();
      const query = `query($region: String!) { mediationIndicators(regionCode: $region, from: "2025-01-01T00:00:00+08:00", to: "2026-01-01T00:00:00+08:00") {
        region { regionCode accepted concluded agreements writtenAgreements failures successRate judicialConfirmations averageDurationDays }
        parent { regionCode accepted concluded agreements successRate judicialConfirmations averageDurationDays } } }`;
      type Figures = { regionCode: string; accepted: number; concluded: number; agreements: number; successRate: number; judicialConfirmations: number; averageDurationDays: number };
      const township = (await indicatorSession.ok<{ mediationIndicators: { region: Figures & { writtenAgreements: number; failures: number }; parent: Figures } }>('lz.supervisor', query, { region: '512022101' })).mediationIndicators;
      expect(township.region).toEqual({ regionCode: '512022101000', accepted: 200, concluded: 200, agreements: 180, writtenAgreements: 10, failures: 20, successRate: 90, judicialConfirmations: 10, averageDurationDays: 12 });
      // The parent: 277 agreements of 300 concluded = 92.33%; (180·10 + 20·30 + 97·10 + 3·30) / 300 = 11.53 days.
      expect(township.parent).toEqual({ regionCode: '512022000000', accepted: 300, concluded: 300, agreements: 277, successRate: 92.33, judicialConfirmations: 10, averageDurationDays: 11.53 });
      const county = (await indicatorSession.ok<{ mediationIndicators: { region: Figures } }>('lz.supervisor', query, { region: '512022' })).mediationIndicators;
      expect(county.region.successRate).toBe(92.33);
    }, 60_000);
  });
});
