import { demoOrganisation } from '@pls/directory-domain';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

const admin = demoRequester('sc.admin');

describe('ending a professional profile', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('ending a correction officer\'s profile lets them move to a station as a clerk', async () => {
    const { userId } = demoLogin('lz.correction.peng');
    await kit.endProfessionalProfile.execute({ userId, profile: 'correction-officer', reason: '转岗窗口' }, kit.context(admin));
    await kit.moveStaffMember.execute({ userId, toOrgId: demoOrganisation('lz.station.512022001').orgId, roles: ['clerk'], lines: ['legal-aid'] }, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ roles: ['clerk'], profileKinds: [], correctionOfficer: null });
  });

  it('a profile the member does not hold cannot be ended', async () => {
    const refusal = await refusalOf(() => kit.endProfessionalProfile.execute({ userId: demoLogin('lz.lawyer.huang').userId, profile: 'mediator', reason: '无' }, kit.context(admin)));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'RULE_VIOLATION', code: 'PROFILE_NOT_HELD' });
  });
});
