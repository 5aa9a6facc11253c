import { InvalidInput } from '@pls/shared-kernel';
import { idInput, intInRange, listInput, optionalRegionCode, optionalText, regionCodeInput, requiredText } from './edge-input';

function codeOf(act: () => unknown): { code: string; field: unknown } | null {
  try {
    act();
    return null;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return { code: error.code, field: error.details?.['field'] };
  }
}

describe('input checks at the API edge', () => {
  it('a required text is trimmed, and refused when blank or too long, naming the field', () => {
    expect(requiredText('  乐至县法律援助中心 ', 'name', 100)).toBe('乐至县法律援助中心');
    expect(codeOf(() => requiredText('   ', 'name', 100))).toEqual({ code: 'INPUT_REQUIRED', field: 'name' });
    expect(codeOf(() => requiredText('法'.repeat(101), 'name', 100))).toEqual({ code: 'INPUT_TOO_LONG', field: 'name' });
  });

  it('lengths count characters, not UTF-16 units: 100 Chinese characters fit a limit of 100', () => {
    expect(requiredText('𠀀'.repeat(100), 'name', 100)).toHaveLength(200);
  });

  it('an optional text keeps absent apart from cleared, and a blank one clears', () => {
    expect(optionalText(undefined, 'address', 10)).toBeUndefined();
    expect(optionalText(null, 'address', 10)).toBeNull();
    expect(optionalText('  ', 'address', 10)).toBeNull();
  });

  it('a region code is returned in 12 digits, a malformed one is refused with the kernel\'s code and the field', () => {
    expect(regionCodeInput('512022', 'regionCode')).toBe('512022000000');
    expect(optionalRegionCode(null, 'regionCode')).toBeNull();
    expect(codeOf(() => regionCodeInput('5120', 'filter.regionCode'))).toBeNull();
    expect(codeOf(() => regionCodeInput('51202', 'filter.regionCode'))).toEqual({ code: 'REGION_CODE_MALFORMED', field: 'filter.regionCode' });
    expect(codeOf(() => regionCodeInput('990000', 'regionCode'))).toEqual({ code: 'REGION_CODE_MALFORMED', field: 'regionCode' });
  });

  it('ids are what an identity provider\'s subject may look like, nothing that could break a stream name', () => {
    expect(idInput('5c9e3b2a-0000-4000-8000-000000000001', 'orgId')).toBeDefined();
    expect(codeOf(() => idInput('a b', 'orgId'))).toEqual({ code: 'ID_MALFORMED', field: 'orgId' });
    expect(codeOf(() => idInput('x'.repeat(129), 'orgId'))?.code).toBe('ID_MALFORMED');
  });

  it('lists and numbers have bounds', () => {
    expect(codeOf(() => listInput(new Array(51).fill('512022'), 'jurisdiction', 50))).toEqual({ code: 'INPUT_LIST_TOO_LONG', field: 'jurisdiction' });
    expect(codeOf(() => intInRange(-1, 'minCriminalDefenceYears', 0, 70))).toEqual({ code: 'INPUT_OUT_OF_RANGE', field: 'minCriminalDefenceYears' });
    expect(intInRange(null, 'minCriminalDefenceYears', 0, 70)).toBeNull();
  });
});
