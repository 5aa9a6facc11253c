import { demoOrganisation } from '@pls/directory-domain';
import { newId } from '@pls/shared-kernel';
import { demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';
import { type RegisterStaffMemberInput, staffUserIdFor } from './register-staff-member';

const admin = demoRequester('sc.admin');
const clerk: RegisterStaffMemberInput = {
  name: '刘小红',
  orgId: demoOrganisation('lz.room.512022101208').orgId,
  roles: ['clerk'],
  lines: ['legal-aid', 'mediation'],
  phone: '+86 199 0000 9001',
};

describe('registering a staff member', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('an admin registers a clerk at a village room, who is then found in the village and county subtrees', async () => {
    const { userId } = await kit.registerStaffMember.execute(clerk, kit.context(admin));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ name: '刘小红', username: null, phone: '19900009001', regionCode: '512022101208', active: true });
    const inCounty = await kit.readModel.findStaff({ scope: '512022000000', role: 'clerk' }, { first: 100 });
    expect(inCounty.nodes.map((member) => member.userId)).toContain(userId);
  });

  it('a supervisor registers a handler at an agency in their own county', async () => {
    const { userId } = await kit.registerStaffMember.execute(
      { name: '钟敏', orgId: demoOrganisation('lz.legal-aid').orgId, roles: ['handler'], lines: ['legal-aid'], phone: '19900009002' },
      kit.context(demoRequester('lz.supervisor')),
    );
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ roles: ['handler'], orgId: demoOrganisation('lz.legal-aid').orgId });
  });

  it('retrying with the same command id registers the member once under the same id', async () => {
    const commandId = newId();
    const first = await kit.registerStaffMember.execute(clerk, kit.context(admin, commandId));
    const events = await kit.eventCount();
    expect(await kit.registerStaffMember.execute(clerk, kit.context(admin, commandId))).toEqual(first);
    expect(first.userId).toBe(staffUserIdFor(commandId));
    expect(await kit.eventCount()).toBe(events);
  });

  it.each([
    ['an unknown organisation', 'sc.admin', { orgId: newId() }, 'NOT_FOUND', 'ORGANISATION_NOT_FOUND'],
    ['a role the organisation kind does not have', 'sc.admin', { roles: ['handler'] }, 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
    ['an integrator role at a justice office', 'sc.admin', { roles: ['court'] }, 'RULE_VIOLATION', 'INTEGRATOR_ROLE_ORGAN_MISMATCH'],
    ['a line the organisation does not serve', 'sc.admin', { lines: ['notarization'] }, 'RULE_VIOLATION', 'STAFF_LINE_NOT_SERVED_BY_ORGANISATION'],
    ['a malformed mobile number', 'sc.admin', { phone: '12345' }, 'BAD_USER_INPUT', 'MOBILE_NUMBER_INVALID'],
    ['a supervisor of another region', 'wtq.supervisor', {}, 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE'],
    ['a supervisor handing out the supervisor role', 'lz.supervisor', { orgId: demoOrganisation('lz.justice-bureau').orgId, roles: ['supervisor'], lines: [] }, 'FORBIDDEN', 'ROLE_MANAGEMENT_NEEDS_ADMIN'],
    ['a clerk', 'lz.clerk.centre', {}, 'FORBIDDEN', 'STAFF_MANAGEMENT_NOT_ALLOWED'],
  ] as const)('%s is refused with its code and appends nothing', async (_, username, change, category, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.registerStaffMember.execute({ ...clerk, ...change }, kit.context(demoRequester(username))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category, code });
    expect(await kit.eventCount()).toBe(before);
  });
});
