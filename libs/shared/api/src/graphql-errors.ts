import type { GraphQLFormattedError } from 'graphql';
import { isPlsError, maskPhone, maskResidentId, type ErrorCategory } from '@pls/shared-kernel';

/**
 * Every error leaves the gateway with `extensions.code` (the category a client branches on) and,
 * for refusals, `extensions.reason` (the stable rule code such as `WRONG_EXPECTED_REVISION`).
 * Internal errors are reduced to a generic message so no stack or SQL reaches a client.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, options: { exposeInternals: boolean }): GraphQLFormattedError {
  const original = originalError(error);
  if (isPlsError(original)) {
    return {
      message: redactPersonalData(original.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.category, reason: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // Apollo's own classification (GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT from variable coercion…).
    const reason = formatted.extensions?.['reason'];
    return {
      message: safeCoercionMessage(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      // `reason` is set by the gateway's own rules (query limits, rate limit), never by a resolver's internals.
      extensions: { code: normaliseApolloCode(code), ...(typeof reason === 'string' ? { reason } : {}) },
    };
  }
  return {
    message: options.exposeInternals ? redactPersonalData(formatted.message) : 'Internal error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL' satisfies ErrorCategory },
  };
}

function normaliseApolloCode(code: string): string {
  switch (code) {
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_USER_INPUT':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'OPERATION_RESOLUTION_FAILURE':
      return 'BAD_USER_INPUT';
    default:
      return code;
  }
}

function originalError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object' && 'originalError' in current; depth++) {
    const next = (current as { originalError?: unknown }).originalError;
    if (!next) break;
    current = next;
  }
  return current;
}

// graphql-js: `Variable "$input" got invalid value { …the whole input… } at "input.x"; Expected …`.
const COERCION = /^(Variable "\$[^"]+") got invalid value [\s\S]*?((?: at "[^"]*")?; [\s\S]*)$/;

/**
 * Variable coercion errors quote the caller's whole input, ID numbers and phones included: the quoted
 * value is dropped (the path and the rule that failed remain), and whatever is left is redacted.
 */
export function safeCoercionMessage(message: string): string {
  const match = COERCION.exec(message);
  return redactPersonalData(match ? `${match[1]} has an invalid value${match[2]}` : message);
}

/** Masks anything shaped like a resident ID number or a mainland mobile number in a text. */
export function redactPersonalData(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (id) => maskResidentId(id.toUpperCase()))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone));
}
