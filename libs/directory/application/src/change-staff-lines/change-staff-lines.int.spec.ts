import { demoLogin, demoRequester, DirectoryTestKit } from '../testing/directory-test-kit';
import { refusalOf } from '../testing/refusals';

describe('changing a staff member\'s lines', () => {
  let kit: DirectoryTestKit;
  beforeEach(async () => {
    kit = await DirectoryTestKit.create();
  });

  it('a supervisor narrows a township clerk to legal aid and mediation', async () => {
    const { userId } = demoLogin('lz.clerk.station');
    await kit.changeStaffLines.execute({ userId, lines: ['mediation', 'legal-aid'] }, kit.context(demoRequester('lz.supervisor')));
    await kit.project();
    expect(await kit.readModel.staffMember(userId)).toMatchObject({ lines: ['legal-aid', 'mediation'] });
  });

  it('a line the member\'s organisation does not serve is refused and appends nothing', async () => {
    const before = await kit.eventCount();
    const refusal = await refusalOf(() => kit.changeStaffLines.execute({ userId: demoLogin('lz.clerk.room').userId, lines: ['notarization'] }, kit.context(demoRequester('sc.admin'))));
    expect({ category: refusal.category, code: refusal.code }).toEqual({ category: 'RULE_VIOLATION', code: 'STAFF_LINE_NOT_SERVED_BY_ORGANISATION' });
    expect(await kit.eventCount()).toBe(before);
  });

  it('taking the line a profession needs from its holder is refused: the profile must end first', async () => {
    const refusal = await refusalOf(() => kit.changeStaffLines.execute({ userId: demoLogin('lz.correction.peng').userId, lines: ['mediation'] }, kit.context(demoRequester('sc.admin'))));
    expect(refusal.code).toBe('STAFF_CHANGE_ORPHANS_PROFILE');
  });
});
