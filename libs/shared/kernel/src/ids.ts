import { createHash, randomUUID } from 'node:crypto';
import { InvalidInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newId(): string {
  return randomUUID();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function assertUuid(value: string, what = 'id'): string {
  if (typeof value !== 'string' || !isUuid(value)) {
    throw new InvalidInput('MALFORMED_ID', `${what} must be a lower-case UUID, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A name-based UUID (RFC 9562 v8 layout over SHA-256): the same inputs always give the same id.
 * Event ids derive from the command id and the event's index, and reactor command ids from the
 * causing event id, so a retried or redelivered message can never act twice.
 */
export function deterministicId(...parts: ReadonlyArray<string | number>): string {
  if (parts.length === 0) throw new InvalidInput('MALFORMED_ID', 'deterministicId needs at least one part');
  const hash = createHash('sha256');
  for (const part of parts) {
    if (typeof part !== 'string' && typeof part !== 'number') {
      throw new InvalidInput('MALFORMED_ID', `deterministicId parts must be strings or numbers, got ${typeof part}`);
    }
    const text = String(part);
    hash.update(`${text.length}:${text};`);
  }
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
