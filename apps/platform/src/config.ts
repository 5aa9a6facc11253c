import * as path from 'node:path';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly prettyLogs: boolean;
  readonly production: boolean;
}

/** Reads the environment once at start; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PlatformConfig {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? 3000 : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port number (0-65535), got ${JSON.stringify(env['PORT'])}`);
  const logLevel = (env['PLS_LOG_LEVEL'] ?? 'info') as PlatformConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new Error(`PLS_LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(logLevel)}`);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env['PLS_DATA_DIR'] ?? 'data'),
    logLevel,
    prettyLogs: (env['PLS_LOG_FORMAT'] ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty',
    production: env['NODE_ENV'] === 'production',
  };
}
