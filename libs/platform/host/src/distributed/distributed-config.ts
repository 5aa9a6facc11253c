import * as path from 'node:path';
import type { ServiceAddress } from '@pls/infrastructure';
import { loadConfig, type PlatformConfig } from '../platform-config';

/** The processes of the distributed mode that own event streams. */
export const SERVICE_NAMES = ['directory', 'intake', 'legal-aid', 'mediation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface DistributedConfig extends PlatformConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    /** Prefix of every topic and consumer group, so several deployments can share one cluster. */
    readonly namespace: string;
    readonly partitions: number;
  };
  readonly mongo: { readonly url: string; readonly database: string };
  /** A KurrentDB / EventStoreDB connection string; absent, each service keeps its streams in a SQLite file. */
  readonly kurrentDbUrl: string | null;
  /** Where the gateway reaches each service's command port. */
  readonly services: Readonly<Record<ServiceName, ServiceAddress>>;
  /** This service's command port, when PLS_COMMAND_PORT overrides the one in its address. */
  readonly commandPort: number | null;
  /** Shared secret the gateway presents on every command (PLS_INTERNAL_TOKEN). */
  readonly internalToken: string;
  readonly commandTimeoutMs: number;
  /** Tests only: a file holding the instant every process reads as "now". Refused in production. */
  readonly testClockFile: string | null;
}

const DEFAULT_COMMAND_PORTS: Record<ServiceName, number> = { directory: 4101, intake: 4102, 'legal-aid': 4103, mediation: 4104 };

export function loadDistributedConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DistributedConfig {
  const base = loadConfig(env, cwd);
  const brokers = (env['PLS_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0 || brokers.some((broker) => !/^[\w.-]+:\d{1,5}$/.test(broker))) throw new Error(`PLS_KAFKA_BROKERS must be host:port[,host:port…], got ${JSON.stringify(env['PLS_KAFKA_BROKERS'])}`);
  const namespace = env['PLS_TOPIC_NAMESPACE'] ?? '';
  if (!/^[a-zA-Z0-9._-]{0,60}$/.test(namespace)) throw new Error(`PLS_TOPIC_NAMESPACE may hold letters, digits, '.', '_' and '-' (at most 60), got ${JSON.stringify(namespace)}`);
  const partitions = integer(env, 'PLS_KAFKA_PARTITIONS', 3, 1, 1000);
  const mongoUrl = env['PLS_MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
  if (!/^mongodb(\+srv)?:\/\//.test(mongoUrl)) throw new Error(`PLS_MONGO_URL must be a mongodb:// URL, got ${JSON.stringify(mongoUrl)}`);
  const database = env['PLS_MONGO_DATABASE'] ?? 'pls';
  if (!/^[a-zA-Z0-9_-]{1,60}$/.test(database)) throw new Error(`PLS_MONGO_DATABASE must be 1-60 letters, digits, '_' or '-', got ${JSON.stringify(database)}`);
  const internalToken = env['PLS_INTERNAL_TOKEN'] ?? '';
  if (base.production && internalToken.length < 32) throw new Error('NODE_ENV=production needs PLS_INTERNAL_TOKEN (at least 32 characters), the secret the gateway presents to the services');
  const testClockFile = env['PLS_TEST_CLOCK_FILE'] ? path.resolve(cwd, env['PLS_TEST_CLOCK_FILE']) : null;
  if (testClockFile && base.production) throw new Error('PLS_TEST_CLOCK_FILE is for tests and is refused with NODE_ENV=production');
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const variable = `PLS_${name.toUpperCase().replaceAll('-', '_')}_SERVICE`;
      return [name, address(env[variable] ?? `127.0.0.1:${DEFAULT_COMMAND_PORTS[name]}`, variable)];
    }),
  ) as Record<ServiceName, ServiceAddress>;
  return {
    ...base,
    kafka: { brokers, clientId: env['PLS_KAFKA_CLIENT_ID'] ?? 'pls', namespace, partitions },
    mongo: { url: mongoUrl, database },
    kurrentDbUrl: kurrentDbUrl(env['PLS_KURRENTDB_URL']),
    services,
    commandPort: env['PLS_COMMAND_PORT'] ? integer(env, 'PLS_COMMAND_PORT', 0, 0, 65535) : null,
    internalToken: internalToken || 'pls-development-internal-token',
    commandTimeoutMs: integer(env, 'PLS_COMMAND_TIMEOUT_MS', 15_000, 100, 600_000),
    testClockFile,
  };
}

export function defaultCommandPort(service: ServiceName): number {
  return DEFAULT_COMMAND_PORTS[service];
}

function kurrentDbUrl(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(value)) throw new Error(`PLS_KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string, got ${JSON.stringify(value)}`);
  return value;
}

function address(value: string, variable: string): ServiceAddress {
  const match = /^([\w.-]+):(\d{1,5})$/.exec(value.trim());
  if (!match || Number(match[2]) > 65535) throw new Error(`${variable} must be host:port, got ${JSON.stringify(value)}`);
  const [, host = '', port = ''] = match;
  return { host, port: Number(port) };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}
