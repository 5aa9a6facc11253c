import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Caller } from '@pls/shared-kernel';
import { TOKEN_VERIFIER } from '../auth/auth.guard';
import type { TokenVerifier } from '../auth/token-verifier';
import { screenInput } from './input-screen';
import { DEFAULT_RATE_LIMITS, TokenBuckets, type RateLimits } from './rate-limit';

export const RATE_LIMITS = Symbol.for('pls.RateLimits');

/** The GraphQL route the edge guards. */
export const GRAPHQL_PATH = '/graphql';

export interface EdgeRequest {
  body?: unknown;
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  routeOptions?: { url?: string };
  caller?: Caller;
}

export interface EdgeReply {
  code(status: number): EdgeReply;
  header(name: string, value: string): EdgeReply;
  type(contentType: string): EdgeReply;
  send(body: string): unknown;
}

interface EdgeServer {
  addHook(name: 'onRequest' | 'preValidation', hook: (request: EdgeRequest, reply: EdgeReply) => Promise<unknown>): unknown;
}

const refuse = (reply: EdgeReply, status: number, body: unknown): EdgeReply => {
  reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply;
};

/**
 * Per-IP and per-user token buckets in front of the GraphQL endpoint. A valid bearer token is
 * verified here once (the guard then reuses `request.caller`); an invalid one is left to the guard
 * to refuse, and only the IP bucket applies. A refusal is HTTP 429 with a GraphQL-shaped body whose
 * `extensions.code` is `RATE_LIMITED`, and a Retry-After header.
 */
export class RateLimit {
  private readonly byIp: TokenBuckets;
  private readonly byUser: TokenBuckets;

  constructor(limits: RateLimits, private readonly verifier: TokenVerifier) {
    this.byIp = new TokenBuckets(limits.perIp);
    this.byUser = new TokenBuckets(limits.perUser);
  }

  /** Null lets the request through; otherwise the refusal was sent. */
  async check(request: EdgeRequest, reply: EdgeReply): Promise<EdgeReply | null> {
    let wait = this.byIp.take(`ip:${request.ip ?? 'unknown'}`);
    if (wait === 0) {
      const header = request.headers['authorization'];
      if (typeof header === 'string') {
        const caller = await this.verifier.verify(header).catch(() => undefined);
        if (caller) {
          request.caller = caller;
          wait = this.byUser.take(`user:${caller.userId}`);
        }
      }
    }
    if (wait === 0) return null;
    reply.header('Retry-After', String(wait));
    return refuse(reply, 429, { errors: [{ message: 'too many requests: slow down and retry later', extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
  }
}

/**
 * Refuses variables carrying `$`-keys, prototype keys, control characters or absurd nesting (see
 * `screenInput`) with HTTP 400 and `extensions.code` BAD_USER_INPUT before GraphQL coerces them.
 * Null lets the request through; otherwise the refusal was sent.
 */
export function screenRequest(request: EdgeRequest, reply: EdgeReply): EdgeReply | null {
  const body = request.body as { variables?: unknown; operationName?: unknown } | undefined;
  const fromQuery = (request.query as { variables?: unknown } | undefined)?.variables;
  let variables: unknown = body && typeof body === 'object' ? body.variables : undefined;
  if (variables === undefined && typeof fromQuery === 'string') {
    try {
      variables = JSON.parse(fromQuery);
    } catch {
      variables = undefined; // Apollo answers malformed GET variables itself.
    }
  }
  const found = screenInput(variables) ?? (body && typeof body === 'object' ? screenInput(body.operationName, 'operationName') : null);
  if (!found) return null;
  const message = found.reason === 'FORBIDDEN_KEY'
    ? `${found.path} holds a key that is not allowed (operator or prototype keys)`
    : found.reason === 'CONTROL_CHARACTERS'
      ? `${found.path} contains control characters`
      : `the variables are nested deeper than allowed`;
  return refuse(reply, 400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason: found.reason } }] });
}

/**
 * Installs the edge as Fastify hooks on the GraphQL route: the rate limit on `onRequest` (before
 * the body is read, so a refused flood costs no parsing) and the input screen on `preValidation`
 * (the first hook that sees the parsed body). Nest middleware cannot do the second on Fastify:
 * it runs before body parsing.
 */
@Injectable()
export class GatewayEdge implements OnModuleInit {
  private readonly rateLimit: RateLimit;

  constructor(
    @Inject(RATE_LIMITS) limits: RateLimits,
    @Inject(TOKEN_VERIFIER) verifier: TokenVerifier,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.rateLimit = new RateLimit(limits, verifier);
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getInstance<EdgeServer>();
    const guarded = (request: EdgeRequest) => request.routeOptions?.url === GRAPHQL_PATH;
    // Fastify reads a hook's resolved reply as "answered, stop here"; undefined lets the request on.
    server.addHook('onRequest', async (request, reply) => (guarded(request) ? ((await this.rateLimit.check(request, reply)) ?? undefined) : undefined));
    server.addHook('preValidation', async (request, reply) => (guarded(request) ? (screenRequest(request, reply) ?? undefined) : undefined));
  }
}

/** The gateway edge on `/graphql`: rate limit, then the input screen (needs TOKEN_VERIFIER from a global module). */
@Module({})
export class GatewayEdgeModule {
  static forRoot(limits: RateLimits = DEFAULT_RATE_LIMITS): DynamicModule {
    return { module: GatewayEdgeModule, providers: [{ provide: RATE_LIMITS, useValue: limits }, GatewayEdge] };
  }
}
