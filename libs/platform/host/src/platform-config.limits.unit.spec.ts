import { loadConfig } from './platform-config';

describe('loadConfig: gateway limits', () => {
  const base = { PLS_DATA_DIR: '/tmp/pls-config-limits' };

  it('has safe defaults, and introspection only outside production', () => {
    const config = loadConfig(base, '/');
    expect(config.bodyLimit).toBe('1mb');
    expect(config.queryLimits).toEqual({ maxDepth: 10, maxAliases: 30, maxFields: 500 });
    expect(config.rateLimits).toEqual({ perIp: { burst: 600, perSecond: 30 }, perUser: { burst: 300, perSecond: 10 } });
    expect(config.introspection).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'production', PLS_JWT_PUBLIC_KEY: 'pem' }, '/').introspection).toBe(false);
  });

  it('reads every limit from the environment', () => {
    const config = loadConfig({
      ...base,
      PLS_BODY_LIMIT: '512KB',
      PLS_GRAPHQL_MAX_DEPTH: '8',
      PLS_GRAPHQL_MAX_ALIASES: '5',
      PLS_GRAPHQL_MAX_FIELDS: '200',
      PLS_RATE_LIMIT_IP_BURST: '100',
      PLS_RATE_LIMIT_IP_PER_SECOND: '7',
      PLS_RATE_LIMIT_USER_BURST: '50',
      PLS_RATE_LIMIT_USER_PER_SECOND: '3',
      PLS_GRAPHQL_INTROSPECTION: 'false',
    }, '/');
    expect(config).toMatchObject({
      bodyLimit: '512kb',
      queryLimits: { maxDepth: 8, maxAliases: 5, maxFields: 200 },
      rateLimits: { perIp: { burst: 100, perSecond: 7 }, perUser: { burst: 50, perSecond: 3 } },
      introspection: false,
    });
  });

  it.each([
    ['PLS_BODY_LIMIT', 'lots'],
    ['PLS_BODY_LIMIT', '1gb'],
    ['PLS_GRAPHQL_MAX_DEPTH', '0'],
    ['PLS_GRAPHQL_MAX_ALIASES', '-1'],
    ['PLS_GRAPHQL_MAX_FIELDS', '1.5'],
    ['PLS_RATE_LIMIT_IP_BURST', 'many'],
    ['PLS_RATE_LIMIT_USER_PER_SECOND', '0'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value }, '/')).toThrow(name);
  });
});
