import { deterministicId } from '@pls/shared-kernel';
import { categoryPrefix, eventIdFor, parseStreamName, qualifiedType, shortType, streamName } from './envelope';
import { UpcasterRegistry } from './upcasters';
import type { RecordedEvent } from './envelope';

describe('stream names', () => {
  it('name a stream by context, category and id, and parse back', () => {
    expect(streamName('legal-aid', 'application', 'a-1')).toBe('legal-aid.application-a-1');
    expect(parseStreamName('legal-aid.application-a-1')).toEqual({ context: 'legal-aid', category: 'application', id: 'a-1' });
    expect(categoryPrefix('intake', 'matter')).toBe('intake.matter-');
  });

  it.each([
    ['', 'application', 'x'],
    ['Legal Aid', 'application', 'x'],
    ['legal-aid', 'app lication', 'x'],
    ['legal-aid', 'application', ''],
    ['legal-aid', 'application', 'a/b'],
  ])('refuse the malformed parts %p / %p / %p with MALFORMED_STREAM_NAME', (context, category, id) => {
    expect(() => streamName(context, category, id)).toThrow(expect.objectContaining({ code: 'MALFORMED_STREAM_NAME' }));
  });

  it.each(['no-dot', '.application-x', 'legal-aid.application', 'legal-aid.-x'])('refuse to parse %p', (value) => {
    expect(() => parseStreamName(value)).toThrow(expect.objectContaining({ code: 'MALFORMED_STREAM_NAME' }));
  });
});

describe('event types and ids', () => {
  it('qualify a past-tense business name with its context', () => {
    expect(qualifiedType('legal-aid', 'ApplicationGranted')).toBe('legal-aid.ApplicationGranted');
    expect(shortType('legal-aid.ApplicationGranted')).toBe('ApplicationGranted');
  });

  it('refuse unqualified or lower-case types with MALFORMED_EVENT_TYPE', () => {
    expect(() => qualifiedType('legal-aid', 'granted')).toThrow(expect.objectContaining({ code: 'MALFORMED_EVENT_TYPE' }));
    expect(() => shortType('ApplicationGranted')).toThrow(expect.objectContaining({ code: 'MALFORMED_EVENT_TYPE' }));
  });

  it('derive the same event id from the same command and index, and different ids otherwise', () => {
    expect(eventIdFor('cmd-1', 0)).toBe(eventIdFor('cmd-1', 0));
    expect(eventIdFor('cmd-1', 0)).not.toBe(eventIdFor('cmd-1', 1));
    expect(eventIdFor('cmd-1', 0)).not.toBe(eventIdFor('cmd-2', 0));
    expect(eventIdFor('cmd-1', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicId('a', 'bc')).not.toBe(deterministicId('ab', 'c'));
  });

  it('refuse a negative or fractional event index with NEGATIVE_INDEX', () => {
    expect(() => eventIdFor('cmd', -1)).toThrow(expect.objectContaining({ code: 'NEGATIVE_INDEX' }));
    expect(() => eventIdFor('cmd', 0.5)).toThrow(expect.objectContaining({ code: 'NEGATIVE_INDEX' }));
  });
});

describe('upcasters', () => {
  const stored = (schemaVersion: number, data: unknown): RecordedEvent => ({
    eventId: 'e', type: 'intake.MatterRegistered', schemaVersion, occurredAt: '2026-01-01T00:00:00Z', data, streamId: 'intake.matter-1', streamRevision: 0, globalPosition: 1,
    metadata: { commandId: 'c', correlationId: 'c', causationId: 'c', actor: { userId: 'u', orgId: 'o', roles: [] } },
  });
  const registry = new UpcasterRegistry()
    .register('intake.MatterRegistered', 1, (data) => ({ ...(data as object), channel: 'walk-in' }))
    .register('intake.MatterRegistered', 2, (data) => ({ ...(data as object), consent: false }));

  it('map an old event through every step up to the current version', () => {
    expect(registry.upcast(stored(1, { name: 'x' }))).toMatchObject({ schemaVersion: 3, data: { name: 'x', channel: 'walk-in', consent: false } });
    expect(registry.upcast(stored(3, { name: 'y' })).data).toEqual({ name: 'y' });
  });

  it('keep the metadata of an event that carries it behind a prototype getter, as a replay page does', () => {
    const plain = stored(1, { name: 'x' });
    const { metadata, ...fields } = plain;
    const replayed = Object.assign(Object.create({ get metadata() { return metadata; } }) as RecordedEvent, fields);

    const upcast = registry.upcast(replayed);

    expect(Object.keys({ ...replayed })).not.toContain('metadata');
    expect(upcast.metadata).toEqual(plain.metadata);
    expect(upcast).toMatchObject({ schemaVersion: 3, data: { channel: 'walk-in' } });
  });

  it('refuse an event newer than the code knows with UNKNOWN_SCHEMA_VERSION', () => {
    expect(() => registry.upcast(stored(4, {}))).toThrow(expect.objectContaining({ code: 'UNKNOWN_SCHEMA_VERSION' }));
  });

  it('refuse a version below 1 and a duplicate step', () => {
    expect(() => new UpcasterRegistry().register('x.Y', 0, (d) => d)).toThrow(expect.objectContaining({ code: 'BAD_SCHEMA_VERSION' }));
    expect(() => new UpcasterRegistry().register('x.Y', 1, (d) => d).register('x.Y', 1, (d) => d)).toThrow(expect.objectContaining({ code: 'DUPLICATE_UPCASTER' }));
  });

  it('report a missing step in the chain with MISSING_UPCASTER', () => {
    const gappy = new UpcasterRegistry().register('x.Y', 2, (d) => d);
    expect(() => gappy.upcast({ ...stored(1, {}), type: 'x.Y' })).toThrow(expect.objectContaining({ code: 'MISSING_UPCASTER' }));
  });
});
