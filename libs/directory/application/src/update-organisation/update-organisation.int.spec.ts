import { demoOrganisation } from '@pls/directory-domain';
import { newId } from '@pls/shared-kernel';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

const admin = demoRequester('sc.admin');
const centre = demoOrganisation('lz.centre');

describe('updating an organisation', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('removing a line that active staff still hold is refused, naming them, and appends nothing', async () => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.updateOrganisation.execute({ orgId: centre.orgId, lines: ['legal-aid', 'mediation'] }, kit.context(admin)));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'RULE_VIOLATION', code: 'ORGANISATION_LINE_HELD_BY_STAFF' });
    expect(refusal.details).toMatchObject({ userIds: [demoLogin('lz.clerk.centre').userId] });
    expect(await kit.eventCount()).toBe(before);
  });

  it('once nobody holds the line any more, the organisation may stop serving it', async () => {
    await kit.changeStaffLines.execute({ userId: demoLogin('lz.clerk.centre').userId, lines: ['legal-aid', 'mediation'] }, kit.context(admin));
    await kit.project();
    await kit.updateOrganisation.execute({ orgId: centre.orgId, lines: ['legal-aid', 'mediation'] }, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.organisation(centre.orgId)).toMatchObject({ lines: ['legal-aid', 'mediation'] });
  });

  it('null clears the phone, an absent field stays as it was', async () => {
    await kit.updateOrganisation.execute({ orgId: centre.orgId, phone: null }, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.organisation(centre.orgId)).toMatchObject({ phone: null, address: '资阳市乐至县天池街道', name: centre.name });
  });

  it('an unknown organisation is refused with ORGANISATION_NOT_FOUND', async () => {
    const refusal = await refusalOf(() => kit.updateOrganisation.execute({ orgId: newId(), name: '无' }, kit.context(admin)));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'NOT_FOUND', code: 'ORGANISATION_NOT_FOUND' });
  });

  it('a jurisdiction region that does not exist is refused before anything is decided', async () => {
    const refusal = await refusalOf(() => kit.updateOrganisation.execute({ orgId: demoOrganisation('lz.court').orgId, jurisdiction: ['512022', '512098'] }, kit.context(admin)));
    expect(refusal.code).toBe('REGION_NOT_FOUND');
  });
});
