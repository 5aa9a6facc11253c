import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('deactivating a staff member', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a deactivated member leaves the active lists and refuses further changes', async () => {
    const { userId } = demoLogin('lz.legal-aid.chen');
    await kit.deactivateStaffMember.execute({ userId, reason: '调往资阳市' }, kit.context(demoRequester('lz.supervisor')));
    await kit.project();
    const active = await kit.readModel.findStaff({ scope: null, orgId: demoLogin('lz.legal-aid.chen').orgId }, {});
    expect(active.nodes.map((member) => member.userId)).not.toContain(userId);
    const refusal = await refusalOf(() => kit.changeStaffRoles.execute({ userId, roles: ['handler'] }, kit.context(demoRequester('sc.admin'))));
    expect(refusal.code).toBe('STAFF_MEMBER_DEACTIVATED');
  });

  it('nobody deactivates themself', async () => {
    const refusal = await refusalOf(() => kit.deactivateStaffMember.execute({ userId: demoLogin('sc.admin').userId, reason: '离职' }, kit.context(demoRequester('sc.admin'))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'RULE_VIOLATION', code: 'STAFF_CANNOT_DEACTIVATE_SELF' });
  });

  it('a supervisor cannot deactivate another supervisor', async () => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.deactivateStaffMember.execute({ userId: demoLogin('lz.supervisor').userId, reason: '离职' }, kit.context(demoRequester('zy.supervisor'))));
    expect(refusal.code).toBe('ROLE_MANAGEMENT_NEEDS_ADMIN');
    expect(await kit.eventCount()).toBe(before);
  });
});
