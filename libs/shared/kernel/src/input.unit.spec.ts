import { InvalidInput, NotFound } from './errors';
import { atField, boundedText, ENTITY_ID, flag, identifier, instant, oneOf, optionalBoundedText, regionCode } from './input';

function refusal(act: () => unknown): InvalidInput {
  try {
    act();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected InvalidInput to be thrown');
}

describe('generic input checks', () => {
  describe('atField', () => {
    it('returns what the parse returns', () => {
      expect(atField('x', () => 42)).toBe(42);
    });

    it('re-throws InvalidInput with the field path in the message and details, keeping the code', () => {
      const error = refusal(() => atField('applicant.phone', () => { throw new InvalidInput('PHONE_NUMBER_INVALID', 'bad phone', { value: '1' }); }));
      expect(error.code).toBe('PHONE_NUMBER_INVALID');
      expect(error.message).toBe('applicant.phone: bad phone');
      expect(error.details).toEqual({ value: '1', field: 'applicant.phone' });
    });

    it('lets any other error through untouched', () => {
      const notFound = new NotFound('GONE', 'gone');
      expect(() => atField('x', () => { throw notFound; })).toThrow(notFound);
    });
  });

  describe('oneOf', () => {
    it('accepts an allowed value', () => {
      expect(oneOf(['a', 'b'] as const, 'b', 'KIND_INVALID', 'kind')).toBe('b');
    });

    it.each([['c'], [1], [null]])('refuses %j with the given code', (value) => {
      const error = refusal(() => oneOf(['a', 'b'] as const, value, 'KIND_INVALID', 'kind'));
      expect(error.code).toBe('KIND_INVALID');
      expect(error.message).toBe(`kind must be one of a, b, got ${JSON.stringify(value)}`);
      expect(error.details).toEqual({ field: 'kind' });
    });
  });

  describe('boundedText', () => {
    it('trims and counts characters, not UTF-16 units', () => {
      expect(boundedText('  𠮷𠮷  ', 'name', 2, 'NAME_INVALID')).toBe('𠮷𠮷');
    });

    it.each([[''], ['   '], [undefined], [7]])('refuses %j as empty with the given code', (value) => {
      const error = refusal(() => boundedText(value, 'name', 5, 'NAME_REQUIRED', 'NAME_TOO_LONG'));
      expect(error.code).toBe('NAME_REQUIRED');
      expect(error.details).toEqual({ field: 'name' });
    });

    it('refuses a text over the bound with the too-long code', () => {
      const error = refusal(() => boundedText('abcdef', 'name', 5, 'NAME_REQUIRED', 'NAME_TOO_LONG'));
      expect(error.code).toBe('NAME_TOO_LONG');
      expect(error.details).toEqual({ field: 'name', max: 5 });
    });

    it('uses the one code for both refusals when no too-long code is given', () => {
      expect(refusal(() => boundedText('abcdef', 'name', 5, 'NAME_INVALID')).code).toBe('NAME_INVALID');
    });
  });

  describe('optionalBoundedText', () => {
    it.each([[undefined], [null], [''], ['  ']])('is null for %j', (value) => {
      expect(optionalBoundedText(value, 'note', 5, 'TEXT_REQUIRED', 'TEXT_TOO_LONG')).toBeNull();
    });

    it('checks a present text like boundedText', () => {
      expect(optionalBoundedText(' ok ', 'note', 5, 'TEXT_REQUIRED', 'TEXT_TOO_LONG')).toBe('ok');
      expect(refusal(() => optionalBoundedText('abcdef', 'note', 5, 'TEXT_REQUIRED', 'TEXT_TOO_LONG')).code).toBe('TEXT_TOO_LONG');
      expect(refusal(() => optionalBoundedText(3, 'note', 5, 'TEXT_REQUIRED', 'TEXT_TOO_LONG')).code).toBe('TEXT_REQUIRED');
    });
  });

  describe('identifier', () => {
    it('accepts and trims an entity id', () => {
      expect(identifier(' org-1.a:b_c ', 'ORG_ID_INVALID', 'orgId')).toBe('org-1.a:b_c');
      expect(ENTITY_ID.test('a'.repeat(128))).toBe(true);
    });

    it.each([[''], ['-lead'], ['a b'], ['a'.repeat(129)], [12]])('refuses %j with the given code', (value) => {
      const error = refusal(() => identifier(value, 'ORG_ID_INVALID', 'orgId'));
      expect(error.code).toBe('ORG_ID_INVALID');
      expect(error.details).toEqual({ field: 'orgId' });
    });
  });

  describe('flag', () => {
    it('accepts a boolean', () => {
      expect(flag(false, 'urgent', 'FLAG_INVALID')).toBe(false);
    });

    it.each([['true'], [0], [null]])('refuses %j with the given code', (value) => {
      const error = refusal(() => flag(value, 'urgent', 'FLAG_INVALID'));
      expect(error.code).toBe('FLAG_INVALID');
      expect(error.message).toBe('urgent must be true or false');
      expect(error.details).toEqual({ field: 'urgent' });
    });
  });

  describe('instant', () => {
    it('reads a bare day as 00:00 in Shanghai and an instant with a zone as given', () => {
      expect(instant('2026-03-02', 'at')).toEqual({ iso: '2026-03-01T16:00:00.000Z', ms: Date.parse('2026-03-01T16:00:00.000Z') });
      expect(instant('2026-03-02T01:00:00Z', 'at').iso).toBe('2026-03-02T01:00:00.000Z');
    });

    it('refuses an instant without a zone with the kernel code and the field', () => {
      const error = refusal(() => instant('2026-03-02T01:00:00', 'at'));
      expect(error.details).toMatchObject({ field: 'at' });
      expect(error.message.startsWith('at: ')).toBe(true);
    });
  });

  describe('regionCode', () => {
    it('pads a region code', () => {
      expect(regionCode('512022', 'regionCode')).toBe('512022000000');
    });

    it('refuses a malformed one with the kernel code and the field', () => {
      const error = refusal(() => regionCode('5', 'org.regionCode'));
      expect(error.code).toBe('REGION_CODE_MALFORMED');
      expect(error.details).toMatchObject({ field: 'org.regionCode' });
    });
  });
});
