import { InvalidInput } from '@pls/shared-kernel';

/**
 * 一案一码: the case code an applicant gets on the receipt, in the SMS and behind the QR code.
 *
 * Format `PP-XXXX-XXXC`, e.g. `LZ-AMAQ-6KVA` (number 9 876 543 210 under `LZ`):
 * - `PP`   two letters A–Z naming the issuing platform or region (`LZ` 乐至, `YN` 云南); a fixed tag
 *          from configuration, so any letter is allowed here;
 * - `XXXX-XXX` seven symbols of Crockford base 32 (`0-9 A-Z` without I, L, O, U): 35 bits;
 * - `C`    Crockford's mod-37 check symbol over the prefix and the body.
 *
 * The check value is the whole code read as one number in base 32 (prefix letters count 10–35,
 * body symbols their Crockford value), modulo 37. Because 37 is prime and larger than every symbol
 * value, any single mistyped symbol and any swap of two adjacent symbols changes it.
 *
 * Crockford needs five extra check symbols (`*~$=U`) for the values 32–36, which are awkward to
 * read out on the 12348 hotline, in an SMS or in a URL. Codes are therefore issued only with
 * bodies whose check value is below 32 (`formatCaseCode` maps its input onto exactly those
 * bodies), so the check symbol is always an ordinary base-32 symbol; detection is unchanged.
 *
 * Reading a code back is lenient the Crockford way: lower case, spaces and missing hyphens are
 * accepted, and in the body I and L read as 1 and O as 0.
 *
 * Codes are short, not secret: pass entropy (a random integer below `CASE_CODE_CAPACITY`), not a
 * plain sequence, when the code opens a public progress page, or the codes can be enumerated.
 */

export const CASE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const BODY_LENGTH = 7;
const CHECK_MODULUS = 37;
const BASE = 32;
const BODY_SPACE = BASE ** BODY_LENGTH;
const BLOCKS = Math.floor(BODY_SPACE / CHECK_MODULUS);

/** How many distinct codes one prefix can issue: the valid inputs of `formatCaseCode` are 0 ≤ n < this. */
export const CASE_CODE_CAPACITY = BLOCKS * BASE;

const PREFIX_PATTERN = /^[A-Z]{2}$/;
const CANONICAL_PATTERN = /^[A-Z]{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export interface CaseCode {
  /** Canonical form, `LZ-AMAQ-6KVA`. */
  readonly value: string;
  readonly prefix: string;
  /** The body as a number (0 ≤ body < 32^7); not the input given to `formatCaseCode`. */
  readonly body: number;
}

function prefixValue(letter: string): number {
  return letter.charCodeAt(0) - 55; // 'A' → 10 … 'Z' → 35, as in ISO 7064's alphanumeric table
}

function checkValue(prefix: string, body: number): number {
  let remainder = 0;
  for (const letter of prefix) remainder = (remainder * BASE + prefixValue(letter)) % CHECK_MODULUS;
  // 32^7 · r + body, reduced without leaving the safe-integer range
  let scale = 1;
  for (let i = 0; i < BODY_LENGTH; i += 1) scale = (scale * BASE) % CHECK_MODULUS;
  return (remainder * scale + (body % CHECK_MODULUS)) % CHECK_MODULUS;
}

function encodeBody(body: number): string {
  let text = '';
  let rest = body;
  for (let i = 0; i < BODY_LENGTH; i += 1) {
    text = CASE_CODE_ALPHABET[rest % BASE] + text;
    rest = Math.floor(rest / BASE);
  }
  return text;
}

function symbolValue(symbol: string): number {
  const normalised = symbol === 'I' || symbol === 'L' ? '1' : symbol === 'O' ? '0' : symbol;
  return CASE_CODE_ALPHABET.indexOf(normalised);
}

/**
 * The case code number `sequenceOrEntropy` (0 ≤ n < `CASE_CODE_CAPACITY`) under `prefix`.
 * A bijection per prefix: distinct inputs give distinct codes.
 */
export function formatCaseCode(prefix: string, sequenceOrEntropy: number | bigint): string {
  const tag = typeof prefix === 'string' ? prefix.trim().toUpperCase() : '';
  if (!PREFIX_PATTERN.test(tag)) {
    throw new InvalidInput('CASE_CODE_PREFIX_INVALID', `a case code prefix is two letters A-Z, got ${JSON.stringify(prefix)}`);
  }
  const n = typeof sequenceOrEntropy === 'bigint' ? Number(sequenceOrEntropy) : sequenceOrEntropy;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n >= CASE_CODE_CAPACITY) {
    throw new InvalidInput('CASE_CODE_NUMBER_INVALID', `a case code number is an integer from 0 to ${CASE_CODE_CAPACITY - 1}, got ${String(sequenceOrEntropy)}`);
  }
  // Block q of 37 consecutive bodies holds every check value once; pick the one whose check is n mod 32.
  const block = Math.floor(n / BASE);
  const wanted = n % BASE;
  const offsetOfPrefix = checkValue(tag, 0);
  const body = block * CHECK_MODULUS + ((((wanted - offsetOfPrefix) % CHECK_MODULUS) + CHECK_MODULUS) % CHECK_MODULUS);
  const symbols = encodeBody(body) + CASE_CODE_ALPHABET[checkValue(tag, body)];
  return `${tag}-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

function compact(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Reads a typed or scanned code; throws `CASE_CODE_MALFORMED` or `CASE_CODE_CHECK_MISMATCH` (InvalidInput). */
export function parseCaseCode(code: string): CaseCode {
  if (typeof code !== 'string') throw new InvalidInput('CASE_CODE_MALFORMED', `a case code must be a string, got ${typeof code}`);
  const text = compact(code);
  if (text.length !== 2 + BODY_LENGTH + 1 || !PREFIX_PATTERN.test(text.slice(0, 2))) {
    throw new InvalidInput('CASE_CODE_MALFORMED', 'a case code is two letters, seven symbols and a check symbol, like LZ-AMAQ-6KVA');
  }
  const prefix = text.slice(0, 2);
  const values = Array.from(text.slice(2), symbolValue);
  if (values.some((value) => value < 0)) {
    throw new InvalidInput('CASE_CODE_MALFORMED', 'a case code uses the digits and the letters A-Z without U after its prefix');
  }
  const check = values.pop() as number;
  const body = values.reduce((total, value) => total * BASE + value, 0);
  if (checkValue(prefix, body) !== check) {
    throw new InvalidInput('CASE_CODE_CHECK_MISMATCH', 'the check symbol of the case code does not match: a symbol was mistyped');
  }
  const symbols = encodeBody(body) + CASE_CODE_ALPHABET[check];
  return { value: `${prefix}-${symbols.slice(0, 4)}-${symbols.slice(4)}`, prefix, body };
}

/** Whether `code` reads as a case code with a matching check symbol (leniently, see `parseCaseCode`). */
export function isValidCaseCode(code: string): boolean {
  try {
    parseCaseCode(code);
    return true;
  } catch {
    return false;
  }
}

/** Whether `code` is already in canonical form (what the domain stores). */
export function isCanonicalCaseCode(code: string): boolean {
  return typeof code === 'string' && CANONICAL_PATTERN.test(code) && isValidCaseCode(code);
}
