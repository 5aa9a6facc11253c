import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { exportedUseCases, PlatformRuntime, RUNTIME_ADAPTERS, RuntimeModule, USE_CASE_SERVER_OPTIONS, UseCaseServer, type RuntimeAdapters, type UseCaseServerOptions } from '@pls/infrastructure';
import { PersonalDataAuditModule, PLATFORM_INFO, type PlatformInfo } from '@pls/shared-api';
import { authModule, contextModule, PLATFORM_VERSION } from '../composition';
import { createHttpAdapter } from '../http-edge';
import { HealthController, MetricsController, READINESS_PROBES, type ReadinessProbe } from '../observability/health.controller';
import { ProcessMetrics } from '../observability/metrics';
import { DeliveryFeed, openServiceAdapters, probeBus } from './distributed-adapters';
import type { DistributedConfig, ServiceName } from './distributed-config';

/** The consumer group of the projector; services wait on it for read-your-writes. */
export const PROJECTOR_GROUP = 'projector';

/** What the service's relay publishes: its own context's topic and the audit trail of its reads. */
export function serviceTopics(service: ServiceName): string[] {
  return [`pls.${service}`, 'pls.audit'];
}

@Module({})
class ServiceHostModule {}

/**
 * One context as its own process: its own event store and relay, its reactors, its use cases
 * answering the gateway over TCP, health and metrics over HTTP. Other contexts' modules are present
 * only for what this one reads of them (the directory lookup); their use cases are not served here.
 */
export function serviceModule(service: ServiceName, config: DistributedConfig, adapters?: () => Promise<RuntimeAdapters>): DynamicModule {
  const deliveries = new DeliveryFeed();
  const own = contextModule(service, config, { seedDemo: service === 'directory' && config.seedDemo });
  const readsFrom = service === 'directory' ? [] : [contextModule('directory', config, { seedDemo: false })];
  const startedAt = new Date();
  return {
    module: ServiceHostModule,
    imports: [
      authModule(config, { verifiesTokens: false }),
      RuntimeModule.forRoot({
        adapters: adapters ?? (() => openServiceAdapters(config, service, deliveries)),
        // Only this context's streams: with KurrentDB every service shares one store.
        relay: { name: `${service}-service`, filter: { streamPrefixes: [`${service}.`] } },
        reactors: (name) => name.startsWith(`${service}.`),
        projectedBy: { groupId: PROJECTOR_GROUP, topics: serviceTopics(service) },
      }),
      PersonalDataAuditModule,
      own,
      ...readsFrom,
    ],
    controllers: [UseCaseServer, HealthController, MetricsController],
    providers: [
      {
        provide: ProcessMetrics,
        useFactory: (runtimeAdapters: RuntimeAdapters, runtime: PlatformRuntime) => {
          const metrics = new ProcessMetrics(`${service}-service`, { headPosition: () => runtimeAdapters.store.headPosition(), relayedPosition: async () => runtime.relayedPosition });
          deliveries.listen((observation) => metrics.recordDelivery(observation));
          return metrics;
        },
        inject: [RUNTIME_ADAPTERS, PlatformRuntime],
      },
      {
        provide: USE_CASE_SERVER_OPTIONS,
        useFactory: (runtimeAdapters: RuntimeAdapters, runtime: PlatformRuntime, metrics: ProcessMetrics): UseCaseServerOptions => ({
          service,
          useCases: exportedUseCases(own),
          token: config.internalToken,
          status: async (request) => {
            const settled = request.settle ? await runtime.whenCaughtUp() : request.projected ? await runtime.whenProjected() : null;
            return { headPosition: await runtimeAdapters.store.headPosition(), relayedPosition: runtime.relayedPosition, ...(settled === null ? {} : { settledAt: settled }) };
          },
          onCall: (useCase, method, outcome, seconds) => metrics.recordCall(useCase, method, outcome, seconds),
        }),
        inject: [RUNTIME_ADAPTERS, PlatformRuntime, ProcessMetrics],
      },
      {
        provide: READINESS_PROBES,
        useFactory: (runtimeAdapters: RuntimeAdapters, runtime: PlatformRuntime): ReadinessProbe[] => [
          { name: 'eventStore', probe: async () => `${config.kurrentDbUrl ? 'kurrentdb' : 'sqlite'}, head position ${await runtimeAdapters.store.headPosition()}` },
          { name: 'relay', probe: async () => `published up to ${runtime.relayedPosition}` },
          {
            name: 'bus',
            probe: () => probeBus(runtimeAdapters.bus),
          },
          { name: 'readStore', probe: async () => `mongodb, ${(await runtimeAdapters.readStore.listCollections()).length} collections` },
        ],
        inject: [RUNTIME_ADAPTERS, PlatformRuntime],
      },
      {
        provide: PLATFORM_INFO,
        useFactory: (runtimeAdapters: RuntimeAdapters): PlatformInfo => ({ version: PLATFORM_VERSION, mode: 'distributed', startedAt, probes: { eventStore: async () => `head ${await runtimeAdapters.store.headPosition()}` } }),
        inject: [RUNTIME_ADAPTERS],
      },
    ],
  };
}

/** Starts a service: HTTP (health, metrics) on PORT, commands on PLS_COMMAND_PORT. */
export async function startService(service: ServiceName, config: DistributedConfig, adapters?: () => Promise<RuntimeAdapters>): Promise<INestApplication> {
  const app = await NestFactory.create(serviceModule(service, config, adapters), createHttpAdapter(config), { logger: ['warn', 'error'], bodyParser: false, rawBody: false });
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.TCP, options: { host: config.host, port: config.commandPort ?? config.services[service].port } }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  return app;
}

/** Runs a process's main: a start-up failure is printed with its cause and ends the process. */
export function runProcess(name: string, start: () => Promise<INestApplication>): void {
  start()
    .then(async (app) => process.stdout.write(`${JSON.stringify({ level: 'info', message: `${name} listening`, url: await app.getUrl() })}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
