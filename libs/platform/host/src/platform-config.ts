import * as path from 'node:path';
import { DEFAULT_PHONE_GUESS_LIMIT, type PhoneGuessLimit } from '@pls/intake-application';
import { DEFAULT_QUERY_LIMITS, DEFAULT_RATE_LIMITS, type QueryLimits, type RateLimits } from '@pls/shared-api';

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
  /** Largest JSON request body (body-parser syntax: `1mb`, `512kb`). */
  readonly bodyLimit: string;
  /** GraphQL depth, alias and field-count limits, checked before execution. */
  readonly queryLimits: QueryLimits;
  /** Token buckets per client IP and per signed-in user. */
  readonly rateLimits: RateLimits;
  /** Schema introspection; off by default in production. */
  readonly introspection: boolean;
  /** 限时办结 at the front desk, in working days: acceptance by the back office, feedback, rectification. */
  readonly frontDeskDeadlines: { readonly acceptance: number; readonly feedback: number; readonly rectification: number };
  /** Wrong phone-digit answers per case code that lock its public look-ups (publicProgress, rateMyMatter, /progress). */
  readonly phoneGuessLimit: PhoneGuessLimit;
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
    bodyLimit: bodyLimit(env['PLS_BODY_LIMIT'] ?? '1mb'),
    queryLimits: {
      maxDepth: positiveInt(env, 'PLS_GRAPHQL_MAX_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'PLS_GRAPHQL_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases),
      maxFields: positiveInt(env, 'PLS_GRAPHQL_MAX_FIELDS', DEFAULT_QUERY_LIMITS.maxFields),
    },
    rateLimits: {
      perIp: { burst: positiveInt(env, 'PLS_RATE_LIMIT_IP_BURST', DEFAULT_RATE_LIMITS.perIp.burst), perSecond: positiveInt(env, 'PLS_RATE_LIMIT_IP_PER_SECOND', DEFAULT_RATE_LIMITS.perIp.perSecond) },
      perUser: { burst: positiveInt(env, 'PLS_RATE_LIMIT_USER_BURST', DEFAULT_RATE_LIMITS.perUser.burst), perSecond: positiveInt(env, 'PLS_RATE_LIMIT_USER_PER_SECOND', DEFAULT_RATE_LIMITS.perUser.perSecond) },
    },
    introspection: (env['PLS_GRAPHQL_INTROSPECTION'] ?? (production ? 'false' : 'true')) === 'true',
    frontDeskDeadlines: {
      acceptance: workingDays(env, 'PLS_ACCEPTANCE_WORKING_DAYS', 3),
      feedback: workingDays(env, 'PLS_FEEDBACK_WORKING_DAYS', 3),
      // Sichuan's 好差评 practice: a bad rating is rectified within 15 working days.
      rectification: workingDays(env, 'PLS_RECTIFICATION_WORKING_DAYS', 15),
    },
    phoneGuessLimit: {
      maxFailures: positiveInt(env, 'PLS_PHONE_GUESS_MAX_FAILURES', DEFAULT_PHONE_GUESS_LIMIT.maxFailures),
      windowSeconds: positiveInt(env, 'PLS_PHONE_GUESS_WINDOW_SECONDS', DEFAULT_PHONE_GUESS_LIMIT.windowSeconds),
      lockSeconds: positiveInt(env, 'PLS_PHONE_GUESS_LOCK_SECONDS', DEFAULT_PHONE_GUESS_LIMIT.lockSeconds),
    },
  };
}

function caseCodePrefix(value: string): string {
  if (!/^[A-Z]{2}$/.test(value)) throw new Error(`PLS_CASE_CODE_PREFIX must be two capital letters, got ${JSON.stringify(value)}`);
  return value;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

function bodyLimit(value: string): string {
  if (!/^\d{1,9}(b|kb|mb)$/i.test(value)) throw new Error(`PLS_BODY_LIMIT must be a size such as 1mb or 512kb, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

function workingDays(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 365) throw new Error(`${name} must be a whole number of working days from 1 to 365, got ${JSON.stringify(raw)}`);
  return value;
}
