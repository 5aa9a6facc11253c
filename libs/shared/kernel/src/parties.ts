import { type InstantInput, isDay, shanghaiDate } from './calendar';
import { InvalidInput } from './errors';
import { PROVINCE_CODES } from './regions';

/**
 * Identity documents and contact data of parties, and their masking for display.
 *
 * Error codes (all `InvalidInput`):
 * - `RESIDENT_ID_MALFORMED`            not 17 digits plus a digit or X
 * - `RESIDENT_ID_REGION_INVALID`       the address code's first two digits are no province
 * - `RESIDENT_ID_BIRTH_DATE_INVALID`   not a real date, after `asOf`, or over 150 years before it
 * - `RESIDENT_ID_CHECK_DIGIT_MISMATCH` the ISO 7064 MOD 11-2 check character is wrong
 * - `USCC_MALFORMED`                   not 18 characters of the code's alphabet with a digit region code
 * - `USCC_CHECK_CHAR_MISMATCH`         the GB 32100-2015 check character is wrong
 * - `MOBILE_NUMBER_INVALID`            not a mainland mobile number
 * - `PHONE_NUMBER_INVALID`             neither mobile, landline nor the 12348 hotline
 * - `INSTANT_INVALID`                  a bad `asOf` (from the calendar)
 * - `MASK_VALUE_INVALID`               a non-string given to a mask function
 */

export type Sex = 'male' | 'female';

export interface ResidentIdNumber {
  /** Normalised: upper-case X. */
  readonly value: string;
  readonly birthDate: string;
  readonly sex: Sex;
  /** The 6-digit address code where the number was first issued (it does not move with the holder). */
  readonly regionCode: string;
}

const RESIDENT_ID_CHECK_CHARS = '10X98765432';
const MAX_AGE_YEARS = 150;

function requireString(value: unknown, code: string, what: string): string {
  if (typeof value !== 'string') {
    throw new InvalidInput(code, `${what} must be a string, got ${typeof value}`);
  }
  return value.trim();
}

/** GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits, weights 2^(17-i) mod 11. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    // PIPL: the number itself never goes into a message, which may end up in a log.
    throw new InvalidInput('RESIDENT_ID_MALFORMED', 'the first 17 characters of a resident ID number must be digits');
  }
  let sum = 0;
  let weight = 1;
  for (let i = 16; i >= 0; i -= 1) {
    weight = (weight * 2) % 11;
    sum += Number(first17[i]) * weight;
  }
  return RESIDENT_ID_CHECK_CHARS[sum % 11];
}

/** 居民身份证号码, GB 11643-1999 (the 18-character second-generation number). */
export function parseResidentIdNumber(value: string, options: { readonly asOf: InstantInput }): ResidentIdNumber {
  const text = requireString(value, 'RESIDENT_ID_MALFORMED', 'a resident ID number').toUpperCase();
  const asOf = shanghaiDate(options?.asOf as InstantInput);
  if (!/^\d{17}[\dX]$/.test(text)) {
    throw new InvalidInput('RESIDENT_ID_MALFORMED', 'a resident ID number is 17 digits followed by a digit or X', {
      length: text.length,
    });
  }
  const regionCode = text.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) {
    throw new InvalidInput('RESIDENT_ID_REGION_INVALID', `address code ${regionCode} does not start with a province code`, {
      regionCode,
    });
  }
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  const earliest = `${String(Number(asOf.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${asOf.slice(4)}`;
  if (!isDay(birthDate) || birthDate > asOf || birthDate < earliest) {
    throw new InvalidInput('RESIDENT_ID_BIRTH_DATE_INVALID', `the birth date is not a real date between ${earliest} and ${asOf}`, {
      asOf,
    });
  }
  if (residentIdCheckCharacter(text.slice(0, 17)) !== text[17]) {
    throw new InvalidInput('RESIDENT_ID_CHECK_DIGIT_MISMATCH', 'the check character of the resident ID number does not match');
  }
  return { value: text, birthDate, sex: Number(text[16]) % 2 === 1 ? 'male' : 'female', regionCode };
}

export interface UnifiedSocialCreditCode {
  readonly value: string;
  /** 登记管理部门代码, e.g. '9' 工商 (market regulation), '5' 民政 (civil affairs), '1' 机构编制. */
  readonly registrationAuthority: string;
  /** 机构类别代码 within the registration authority, e.g. '1' enterprise under '9'. */
  readonly organisationType: string;
  /** 登记管理机关行政区划码, chars 3–8. */
  readonly regionCode: string;
  /** 主体标识码 (the former organisation code), chars 9–17. */
  readonly organisationCode: string;
}

