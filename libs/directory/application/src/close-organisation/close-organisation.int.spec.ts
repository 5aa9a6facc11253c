import { demoOrganisation } from '@pls/directory-domain';
import { demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

const admin = demoRequester('sc.admin');

describe('closing an organisation', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('an organisation without staff or open children is closed and then refuses changes', async () => {
    const station = demoOrganisation('lz.station.512022002');
    await kit.closeOrganisation.execute({ orgId: station.orgId, reason: '并入天池街道工作站' }, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.organisation(station.orgId)).toMatchObject({ closed: true });
    const refusal = await refusalOf(() => kit.updateOrganisation.execute({ orgId: station.orgId, name: '新名' }, kit.context(admin)));
    expect(refusal.code).toBe('ORGANISATION_CLOSED');
  });

  it('an organisation where active staff still work is not closed', async () => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.closeOrganisation.execute({ orgId: demoOrganisation('lz.legal-aid').orgId, reason: '撤销' }, kit.context(admin)));
    expect({ category: refusal.category, code: refusal.code, details: refusal.details }).toMatchObject({ category: 'RULE_VIOLATION', code: 'ORGANISATION_HAS_ACTIVE_STAFF', details: { staff: 2 } });
    expect(await kit.eventCount()).toBe(before);
  });

  it('an organisation with open organisations below it is not closed', async () => {
    const refusal = await refusalOf(() => kit.closeOrganisation.execute({ orgId: demoOrganisation('lz.station.512022001').orgId, reason: '撤销' }, kit.context(admin)));
    expect({ code: refusal.code, details: refusal.details }).toMatchObject({ code: 'ORGANISATION_HAS_OPEN_CHILDREN', details: { children: 3 } });
  });
});
