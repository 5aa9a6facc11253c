import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RUNTIME_ADAPTERS, RuntimeModule, type RuntimeAdapters } from '@pls/infrastructure';
import { PersonalDataAuditModule } from '@pls/shared-api';
import { authModule, CONTEXT_NAMES, contextModule, PROJECTED_TOPICS } from '../composition';
import { createHttpAdapter } from '../http-edge';
import { HealthController, MetricsController, READINESS_PROBES, type ReadinessProbe } from '../observability/health.controller';
import { ProcessMetrics } from '../observability/metrics';
import { DeliveryFeed, openProjectorAdapters, probeBus } from './distributed-adapters';
import type { DistributedConfig } from './distributed-config';
import { PROJECTOR_GROUP } from './service-host';

@Module({})
class ProjectorHostModule {}

/**
 * Kafka in, MongoDB out: every context's projections, applied with their revision guards, so a
 * redelivered message changes nothing. Replicas share the work by partition (one consumer group).
 * The context modules are loaded only for the projections they register.
 */
export function projectorModule(config: DistributedConfig, adapters?: () => Promise<RuntimeAdapters>): DynamicModule {
  const deliveries = new DeliveryFeed();
  return {
    module: ProjectorHostModule,
    imports: [
      authModule(config, { verifiesTokens: false }),
      RuntimeModule.forRoot({ adapters: adapters ?? (() => openProjectorAdapters(config, deliveries)), projector: { groupId: PROJECTOR_GROUP, topics: PROJECTED_TOPICS }, reactors: false }),
      PersonalDataAuditModule,
      ...CONTEXT_NAMES.map((name) => contextModule(name, config, { seedDemo: false })),
    ],
    controllers: [HealthController, MetricsController],
    providers: [
      {
        provide: ProcessMetrics,
        useFactory: () => {
          const metrics = new ProcessMetrics('projector');
          deliveries.listen((observation) => metrics.recordDelivery(observation));
          return metrics;
        },
      },
      {
        provide: READINESS_PROBES,
        useFactory: (runtimeAdapters: RuntimeAdapters): ReadinessProbe[] => [
          { name: 'readStore', probe: async () => `mongodb, ${(await runtimeAdapters.readStore.listCollections()).length} collections` },
          {
            name: 'bus',
            probe: async () => `${await probeBus(runtimeAdapters.bus)}; following ${PROJECTED_TOPICS.length} topics as group ${PROJECTOR_GROUP}`,
          },
        ],
        inject: [RUNTIME_ADAPTERS],
      },
    ],
  };
}

export async function startProjector(config: DistributedConfig, adapters?: () => Promise<RuntimeAdapters>): Promise<INestApplication> {
  const app = await NestFactory.create(projectorModule(config, adapters), createHttpAdapter(config), { logger: ['warn', 'error'], bodyParser: false, rawBody: false });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  return app;
}
