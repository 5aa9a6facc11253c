import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { PlatformConfig } from './platform-config';

/** Why the edge refused a body before GraphQL saw it (`extensions.reason`, code BAD_USER_INPUT). */
export type BodyRefusalReason = 'MALFORMED_BODY' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';

const BODY_REFUSALS: Readonly<Record<string, { readonly status: number; readonly reason: BodyRefusalReason }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, reason: 'MALFORMED_BODY' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, reason: 'MALFORMED_BODY' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, reason: 'MALFORMED_BODY' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, reason: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, reason: 'UNSUPPORTED_MEDIA_TYPE' },
};

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `PlatformConfig.bodyLimit` (`512kb`, `1mb`, as loadConfig validated it) in bytes, 1024-based as body-parser counted. */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d{1,9})(b|kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`a body limit such as 1mb or 512kb, got ${JSON.stringify(limit)}`);
  return Number(match[1]) * (UNITS[match[2].toLowerCase()] ?? 1);
}

interface EdgeReply {
  code(status: number): EdgeReply;
  type(contentType: string): EdgeReply;
  send(body: string): unknown;
}

/**
 * Nest on Fastify for every process that serves HTTP. Fastify parses JSON itself, within the
 * configured limit. Prototype keys are let through the parser on purpose: the gateway's input
 * screen refuses them with the specific FORBIDDEN_KEY instead of a bare "malformed body".
 * Body failures (not JSON, too large, a type nobody parses) are answered here, before Nest's
 * exception filters, as GraphQL-shaped JSON with a code: the client of a GraphQL endpoint reads
 * `errors[0].extensions`, and a body that never parsed has no resolver to blame.
 */
export class PlatformHttpAdapter extends FastifyAdapter {
  constructor(private readonly limit: string) {
    super({ bodyLimit: bodyLimitBytes(limit), onProtoPoisoning: 'ignore', onConstructorPoisoning: 'ignore' });
  }

  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]): ReturnType<FastifyAdapter['setErrorHandler']> {
    const limit = this.limit;
    return super.setErrorHandler(function (this: unknown, error, request, reply) {
      const code = (error as { code?: unknown } | null)?.code;
      const refusal = typeof code === 'string' && !(reply as { sent?: boolean }).sent ? BODY_REFUSALS[code] : undefined;
      if (!refusal) return handler.call(this as never, error, request, reply);
      (reply as unknown as EdgeReply).code(refusal.status).type('application/json; charset=utf-8').send(JSON.stringify({ errors: [{ message: messageFor(refusal.reason, limit), extensions: { code: 'BAD_USER_INPUT', reason: refusal.reason } }] }));
      return undefined;
    } as typeof handler);
  }
}

function messageFor(reason: BodyRefusalReason, limit: string): string {
  switch (reason) {
    case 'MALFORMED_BODY':
      return 'the request body is not valid JSON';
    case 'PAYLOAD_TOO_LARGE':
      return `the request body is larger than ${limit}`;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'the request body must be application/json';
    default: {
      const _: never = reason;
      return _;
    }
  }
}

/** The HTTP adapter of every process, with the JSON body limit of its configuration. */
export function createHttpAdapter(config: Pick<PlatformConfig, 'bodyLimit'>): PlatformHttpAdapter {
  return new PlatformHttpAdapter(config.bodyLimit);
}
