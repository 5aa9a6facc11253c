import * as kernel from './index';

describe('the shared kernel entry point', () => {
  it('exports the errors, ids and clock with the calendar, parties and regions', () => {
    for (const name of [
      'InvalidInput',
      'NotFound',
      'deterministicId',
      'ManualClock',
      'StatutoryCalendar',
      'shanghaiDate',
      'parseResidentIdNumber',
      'parseUnifiedSocialCreditCode',
      'parseMobileNumber',
      'parsePhoneNumber',
      'maskResidentId',
      'maskPhone',
      'maskName',
      'maskUscc',
      'padRegionCode',
      'regionLevel',
      'parentRegionCode',
      'ancestorRegionCodes',
      'isWithin',
      'RegionCatalog',
    ]) {
      expect(kernel).toHaveProperty(name);
    }
  });
});
