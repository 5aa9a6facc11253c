import { demoOrganisation } from '@pls/directory-domain';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('the claims of a demo sign-in', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a village clerk gets their roles, their room, the village as region scope and the room\'s lines', async () => {
    const login = demoLogin('lz.clerk.room');
    expect(await kit.demoSignIn.claimsFor('lz.clerk.room')).toEqual({
      userId: login.userId,
      name: '张丽',
      orgId: demoOrganisation('lz.room.512022101200').orgId,
      roles: ['clerk'],
      regionCode: '512022101200',
      lines: ['legal-aid', 'mediation'],
    });
  });

  it('the claims follow the directory as it is now: a role change shows in the next sign-in', async () => {
    await kit.changeStaffRoles.execute({ userId: demoLogin('lz.clerk.centre').userId, roles: ['clerk', 'admin'] }, kit.context(demoRequester('sc.admin')));
    await kit.project();
    expect((await kit.demoSignIn.claimsFor('lz.clerk.centre')).roles).toEqual(['clerk', 'admin']);
  });

  it('a member registered after the seed signs in with their user id', async () => {
    const { userId } = await kit.registerStaffMember.execute(
      { name: '罗晓', orgId: demoOrganisation('lz.centre').orgId, roles: ['clerk'], lines: ['legal-aid'], phone: '19900009201' },
      kit.context(demoRequester('sc.admin')),
    );
    await kit.project();
    expect(await kit.demoSignIn.claimsFor(userId)).toMatchObject({ userId, regionCode: '512022000000', lines: ['legal-aid'] });
  });

  it('an unknown username is refused with DEMO_USER_NOT_FOUND, a deactivated member with STAFF_MEMBER_DEACTIVATED', async () => {
    expect((await refusalOf(() => kit.demoSignIn.claimsFor('nobody'))).code).toBe('DEMO_USER_NOT_FOUND');
    await kit.deactivateStaffMember.execute({ userId: demoLogin('lz.court').userId, reason: '退休' }, kit.context(demoRequester('sc.admin')));
    await kit.project();
    const refusal = await refusalOf(() => kit.demoSignIn.claimsFor('lz.court'));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'FORBIDDEN', code: 'STAFF_MEMBER_DEACTIVATED' });
  });
});
