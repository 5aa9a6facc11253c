import { Module, type DynamicModule } from '@nestjs/common';
import { PersonalDataAuditModule, PLATFORM_INFO, type PlatformInfo } from '@pls/shared-api';
import { RuntimeModule, type RuntimeAdapters } from '@pls/infrastructure';
import { authModule, CONTEXT_NAMES, contextModule, GATEWAY_PROVIDERS, graphqlModules, PLATFORM_VERSION, PROJECTED_TOPICS } from '@pls/platform-host';
import type { PlatformConfig } from './config';
import { openEmbeddedAdapters } from './embedded-adapters';

export { PLATFORM_VERSION };

/**
 * The embedded all-in-one platform: every context's module in one process, on SQLite, the
 * in-process bus and in-memory read models (rebuilt from the events at every start).
 */
@Module({})
export class PlatformModule {
  static embedded(config: PlatformConfig, overrides: { adapters?: () => Promise<RuntimeAdapters> } = {}): DynamicModule {
    const startedAt = new Date();
    let opened: RuntimeAdapters | null = null;
    const open = async (): Promise<RuntimeAdapters> => {
      opened = await (overrides.adapters ?? (() => openEmbeddedAdapters(config)))();
      return opened;
    };
    const adapters = (): RuntimeAdapters => {
      if (!opened) throw new Error('the platform is still starting');
      return opened;
    };
    const info: PlatformInfo = {
      version: PLATFORM_VERSION,
      mode: 'embedded',
      startedAt,
      probes: {
        eventStore: async () => `sqlite, head position ${await adapters().store.headPosition()}`,
        bus: async () => 'in-process',
        readStore: async () => `in-memory, ${(await adapters().readStore.listCollections()).length} collections`,
      },
    };
    return {
      module: PlatformModule,
      imports: [
        authModule(config),
        RuntimeModule.forRoot({
          adapters: open,
          relay: { name: 'platform', filter: {} },
          projector: { groupId: 'projector', topics: PROJECTED_TOPICS },
          reactors: true,
        }),
        PersonalDataAuditModule,
        ...CONTEXT_NAMES.map((name) => contextModule(name, config, { seedDemo: config.seedDemo })),
        ...graphqlModules(config),
      ],
      providers: [
        { provide: PLATFORM_INFO, useValue: info },
        ...GATEWAY_PROVIDERS,
      ],
    };
  }
}
