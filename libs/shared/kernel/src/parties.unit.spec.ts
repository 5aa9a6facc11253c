import { InvalidInput } from './errors';
import {
  maskName,
  maskPhone,
  maskResidentId,
  maskUscc,
  parseMobileNumber,
  parsePhoneNumber,
  parseResidentIdNumber,
  parseUnifiedSocialCreditCode,
  residentIdCheckCharacter,
  usccCheckCharacter,
} from './parties';

function thrown(act: () => unknown): InvalidInput {
  try {
    act();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected an InvalidInput to be thrown');
}

function codeOf(act: () => unknown): string | null {
  try {
    act();
    return null;
  } catch (error) {
    if (error instanceof InvalidInput) return error.code;
    throw error;
  }
}

/** A small seeded generator (mulberry32) so the property loops are reproducible. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Written out from GB 11643-1999 rather than reusing the implementation, so the tests check it.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function withIdCheckCharacter(first17: string): string {
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return first17 + '10X98765432'[sum % 11];
}

// GB 32100-2015, Table 2 (character values) and the weights 3^i mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function withUsccCheckCharacter(first17: string): string {
  const sum = USCC_WEIGHTS.reduce((total, weight, index) => total + weight * USCC_CHARS.indexOf(first17[index]), 0);
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const asOf = '2026-03-01T00:00:00+08:00';

describe('the resident ID number (GB 11643-1999)', () => {
  it("the standard's own example 11010519491231002X is a woman born 31 December 1949 in Beijing's Chaoyang district", () => {
    expect(parseResidentIdNumber('11010519491231002X', { asOf })).toEqual({
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it("the standard's example 440524188001010014 is a man born 1 January 1880", () => {
    expect(parseResidentIdNumber('440524188001010014', { asOf })).toMatchObject({ birthDate: '1880-01-01', sex: 'male' });
  });

  it('a lower-case x check character is accepted and normalised to X, surrounding spaces dropped', () => {
    expect(parseResidentIdNumber(' 11010519491231002x ', { asOf }).value).toBe('11010519491231002X');
  });

  it('a number computed with the helper for 乐至县 is a man born 1 January 1990', () => {
    const id = withIdCheckCharacter('51202219900101123');
    expect(parseResidentIdNumber(id, { asOf })).toEqual({ value: id, birthDate: '1990-01-01', sex: 'male', regionCode: '512022' });
  });

  it('the 17th digit decides the sex: odd is male, even is female', () => {
    expect(parseResidentIdNumber(withIdCheckCharacter('51202219900101121'), { asOf }).sex).toBe('male');
    expect(parseResidentIdNumber(withIdCheckCharacter('51202219900101122'), { asOf }).sex).toBe('female');
  });

  it('the check character agrees with the helper for a thousand generated numbers', () => {
    const random = seeded(11643);
    for (let i = 0; i < 1000; i += 1) {
      const first17 = Array.from({ length: 17 }, () => Math.floor(random() * 10)).join('');
      expect(residentIdCheckCharacter(first17)).toBe(withIdCheckCharacter(first17)[17]);
    }
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['the old 15-digit number', '110105491231002'],
    ['an X inside', '1101051949123X002X'],
    ['a letter other than X at the end', '11010519491231002Y'],
    ['inner spaces', '110105 19491231 002X'],
    ['nothing', ''],
  ])('refuses %s as RESIDENT_ID_MALFORMED', (_, value) => {
    expect(thrown(() => parseResidentIdNumber(value, { asOf })).code).toBe('RESIDENT_ID_MALFORMED');
  });

  it('refuses a value that is not a string as RESIDENT_ID_MALFORMED', () => {
    expect(thrown(() => parseResidentIdNumber(110105194912310 as unknown as string, { asOf })).code).toBe('RESIDENT_ID_MALFORMED');
  });

  it.each(['00', '10', '16', '20', '39', '66', '70', '80', '83', '91', '99'])(
    'refuses an address code starting %s as RESIDENT_ID_REGION_INVALID even with a right check character',
    (province) => {
      expect(thrown(() => parseResidentIdNumber(withIdCheckCharacter(`${province}012219900101123`), { asOf })).code).toBe(
        'RESIDENT_ID_REGION_INVALID',
      );
    },
  );

  it.each(['71', '81', '82', '65', '11'])('accepts an address code starting %s', (province) => {
    expect(parseResidentIdNumber(withIdCheckCharacter(`${province}000019900101123`), { asOf }).regionCode).toBe(`${province}0000`);
  });

  it.each([
    ['30 February', '19900230'],
    ['month 13', '19901301'],
    ['day 0', '19900100'],
    ['29 February of a common year', '19010229'],
    ['a date after asOf', '20260302'],
    ['a date more than 150 years before asOf', '18760228'],
  ])('refuses %s as RESIDENT_ID_BIRTH_DATE_INVALID', (_, birth) => {
    expect(thrown(() => parseResidentIdNumber(withIdCheckCharacter(`512022${birth}123`), { asOf })).code).toBe(
      'RESIDENT_ID_BIRTH_DATE_INVALID',
    );
  });

  it('accepts a birth on asOf itself, on 29 February of a leap year, and exactly 150 years before asOf', () => {
    expect(parseResidentIdNumber(withIdCheckCharacter('51202220260301123'), { asOf }).birthDate).toBe('2026-03-01');
    expect(parseResidentIdNumber(withIdCheckCharacter('51202220000229123'), { asOf }).birthDate).toBe('2000-02-29');
    expect(parseResidentIdNumber(withIdCheckCharacter('51202218760301123'), { asOf }).birthDate).toBe('1876-03-01');
  });

  it('reads asOf as a Shanghai date: a birth on 2 March is fine at 2026-03-01T16:30Z', () => {
    expect(parseResidentIdNumber(withIdCheckCharacter('51202220260302123'), { asOf: '2026-03-01T16:30:00Z' }).birthDate).toBe(
      '2026-03-02',
    );
  });

  it('refuses a bad asOf as INSTANT_INVALID', () => {
    expect(thrown(() => parseResidentIdNumber('11010519491231002X', { asOf: 'now' })).code).toBe('INSTANT_INVALID');
    expect(thrown(() => parseResidentIdNumber('11010519491231002X', undefined as never)).code).toBe('INSTANT_INVALID');
  });

  it('refuses a wrong check character as RESIDENT_ID_CHECK_DIGIT_MISMATCH', () => {
    expect(thrown(() => parseResidentIdNumber('110105194912310021', { asOf })).code).toBe('RESIDENT_ID_CHECK_DIGIT_MISMATCH');
  });

  it('changing any single character of a valid number, anywhere, makes it invalid (100 generated numbers)', () => {
    const random = seeded(20260301);
    const provinces = ['11', '22', '23', '44', '51', '53', '65', '81'];
    const onlyTheCheck = /^RESIDENT_ID_CHECK_DIGIT_MISMATCH$/;
    const anyIdRule = /^RESIDENT_ID_(CHECK_DIGIT_MISMATCH|REGION_INVALID|BIRTH_DATE_INVALID)$/;
    const surprises: string[] = [];
    for (let n = 0; n < 100; n += 1) {
      const region = provinces[Math.floor(random() * provinces.length)] + String(Math.floor(random() * 10000)).padStart(4, '0');
      const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(random() * 90 * 365) * 86_400_000).toISOString().slice(0, 10);
      const sequence = String(Math.floor(random() * 1000)).padStart(3, '0');
      const valid = withIdCheckCharacter(region + birth.replace(/-/g, '') + sequence);
      if (codeOf(() => parseResidentIdNumber(valid, { asOf })) !== null) surprises.push(`${valid} refused`);
      for (let position = 0; position < 18; position += 1) {
        for (const replacement of '0123456789X') {
          if (replacement === valid[position] || (replacement === 'X' && position < 17)) continue;
          const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
          const code = codeOf(() => parseResidentIdNumber(changed, { asOf }));
          // MOD 11-2 catches every single substitution; where region and date still look right, the check does.
          const expected = position >= 14 ? onlyTheCheck : anyIdRule;
          if (code === null || !expected.test(code)) surprises.push(`${changed} (from ${valid}): ${code ?? 'accepted'}`);
        }
      }
    }
    expect(surprises).toEqual([]);
  });

  it('swapping two adjacent different digits of a valid number is caught by the check character', () => {
    const random = seeded(7064);
    for (let n = 0; n < 300; n += 1) {
      const valid = withIdCheckCharacter(`512022${19500101 + Math.floor(random() * 500000)}`.slice(0, 14) + '123');
      const position = 14 + Math.floor(random() * 2);
      if (valid[position] === valid[position + 1]) continue;
      const swapped = valid.slice(0, position) + valid[position + 1] + valid[position] + valid.slice(position + 2);
      expect(residentIdCheckCharacter(swapped.slice(0, 17))).not.toBe(valid[17]);
    }
  });
});

describe('the unified social credit code (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', 'the commonly cited example'],
    ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
    ['91440300708461136T', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
    ['91330100799655058B', 'Alibaba (China) Co., Ltd.'],
  ])('the publicly known code %s (%s) is valid', (code) => {
    expect(parseUnifiedSocialCreditCode(code).value).toBe(code);
  });

  it('splits a code into its registration authority, organisation type, region and organisation code', () => {
    expect(parseUnifiedSocialCreditCode('91350100M000100Y43')).toEqual({
      value: '91350100M000100Y43',
      registrationAuthority: '9',
      organisationType: '1',
      regionCode: '350100',
      organisationCode: 'M000100Y4',
    });
  });

  it('a code computed with the helper for a 乐至县 people\'s mediation committee (civil affairs, 5) is valid', () => {
    const code = withUsccCheckCharacter('53512022MJ0000001');
    expect(parseUnifiedSocialCreditCode(code)).toMatchObject({ registrationAuthority: '5', regionCode: '512022' });
  });

  it('lower case is accepted and normalised', () => {
    expect(parseUnifiedSocialCreditCode('91350100m000100y43').value).toBe('91350100M000100Y43');
  });

  it('the check character is 0 when the weighted sum is a multiple of 31', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('the check character agrees with the helper for a thousand generated codes', () => {
    const random = seeded(32100);
    for (let i = 0; i < 1000; i += 1) {
      const first17 = Array.from({ length: 17 }, () => USCC_CHARS[Math.floor(random() * 31)]).join('');
      expect(usccCheckCharacter(first17)).toBe(withUsccCheckCharacter(first17)[17]);
    }
  });

  it.each([
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y431'],
    ['an I', '91350100I000100Y43'],
    ['an O', '91350100O000100Y43'],
    ['a Z', '91350100Z000100Y43'],
    ['an S', '91350100S000100Y43'],
    ['a V', '91350100V000100Y43'],
    ['a letter in the region code', '913501A0M000100Y43'],
    ['a hyphen', '91350100-M000100Y4'],
    ['nothing', ''],
  ])('refuses %s as USCC_MALFORMED', (_, code) => {
    expect(thrown(() => parseUnifiedSocialCreditCode(code)).code).toBe('USCC_MALFORMED');
  });

  it('refuses a wrong check character as USCC_CHECK_CHAR_MISMATCH', () => {
    expect(thrown(() => parseUnifiedSocialCreditCode('91350100M000100Y44')).code).toBe('USCC_CHECK_CHAR_MISMATCH');
  });

  it('changing any single character of a valid code to another allowed one makes it invalid (50 generated codes)', () => {
    const random = seeded(31);
    const surprises: string[] = [];
    for (let n = 0; n < 50; n += 1) {
      const region = String(110000 + Math.floor(random() * 540000));
      const body = Array.from({ length: 9 }, () => USCC_CHARS[Math.floor(random() * 31)]).join('');
      const valid = withUsccCheckCharacter(`${'1590'[n % 4]}${1 + (n % 3)}${region}${body}`);
      if (codeOf(() => parseUnifiedSocialCreditCode(valid)) !== null) surprises.push(`${valid} refused`);
      for (let position = 0; position < 18; position += 1) {
        for (const replacement of USCC_CHARS) {
          if (replacement === valid[position]) continue;
          const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
          const expected = position >= 2 && position < 8 && !/\d/.test(replacement) ? 'USCC_MALFORMED' : 'USCC_CHECK_CHAR_MISMATCH';
          const code = codeOf(() => parseUnifiedSocialCreditCode(changed));
          if (code !== expected) surprises.push(`${changed} (from ${valid}): ${code ?? 'accepted'}`);
        }
      }
    }
    expect(surprises).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['19912345678', '19912345678'],
  ])('%p is the mobile number %s', (input, expected) => {
    expect(parseMobileNumber(input)).toBe(expected);
  });

  it.each(['12812345678', '1381234567', '138123456789', '+1 138 1234 5678', '028-28000836', '12348', 'abc', '138 1234 567x', ''])(
    'refuses %p as MOBILE_NUMBER_INVALID',
    (input) => {
      expect(thrown(() => parseMobileNumber(input)).code).toBe('MOBILE_NUMBER_INVALID');
    },
  );

  it('refuses a value that is not a string as MOBILE_NUMBER_INVALID', () => {
    expect(thrown(() => parseMobileNumber(13812345678 as unknown as string)).code).toBe('MOBILE_NUMBER_INVALID');
  });
});

describe('phone numbers', () => {
  it.each([
    ['13812345678', { kind: 'mobile', value: '13812345678' }],
    ['028-28000836', { kind: 'landline', value: '028-28000836' }],
    ['02828000836', { kind: 'landline', value: '028-28000836' }],
    ['(028) 2800 0836', { kind: 'landline', value: '028-28000836' }],
    ['010-62345678', { kind: 'landline', value: '010-62345678' }],
    ['+86 10 6234 5678', { kind: 'landline', value: '010-62345678' }],
    ['0832-2345678', { kind: 'landline', value: '0832-2345678' }],
    ['075523456789', { kind: 'landline', value: '0755-23456789' }],
    ['12348', { kind: 'hotline', value: '12348' }],
  ])('%p is %o', (input, expected) => {
    expect(parsePhoneNumber(input)).toEqual(expected);
  });

  it.each([
    ['a dash in the wrong place', '0282-8000836'],
    ['a local number starting with 0', '028-08000836'],
    ['a local number starting with 1', '010-12345678'],
    ['a local number of 6 digits', '028-280008'],
    ['a local number of 9 digits', '028-280008361'],
    ['no trunk 0', '28-28000836'],
    ['the hotline with a prefix', '112348'],
    ['letters', '028-2800083a'],
    ['nothing', ''],
  ])('refuses %s as PHONE_NUMBER_INVALID', (_, input) => {
    expect(thrown(() => parsePhoneNumber(input)).code).toBe('PHONE_NUMBER_INVALID');
  });
});

describe('masking personal data for display (PIPL)', () => {
  it('a resident ID shows its first 4 and last 4 characters', () => {
    expect(maskResidentId('512022199001011234')).toBe('5120**********1234');
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });

  it('an old 15-digit ID hides its birth date too', () => {
    expect(maskResidentId('110105491231002')).toBe('1101*******1002');
  });

  it('a value too short to keep both ends is hidden entirely', () => {
    expect(maskResidentId('12345678901')).toBe('***********');
  });

  it('a mobile number shows its first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });

  it('a landline keeps its area code and the last 4 digits', () => {
    expect(maskPhone('028-28000836')).toBe('028-****0836');
    expect(maskPhone('0832-2345678')).toBe('0832-***5678');
  });

  it('the 12348 hotline is public and stays as it is', () => {
    expect(maskPhone('12348')).toBe('12348');
  });

  it('an unparsable phone number has every digit hidden', () => {
    expect(maskPhone('ext. 1234 or 5678')).toBe('ext. **** or ****');
  });

  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['李', '*'],
    ['欧阳娜娜', '欧***'],
    ['阿卜杜拉·买买提', '阿***·***'],
    ['John Smith', 'J*** *****'],
    ['𠇔三', '𠇔*'],
    ['', ''],
  ])('the name %s is shown as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('a unified social credit code shows its first 4 and last 4 characters', () => {
    expect(maskUscc('91350100M000100Y43')).toBe('9135**********0Y43');
  });

  it.each([
    ['maskResidentId', () => maskResidentId(512022 as unknown as string)],
    ['maskPhone', () => maskPhone(null as unknown as string)],
    ['maskName', () => maskName(undefined as unknown as string)],
    ['maskUscc', () => maskUscc({} as unknown as string)],
  ])('%s refuses a value that is not a string as MASK_VALUE_INVALID', (_, act) => {
    expect(thrown(act).code).toBe('MASK_VALUE_INVALID');
  });
});
