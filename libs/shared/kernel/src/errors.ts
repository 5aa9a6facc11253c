/**
 * Every refusal the platform gives carries a stable `code` (machine-readable, documented) and a
 * human message. `category` is how the API edge classifies it (GraphQL `extensions.code`).
 */
export type ErrorCategory =
  | 'BAD_USER_INPUT'
  | 'RULE_VIOLATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INTERNAL';

export abstract class PlsError extends Error {
  abstract readonly category: ErrorCategory;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the command; nothing was recorded. */
export class DomainRuleViolation extends PlsError {
  readonly category = 'RULE_VIOLATION' as const;
}

/** Input that is malformed before any rule is asked (bad ID number, negative count, unknown type). */
export class InvalidInput extends PlsError {
  readonly category = 'BAD_USER_INPUT' as const;
}

export class NotFound extends PlsError {
  readonly category = 'NOT_FOUND' as const;
}

/** Optimistic concurrency: someone else wrote to the stream first. */
export class ConcurrencyConflict extends PlsError {
  readonly category = 'CONFLICT' as const;
}

export class Forbidden extends PlsError {
  readonly category = 'FORBIDDEN' as const;
}

export class Unauthenticated extends PlsError {
  readonly category = 'UNAUTHENTICATED' as const;
}

export function isPlsError(error: unknown): error is PlsError {
  return error instanceof PlsError;
}
