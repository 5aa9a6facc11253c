import fc from 'fast-check';
import {
  isPlsError,
  maskPhone,
  maskResidentId,
  maskUscc,
  parseMobileNumber,
  parsePhoneNumber,
  parseResidentIdNumber,
  parseUnifiedSocialCreditCode,
  residentIdCheckCharacter,
  usccCheckCharacter,
} from './index';
import { isWithin, padRegionCode, parentRegionCode, PROVINCE_CODES } from './regions';

/** Property-based checks of the parsers that guard the edge (issue: security and bad input). */
const AS_OF = '2026-03-02T01:00:00.000Z';
const provinces = [...PROVINCE_CODES];
const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((list) => list.join(''));
const birthDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-03-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const residentId = fc.tuple(fc.constantFrom(...provinces), digits(4), birthDate, digits(3)).map(([province, area, birth, sequence]) => {
  const first17 = `${province}${area}${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
});
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccSymbol = fc.constantFrom(...USCC_ALPHABET);
const uscc = fc.tuple(fc.array(usccSymbol, { minLength: 2, maxLength: 2 }), digits(6), fc.array(usccSymbol, { minLength: 9, maxLength: 9 })).map(([head, region, body]) => {
  const first17 = head.join('') + region + body.join('');
  return first17 + usccCheckCharacter(first17);
});
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);

/** Refused as a PlsError with an InvalidInput category, never anything else. */
function refusal(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!isPlsError(error)) throw error;
    expect(error.category).toBe('BAD_USER_INPUT');
    return error.code;
  }
}

describe('resident ID numbers (GB 11643)', () => {
  it('accepts every well-formed number and reads its birth date back', () => {
    fc.assert(fc.property(residentId, (id) => {
      const parsed = parseResidentIdNumber(id, { asOf: AS_OF });
      expect(parsed.value).toBe(id);
      expect(parsed.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14));
    }));
  });

  it('refuses every single-character change of the check character', () => {
    fc.assert(fc.property(residentId, fc.constantFrom(...'0123456789X'), (id, other) => {
      fc.pre(other !== id[17]);
      expect(refusal(() => parseResidentIdNumber(id.slice(0, 17) + other, { asOf: AS_OF }))).toBe('RESIDENT_ID_CHECK_DIGIT_MISMATCH');
    }));
  });

  it('detects every single-digit typo in the first 17 digits (as a check or date error)', () => {
    fc.assert(fc.property(residentId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, index, shift) => {
      const typo = id.slice(0, index) + String((Number(id[index]) + shift) % 10) + id.slice(index + 1);
      expect(refusal(() => parseResidentIdNumber(typo, { asOf: AS_OF }))).not.toBeNull();
    }));
  });

  it('refuses any string that is not 17 digits and a digit or X, with a code and without echoing it', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      fc.pre(!/^\s*\d{17}[\dXx]\s*$/.test(text));
      try {
        parseResidentIdNumber(text, { asOf: AS_OF });
        throw new Error('accepted');
      } catch (error) {
        expect(isPlsError(error) && error.code).toBe('RESIDENT_ID_MALFORMED');
        if (text.trim().length >= 6) expect((error as Error).message).not.toContain(text.trim());
      }
    }));
  });

  it('masks to the first and last four characters, hiding the birth date', () => {
    fc.assert(fc.property(residentId, (id) => {
      const masked = maskResidentId(id);
      expect(masked).toHaveLength(18);
      expect(masked.slice(0, 4)).toBe(id.slice(0, 4));
      expect(masked.slice(-4)).toBe(id.slice(-4));
      expect(masked.slice(4, 14)).toBe('*'.repeat(10));
      expect(masked).not.toContain(id.slice(6, 14));
    }));
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts every code with its check character, case-insensitively', () => {
    fc.assert(fc.property(uscc, (code) => {
      expect(parseUnifiedSocialCreditCode(code.toLowerCase()).value).toBe(code);
    }));
  });

  it('refuses every other check character', () => {
    fc.assert(fc.property(uscc, usccSymbol, (code, other) => {
      fc.pre(other !== code[17]);
      expect(refusal(() => parseUnifiedSocialCreditCode(code.slice(0, 17) + other))).toBe('USCC_CHECK_CHAR_MISMATCH');
    }));
  });

  it('refuses arbitrary strings with a code', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => {
      fc.pre(!/^[0-9A-Y]{18}$/i.test(text.trim()));
      expect(refusal(() => parseUnifiedSocialCreditCode(text))).toBe('USCC_MALFORMED');
    }));
  });

  it('masks all but the first and last four characters', () => {
    fc.assert(fc.property(uscc, (code) => {
      expect(maskUscc(code)).toBe(`${code.slice(0, 4)}${'*'.repeat(10)}${code.slice(-4)}`);
    }));
  });
});

describe('phone numbers', () => {
  it('reads a mobile number however it is written (+86, spaces, dashes)', () => {
    fc.assert(fc.property(mobile, fc.constantFrom('', '+86', '0086', '+86 '), fc.boolean(), (number, prefix, dashed) => {
      const written = prefix + (dashed ? `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}` : number);
      expect(parseMobileNumber(written)).toBe(number);
      expect(parsePhoneNumber(written)).toEqual({ kind: 'mobile', value: number });
    }));
  });

  it('masks a mobile number to 3 + **** + 4 and never shows the middle digits', () => {
    fc.assert(fc.property(mobile, (number) => {
      const masked = maskPhone(number);
      expect(masked).toBe(`${number.slice(0, 3)}****${number.slice(7)}`);
      expect(masked).not.toContain(number.slice(3, 7) + number.slice(7));
    }));
  });

  it('never masks to a string holding the whole number, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => {
      const masked = maskPhone(text);
      const digitsOnly = text.replace(/\D/g, '');
      if (digitsOnly.length >= 7 && text.trim() !== '12348') expect(masked.replace(/\D/g, '')).not.toBe(digitsOnly);
    }));
  });

  it('refuses arbitrary strings with a code, never with a crash', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => {
      try {
        parsePhoneNumber(text);
      } catch (error) {
        expect(isPlsError(error) && error.code).toBe('PHONE_NUMBER_INVALID');
      }
    }));
  });
});

describe('region codes', () => {
  const regionCode = fc.tuple(fc.constantFrom(...provinces), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([province, city, county, township, village]) => {
    const code = `${province}${String(city).padStart(2, '0')}${String(county).padStart(2, '0')}${String(township).padStart(3, '0')}${String(village).padStart(3, '0')}`;
    return township === 0 ? code.slice(0, 9) + '000' : code;
  });

  it('pads every valid code to 12 digits and lies within each of its ancestors', () => {
    fc.assert(fc.property(regionCode, (code) => {
      const padded = padRegionCode(code);
      expect(padded).toHaveLength(12);
      let parent = parentRegionCode(padded);
      while (parent) {
        expect(isWithin(padded, parent)).toBe(true);
        parent = parentRegionCode(parent);
      }
      expect(isWithin(padded, padded)).toBe(true);
    }));
  });

  it('is never within a region of another province', () => {
    fc.assert(fc.property(regionCode, fc.constantFrom(...provinces), (code, other) => {
      fc.pre(code.slice(0, 2) !== other);
      expect(isWithin(code, other)).toBe(false);
    }));
  });

  it('refuses arbitrary strings with REGION_CODE_MALFORMED', () => {
    fc.assert(fc.property(fc.string({ maxLength: 14 }), (text) => {
      fc.pre(!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(text));
      expect(refusal(() => padRegionCode(text))).toBe('REGION_CODE_MALFORMED');
    }));
  });
});
