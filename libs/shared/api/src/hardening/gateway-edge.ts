import { Inject, Injectable, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import type { Caller } from '@pls/shared-kernel';
import { TOKEN_VERIFIER } from '../auth/auth.guard';
import type { TokenVerifier } from '../auth/token-verifier';
import { screenInput } from './input-screen';
import { DEFAULT_RATE_LIMITS, TokenBuckets, type RateLimits } from './rate-limit';

export const RATE_LIMITS = Symbol.for('pls.RateLimits');

interface EdgeRequest {
  body?: unknown;
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  socket?: { remoteAddress?: string };
  caller?: Caller;
}

interface EdgeResponse {
  status(code: number): EdgeResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

/**
 * Per-IP and per-user token buckets in front of the GraphQL endpoint. A valid bearer token is
 * verified here once (the guard then reuses `req.caller`); an invalid one is left to the guard to
 * refuse, and only the IP bucket applies. A refusal is HTTP 429 with a GraphQL-shaped body whose
 * `extensions.code` is `RATE_LIMITED`, and a Retry-After header.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware<EdgeRequest, EdgeResponse> {
  private readonly byIp: TokenBuckets;
  private readonly byUser: TokenBuckets;

  constructor(
    @Inject(RATE_LIMITS) limits: RateLimits,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {
    this.byIp = new TokenBuckets(limits.perIp);
    this.byUser = new TokenBuckets(limits.perUser);
  }

  async use(request: EdgeRequest, response: EdgeResponse, next: (error?: unknown) => void): Promise<void> {
    const ip = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    let wait = this.byIp.take(`ip:${ip}`);
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
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      response.status(429).json({ errors: [{ message: 'too many requests: slow down and retry later', extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
      return;
    }
    next();
  }
}

/**
 * Refuses variables carrying `$`-keys, prototype keys, control characters or absurd nesting (see
 * `screenInput`) with HTTP 400 and `extensions.code` BAD_USER_INPUT before GraphQL coerces them.
 */
@Injectable()
export class InputScreenMiddleware implements NestMiddleware<EdgeRequest, EdgeResponse> {
  use(request: EdgeRequest, response: EdgeResponse, next: (error?: unknown) => void): void {
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
    if (!found) return next();
    const message = found.reason === 'FORBIDDEN_KEY'
      ? `${found.path} holds a key that is not allowed (operator or prototype keys)`
      : found.reason === 'CONTROL_CHARACTERS'
        ? `${found.path} contains control characters`
        : `the variables are nested deeper than allowed`;
    response.status(400).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason: found.reason } }] });
  }
}

/** The gateway edge on `/graphql`: rate limit, then the input screen (needs TOKEN_VERIFIER from a global module). */
@Module({})
export class GatewayEdgeModule implements NestModule {
  static forRoot(limits: RateLimits = DEFAULT_RATE_LIMITS): DynamicModule {
    return { module: GatewayEdgeModule, providers: [{ provide: RATE_LIMITS, useValue: limits }, RateLimitMiddleware, InputScreenMiddleware] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware, InputScreenMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
