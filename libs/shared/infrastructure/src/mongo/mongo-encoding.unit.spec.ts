import { decodeKey, decodeValue, encodeFilter, encodeKey, encodeValue } from './mongo-encoding';

describe('Mongo field-name escaping', () => {
  it('given ordinary names, when escaped, then they pass through unchanged', () => {
    expect(['status', 'party', '当事人', 'due_at', 'a-b'].map(encodeKey)).toEqual(['status', 'party', '当事人', 'due_at', 'a-b']);
  });

  it('given dots, whitespace and percent signs, when escaped and unescaped, then the name comes back exactly', () => {
    const names = ['legal-aid.application-7f3a', ' padded ', '100%', '%002E', '全角　空格', 'tab\there'];

    const escaped = names.map(encodeKey);

    expect(escaped.every((name) => !/[.\s]/.test(name))).toBe(true);
    expect(escaped.map(decodeKey)).toEqual(names);
  });

  it('given a nested document with arrays and dates, when encoded and decoded, then it equals the original and shares nothing with it', () => {
    const at = new Date('2024-05-01T08:00:00.000Z');
    const document = { _id: 'd1', 'per.stream': { 'intake.matter-1': 2 }, list: [{ 'a.b': at }, 'x', null] };

    const decoded = decodeValue(encodeValue(document)) as typeof document;

    expect(decoded).toEqual(document);
    expect((decoded.list[0] as Record<string, Date>)['a.b']).not.toBe(at);
  });
});

describe('Mongo filter translation', () => {
  it('given field paths and operand documents, when translated, then each path segment and every operand key is escaped', () => {
    expect(encodeFilter({ 'odd.a b': { $in: [{ 'x.y': 1 }] }, $or: [{ 'p.q': { $not: { $gt: 1 } } }, { tags: { $elemMatch: { 'k.v': 'z' } } }] })).toEqual({
      'odd.a%0020b': { $in: [{ 'x%002Ey': 1 }] },
      $or: [{ 'p.q': { $not: { $gt: 1 } } }, { tags: { $elemMatch: { 'k.v': 'z' } } }],
    });
  });

  it.each([
    ['an unknown field operator', { a: { $nope: 1 } }],
    ['an unknown top-level operator', { $where: 'this.a > 1' }],
    ['operators mixed with field names', { a: { $gt: 1, b: 2 } }],
    ['$or without a list', { $or: { a: 1 } }],
    ['an empty $and', { $and: [] }],
    ['$in without a list', { a: { $in: 'x' } }],
    ['an empty path segment', { 'a..b': 1 }],
  ])('given %s, when translated, then it is refused with FILTER_INVALID', (_, filter) => {
    expect(() => encodeFilter(filter as Record<string, unknown>)).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' }));
  });
});
