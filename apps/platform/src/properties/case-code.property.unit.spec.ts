import fc from 'fast-check';
import { CASE_CODE_ALPHABET, CASE_CODE_CAPACITY, formatCaseCode, isCanonicalCaseCode, parseCaseCode } from '@pls/intake-domain';
import { isPlsError } from '@pls/shared-kernel';

/**
 * Case codes, property-based. The spec lives in the platform app because it uses fast-check beside
 * the intake domain (a domain spec may import only domain and util libraries).
 */
const prefix = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 2, maxLength: 2 }).map((letters) => letters.join(''));
const number = fc.integer({ min: 0, max: CASE_CODE_CAPACITY - 1 });

describe('case codes (property-based)', () => {
  it('formats canonical codes that parse back to themselves, however they are typed', () => {
    fc.assert(fc.property(prefix, number, fc.boolean(), (tag, n, sloppy) => {
      const code = formatCaseCode(tag, n);
      expect(isCanonicalCaseCode(code)).toBe(true);
      const typed = sloppy ? ` ${code.toLowerCase().replaceAll('-', ' ')} ` : code;
      expect(parseCaseCode(typed).value).toBe(code);
    }));
  });

  it('is a bijection per prefix: distinct numbers give distinct codes', () => {
    fc.assert(fc.property(prefix, number, number, (tag, a, b) => {
      fc.pre(a !== b);
      expect(formatCaseCode(tag, a)).not.toBe(formatCaseCode(tag, b));
    }));
  });

  it('catches every single-symbol substitution in the body (check symbol mismatch)', () => {
    fc.assert(fc.property(prefix, number, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 31 }), (tag, n, position, shift) => {
      const code = formatCaseCode(tag, n);
      const symbols = code.slice(3).replace('-', '');
      const changed = symbols.slice(0, position) + CASE_CODE_ALPHABET[(CASE_CODE_ALPHABET.indexOf(symbols[position]) + shift) % 32] + symbols.slice(position + 1);
      expect(() => parseCaseCode(`${tag}-${changed.slice(0, 4)}-${changed.slice(4)}`)).toThrow(expect.objectContaining({ code: 'CASE_CODE_CHECK_MISMATCH' }));
    }));
  });

  it('refuses arbitrary strings only with a case-code refusal, never a crash', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      try {
        parseCaseCode(text);
      } catch (error) {
        expect(isPlsError(error) && ['CASE_CODE_MALFORMED', 'CASE_CODE_CHECK_MISMATCH'].includes(error.code)).toBe(true);
      }
    }));
  });
});
