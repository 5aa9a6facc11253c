import { demoOrganisation } from '@pls/directory-domain';
import { newId } from '@pls/shared-kernel';
import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('moving a staff member to another organisation', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a lawyer moves to another firm, and the firm of the lawyer profile follows', async () => {
    const { userId } = demoLogin('lz.lawyer.zheng');
    const firm = demoOrganisation('lz.firm.chengming');
    await kit.moveStaffMember.execute({ userId, toOrgId: firm.orgId }, kit.context(demoRequester('sc.admin')));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ orgId: firm.orgId, lawyer: { firmOrgId: firm.orgId } });
  });

  it('a supervisor moves a clerk from a village room to the township station of their county, with new lines', async () => {
    const { userId } = demoLogin('lz.clerk.room');
    const station = demoOrganisation('lz.station.512022104');
    await kit.moveStaffMember.execute({ userId, toOrgId: station.orgId, lines: ['legal-aid', 'mediation', 'notarization'] }, kit.context(demoRequester('lz.supervisor')));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ orgId: station.orgId, regionCode: '512022104000', lines: ['legal-aid', 'mediation', 'notarization'] });
  });

  it.each([
    ['to another county by that county\'s supervisor', 'lz.supervisor', 'lz.clerk.room', 'wtq.room.511112101201', 'FORBIDDEN', 'OUTSIDE_REGION_SCOPE'],
    ['to an organisation where the role is not held', 'sc.admin', 'lz.clerk.room', 'lz.legal-aid', 'RULE_VIOLATION', 'ROLE_NOT_ALLOWED_AT_ORGANISATION'],
    ['to the organisation the member is already at', 'sc.admin', 'lz.clerk.room', 'lz.room.512022101200', 'RULE_VIOLATION', 'STAFF_ALREADY_AT_ORGANISATION'],
    ['a notary to a law firm, leaving the profile behind', 'sc.admin', 'lz.notary.sun', 'lz.firm.chengming', 'RULE_VIOLATION', 'STAFF_LINE_NOT_SERVED_BY_ORGANISATION'],
  ] as const)('a move %s is refused with its code and appends nothing', async (_, requester, member, target, category, code) => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() =>
      kit.moveStaffMember.execute({ userId: demoLogin(member).userId, toOrgId: demoOrganisation(target).orgId }, kit.context(demoRequester(requester))),
    );
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category, code });
    expect(await kit.eventCount()).toBe(before);
  });

  it('a move to an unknown organisation is refused with ORGANISATION_NOT_FOUND naming the field', async () => {
    const refusal = await refusalOf(() => kit.moveStaffMember.execute({ userId: demoLogin('lz.clerk.room').userId, toOrgId: newId() }, kit.context(demoRequester('sc.admin'))));
    expect({ code: refusal.code, details: refusal.details }).toMatchObject({ code: 'ORGANISATION_NOT_FOUND', details: { field: 'toOrgId' } });
  });
});
