import fc from 'fast-check';
import { isPlsError } from '@pls/shared-kernel';
import { decodeCursor, encodeCursor } from './paginate';

describe('cursor decoding (property-based)', () => {
  const scalar = fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

  it('decodes every cursor it encodes', () => {
    fc.assert(fc.property(scalar, fc.string({ maxLength: 60 }), (value, id) => {
      const cursor = encodeCursor(value, id);
      fc.pre(cursor.length <= 512);
      expect(decodeCursor(cursor)).toEqual({ value: Object.is(value, -0) ? 0 : value, id });
    }));
  });

  it('refuses arbitrary strings only with CURSOR_INVALID, and never yields an object or array value (no operator can ride in)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), (text) => {
      try {
        const decoded = decodeCursor(text);
        expect(decoded.value === null || typeof decoded.value !== 'object').toBe(true);
        expect(typeof decoded.id).toBe('string');
      } catch (error) {
        expect(isPlsError(error) && error.code).toBe('CURSOR_INVALID');
      }
    }));
  });

  it('refuses well-formed cursors that carry objects, such as {"$gt": ""}', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 8 }).map((key) => `$${key}`), scalar, { minKeys: 1, maxKeys: 3 }), fc.string({ maxLength: 20 }), (operator, id) => {
      const cursor = Buffer.from(JSON.stringify([operator, id]), 'utf8').toString('base64url');
      fc.pre(cursor.length <= 512);
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    }));
  });

  it('refuses cursors longer than 512 characters', () => {
    fc.assert(fc.property(fc.string({ minLength: 513, maxLength: 2000 }), (text) => {
      expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    }));
  });
});
