import type { GraphQLFormattedError } from 'graphql';
import { isPlsError, type ErrorCategory } from '@pls/shared-kernel';

/**
 * Every error leaves the gateway with `extensions.code` (the category a client branches on) and,
 * for refusals, `extensions.reason` (the stable rule code such as `WRONG_EXPECTED_REVISION`).
 * Internal errors are reduced to a generic message so no stack or SQL reaches a client.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, options: { exposeInternals: boolean }): GraphQLFormattedError {
  const original = originalError(error);
  if (isPlsError(original)) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.category, reason: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // Apollo's own classification (GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT from variable coercion…).
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: normaliseApolloCode(code) } };
  }
  return {
    message: options.exposeInternals ? formatted.message : 'Internal error',
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
