import { demoOrganisation } from '@pls/directory-domain';
import { newId } from '@pls/shared-kernel';
import { demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';
import { organisationIdFor, type RegisterOrganisationInput } from './register-organisation';

const admin = demoRequester('sc.admin');
const shifoOffice = demoOrganisation('lz.judicial-office.512022101');
const committee: RegisterOrganisationInput = {
  name: '乐至县石佛镇庆云庵村人民调解委员会',
  kind: 'mediation-committee',
  regionCode: '512022101200',
  parentOrgId: shifoOffice.orgId,
  lines: ['mediation'],
};

describe('registering an organisation', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('an admin registers a village mediation committee under its judicial office, and it is listed in the village subtree', async () => {
    const { orgId } = await kit.registerOrganisation.execute(committee, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.organisation(orgId)).toMatchObject({ name: committee.name, parentOrgId: shifoOffice.orgId, regionCode: '512022101200', level: 'village' });
    const page = await kit.readModel.findOrganisations({ regionCode: '512022101200', kind: 'mediation-committee' }, {});
    expect(page.nodes.map((org) => org.orgId)).toEqual([orgId]);
  });

  it('retrying with the same command id registers the organisation once and answers with the same id', async () => {
    const commandId = newId();
    const first = await kit.registerOrganisation.execute(committee, kit.context(admin, commandId));
    const events = await kit.eventCount();
    const second = await kit.registerOrganisation.execute(committee, kit.context(admin, commandId));
    expect(second).toEqual(first);
    expect(first.orgId).toBe(organisationIdFor(commandId));
    expect(await kit.eventCount()).toBe(events);
  });

  it.each([
    ['a region the division data does not have', { regionCode: '512022101999' }, 'NOT_FOUND', 'REGION_NOT_FOUND'],
    ['a malformed region code', { regionCode: '51202' }, 'BAD_USER_INPUT', 'REGION_CODE_MALFORMED'],
    ['an unknown parent organisation', { parentOrgId: newId() }, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
    ['a legal aid agency at village level', { kind: 'legal-aid-agency', lines: ['legal-aid'], parentOrgId: null }, 'RULE_VIOLATION', 'ORGANISATION_LEVEL_NOT_ALLOWED'],
    ['a line its kind does not serve', { lines: ['mediation', 'notarization'] }, 'RULE_VIOLATION', 'ORGANISATION_LINE_NOT_ALLOWED_FOR_KIND'],
    ['a court without jurisdiction', { kind: 'court', regionCode: '512022', lines: ['legal-aid'], parentOrgId: null }, 'RULE_VIOLATION', 'EXTERNAL_ORGAN_JURISDICTION_REQUIRED'],
    ['a jurisdiction region that does not exist', { kind: 'court', regionCode: '512022', lines: ['legal-aid'], parentOrgId: null, jurisdiction: ['512099'] }, 'NOT_FOUND', 'REGION_NOT_FOUND'],
  ] as const)('%s is refused with its code and appends nothing', async (_, change, category, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.registerOrganisation.execute({ ...committee, ...change }, kit.context(admin)));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category, code });
    expect(await kit.eventCount()).toBe(before);
  });

  it('an unknown parent is reported with the field that named it', async () => {
    const refusal = await refusalOf(() => kit.registerOrganisation.execute({ ...committee, parentOrgId: newId() }, kit.context(admin)));
    expect(refusal.details).toMatchObject({ field: 'parentOrgId' });
  });

  it('a supervisor may not register organisations: they are reference data only admins change', async () => {
    const refusal = await refusalOf(() => kit.registerOrganisation.execute(committee, kit.context(demoRequester('lz.supervisor'))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'FORBIDDEN', code: 'ADMIN_ONLY' });
  });
});
