import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEMO_LOGINS, demoOrganisation } from '@pls/directory-domain';
import type { GraphQLResponse } from '../testing/test-platform';
import { TestPlatform } from '../testing/test-platform';

const STAFF = 'id username name orgId regionCode roles lines phone phoneMasked active profiles organisation { id name }';
const ORGANISATION = 'id name kind regionCode level lines parentOrgId closed parent { name } region { name }';

const userId = (username: string) => {
  const login = DEMO_LOGINS.find((candidate) => candidate.username === username);
  if (!login) throw new Error(`no demo login ${username}`);
  return login.userId;
};
const orgId = (key: string) => demoOrganisation(key).orgId;

function refusal(response: GraphQLResponse<unknown>): { code?: string; reason?: string } {
  const [error] = response.errors ?? [];
  return { code: error?.extensions?.code, reason: error?.extensions?.reason };
}

describe('the directory through GraphQL, on a first start with the demo seed', () => {
  let platform: TestPlatform;
  const tokens = new Map<string, string>();

  /** Signs in as a demo user the way a person would, once per user. */
  async function tokenOf(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const response = await platform.graphql<{ demoSignIn: { token: string } }>('mutation($u: String!) { demoSignIn(username: $u) { token } }', { u: username });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    tokens.set(username, response.data.demoSignIn.token);
    return response.data.demoSignIn.token;
  }

  async function as<T = any>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return platform.graphql<T>(query, variables, await tokenOf(username));
  }

  beforeAll(async () => {
    platform = await TestPlatform.start();
  });
  afterAll(async () => {
    await platform.close();
  });

  describe('reference data', () => {
    it('the first start seeds the demo directory: 乐至县 lists its 21 townships, each with a population', async () => {
      const response = await as('lz.clerk.room', '{ regions(parentCode: "512022") { code shortCode name level population { year population source } } }');
      expect(response.errors).toBeUndefined();
      const townships = response.data.regions;
      expect(townships).toHaveLength(21);
      expect(townships[0]).toMatchObject({ shortCode: '512022001', name: '天池街道', level: 'TOWNSHIP', population: { year: 2020 } });
      expect(townships.reduce((sum: number, township: any) => sum + township.population.population, 0)).toBe(490_573);
      expect(platform.logger.entries.find((entry) => entry.message === 'demo directory seeded')?.context).toMatchObject({ commands: 314, applied: 314 });
    });

    it('the demo logins are logged at start, so npm start shows them', () => {
      const logins = platform.logger.entries.find((entry) => entry.message.startsWith('demo logins'));
      expect(logins?.message).toContain('lz.clerk.room');
      expect(logins?.message).toContain('demoSignIn');
    });

    it('a region shows its name, level, path from the province down and its population for a year', async () => {
      const response = await as('lz.clerk.room', '{ region(code: "512022101200") { name level path { name } population(year: 2025) { year population } children { code } } }');
      expect(response.data.region).toMatchObject({ name: '庆云庵村村民委员会', level: 'VILLAGE', population: { year: 2020 }, children: [] });
      expect(response.data.region.path.map((region: any) => region.name)).toEqual(['四川省', '资阳市', '乐至县', '石佛镇', '庆云庵村村民委员会']);
      expect((await as('lz.clerk.room', '{ region(code: "512022999") { name } }')).data.region).toBeNull();
    });

    it('the default legal aid agency of a 乐至 village is 乐至县法律援助中心, its mediation default the township committee', async () => {
      const response = await as(
        'lz.clerk.room',
        `{ legalAid: defaultAgency(regionCode: "512022101200", line: LEGAL_AID) { ${ORGANISATION} }
           mediation: defaultAgency(regionCode: "512022101200", line: MEDIATION) { name }
           appraisal: defaultAgency(regionCode: "512022101200", line: FORENSIC_APPRAISAL) { name level } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.legalAid).toMatchObject({ name: '乐至县法律援助中心', kind: 'LEGAL_AID_AGENCY', level: 'COUNTY', parent: { name: '乐至县司法局' }, region: { name: '乐至县' } });
      expect(response.data.mediation.name).toBe('乐至县石佛镇人民调解委员会');
      expect(response.data.appraisal).toEqual({ name: '资阳衡诚司法鉴定所', level: 'CITY' });
    });

    it('organisations are reference data: a village clerk pages through the county\'s, without overlap', async () => {
      const query = 'query($after: String) { organisations(filter: { regionCode: "512022" }, first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id regionCode } } } }';
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: any = (await as('lz.clerk.room', query, { after })).data.organisations;
        seen.push(...page.edges.map((edge: any) => edge.node.id));
        pages++;
        if (!page.pageInfo.hasNextPage) {
          expect(seen).toHaveLength(page.totalCount);
          break;
        }
        after = page.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBeGreaterThan(1);
    });

    it('external organs show their jurisdiction, and filters by kind and line combine', async () => {
      const response = await as('lz.court', '{ organisations(filter: { regionCode: "510000", kind: COURT, line: MEDIATION }) { totalCount edges { node { name jurisdiction } } } }');
      expect(response.data.organisations.totalCount).toBe(2);
      expect(response.data.organisations.edges[0].node).toEqual({ name: '乐山市五通桥区人民法院', jurisdiction: ['511112000000'] });
    });
  });

  describe('who sees which staff', () => {
    it('a county centre clerk sees the staff of their county with phones masked, and not another county\'s', async () => {
      const response = await as('lz.clerk.centre', `{ staffMembers(first: 100) { totalCount edges { node { ${STAFF} } } } }`);
      const nodes = response.data.staffMembers.edges.map((edge: any) => edge.node);
      expect(nodes.length).toBeGreaterThan(10);
      expect(nodes.every((node: any) => node.regionCode.startsWith('512022'))).toBe(true);
      const others = nodes.filter((node: any) => node.id !== userId('lz.clerk.centre'));
      expect(others.every((node: any) => node.phoneMasked && /^199\*{4}\d{4}$/.test(node.phone))).toBe(true);
      const refused = await as('lz.clerk.centre', '{ staffMembers(filter: { regionCode: "511112" }) { totalCount } }');
      expect(refusal(refused)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' });
      expect(refusal(await as('lz.clerk.centre', `{ staffMember(id: "${userId('wtq.lawyer.cai')}") { name } }`))).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_REGION_SCOPE' });
    });

    it('a supervisor sees a colleague\'s phone masked too: unmasking it is the audited unmaskedStaffPhone (personal-data e2e)', async () => {
      const response = await as('lz.supervisor', `{ staffMember(id: "${userId('lz.clerk.room')}") { phone phoneMasked } }`);
      expect(response.data.staffMember).toEqual({ phone: expect.stringMatching(/^199\*{4}\d{4}$/), phoneMasked: true });
    });

    it('an admin sees every region\'s staff and finds the lawyers a life-or-death case may go to', async () => {
      const response = await as('sc.admin', '{ staffMembers(filter: { profile: LAWYER, minCriminalDefenceYears: 3 }) { edges { node { name lawyerProfile { criminalDefenceYears } } } } }');
      const names = response.data.staffMembers.edges.map((edge: any) => edge.node.name);
      expect(names.sort()).toEqual(['吴昊', '蔡永红', '贺磊', '雷鸣', '黄文斌'].sort());
      const minors = await as('sc.admin', '{ staffMembers(filter: { regionCode: "512022", specialty: MINORS }) { edges { node { name } } } }');
      expect(minors.data.staffMembers.edges.map((edge: any) => edge.node.name).sort()).toEqual(['杨雪梅', '黄文斌'].sort());
    });

    it('me is the caller as the token says, with their organisation and their own phone unmasked', async () => {
      const response = await as('lz.clerk.room', '{ me { userId name roles regionCode lines organisation { name } region { name } staffMember { phone phoneMasked } } }');
      expect(response.data.me).toMatchObject({
        userId: userId('lz.clerk.room'),
        name: '张丽',
        roles: ['CLERK'],
        regionCode: '512022101200',
        lines: ['LEGAL_AID', 'MEDIATION'],
        organisation: { name: '乐至县石佛镇庆云庵村公共法律服务工作室' },
        region: { name: '庆云庵村村民委员会' },
        staffMember: { phoneMasked: false },
      });
    });

    it('without a token, queries and mutations are refused as UNAUTHENTICATED', async () => {
      expect(refusal(await platform.graphql('{ organisations { totalCount } }'))).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
      expect(refusal(await platform.graphql('mutation { closeOrganisation(input: { orgId: "x", reason: "y" }) { id } }'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('demo sign-in', () => {
    it('signs a demo user in with the claims the directory holds, and the token works', async () => {
      const response = await platform.graphql<any>('mutation { demoSignIn(username: "wtq.clerk.room") { token expiresAt caller { userId roles orgId regionCode lines } } }');
      expect(response.data.demoSignIn.caller).toEqual({
        userId: userId('wtq.clerk.room'),
        roles: ['CLERK'],
        orgId: orgId('wtq.room.511112101201'),
        regionCode: '511112101201',
        lines: ['LEGAL_AID', 'MEDIATION'],
      });
      expect(Date.parse(response.data.demoSignIn.expiresAt)).toBeGreaterThan(Date.now());
      const me = await platform.graphql<any>('{ me { name } }', {}, response.data.demoSignIn.token);
      expect(me.data.me.name).toBe('潘婷');
    });

    it('an unknown username is refused as NOT_FOUND', async () => {
      expect(refusal(await platform.graphql('mutation { demoSignIn(username: "nobody") { token } }'))).toEqual({ code: 'NOT_FOUND', reason: 'DEMO_USER_NOT_FOUND' });
    });
  });

  describe('admin mutations', () => {
    it('an admin registers an organisation and a staff member, who can then sign in', async () => {
      const organisation = await as(
        'sc.admin',
        `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { ${ORGANISATION} } }`,
        { input: { name: '乐至县石佛镇磨盘村人民调解委员会', kind: 'MEDIATION_COMMITTEE', regionCode: '512022101208', parentOrgId: orgId('lz.judicial-office.512022101'), lines: ['MEDIATION'] } },
      );
      expect(organisation.errors).toBeUndefined();
      expect(organisation.data.registerOrganisation).toMatchObject({ kind: 'MEDIATION_COMMITTEE', level: 'VILLAGE', parent: { name: '乐至县石佛司法所' }, region: { name: '磨盘村村民委员会' } });
      const committee = organisation.data.registerOrganisation.id;

      const member = await as('sc.admin', `mutation($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { ${STAFF} } }`, {
        input: { name: '蒋大勇', orgId: committee, roles: ['HANDLER'], lines: ['MEDIATION'], phone: '199 0000 9301', employeeNo: 'LZ-901' },
      });
      expect(member.data.registerStaffMember).toMatchObject({ name: '蒋大勇', username: null, phone: '199****9301', phoneMasked: true, regionCode: '512022101208', organisation: { id: committee } });
      const newUser = member.data.registerStaffMember.id;

      const profile = await as('sc.admin', 'mutation($input: RecordMediatorProfileInput!) { recordMediatorProfile(input: $input) { profiles mediatorProfile { fullTime specialties } } }', {
        input: { userId: newUser, fullTime: false, specialties: ['NEIGHBOURS', 'LAND'] },
      });
      expect(profile.data.recordMediatorProfile).toEqual({ profiles: ['MEDIATOR'], mediatorProfile: { fullTime: false, specialties: ['NEIGHBOURS', 'LAND'] } });

      expect((await as('lz.clerk.room', '{ defaultAgency(regionCode: "512022101208", line: MEDIATION) { id } }')).data.defaultAgency.id).toBe(committee);
      const signedIn = await platform.graphql<any>(`mutation { demoSignIn(username: "${newUser}") { caller { roles regionCode } } }`);
      expect(signedIn.data.demoSignIn.caller).toEqual({ roles: ['HANDLER'], regionCode: '512022101208' });
    });

    it('a retry with the same command id answers with the same result and appends nothing', async () => {
      const commandId = randomUUID();
      const mutation = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id name } }`;
      const input = { commandId, name: '五通桥区金粟镇公共法律服务工作站（分站）', kind: 'PUBLIC_LEGAL_SERVICE_STATION', regionCode: '511112104', lines: ['LEGAL_AID'] };
      const first = await as('sc.admin', mutation, { input });
      const events = await platform.eventCount();
      const second = await as('sc.admin', mutation, { input });
      expect(second.data).toEqual(first.data);
      expect(await platform.eventCount()).toBe(events);

      const rolesId = randomUUID();
      const roles = 'mutation($input: ChangeStaffRolesInput!) { changeStaffRoles(input: $input) { roles } }';
      const change = { commandId: rolesId, userId: userId('wtq.clerk.centre'), roles: ['CLERK', 'ADMIN'] };
      expect((await as('sc.admin', roles, { input: change })).data.changeStaffRoles.roles).toEqual(['CLERK', 'ADMIN']);
      const afterChange = await platform.eventCount();
      expect((await as('sc.admin', roles, { input: change })).data.changeStaffRoles.roles).toEqual(['CLERK', 'ADMIN']);
      expect(await platform.eventCount()).toBe(afterChange);
    });

    it('every staff mutation answers with the member as it now is', async () => {
      const station = orgId('wtq.station.511112100');
      const registered = await as('sc.admin', 'mutation($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }', {
        input: { name: '严小梅', orgId: orgId('wtq.legal-aid'), roles: ['HANDLER'], lines: ['LEGAL_AID'], phone: '19900009401' },
      });
      const id = registered.data.registerStaffMember.id;
      const steps: [string, string, Record<string, unknown>, (node: any) => void][] = [
        ['recordLawyerProfile', 'RecordLawyerProfileInput', { licenceNo: '15111202011020999', practiceYears: 6, criminalDefenceYears: 3, specialties: ['CRIMINAL_DEFENCE'], maxConcurrentCases: 5 }, (node) => expect(node.lawyerProfile).toMatchObject({ criminalDefenceYears: 3 })],
        ['endProfessionalProfile', 'EndProfessionalProfileInput', { profile: 'LAWYER', reason: '转岗' }, (node) => expect(node.profiles).toEqual([])],
        ['moveStaffMember', 'MoveStaffMemberInput', { toOrgId: station, roles: ['CLERK'], lines: ['LEGAL_AID', 'MEDIATION'] }, (node) => expect(node).toMatchObject({ orgId: station, roles: ['CLERK'], regionCode: '511112100000' })],
        ['changeStaffLines', 'ChangeStaffLinesInput', { lines: ['MEDIATION'] }, (node) => expect(node.lines).toEqual(['MEDIATION'])],
        ['changeStaffRoles', 'ChangeStaffRolesInput', { roles: ['CLERK', 'ADMIN'] }, (node) => expect(node.roles).toEqual(['CLERK', 'ADMIN'])],
        ['deactivateStaffMember', 'DeactivateStaffMemberInput', { reason: '离职' }, (node) => expect(node.active).toBe(false)],
      ];
      for (const [mutation, inputType, input, check] of steps) {
        const response = await as('sc.admin', `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${STAFF} lawyerProfile { criminalDefenceYears } } }`, { input: { userId: id, ...input } });
        expect(response.errors).toBeUndefined();
        check(response.data[mutation]);
      }
    });

    it('profiles of every profession are recorded and shown', async () => {
      const cases: [string, string, string, Record<string, unknown>, string, unknown][] = [
        ['recordNotaryProfile', 'RecordNotaryProfileInput', 'wtq.notary.kang', { licenceNo: '511112201000032' }, 'notaryProfile { licenceNo }', { licenceNo: '511112201000032' }],
        ['recordAppraiserProfile', 'RecordAppraiserProfileInput', 'ls.appraiser.qian', { categories: ['ELECTRONIC_DATA'], seniority: 'INTERMEDIATE' }, 'appraiserProfile { categories seniority }', { categories: ['ELECTRONIC_DATA'], seniority: 'INTERMEDIATE' }],
        ['recordCorrectionOfficerProfile', 'RecordCorrectionOfficerProfileInput', 'wtq.correction.fan', { familiarWithMinors: true, officerNo: 'WTQSJ-0209' }, 'correctionOfficerProfile { familiarWithMinors officerNo }', { familiarWithMinors: true, officerNo: 'WTQSJ-0209' }],
      ];
      for (const [mutation, inputType, member, input, selection, expected] of cases) {
        const response = await as('sc.admin', `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} } }`, { input: { userId: userId(member), ...input } });
        expect(Object.values(response.data[mutation])[0]).toEqual(expected);
      }
    });

    it('organisations are updated and closed, and a population recorded, each answering with the new view', async () => {
      const updated = await as('sc.admin', 'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { name phone address } }', {
        input: { orgId: orgId('wtq.notary'), name: '四川省乐山市五通桥公证处（新址）', phone: null, address: '乐山市五通桥区竹根镇新华路1号' },
      });
      expect(updated.data.updateOrganisation).toEqual({ name: '四川省乐山市五通桥公证处（新址）', phone: null, address: '乐山市五通桥区竹根镇新华路1号' });
      const closed = await as('sc.admin', 'mutation { closeOrganisation(input: { orgId: "' + orgId('wtq.station.511112110') + '", reason: "并入区中心" }) { closed closedReason } }');
      expect(closed.data.closeOrganisation).toEqual({ closed: true, closedReason: '并入区中心' });
      const listed = await as('sc.admin', '{ organisations(filter: { regionCode: "511112110" }) { edges { node { kind } } } }');
      expect(listed.data.organisations.edges.map((edge: any) => edge.node.kind)).not.toContain('PUBLIC_LEGAL_SERVICE_STATION');
      const population = await as('sc.admin', 'mutation { recordRegionPopulation(input: { regionCode: "511112", year: 2024, population: 252000, source: "乐山统计年鉴2025" }) { name population(year: 2025) { year population } } }');
      expect(population.data.recordRegionPopulation).toEqual({ name: '五通桥区', population: { year: 2024, population: 252_000 } });
    });

    it('a supervisor manages the clerks of their own county', async () => {
      const response = await as('lz.supervisor', 'mutation($input: ChangeStaffLinesInput!) { changeStaffLines(input: $input) { lines phoneMasked } }', {
        input: { userId: userId('lz.clerk.station'), lines: ['LEGAL_AID', 'MEDIATION'] },
      });
      expect(response.data.changeStaffLines).toEqual({ lines: ['LEGAL_AID', 'MEDIATION'], phoneMasked: true });
    });

    const refusals: [string, string, string, Record<string, unknown>, string, string | undefined][] = [
      ['registerOrganisation with a malformed region code', 'sc.admin', 'registerOrganisation(input: { name: "x", kind: NOTARY_OFFICE, regionCode: "51202", lines: [NOTARIZATION] }) { id }', {}, 'BAD_USER_INPUT', 'REGION_CODE_MALFORMED'],
      ['registerOrganisation in a region the data does not have', 'sc.admin', 'registerOrganisation(input: { name: "x", kind: NOTARY_OFFICE, regionCode: "512099", lines: [NOTARIZATION] }) { id }', {}, 'NOT_FOUND', 'REGION_NOT_FOUND'],
      ['registerOrganisation under an unknown parent', 'sc.admin', `registerOrganisation(input: { name: "x", kind: NOTARY_OFFICE, regionCode: "512022", lines: [NOTARIZATION], parentOrgId: "${randomUUID()}" }) { id }`, {}, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
      ['registerOrganisation with a name too long', 'sc.admin', `registerOrganisation(input: { name: "${'长'.repeat(101)}", kind: NOTARY_OFFICE, regionCode: "512022", lines: [NOTARIZATION] }) { id }`, {}, 'BAD_USER_INPUT', 'INPUT_TOO_LONG'],
      ['registerOrganisation of a kind the schema does not know', 'sc.admin', 'registerOrganisation(input: { name: "x", kind: BANK, regionCode: "512022", lines: [NOTARIZATION] }) { id }', {}, 'BAD_USER_INPUT', undefined],
      ['registerOrganisation with a command id that is no UUID', 'sc.admin', 'registerOrganisation(input: { commandId: "again", name: "x", kind: NOTARY_OFFICE, regionCode: "512022", lines: [NOTARIZATION] }) { id }', {}, 'BAD_USER_INPUT', 'COMMAND_ID_INVALID'],
      ['registerOrganisation at a level its kind does not sit at', 'sc.admin', 'registerOrganisation(input: { name: "x", kind: NOTARY_OFFICE, regionCode: "512022101", lines: [NOTARIZATION] }) { id }', {}, 'RULE_VIOLATION', 'ORGANISATION_LEVEL_NOT_ALLOWED'],
      ['registerOrganisation by a supervisor', 'lz.supervisor', 'registerOrganisation(input: { name: "x", kind: NOTARY_OFFICE, regionCode: "512022", lines: [NOTARIZATION] }) { id }', {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      ['updateOrganisation of an unknown organisation', 'sc.admin', `updateOrganisation(input: { orgId: "${randomUUID()}", name: "x" }) { id }`, {}, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
      ['updateOrganisation with a malformed id', 'sc.admin', 'updateOrganisation(input: { orgId: "no spaces allowed", name: "x" }) { id }', {}, 'BAD_USER_INPUT', 'ID_MALFORMED'],
      ['updateOrganisation dropping a line its staff hold', 'sc.admin', `updateOrganisation(input: { orgId: "${orgId('lz.centre')}", lines: [LEGAL_AID] }) { id }`, {}, 'RULE_VIOLATION', 'ORGANISATION_LINE_HELD_BY_STAFF'],
      ['closeOrganisation of an organisation with active staff', 'sc.admin', `closeOrganisation(input: { orgId: "${orgId('lz.legal-aid')}", reason: "撤销" }) { id }`, {}, 'RULE_VIOLATION', 'ORGANISATION_HAS_ACTIVE_STAFF'],
      ['closeOrganisation by a clerk', 'lz.clerk.centre', `closeOrganisation(input: { orgId: "${orgId('lz.station.512022002')}", reason: "撤销" }) { id }`, {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      ['closeOrganisation without a reason', 'sc.admin', `closeOrganisation(input: { orgId: "${orgId('lz.station.512022002')}", reason: "  " }) { id }`, {}, 'BAD_USER_INPUT', 'INPUT_REQUIRED'],
      ['registerStaffMember at an unknown organisation', 'sc.admin', `registerStaffMember(input: { name: "x", orgId: "${randomUUID()}", roles: [CLERK], lines: [], phone: "19900009999" }) { id }`, {}, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
      ['registerStaffMember in a line the organisation does not serve', 'sc.admin', `registerStaffMember(input: { name: "x", orgId: "${orgId('lz.legal-aid')}", roles: [HANDLER], lines: [MEDIATION], phone: "19900009999" }) { id }`, {}, 'RULE_VIOLATION', 'STAFF_LINE_NOT_SERVED_BY_ORGANISATION'],
      ['registerStaffMember with a role the organisation kind has not', 'sc.admin', `registerStaffMember(input: { name: "x", orgId: "${orgId('lz.legal-aid')}", roles: [CLERK], lines: [LEGAL_AID], phone: "19900009999" }) { id }`, {}, 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
      ['registerStaffMember with a landline', 'sc.admin', `registerStaffMember(input: { name: "x", orgId: "${orgId('lz.legal-aid')}", roles: [HANDLER], lines: [LEGAL_AID], phone: "028-23300149" }) { id }`, {}, 'BAD_USER_INPUT', 'MOBILE_NUMBER_INVALID'],
      ['registerStaffMember by a supervisor of another county', 'wtq.supervisor', `registerStaffMember(input: { name: "x", orgId: "${orgId('lz.legal-aid')}", roles: [HANDLER], lines: [LEGAL_AID], phone: "19900009999" }) { id }`, {}, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE'],
      ['changeStaffRoles granting admin by a supervisor', 'lz.supervisor', `changeStaffRoles(input: { userId: "${userId('lz.clerk.centre')}", roles: [CLERK, ADMIN] }) { id }`, {}, 'FORBIDDEN', 'ROLE_MANAGEMENT_NEEDS_ADMIN'],
      ['changeStaffRoles of an unknown member', 'sc.admin', `changeStaffRoles(input: { userId: "${randomUUID()}", roles: [CLERK] }) { id }`, {}, 'NOT_FOUND', 'STAFF_MEMBER_NOT_FOUND'],
      ['changeStaffLines to a line the organisation does not serve', 'sc.admin', `changeStaffLines(input: { userId: "${userId('lz.clerk.room')}", lines: [NOTARIZATION] }) { id }`, {}, 'RULE_VIOLATION', 'STAFF_LINE_NOT_SERVED_BY_ORGANISATION'],
      ['moveStaffMember to an unknown organisation', 'sc.admin', `moveStaffMember(input: { userId: "${userId('lz.clerk.room')}", toOrgId: "${randomUUID()}" }) { id }`, {}, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
      ['moveStaffMember where the role is not held', 'sc.admin', `moveStaffMember(input: { userId: "${userId('lz.clerk.room')}", toOrgId: "${orgId('lz.notary')}" }) { id }`, {}, 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
      ['deactivateStaffMember of oneself', 'sc.admin', `deactivateStaffMember(input: { userId: "${userId('sc.admin')}", reason: "离职" }) { id }`, {}, 'RULE_VIOLATION', 'STAFF_CANNOT_DEACTIVATE_SELF'],
      ['deactivateStaffMember by a handler', 'lz.legal-aid.chen', `deactivateStaffMember(input: { userId: "${userId('lz.legal-aid.liu')}", reason: "离职" }) { id }`, {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      ['recordLawyerProfile with a malformed licence number', 'sc.admin', `recordLawyerProfile(input: { userId: "${userId('lz.lawyer.yang')}", licenceNo: "123", practiceYears: 8, criminalDefenceYears: 0, specialties: [], maxConcurrentCases: 6 }) { id }`, {}, 'BAD_USER_INPUT', 'LAWYER_LICENCE_NUMBER_MALFORMED'],
      ['recordMediatorProfile for a lawyer at a law firm', 'sc.admin', `recordMediatorProfile(input: { userId: "${userId('lz.lawyer.yang')}", fullTime: true, specialties: [] }) { id }`, {}, 'RULE_VIOLATION', 'PROFILE_NOT_ALLOWED_AT_ORGANISATION'],
      ['recordNotaryProfile for a clerk', 'sc.admin', `recordNotaryProfile(input: { userId: "${userId('lz.clerk.centre')}", licenceNo: "512022201200099" }) { id }`, {}, 'RULE_VIOLATION', 'PROFILE_REQUIRES_HANDLER_ROLE'],
      ['recordAppraiserProfile without categories', 'sc.admin', `recordAppraiserProfile(input: { userId: "${userId('zy.appraiser.feng')}", categories: [], seniority: JUNIOR }) { id }`, {}, 'RULE_VIOLATION', 'APPRAISER_CATEGORIES_REQUIRED'],
      ['recordCorrectionOfficerProfile at a law firm', 'sc.admin', `recordCorrectionOfficerProfile(input: { userId: "${userId('lz.lawyer.huang')}", familiarWithMinors: true }) { id }`, {}, 'RULE_VIOLATION', 'PROFILE_NOT_ALLOWED_AT_ORGANISATION'],
      ['endProfessionalProfile of a profile not held', 'sc.admin', `endProfessionalProfile(input: { userId: "${userId('lz.lawyer.huang')}", profile: NOTARY, reason: "无" }) { id }`, {}, 'RULE_VIOLATION', 'PROFILE_NOT_HELD'],
      ['recordRegionPopulation of a region the data does not have', 'sc.admin', 'recordRegionPopulation(input: { regionCode: "512099", year: 2024, population: 1, source: "x" }) { code }', {}, 'NOT_FOUND', 'REGION_NOT_FOUND'],
      ['recordRegionPopulation with a malformed code', 'sc.admin', 'recordRegionPopulation(input: { regionCode: "5x", year: 2024, population: 1, source: "x" }) { code }', {}, 'BAD_USER_INPUT', 'REGION_CODE_MALFORMED'],
      ['recordRegionPopulation by a supervisor', 'zy.supervisor', 'recordRegionPopulation(input: { regionCode: "512022", year: 2024, population: 1, source: "x" }) { code }', {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
    ];

    it.each(refusals)('%s is refused (%s) with its code, and nothing is appended', async (_, username, selection, variables, code, reason) => {
      const before = await platform.eventCount();
      const response = await as(username, `mutation { ${selection} }`, variables);
      expect(response.data?.[selection.slice(0, selection.indexOf('('))] ?? null).toBeNull();
      expect(refusal(response)).toEqual(reason === undefined ? { code, reason: undefined } : { code, reason });
      expect(await platform.eventCount()).toBe(before);
    });
  });
});

describe('the directory across restarts and configurations', () => {
  it('a second start on the same data directory seeds nothing and serves the same directory, rebuilt from the events', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pls-directory-'));
    const first = await TestPlatform.start({ dataDir });
    // The verifier checks lifetimes against the wall clock, not the platform's manual clock.
    const token = await first.tokenFor({ userId: userId('sc.admin'), name: '宋建国', orgId: orgId('sc.justice-department'), roles: ['admin'], regionCode: '510000000000', lines: [] }, { now: new Date() });
    const query = '{ organisations(first: 1) { totalCount } staffMembers(first: 1) { totalCount } }';
    const before = await first.graphql(query, {}, token);
    const events = await first.eventCount();
    await first.close();

    const second = await TestPlatform.start({ dataDir });
    try {
      expect(await second.eventCount()).toBe(events);
      expect(await second.graphql(query, {}, token)).toEqual(before);
      expect(second.logger.entries.some((entry) => entry.message === 'demo directory seeded')).toBe(false);
      expect(second.logger.entries.some((entry) => entry.message.startsWith('demo logins'))).toBe(true);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with the seed switched off nothing is loaded, and demo sign-in finds nobody', async () => {
    const platform = await TestPlatform.start({ env: { PLS_SEED_DEMO: 'false' } });
    try {
      expect(await platform.eventCount()).toBe(0);
      expect(refusal(await platform.graphql('mutation { demoSignIn(username: "sc.admin") { token } }'))).toEqual({ code: 'NOT_FOUND', reason: 'DEMO_USER_NOT_FOUND' });
    } finally {
      await platform.close();
    }
  });

  it('in production configuration demo sign-in is refused as DEMO_SIGN_IN_DISABLED', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const platform = await TestPlatform.start({ env: { NODE_ENV: 'production', PLS_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
    try {
      expect(refusal(await platform.graphql('mutation { demoSignIn(username: "sc.admin") { token } }'))).toEqual({ code: 'FORBIDDEN', reason: 'DEMO_SIGN_IN_DISABLED' });
    } finally {
      await platform.close();
    }
  });
});
