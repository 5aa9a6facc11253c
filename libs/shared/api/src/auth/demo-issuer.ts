import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Caller } from './caller';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export const DEMO_ISSUER = 'pls-embedded-demo';
export const DEMO_AUDIENCE = 'pls';
/** Present only in embedded, non-production mode: resolvers that sign demo users in inject it optionally. */
export const DEMO_ISSUER_TOKEN = Symbol.for('pls.DemoIssuer');

/**
 * The embedded mode's own token issuer, so a new user can sign in without an identity provider.
 * Its key pair lives in the data directory (created on first start). Production configuration
 * never constructs it: the gateway then only verifies tokens against the configured key or JWKS.
 */
export class DemoIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    readonly publicJwk: JWK,
  ) {}

  static async open(dataDir: string): Promise<DemoIssuer> {
    const file = path.join(dataDir, 'demo-issuer.jwk.json');
    let pair: { privateJwk: JWK; publicJwk: JWK };
    if (existsSync(file)) {
      pair = JSON.parse(readFileSync(file, 'utf8')) as typeof pair;
    } else {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      pair = { privateJwk: { ...(await exportJWK(privateKey)), alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), alg: 'ES256' } };
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
    }
    return new DemoIssuer(await importJWK(pair.privateJwk, 'ES256'), pair.publicJwk);
  }

  async issue(caller: Caller, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    return new SignJWT({ name: caller.name, roles: [...caller.roles], org: caller.orgId, region: caller.regionCode, lines: [...caller.lines] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(caller.userId)
      .setIssuer(DEMO_ISSUER)
      .setAudience(DEMO_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.ttlSeconds ?? 8 * 3600))
      .sign(this.privateKey);
  }
}