// GB 32100-2015: the 31 characters allowed (no I, O, Z, S, V) and their values are their indexes.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PATTERN = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** GB 32100-2015: check = 31 − (Σ value × weight mod 31), with 31 written as 0. */
export function usccCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(first17)) {
    throw new InvalidInput('USCC_MALFORMED', `the first 17 characters of a unified social credit code must be in ${USCC_ALPHABET}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** 统一社会信用代码, GB 32100-2015. Lower case is accepted and normalised. */
export function parseUnifiedSocialCreditCode(value: string): UnifiedSocialCreditCode {
  const text = requireString(value, 'USCC_MALFORMED', 'a unified social credit code').toUpperCase();
  if (!USCC_PATTERN.test(text)) {
    throw new InvalidInput(
      'USCC_MALFORMED',
      'a unified social credit code is 18 characters of 0-9 and A-Y without I, O, S, V, Z, with digits in places 3 to 8',
      { length: text.length },
    );
  }
  if (usccCheckCharacter(text.slice(0, 17)) !== text[17]) {
    throw new InvalidInput('USCC_CHECK_CHAR_MISMATCH', 'the check character of the unified social credit code does not match');
  }
  return {
    value: text,
    registrationAuthority: text[0],
    organisationType: text[1],
    regionCode: text.slice(2, 8),
    organisationCode: text.slice(8, 17),
  };
}

export type PhoneKind = 'mobile' | 'landline' | 'hotline';

export interface PhoneNumber {
  readonly kind: PhoneKind;
  /** Mobile '13812345678', landline '010-12345678', hotline '12348'. */
  readonly value: string;
}

/** 12348: the public legal services hotline (热线平台). */
export const PUBLIC_LEGAL_SERVICES_HOTLINE = '12348';

const MOBILE = /^1[3-9]\d{9}$/;

/** Strips separators and the country code; a landline keeps its trunk 0 (added back after +86). */
function compactNationalNumber(text: string): string | null {
  if (!/^[+\d\s\-()]+$/.test(text)) return null;
  const hasPlus = text.startsWith('+');
  if (text.lastIndexOf('+') > 0) return null;
  let digits = text.replace(/[\s\-()+]/g, '');
  if (hasPlus) {
    if (!digits.startsWith('86')) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
  } else if (digits.startsWith('86') && digits.length === 13) {
    digits = digits.slice(2);
  } else {
    return digits;
  }
  return MOBILE.test(digits) ? digits : `0${digits}`;
}

/** A mainland mobile number (1[3-9] + 9 digits); tolerates +86, 0086, spaces, dashes. Returns the 11 digits. */
export function parseMobileNumber(value: string): string {
  const text = requireString(value, 'MOBILE_NUMBER_INVALID', 'a mobile number');
  const digits = compactNationalNumber(text);
  if (digits === null || !MOBILE.test(digits)) {
    throw new InvalidInput('MOBILE_NUMBER_INVALID', 'a mainland mobile number is 11 digits starting 13 to 19', {
      length: text.length,
    });
  }
  return digits;
}

/**
 * A mobile number, a landline (0 + area code + 7–8 digit local number), or the 12348 hotline.
 * Area codes beginning 01/02 have two digits after the 0 (010 Beijing, 02x), all others three —
 * so a number written without a dash still splits one way only.
 */
export function parsePhoneNumber(value: string): PhoneNumber {
  const text = requireString(value, 'PHONE_NUMBER_INVALID', 'a phone number');
  const invalid = () =>
    new InvalidInput('PHONE_NUMBER_INVALID', 'a phone number is a mobile number, 0 + area code + local number, or 12348', {
      length: text.length,
    });
  if (text === PUBLIC_LEGAL_SERVICES_HOTLINE) return { kind: 'hotline', value: PUBLIC_LEGAL_SERVICES_HOTLINE };
  const digits = compactNationalNumber(text);
  if (digits === null) throw invalid();
  if (MOBILE.test(digits)) return { kind: 'mobile', value: digits };
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (!/^0[1-9]\d{1,2}$/.test(area) || !/^[2-9]\d{6,7}$/.test(local)) throw invalid();
  // A written dash must sit where the area code ends, or the number is not what the caller meant.
  const dashed = /^(0\d*)-\d+$/.exec(text.replace(/\s/g, ''));
  if (dashed && dashed[1] !== area) throw invalid();
  return { kind: 'landline', value: `${area}-${local}` };
}

function requireMaskInput(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new InvalidInput('MASK_VALUE_INVALID', `${what} to mask must be a string, got ${typeof value}`);
  }
  return value.trim();
}

function keepEnds(text: string, head: number, tail: number): string {
  const chars = Array.from(text);
  if (chars.length < head + tail + 4) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/**
 * PIPL Art. 28: an ID number is sensitive personal information. Shows the first 4 (province and
 * city of issue) and last 4 characters; the birth date is always hidden. Too short: all hidden.
 */
export function maskResidentId(value: string): string {
  return keepEnds(requireMaskInput(value, 'a resident ID number'), 4, 4);
}

/**
 * Mobile: '138****5678'; landline: the area code stays, the local number shows its last 4
 * ('010-****5678'); the 12348 hotline is public and stays. Anything unparsable hides every digit.
 */
export function maskPhone(value: string): string {
  const text = requireMaskInput(value, 'a phone number');
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumber(text);
  } catch {
    return text.replace(/\d/g, '*');
  }
  switch (phone.kind) {
    case 'hotline':
      return phone.value;
    case 'mobile':
      return `${phone.value.slice(0, 3)}****${phone.value.slice(7)}`;
    case 'landline': {
      const [area, local] = phone.value.split('-');
      return `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
    }
    default: {
      const unreachable: never = phone.kind;
      return unreachable;
    }
  }
}

/**
 * Keeps the first character (usually the surname) and hides every other one with one '*' each:
 * '张三丰' → '张**', '欧阳娜娜' → '欧***' (a compound surname is not guessed: hiding more is safe).
 * Separators (space, ·) stay so a 'given · family' name reads as such. A one-character name is all hidden.
 */
export function maskName(value: string): string {
  const chars = Array.from(requireMaskInput(value, 'a name'));
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars.map((char, index) => (index === 0 || /[\s·•.]/.test(char) ? char : '*')).join('');
}

/**
 * A USCC names an organisation, but for 个体工商户 it stands for a person: shown like an ID
 * number, first 4 (registration authority, type, province) and last 4.
 */
export function maskUscc(value: string): string {
  return keepEnds(requireMaskInput(value, 'a unified social credit code'), 4, 4);
}
