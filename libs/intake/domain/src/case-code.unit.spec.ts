import { CASE_CODE_ALPHABET, CASE_CODE_CAPACITY, formatCaseCode, isCanonicalCaseCode, isValidCaseCode, parseCaseCode } from './case-code';

const samples = [0, 1, 31, 32, 36, 37, 1_000, 20_260_922, 123_456_789, 9_876_543_210, CASE_CODE_CAPACITY - 1];

describe('case codes (一案一码)', () => {
  it('formats a number as PP-XXXX-XXXC in Crockford base 32 without I, L, O or U', () => {
    for (const n of samples) {
      const code = formatCaseCode('LZ', n);
      expect(code).toMatch(/^LZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(isValidCaseCode(code)).toBe(true);
      expect(isCanonicalCaseCode(code)).toBe(true);
    }
  });

  it('keeps issuing the documented codes: a code once printed on a receipt must stay valid', () => {
    expect(formatCaseCode('LZ', 9_876_543_210)).toBe('LZ-AMAQ-6KVA');
    expect(formatCaseCode('lz', 0)).toBe('LZ-0000-0130');
    expect(parseCaseCode('LZ-AMAQ-6KVA').body).toBe(parseCaseCode('lzamaq6kva').body);
  });

  it('gives distinct numbers distinct codes, under each prefix', () => {
    const codes = new Set<string>();
    for (let n = 0; n < 5_000; n += 1) codes.add(formatCaseCode('YN', n));
    expect(codes.size).toBe(5_000);
    expect(formatCaseCode('YN', 7)).not.toBe(formatCaseCode('SC', 7));
  });

  it('never needs one of Crockford’s extra check symbols * ~ $ = U', () => {
    for (let n = 0; n < 2_000; n += 1) expect(CASE_CODE_ALPHABET).toContain(formatCaseCode('HL', n).slice(-1));
  });

  it('detects every single mistyped symbol', () => {
    for (const n of samples) {
      const code = formatCaseCode('LZ', n);
      for (let position = 0; position < code.length; position += 1) {
        if (code[position] === '-') continue;
        const symbols = position < 2 ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : CASE_CODE_ALPHABET;
        for (const replacement of symbols) {
          if (replacement === code[position]) continue;
          const typo = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(isValidCaseCode(typo)).toBe(false);
        }
      }
    }
  });

  it('detects every swap of two adjacent different symbols', () => {
    for (const n of samples) {
      const compact = formatCaseCode('LZ', n).replace(/-/g, '');
      for (let i = 2; i + 1 < compact.length; i += 1) {
        if (compact[i] === compact[i + 1]) continue;
        const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
        expect(isValidCaseCode(swapped)).toBe(false);
      }
    }
  });

  it('reads a code typed leniently: lower case, no hyphens, spaces, O for 0 and I or L for 1', () => {
    const code = formatCaseCode('LZ', 1_000);
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseCaseCode(typed)).toMatchObject({ value: code, prefix: 'LZ' });
    expect(isCanonicalCaseCode(typed)).toBe(false);
  });

  it('refuses malformed codes, bad prefixes and numbers out of range with their codes', () => {
    expect(() => parseCaseCode('LZ-7K3M-9QX')).toThrow(expect.objectContaining({ code: 'CASE_CODE_MALFORMED' }));
    expect(() => parseCaseCode('LZ-7K3M-9QXU')).toThrow(expect.objectContaining({ code: 'CASE_CODE_MALFORMED' }));
    expect(() => parseCaseCode(42 as never)).toThrow(expect.objectContaining({ code: 'CASE_CODE_MALFORMED' }));
    expect(() => formatCaseCode('L1', 1)).toThrow(expect.objectContaining({ code: 'CASE_CODE_PREFIX_INVALID' }));
    expect(() => formatCaseCode('LZ', -1)).toThrow(expect.objectContaining({ code: 'CASE_CODE_NUMBER_INVALID' }));
    expect(() => formatCaseCode('LZ', CASE_CODE_CAPACITY)).toThrow(expect.objectContaining({ code: 'CASE_CODE_NUMBER_INVALID' }));
    expect(() => formatCaseCode('LZ', 1.5)).toThrow(expect.objectContaining({ code: 'CASE_CODE_NUMBER_INVALID' }));
    expect(formatCaseCode('LZ', 12n)).toBe(formatCaseCode('LZ', 12));
  });

  it('has room for about 29.7 billion codes per prefix', () => {
    expect(CASE_CODE_CAPACITY).toBe(29_716_530_464);
  });
});
