import { demoOrganisation } from '@pls/directory-domain';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

const admin = demoRequester('sc.admin');

describe('recording a professional profile', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a lawyer\'s new experience shows in the pool queries at once after projection', async () => {
    const { userId } = demoLogin('lz.lawyer.zheng');
    await kit.recordProfessionalProfile.execute(
      { userId, profile: { kind: 'lawyer', licenceNo: '15120202411011036', practiceYears: 3, criminalDefenceYears: 3, specialties: ['criminal-defence', 'minors'], maxConcurrentCases: 4 } },
      kit.context(admin),
    );
    await kit.project();
    const pool = await kit.lookup.lawyers({ regionCode: '512022', minCriminalDefenceYears: 3, specialties: ['minors'] });
    expect(pool.map((lawyer) => lawyer.name)).toEqual(['郑凯', '黄文斌']);
  });

  it('each profession is recorded for a handler at its workplace', async () => {
    const { userId } = await kit.registerStaffMember.execute(
      { name: '龙飞', orgId: demoOrganisation('lz.mediation.512022104').orgId, roles: ['handler'], lines: ['mediation'], phone: '19900009101' },
      kit.context(admin),
    );
    await kit.recordProfessionalProfile.execute({ userId, profile: { kind: 'mediator', fullTime: false, specialties: ['neighbours'] } }, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ profileKinds: ['mediator'], disputeCategories: ['neighbours'], mediator: { fullTime: false } });
  });

  it.each([
    ['a notary profile for a lawyer at a law firm', 'lz.lawyer.huang', { kind: 'notary', licenceNo: '512022201200099' }, 'PROFILE_NOT_ALLOWED_AT_ORGANISATION'],
    ['a profile for a clerk', 'lz.clerk.centre', { kind: 'notary', licenceNo: '512022201200099' }, 'PROFILE_REQUIRES_HANDLER_ROLE'],
    ['more criminal defence years than practice years', 'lz.lawyer.yang', { kind: 'lawyer', licenceNo: '15120201801010577', practiceYears: 8, criminalDefenceYears: 9, specialties: [], maxConcurrentCases: 6 }, 'CRIMINAL_DEFENCE_YEARS_EXCEED_PRACTICE_YEARS'],
    ['an appraiser without categories', 'zy.appraiser.feng', { kind: 'appraiser', categories: [], seniority: 'junior' }, 'APPRAISER_CATEGORIES_REQUIRED'],
  ] as const)('%s is refused with its code and appends nothing', async (_, member, profile, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.recordProfessionalProfile.execute({ userId: demoLogin(member).userId, profile }, kit.context(admin)));
    expect(refusal.code).toBe(code);
    expect(await kit.eventCount()).toBe(before);
  });
});
