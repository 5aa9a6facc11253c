import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphQLError, PLATFORM_INFO, SystemResolver, type PlatformInfo } from '@pls/shared-api';
import { RuntimeModule, type RuntimeAdapters } from '@pls/infrastructure';
import type { PlatformConfig } from './config';
import { openEmbeddedAdapters } from './embedded-adapters';

export const PLATFORM_VERSION = '0.1.0';

/** Every context topic: the embedded projector follows them all. */
export const CONTEXT_TOPICS = ['intake', 'directory', 'legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'].map((context) => `pls.${context}`);

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
        RuntimeModule.forRoot({
          adapters: open,
          relay: { name: 'platform', filter: {} },
          projector: { groupId: 'projector', topics: CONTEXT_TOPICS },
          reactors: true,
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: true,
          formatError: (formatted, error) => formatGraphQLError(formatted, error, { exposeInternals: !config.production }),
        }),
      ],
      providers: [{ provide: PLATFORM_INFO, useValue: info }, SystemResolver],
    };
  }
}
