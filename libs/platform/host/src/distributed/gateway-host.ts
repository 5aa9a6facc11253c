import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CLOCK, EVENT_STORE, LOGGER, PROCESS_REGISTRY, PROJECTION_CATCH_UP, ProcessRegistry, READ_STORE, type ProjectionCatchUp, type ReadStore } from '@pls/event-sourcing';
import { COMMAND_SENDER, CommandSender, remoteUseCaseProvider, withRemoteUseCases, type JsonLogger } from '@pls/infrastructure';
import { PersonalDataAuditModule, PLATFORM_INFO, type PlatformInfo } from '@pls/shared-api';
import { authModule, CONTEXT_NAMES, contextModule, GATEWAY_PROVIDERS, graphqlModules, PLATFORM_VERSION } from '../composition';
import { createHttpAdapter } from '../http-edge';
import { HealthController, MetricsController, READINESS_PROBES, type ReadinessProbe } from '../observability/health.controller';
import { ProcessMetrics } from '../observability/metrics';
import { distributedClock, openReadStore, processLogger } from './distributed-adapters';
import { SERVICE_NAMES, type DistributedConfig } from './distributed-config';
import { NoEventStore } from './no-event-store';

export interface GatewayParts {
  readonly readStore: ReadStore;
  readonly sender: CommandSender;
  readonly logger: JsonLogger;
}

/**
 * Read-your-writes through the gateway: a resolver that wrote through a service and now reads the
 * read model waits until that service's writes so far have reached the projector. A service this
 * gateway sent nothing since a wait that started after its last call ended is not asked again:
 * that wait already covered every write it could have made for a caller of this gateway.
 */
export class ServicesProjected implements ProjectionCatchUp {
  /** Per service: calls ended before the latest projected-status request that succeeded was sent. */
  private readonly covered = new Map<string, number>();
  private readonly heads = new Map<string, number>();

  constructor(private readonly sender: Pick<CommandSender, 'serviceNames' | 'status' | 'useCaseCallsEnded'>) {}

  async whenCaughtUp(): Promise<number> {
    await Promise.all(
      this.sender.serviceNames.map(async (service) => {
        const ended = this.sender.useCaseCallsEnded(service);
        if (this.covered.has(service) && (this.covered.get(service) ?? 0) >= ended) return;
        const status = await this.sender.status(service, { projected: true });
        this.covered.set(service, Math.max(this.covered.get(service) ?? 0, ended));
        this.heads.set(service, status.headPosition);
      }),
    );
    return [...this.heads.values()].reduce((sum, head) => sum + head, 0);
  }
}

@Module({})
class GatewayRuntimeModule {}

@Module({})
class GatewayHostModule {}

/**
 * The GraphQL gateway of the distributed mode: the same resolvers as the embedded platform; reads
 * served from MongoDB here, and every use case that writes replaced by a call to its owning service.
 * It owns no streams: its "event store" only sums the services' heads for the health view.
 */
export function gatewayModule(config: DistributedConfig, parts: () => Promise<GatewayParts>): DynamicModule {
  const startedAt = new Date();
  const headOfAll = async (sender: CommandSender) => (await Promise.all(sender.serviceNames.map((service) => sender.status(service)))).reduce((sum, status) => sum + status.headPosition, 0);
  const runtime: DynamicModule = {
    module: GatewayRuntimeModule,
    global: true,
    providers: [
      { provide: 'pls.GatewayParts', useFactory: parts },
      { provide: READ_STORE, useFactory: (p: GatewayParts) => p.readStore, inject: ['pls.GatewayParts'] },
      { provide: COMMAND_SENDER, useFactory: (p: GatewayParts) => p.sender, inject: ['pls.GatewayParts'] },
      { provide: LOGGER, useFactory: (p: GatewayParts) => p.logger, inject: ['pls.GatewayParts'] },
      { provide: EVENT_STORE, useFactory: (sender: CommandSender) => new NoEventStore('gateway', () => headOfAll(sender)), inject: [COMMAND_SENDER] },
      { provide: CLOCK, useValue: distributedClock(config) },
      { provide: PROCESS_REGISTRY, useValue: new ProcessRegistry() },
      { provide: PROJECTION_CATCH_UP, useFactory: (sender: CommandSender) => new ServicesProjected(sender), inject: [COMMAND_SENDER] },
    ],
    exports: ['pls.GatewayParts', READ_STORE, COMMAND_SENDER, LOGGER, EVENT_STORE, CLOCK, PROCESS_REGISTRY, PROJECTION_CATCH_UP],
  };
  return {
    module: GatewayHostModule,
    imports: [
      runtime,
      authModule(config),
      PersonalDataAuditModule,
      ...CONTEXT_NAMES.map((name) => withRemoteUseCases(contextModule(name, config, { seedDemo: false }), (type) => remoteUseCaseProvider(name, type))),
      ...graphqlModules(config),
    ],
    controllers: [HealthController, MetricsController],
    providers: [
      ...GATEWAY_PROVIDERS,
      { provide: ProcessMetrics, useFactory: () => new ProcessMetrics('gateway') },
      {
        provide: PLATFORM_INFO,
        useFactory: (p: GatewayParts): PlatformInfo => ({
          version: PLATFORM_VERSION,
          mode: 'distributed',
          startedAt,
          probes: {
            ...Object.fromEntries(SERVICE_NAMES.map((service) => [`${service}Service`, async () => `head position ${(await p.sender.status(service)).headPosition}`])),
            readStore: async () => `mongodb, ${(await p.readStore.listCollections()).length} collections`,
          },
        }),
        inject: ['pls.GatewayParts'],
      },
      {
        provide: READINESS_PROBES,
        useFactory: (p: GatewayParts): ReadinessProbe[] => [
          ...SERVICE_NAMES.map((service) => ({ name: `${service}Service`, probe: async () => `head position ${(await p.sender.status(service)).headPosition}` })),
          { name: 'readStore', probe: async () => `mongodb, ${(await p.readStore.listCollections()).length} collections` },
        ],
        inject: ['pls.GatewayParts'],
      },
    ],
  };
}

export async function openGatewayParts(config: DistributedConfig): Promise<GatewayParts> {
  const logger = processLogger(config, 'gateway');
  return {
    readStore: await openReadStore(config),
    sender: new CommandSender(config.services, { token: config.internalToken, timeoutMs: config.commandTimeoutMs, logger }),
    logger,
  };
}

export async function startGateway(config: DistributedConfig, parts: () => Promise<GatewayParts> = () => openGatewayParts(config)): Promise<INestApplication> {
  const app = await NestFactory.create(gatewayModule(config, parts), createHttpAdapter(config), { logger: ['warn', 'error'], bodyParser: false, rawBody: false });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  return app;
}
