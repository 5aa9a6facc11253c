import { ConcurrencyConflict, DomainRuleViolation, Forbidden, InvalidInput, isPlsError, NotFound, PlsError, Unauthenticated, type ErrorCategory } from '@pls/shared-kernel';

/** The one message pattern every service answers: a call of one method of one of its use cases. */
export const USE_CASE_PATTERN = 'pls.use-case';

export interface UseCaseCall {
  /** The use-case class name, unique within the owning service. */
  readonly useCase: string;
  readonly method: string;
  /** The arguments, encoded by `encodeWire` (dates and bytes survive the trip). */
  readonly args: string;
  readonly correlationId: string;
  /** Shared secret between the gateway and the services (PLS_INTERNAL_TOKEN). */
  readonly token: string;
}

export interface WireError {
  readonly category: ErrorCategory;
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Services always answer with a value, never by throwing through the transport: a refusal is data
 * the gateway turns back into the very error class the service threw, so GraphQL clients see the
 * same `extensions.code` and `reason` in both modes.
 */
export type UseCaseReply = { readonly ok: true; readonly result: string } | { readonly ok: false; readonly error: WireError };

/** The owning service did not answer (down, unreachable, timed out). Safe to retry: command ids dedupe. */
export class ServiceUnavailable extends PlsError {
  readonly category = 'INTERNAL' as const;
}

const DATE_TAG = '$pls:date';
const BYTES_TAG = '$pls:bytes';
const UNDEFINED_TAG = '$pls:undefined';

/**
 * JSON that keeps Date and byte arrays. The tags start with `$`, which the edge refuses in any
 * client-supplied key, so a client cannot forge one.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value === undefined ? { [UNDEFINED_TAG]: true } : value, function replacer(this: Record<string, unknown>, key, replaced: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE_TAG]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    if (raw instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(raw).toString('base64') };
    return replaced;
  });
}

export function decodeWire<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length === 1) {
        if (keys[0] === DATE_TAG) return typeof record[DATE_TAG] === 'string' ? new Date(record[DATE_TAG] as string) : new Date(Number.NaN);
        if (keys[0] === BYTES_TAG && typeof record[BYTES_TAG] === 'string') return Buffer.from(record[BYTES_TAG] as string, 'base64');
        if (keys[0] === UNDEFINED_TAG) return undefined;
      }
    }
    return value;
  }) as T;
}

/** What a service sends back for a thrown error. Anything not a PlsError is internal and its text stays in the service's log. */
export function toWireError(error: unknown): WireError {
  if (isPlsError(error)) return { category: error.category, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  return { category: 'INTERNAL', code: 'INTERNAL', message: 'the service failed to handle the command' };
}

class RemoteInternalError extends PlsError {
  readonly category = 'INTERNAL' as const;
}

export function fromWireError(wire: WireError): PlsError {
  const args = [wire.code, wire.message, wire.details] as const;
  switch (wire.category) {
    case 'RULE_VIOLATION':
      return new DomainRuleViolation(...args);
    case 'BAD_USER_INPUT':
      return new InvalidInput(...args);
    case 'NOT_FOUND':
      return new NotFound(...args);
    case 'CONFLICT':
      return new ConcurrencyConflict(...args);
    case 'FORBIDDEN':
      return new Forbidden(...args);
    case 'UNAUTHENTICATED':
      return new Unauthenticated(...args);
    case 'INTERNAL':
      return wire.code === 'SERVICE_UNAVAILABLE' || wire.code === 'SERVICE_TIMEOUT' ? new ServiceUnavailable(...args) : new RemoteInternalError(...args);
    default: {
      const unknownCategory: never = wire.category;
      return new RemoteInternalError('INTERNAL', `unknown error category ${String(unknownCategory)}`);
    }
  }
}
