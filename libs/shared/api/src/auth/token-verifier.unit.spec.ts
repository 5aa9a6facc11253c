import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ManualClock } from '@pls/shared-kernel';
import { TokenVerifier } from './token-verifier';

const claims = { name: '张丽', roles: ['clerk'], org: 'org-1', region: '512022101200', lines: ['legal-aid'] };
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
const now = () => Math.floor(clock.now().getTime() / 1000);

async function keys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicKey, pem: await exportSPKI(publicKey), jwk: { ...(await exportJWK(publicKey)), alg: 'ES256', kid: 'k1' } };
}

async function sign(privateKey: CryptoKeyLike, overrides: { iss?: string; aud?: string; exp?: number; sub?: string; claims?: Record<string, unknown>; alg?: string } = {}): Promise<string> {
  return new SignJWT({ ...claims, ...overrides.claims })
    .setProtectedHeader({ alg: overrides.alg ?? 'ES256', kid: 'k1' })
    .setSubject(overrides.sub ?? 'user-1')
    .setIssuer(overrides.iss ?? 'https://idp.example.gov.cn')
    .setAudience(overrides.aud ?? 'pls')
    .setIssuedAt(now())
    .setExpirationTime(overrides.exp ?? now() + 3600)
    .sign(privateKey);
}
type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

