import { Forbidden, type PlsError } from '@pls/shared-kernel';
import { assertMayManageStaff, mayReadStaffPhone, maySeeStaffMember, staffQueryScope } from './directory-access.policy';
import type { Requester } from './requester';

const LEZHI = '512022000000';
const WUTONGQIAO = '511112000000';
const admin: Requester = { userId: 'admin', orgId: 'sc', roles: ['admin', 'supervisor'], regionCode: '510000000000' };
const lezhiSupervisor: Requester = { userId: 'sup', orgId: 'lz', roles: ['supervisor'], regionCode: LEZHI };
const clerk: Requester = { userId: 'clerk', orgId: 'room', roles: ['clerk'], regionCode: '512022101200' };

function refusal(act: () => unknown): Pick<PlsError, 'category' | 'code'> | null {
  try {
    act();
    return null;
  } catch (error) {
    if (!(error instanceof Forbidden)) throw error;
    return { category: error.category, code: error.code };
  }
}

describe('who may manage staff', () => {
  it('an admin manages anyone anywhere, any role', () => {
    expect(refusal(() => assertMayManageStaff(admin, { regionCodes: [WUTONGQIAO], roles: ['supervisor', 'court'] }))).toBeNull();
  });

  it('a supervisor manages clerks and handlers of their own subtree', () => {
    expect(refusal(() => assertMayManageStaff(lezhiSupervisor, { regionCodes: ['512022101200'], roles: ['clerk', 'handler'] }))).toBeNull();
  });

  it('a supervisor is refused outside their subtree, even at one end of a move', () => {
    expect(refusal(() => assertMayManageStaff(lezhiSupervisor, { regionCodes: [LEZHI, WUTONGQIAO], roles: ['clerk'] }))).toEqual({ category: 'FORBIDDEN', code: 'OUTSIDE_REGION_SCOPE' });
  });

  it.each(['admin', 'supervisor', 'court'] as const)('a supervisor leaves members holding or given the %s role to admins', (role) => {
    expect(refusal(() => assertMayManageStaff(lezhiSupervisor, { regionCodes: [LEZHI], roles: ['handler', role] }))).toEqual({ category: 'FORBIDDEN', code: 'ROLE_MANAGEMENT_NEEDS_ADMIN' });
  });

  it('anyone else manages no staff', () => {
    expect(refusal(() => assertMayManageStaff(clerk, { regionCodes: ['512022101200'], roles: ['clerk'] }))?.code).toBe('STAFF_MANAGEMENT_NOT_ALLOWED');
  });
});

describe('who sees which staff and their phone numbers', () => {
  it('a staff query of a non-admin covers their own subtree unless they ask for a region inside it', () => {
    expect(staffQueryScope(clerk, null)).toBe('512022101200');
    expect(staffQueryScope(lezhiSupervisor, '512022101000')).toBe('512022101000');
    expect(refusal(() => staffQueryScope(lezhiSupervisor, '510000000000'))?.code).toBe('OUTSIDE_REGION_SCOPE');
  });

  it('an admin\'s staff query covers everything unless narrowed', () => {
    expect(staffQueryScope(admin, null)).toBeNull();
    expect(staffQueryScope(admin, WUTONGQIAO)).toBe(WUTONGQIAO);
  });

  it('a member outside the caller\'s subtree is visible only to admins and themself', () => {
    expect(maySeeStaffMember(lezhiSupervisor, { userId: 'x', regionCode: WUTONGQIAO })).toBe(false);
    expect(maySeeStaffMember(admin, { userId: 'x', regionCode: WUTONGQIAO })).toBe(true);
    expect(maySeeStaffMember(clerk, { userId: 'clerk', regionCode: '512022101200' })).toBe(true);
  });

  it('a phone is unmasked for an admin, a supervisor over the member\'s region and the member, masked for everyone else (PIPL)', () => {
    const member = { userId: 'm', regionCode: '512022101208' };
    expect(mayReadStaffPhone(admin, member)).toBe(true);
    expect(mayReadStaffPhone(lezhiSupervisor, member)).toBe(true);
    expect(mayReadStaffPhone({ ...lezhiSupervisor, regionCode: WUTONGQIAO }, member)).toBe(false);
    expect(mayReadStaffPhone({ ...clerk, regionCode: LEZHI }, member)).toBe(false);
    expect(mayReadStaffPhone({ ...clerk, userId: 'm' }, member)).toBe(true);
  });
});
