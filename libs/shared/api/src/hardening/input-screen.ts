/** Why a request's variables were refused before GraphQL saw them (`extensions.reason`). */
export type InputScreenReason = 'FORBIDDEN_KEY' | 'CONTROL_CHARACTERS' | 'INPUT_TOO_DEEP';

export const MAX_INPUT_DEPTH = 32;

// C0 controls except tab, line feed and carriage return; DEL; C1 controls; bidirectional overrides
// and isolates (the "Trojan source" characters), which let a name or description display as other text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Screens request variables before they are coerced: no key may start with `$` (a Mongo operator) or
 * name an object's prototype, no string may carry control characters, and nesting is bounded. Every
 * typed field is validated again by its own parser; this is the one rule that holds for all of them.
 * Answers the first problem found, or null. The path never holds a value, so it may be logged.
 */
export function screenInput(value: unknown, path = 'variables', depth = 0): { reason: InputScreenReason; path: string } | null {
  if (depth > MAX_INPUT_DEPTH) return { reason: 'INPUT_TOO_DEEP', path };
  if (typeof value === 'string') return CONTROL.test(value) ? { reason: 'CONTROL_CHARACTERS', path } : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = screenInput(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key.startsWith('$') || FORBIDDEN_KEYS.has(key) || CONTROL.test(key)) return { reason: 'FORBIDDEN_KEY', path };
      const found = screenInput((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
