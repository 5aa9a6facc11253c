import { loadConfig } from './platform-config';

describe('platform configuration', () => {
  it('defaults to the embedded demo: port 3000, ./data, demo seed, demo issuer (no auth config)', () => {
    const config = loadConfig({}, '/srv/pls');
    expect(config).toMatchObject({ port: 3000, dataDir: '/srv/pls/data', seedDemo: true, auth: null, production: false, caseCodePrefix: 'SC' });
  });

  it('takes the front-desk deadlines in working days from the environment', () => {
    expect(loadConfig({ PLS_FEEDBACK_WORKING_DAYS: '5' }).frontDeskDeadlines).toEqual({ acceptance: 3, feedback: 5, rectification: 15 });
  });

  it('never falls back to the demo issuer in production: without a key or JWKS it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PLS_JWT_JWKS_URL or PLS_JWT_PUBLIC_KEY/);
  });

  it('in production verifies against the configured JWKS and does not seed the demo', () => {
    const config = loadConfig({ NODE_ENV: 'production', PLS_JWT_JWKS_URL: 'https://idp.example.gov.cn/jwks.json', PLS_JWT_ISSUER: 'https://idp.example.gov.cn', PLS_JWT_AUDIENCE: 'pls' });
    expect(config).toMatchObject({ production: true, seedDemo: false, auth: { issuer: 'https://idp.example.gov.cn', audience: 'pls', jwksUrl: 'https://idp.example.gov.cn/jwks.json' } });
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ PLS_LOG_LEVEL: 'loud' }, /PLS_LOG_LEVEL/],
    [{ PLS_PROVINCES: '51,5' }, /PLS_PROVINCES/],
    [{ PLS_CASE_CODE_PREFIX: 'sc1' }, /PLS_CASE_CODE_PREFIX/],
    [{ PLS_FEEDBACK_WORKING_DAYS: '0' }, /PLS_FEEDBACK_WORKING_DAYS/],
    [{ PLS_RECTIFICATION_WORKING_DAYS: '2.5' }, /PLS_RECTIFICATION_WORKING_DAYS/],
  ])('refuses %p naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
