import * as path from 'node:path';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly prettyLogs: boolean;
  readonly production: boolean;
  /** Bearer-token verification. Absent outside production: the embedded demo issuer signs and verifies. */
  readonly auth: { readonly issuer: string; readonly audience: string; readonly jwksUrl?: string; readonly publicKeyPem?: string } | null;
  /** Load the 四川省 demo directory on the first start of an empty data directory. */
  readonly seedDemo: boolean;
  /** Provinces whose townships and villages the region catalogue loads (2-digit codes). */
  readonly provinces: readonly string[];
  /** Base of the public progress links the receipts' QR codes carry. */
  readonly publicBaseUrl: string;
  /** Two letters that begin every case code. */
  readonly caseCodePrefix: string;
}

/** Reads the environment once at start; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PlatformConfig {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? 3000 : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port number (0-65535), got ${JSON.stringify(env['PORT'])}`);
  const logLevel = (env['PLS_LOG_LEVEL'] ?? 'info') as PlatformConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new Error(`PLS_LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(logLevel)}`);
  const production = env['NODE_ENV'] === 'production';
  const jwksUrl = env['PLS_JWT_JWKS_URL'] || undefined;
  const publicKeyPem = env['PLS_JWT_PUBLIC_KEY'] || undefined;
  if (production && !jwksUrl && !publicKeyPem) {
    // Never fall back to the demo issuer in production: refuse to start instead.
    throw new Error('NODE_ENV=production needs PLS_JWT_JWKS_URL or PLS_JWT_PUBLIC_KEY (and PLS_JWT_ISSUER, PLS_JWT_AUDIENCE); the demo issuer is embedded-only');
  }
  const provinces = (env['PLS_PROVINCES'] ?? '51').split(',').map((code) => code.trim()).filter(Boolean);
  if (provinces.some((code) => !/^\d{2}$/.test(code))) throw new Error(`PLS_PROVINCES must be 2-digit province codes separated by commas, got ${JSON.stringify(env['PLS_PROVINCES'])}`);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env['PLS_DATA_DIR'] ?? 'data'),
    logLevel,
    prettyLogs: (env['PLS_LOG_FORMAT'] ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty',
    production,
    auth: jwksUrl || publicKeyPem ? { issuer: env['PLS_JWT_ISSUER'] ?? 'pls', audience: env['PLS_JWT_AUDIENCE'] ?? 'pls', jwksUrl, publicKeyPem } : null,
    seedDemo: (env['PLS_SEED_DEMO'] ?? (production ? 'false' : 'true')) === 'true',
    provinces,
    publicBaseUrl: env['PLS_PUBLIC_URL'] ?? `http://localhost:${port || 3000}`,
    caseCodePrefix: caseCodePrefix(env['PLS_CASE_CODE_PREFIX'] ?? 'SC'),
  };
}

function caseCodePrefix(value: string): string {
  if (!/^[A-Z]{2}$/.test(value)) throw new Error(`PLS_CASE_CODE_PREFIX must be two capital letters, got ${JSON.stringify(value)}`);
  return value;
}