describe('TokenVerifier', () => {
  it('given a production public key (PEM), when a valid token arrives, then the caller comes from its claims', async () => {
    const { privateKey, pem } = await keys();
    const verifier = new TokenVerifier({ issuer: 'https://idp.example.gov.cn', audience: 'pls', publicKeyPem: pem, clock });
    await expect(verifier.verify(`Bearer ${await sign(privateKey)}`)).resolves.toEqual({
      userId: 'user-1', name: '张丽', orgId: 'org-1', roles: ['clerk'], regionCode: '512022101200', lines: ['legal-aid'],
    });
  });

  it('given a JWKS, when a token signed by one of its keys arrives, then it verifies', async () => {
    const { privateKey, jwk } = await keys();
    const verifier = new TokenVerifier({ issuer: 'https://idp.example.gov.cn', audience: 'pls', jwks: { keys: [jwk] }, clock });
    await expect(verifier.verify(`Bearer ${await sign(privateKey)}`)).resolves.toMatchObject({ userId: 'user-1' });
  });

  it.each([
    { name: 'no header', header: async () => undefined, code: 'TOKEN_MISSING' },
    { name: 'not a bearer token', header: async () => 'Basic dXNlcjpwYXNz', code: 'TOKEN_MALFORMED' },
    { name: 'an expired token', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { exp: now() - 3600 })}`, code: 'TOKEN_EXPIRED' },
    { name: 'another audience', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { aud: 'other-system' })}`, code: 'TOKEN_WRONG_AUDIENCE' },
    { name: 'another issuer', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { iss: 'https://evil.example' })}`, code: 'TOKEN_WRONG_ISSUER' },
    { name: 'an unknown role', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { claims: { roles: ['root'] } })}`, code: 'TOKEN_CLAIMS_INVALID' },
    { name: 'a malformed region', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { claims: { region: '51-20' } })}`, code: 'TOKEN_CLAIMS_INVALID' },
    { name: 'no organisation', header: async (k: CryptoKeyLike) => `Bearer ${await sign(k, { claims: { org: '' } })}`, code: 'TOKEN_CLAIMS_INVALID' },
  ] as { name: string; header: (k: CryptoKeyLike) => Promise<string | undefined>; code: string }[])('refuses $name with $code', async ({ header, code }) => {
    const { privateKey, pem } = await keys();
    const verifier = new TokenVerifier({ issuer: 'https://idp.example.gov.cn', audience: 'pls', publicKeyPem: pem, clock });
    await expect(verifier.verify(await header(privateKey))).rejects.toMatchObject({ code, category: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed by another key (a forged token)', async () => {
    const trusted = await keys();
    const forger = await keys();
    const verifier = new TokenVerifier({ issuer: 'https://idp.example.gov.cn', audience: 'pls', publicKeyPem: trusted.pem, clock });
    await expect(verifier.verify(`Bearer ${await sign(forger.privateKey)}`)).rejects.toMatchObject({ code: 'TOKEN_SIGNATURE_INVALID' });
  });

  it('accepts a token that expired within the clock tolerance, and judges expiry by the platform clock', async () => {
    const { privateKey, pem } = await keys();
    const verifier = new TokenVerifier({ issuer: 'https://idp.example.gov.cn', audience: 'pls', publicKeyPem: pem, clock, clockToleranceSeconds: 30 });
    await expect(verifier.verify(`Bearer ${await sign(privateKey, { exp: now() - 10 })}`)).resolves.toMatchObject({ userId: 'user-1' });
  });

  describe('cache of verified tokens', () => {
    const config = (pem: string, cache?: { maxEntries?: number; maxAgeSeconds?: number }) => ({ issuer: 'https://idp.example.gov.cn', audience: 'pls', publicKeyPem: pem, clock: new ManualClock(clock.now()), cache });

    it('given a token verified once, when it arrives again, then the caller is answered without a second signature check', async () => {
      const { privateKey, pem } = await keys();
      const verifier = new TokenVerifier(config(pem));
      const header = `Bearer ${await sign(privateKey)}`;
      const first = await verifier.verify(header);
      await expect(verifier.verify(header)).resolves.toBe(first);
      expect(verifier.stats).toEqual({ verified: 1, cacheHits: 1 });
    });

    it('given a cached token, when the clock passes its exp (beyond the tolerance), then it is refused as expired', async () => {
      const { privateKey, pem } = await keys();
      const settings = config(pem);
      const verifier = new TokenVerifier(settings);
      const header = `Bearer ${await sign(privateKey, { exp: now() + 60 })}`;
      await verifier.verify(header);
      settings.clock.advance(89_000);
      await expect(verifier.verify(header)).resolves.toMatchObject({ userId: 'user-1' });
      settings.clock.advance(2_000);
      await expect(verifier.verify(header)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', category: 'UNAUTHENTICATED' });
      await expect(verifier.verify(header)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    });

    it('given a forged token, when it arrives twice, then its signature is checked both times and it is refused both times', async () => {
      const trusted = await keys();
      const forger = await keys();
      const verifier = new TokenVerifier(config(trusted.pem));
      const header = `Bearer ${await sign(forger.privateKey)}`;
      await expect(verifier.verify(header)).rejects.toMatchObject({ code: 'TOKEN_SIGNATURE_INVALID' });
      await expect(verifier.verify(header)).rejects.toMatchObject({ code: 'TOKEN_SIGNATURE_INVALID' });
      expect(verifier.stats).toEqual({ verified: 2, cacheHits: 0 });
    });

    it('given a cache of two tokens, when a third is verified, then the least recently used is forgotten and checked again', async () => {
      const { privateKey, pem } = await keys();
      const verifier = new TokenVerifier(config(pem, { maxEntries: 2 }));
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(async (sub) => `Bearer ${await sign(privateKey, { sub })}`));
      await verifier.verify(a);
      await verifier.verify(b);
      await verifier.verify(a);
      await verifier.verify(c);
      expect(verifier.stats).toEqual({ verified: 3, cacheHits: 1 });
      await verifier.verify(a);
      await verifier.verify(b);
      expect(verifier.stats).toEqual({ verified: 4, cacheHits: 2 });
    });

    it('given a cached token older than the maximum age, when it arrives, then its signature is checked again', async () => {
      const { privateKey, pem } = await keys();
      const settings = config(pem, { maxAgeSeconds: 60 });
      const verifier = new TokenVerifier(settings);
      const header = `Bearer ${await sign(privateKey)}`;
      await verifier.verify(header);
      settings.clock.advance(61_000);
      await verifier.verify(header);
      expect(verifier.stats).toEqual({ verified: 2, cacheHits: 0 });
    });

    it('given a cached caller, when a consumer tries to change it, then it cannot: every request shares it', async () => {
      const { privateKey, pem } = await keys();
      const verifier = new TokenVerifier(config(pem));
      const caller = await verifier.verify(`Bearer ${await sign(privateKey)}`);
      expect(Object.isFrozen(caller) && Object.isFrozen(caller.roles)).toBe(true);
    });
  });

  it('refuses to be built without any key', () => {
    expect(() => new TokenVerifier({ issuer: 'x', audience: 'y' })).toThrow(/public key/);
  });
});
