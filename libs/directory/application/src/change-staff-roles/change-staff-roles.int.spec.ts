import { newId } from '@pls/shared-kernel';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('changing a staff member\'s roles', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('an admin makes a county centre clerk an admin of the centre as well', async () => {
    const { userId } = demoLogin('lz.clerk.centre');
    await kit.changeStaffRoles.execute({ userId, roles: ['clerk', 'admin'] }, kit.context(demoRequester('sc.admin')));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ roles: ['clerk', 'admin'] });
  });

  it.each([
    ['a supervisor granting the admin role', 'lz.supervisor', 'lz.clerk.centre', ['clerk', 'admin'], 'FORBIDDEN', 'ROLE_MANAGEMENT_NEEDS_ADMIN'],
    ['a supervisor changing a court user', 'lz.supervisor', 'lz.court', ['court'], 'FORBIDDEN', 'ROLE_MANAGEMENT_NEEDS_ADMIN'],
    ['a supervisor of another county', 'wtq.supervisor', 'lz.clerk.centre', ['clerk'], 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE'],
    ['a role the organisation kind does not have', 'sc.admin', 'lz.clerk.centre', ['handler'], 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
    ['no role at all', 'sc.admin', 'lz.clerk.centre', [], 'RULE_VIOLATION', 'STAFF_ROLES_REQUIRED'],
    ['dropping the handler role of a lawyer', 'sc.admin', 'lz.lawyer.huang', ['admin'], 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
  ] as const)('%s is refused with its code and appends nothing', async (_, requester, member, roles, category, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.changeStaffRoles.execute({ userId: demoLogin(member).userId, roles }, kit.context(demoRequester(requester))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category, code });
    expect(await kit.eventCount()).toBe(before);
  });

  it('an unknown member is refused with STAFF_MEMBER_NOT_FOUND', async () => {
    const refusal = await refusalOf(() => kit.changeStaffRoles.execute({ userId: newId(), roles: ['clerk'] }, kit.context(demoRequester('sc.admin'))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'NOT_FOUND', code: 'STAFF_MEMBER_NOT_FOUND' });
  });
});
