import fc from 'fast-check';
import { buildSchema, parse, validate } from 'graphql';
import { parseAuditInstant, parseAuditReason } from '../audit/personal-data-audit';
import { redactPersonalData, safeCoercionMessage } from '../graphql-errors';
import { screenInput } from './input-screen';
import { queryLimitRule } from './query-limits';
import { TokenBuckets } from './rate-limit';

const schema = buildSchema(`type Query { a: Int, node: Node } type Node { id: Int, next: Node }`);
const errorsOf = (query: string, limits = { maxDepth: 4, maxAliases: 3, maxFields: 20 }) =>
  validate(schema, parse(query), [queryLimitRule(limits)]).map((error) => error.extensions['reason']);

describe('queryLimitRule', () => {
  it('lets a query within every limit through', () => {
    expect(errorsOf(`{ a x: a node { id next { id } } }`)).toEqual([]);
  });
  it('refuses depth beyond the limit, also through fragments', () => {
    expect(errorsOf(`{ node { next { next { next { id } } } } }`)).toEqual(['QUERY_TOO_DEEP']);
    expect(errorsOf(`{ node { ...F } } fragment F on Node { next { next { next { id } } } }`)).toEqual(['QUERY_TOO_DEEP']);
  });
  it('refuses too many aliases', () => {
    expect(errorsOf(`{ a1: a a2: a a3: a a4: a }`)).toEqual(['TOO_MANY_ALIASES']);
  });
  it('counts fragment spreads each time they are spread (fragment bombs)', () => {
    expect(errorsOf(`{ ...A } fragment A on Query { ...B ...B ...B } fragment B on Query { node { id next { id } } a }`)).toEqual([]);
    expect(errorsOf(`{ ...A } fragment A on Query { ...B ...B ...B ...B ...B } fragment B on Query { node { id next { id } } a }`)).toEqual(['QUERY_TOO_COMPLEX']);
  });
  it('survives a fragment cycle (graphql reports it separately)', () => {
    expect(() => errorsOf(`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`)).not.toThrow();
  });
});

describe('TokenBuckets', () => {
  it('allows the burst, then refuses with the seconds to wait, then refills', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, perSecond: 1 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
    now += 1000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
  });
  it('never allows more than burst + elapsed × rate (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 200 }), (burst, perSecond, gaps) => {
      let now = 0;
      const buckets = new TokenBuckets({ burst, perSecond }, () => now);
      let allowed = 0;
      for (const gap of gaps) {
        now += gap;
        if (buckets.take('k') === 0) allowed++;
      }
      expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now / 1000) * perSecond));
    }));
  });
  it('stays bounded in keys', () => {
    const buckets = new TokenBuckets({ burst: 1, perSecond: 1 }, () => 0, 10);
    for (let i = 0; i < 100; i++) buckets.take(`k${i}`);
    expect(buckets.take('k99')).toBeGreaterThan(0); // recent keys are kept
    expect(buckets.take('k0')).toBe(0); // the oldest were dropped
  });
});

describe('screenInput', () => {
  it('passes ordinary input, tabs and new lines included', () => {
    expect(screenInput({ input: { name: '罗大勇', description: '第一行\n第二行\t完', list: [1, 'a', null, true] } })).toBeNull();
  });
  it.each([
    [{ filter: { $where: 'x' } }, 'FORBIDDEN_KEY'],
    [{ a: [{ b: { $gt: '' } }] }, 'FORBIDDEN_KEY'],
    [JSON.parse('{"__proto__": {"admin": true}}'), 'FORBIDDEN_KEY'],
    [{ constructor: { prototype: {} } }, 'FORBIDDEN_KEY'],
    [{ name: 'a\u0000b' }, 'CONTROL_CHARACTERS'],
    [{ name: 'a\u202eb' }, 'CONTROL_CHARACTERS'],
    [{ list: ['ok', '\u001b[31m'] }, 'CONTROL_CHARACTERS'],
    [JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`), 'INPUT_TOO_DEEP'],
  ])('refuses %j with %s', (value, reason) => {
    expect(screenInput(value)?.reason).toBe(reason);
  });
  it('never reports a value, only a path (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const found = screenInput(value);
      if (found) expect(found.path.startsWith('variables')).toBe(true);
    }));
  });
});

describe('personal data in error messages', () => {
  it('drops the quoted input of a coercion error and keeps the path and the rule', () => {
    const message = 'Variable "$input" got invalid value { name: "罗大勇", idNumber: "512022198503120036", phone: "13990081234" } at "input.applicant"; Field "x" is not defined by type "ApplicantInput".';
    expect(safeCoercionMessage(message)).toBe('Variable "$input" has an invalid value at "input.applicant"; Field "x" is not defined by type "ApplicantInput".');
  });
  it('masks ID numbers and mobile numbers wherever they appear', () => {
    expect(redactPersonalData('id 51202219850312003X, phone 13990081234, case 42000')).toBe('id 5120**********003X, phone 139****1234, case 42000');
  });
});

describe('audit inputs', () => {
  it('refuses impossible instants', () => {
    for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01', 'yesterday']) {
      expect(() => parseAuditInstant(bad, 'from')).toThrow(expect.objectContaining({ code: 'MALFORMED_INSTANT' }));
    }
    expect(parseAuditInstant('2026-03-01T08:00:00+08:00', 'from').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
  it('needs a printable reason of 2 to 500 characters', () => {
    expect(parseAuditReason('  核实身份 ')).toBe('核实身份');
    expect(() => parseAuditReason('a')).toThrow(expect.objectContaining({ code: 'AUDIT_REASON_REQUIRED' }));
    expect(() => parseAuditReason('x'.repeat(501))).toThrow(expect.objectContaining({ code: 'AUDIT_REASON_TOO_LONG' }));
  });
});
