import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, importSPKI, jwtVerify, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';
import { padRegionCode, systemClock, Unauthenticated, type Clock } from '@pls/shared-kernel';
import { BUSINESS_LINES, ROLES, type BusinessLineClaim, type Caller, type Role } from './caller';

export interface TokenVerifierConfig {
  readonly issuer: string;
  readonly audience: string;
  /** One of: a PEM public key (SPKI), a JWKS document, or a JWKS URL. */
  readonly publicKeyPem?: string;
  readonly jwks?: JSONWebKeySet;
  readonly jwksUrl?: string;
  readonly publicJwk?: JWK;
  /** Accepted clock difference between issuer and platform. Default 30 s. */
  readonly clockToleranceSeconds?: number;
  /** Expiry is judged by the platform's clock (a test or demo may move it). */
  readonly clock?: Clock;
  /**
   * Verified tokens kept so that a client sending the same token again costs no signature check.
   * `false` verifies every request. Defaults: 10,000 tokens, each kept at most 300 s, so a key
   * withdrawn from the JWKS stops admitting its tokens within that time.
   */
  readonly cache?: false | { readonly maxEntries?: number; readonly maxAgeSeconds?: number };
}

interface VerifiedToken {
  readonly caller: Caller;
  readonly expiresAt: number;
  readonly notBefore: number;
  readonly verifiedAt: number;
}

const ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

/**
 * Verifies bearer JWTs and turns their claims into a `Caller`. Signature, issuer, audience, expiry
 * and not-before are all checked; the claims must be complete, since every row filter depends on them.
 */
export class TokenVerifier {
  /** Signature checks made and requests answered from the cache. */
  readonly stats = { verified: 0, cacheHits: 0 };
  private readonly key: Parameters<typeof jwtVerify>[1] | Promise<Parameters<typeof jwtVerify>[1]>;
  /** Insertion order is recency order: a hit moves its token to the end, eviction takes the first. */
  private readonly verified = new Map<string, VerifiedToken>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(private readonly config: TokenVerifierConfig) {
    this.maxEntries = config.cache === false ? 0 : (config.cache?.maxEntries ?? 10_000);
    this.maxAgeMs = (config.cache === false ? 0 : (config.cache?.maxAgeSeconds ?? 300)) * 1000;
    if (config.jwksUrl) this.key = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.jwks) this.key = createLocalJWKSet(config.jwks);
    else if (config.publicJwk) this.key = importJWK(config.publicJwk, config.publicJwk.alg ?? 'ES256') as Promise<Parameters<typeof jwtVerify>[1]>;
    else if (config.publicKeyPem) this.key = importSPKI(config.publicKeyPem, 'ES256');
    else throw new Error('TokenVerifier needs a public key, a JWKS or a JWKS URL');
  }

  async verify(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw new Unauthenticated('TOKEN_MISSING', 'sign in: send Authorization: Bearer <token>');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match) throw new Unauthenticated('TOKEN_MALFORMED', 'the Authorization header must be "Bearer <JWT>"');
    const token = match[1];
    const now = (this.config.clock ?? systemClock).now();
    const cached = this.verified.get(token);
    if (cached) {
      this.verified.delete(token);
      if (now.getTime() - cached.verifiedAt < this.maxAgeMs && now.getTime() >= cached.verifiedAt) {
        this.refuseOutsideValidity(cached, now);
        this.verified.set(token, cached);
        this.stats.cacheHits++;
        return cached.caller;
      }
    }
    let payload: JWTPayload;
    this.stats.verified++;
    try {
      const key = await this.key;
      ({ payload } = await jwtVerify(token, key as never, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: now,
      }));
    } catch (error) {
      throw translate(error);
    }
    const caller = callerFromClaims(payload);
    this.remember(token, { caller, expiresAt: (payload.exp as number) * 1000, notBefore: (payload.nbf ?? 0) * 1000, verifiedAt: now.getTime() });
    return caller;
  }

  /** The same expiry and not-before judgement as the full check, against the clock of this request. */
  private refuseOutsideValidity(token: VerifiedToken, now: Date): void {
    const tolerance = (this.config.clockToleranceSeconds ?? 30) * 1000;
    if (token.expiresAt <= now.getTime() - tolerance) throw new Unauthenticated('TOKEN_EXPIRED', 'the token has expired; sign in again');
    if (token.notBefore > now.getTime() + tolerance) throw new Unauthenticated('TOKEN_NOT_YET_VALID', 'the token is not valid yet');
  }

  private remember(token: string, verified: VerifiedToken): void {
    if (this.maxEntries === 0 || this.maxAgeMs === 0) return;
    this.verified.delete(token);
    this.verified.set(token, verified);
    // One caller object is now shared by every request carrying this token: none may change it.
    Object.freeze(verified.caller.roles);
    Object.freeze(verified.caller.lines);
    Object.freeze(verified.caller);
    while (this.verified.size > this.maxEntries) this.verified.delete(this.verified.keys().next().value as string);
  }
}

function translate(error: unknown): Unauthenticated {
  if (error instanceof errors.JWTExpired) return new Unauthenticated('TOKEN_EXPIRED', 'the token has expired; sign in again');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new Unauthenticated('TOKEN_WRONG_AUDIENCE', 'the token was issued for another audience');
    if (error.claim === 'iss') return new Unauthenticated('TOKEN_WRONG_ISSUER', 'the token was issued by an issuer this platform does not trust');
    if (error.claim === 'nbf') return new Unauthenticated('TOKEN_NOT_YET_VALID', 'the token is not valid yet');
    return new Unauthenticated('TOKEN_CLAIMS_INVALID', `the token's ${error.claim} claim is invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new Unauthenticated('TOKEN_SIGNATURE_INVALID', 'the token signature does not verify');
  if (error instanceof errors.JOSEAlgNotAllowed) return new Unauthenticated('TOKEN_ALGORITHM_NOT_ALLOWED', 'the token uses an algorithm this platform does not accept');
  return new Unauthenticated('TOKEN_INVALID', 'the token could not be verified');
}

function callerFromClaims(payload: JWTPayload): Caller {
  const claims = payload as JWTPayload & Record<string, unknown>;
  const roles = claims['roles'];
  const lines = claims['lines'] ?? [];
  const invalid = (what: string): Unauthenticated => new Unauthenticated('TOKEN_CLAIMS_INVALID', `the token's ${what} claim is missing or invalid`);
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 128) throw invalid('sub');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role): role is Role => (ROLES as readonly string[]).includes(role))) throw invalid('roles');
  if (!Array.isArray(lines) || !lines.every((line): line is BusinessLineClaim => (BUSINESS_LINES as readonly string[]).includes(line))) throw invalid('lines');
  if (typeof claims['org'] !== 'string' || claims['org'].length === 0) throw invalid('org');
  let regionCode: string;
  try {
    regionCode = padRegionCode(String(claims['region']));
  } catch {
    throw invalid('region');
  }
  return {
    userId: claims.sub,
    name: typeof claims['name'] === 'string' ? claims['name'] : claims.sub,
    orgId: claims['org'],
    roles,
    regionCode,
    lines,
  };
}
