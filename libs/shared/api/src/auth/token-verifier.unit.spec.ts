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

  it('refuses to be built without any key', () => {
    expect(() => new TokenVerifier({ issuer: 'x', audience: 'y' })).toThrow(/public key/);
  });
});
