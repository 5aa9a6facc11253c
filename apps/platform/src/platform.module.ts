import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import {
  AuthGuard,
  DEMO_AUDIENCE,
  DEMO_ISSUER,
  DEMO_ISSUER_TOKEN,
  DemoIssuer,
  formatGraphQLError,
  PersonalDataAudit,
  PLATFORM_INFO,
  PlsErrorFilter,
  queryLimitRule,
  GatewayEdgeModule,
  SystemResolver,
  TOKEN_VERIFIER,
  TokenVerifier,
  type PlatformInfo,
} from '@pls/shared-api';
import { DirectoryApiModule } from '@pls/directory-api';
import { RuntimeModule, type RuntimeAdapters } from '@pls/infrastructure';
import { CLOCK } from '@pls/event-sourcing';
import type { Clock } from '@pls/shared-kernel';
import { IntakeApiModule } from '@pls/intake-api';
import { LegalAidApiModule } from '@pls/legal-aid-api';
import { MediationApiModule } from '@pls/mediation-api';
import type { PlatformConfig } from './config';
import { openEmbeddedAdapters } from './embedded-adapters';
import { PersonalDataResolver } from './audit/personal-data.resolver';

export const PLATFORM_VERSION = '0.1.0';

/** Every context topic: the embedded projector follows them all. */
export const CONTEXT_TOPICS = ['intake', 'directory', 'legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'].map((context) => `pls.${context}`);

/** Token issuing and verification, visible to every context module. */
@Module({})
class PlatformAuthModule {}

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
        { module: PlatformAuthModule, global: true, providers: authProviders(config), exports: [DEMO_ISSUER_TOKEN, TOKEN_VERIFIER] },
        RuntimeModule.forRoot({
          adapters: open,
          relay: { name: 'platform', filter: {} },
          projector: { groupId: 'projector', topics: CONTEXT_TOPICS },
          reactors: true,
        }),
        DirectoryApiModule.forRoot({ seedDemo: config.seedDemo, provinces: config.provinces }),
        IntakeApiModule.forRoot({
          caseCodePrefix: config.caseCodePrefix,
          publicBaseUrl: config.publicBaseUrl,
          deadlines: {
            acceptance: { amount: config.frontDeskDeadlines.acceptance, unit: 'workingDay' },
            feedback: { amount: config.frontDeskDeadlines.feedback, unit: 'workingDay' },
            rectification: { amount: config.frontDeskDeadlines.rectification, unit: 'workingDay' },
          },
        }),
        LegalAidApiModule.forRoot(),
        MediationApiModule.forRoot(),
        GatewayEdgeModule.forRoot(config.rateLimits),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: config.introspection,
          validationRules: [queryLimitRule(config.queryLimits)],
          formatError: (formatted, error) => formatGraphQLError(formatted, error, { exposeInternals: !config.production }),
          context: ({ req }: { req: unknown }) => ({ req }),
        }),
      ],
      providers: [
        { provide: PLATFORM_INFO, useValue: info },
        SystemResolver,
        PersonalDataAudit,
        PersonalDataResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: PlsErrorFilter },
      ],
    };
  }
}

/**
 * Production verifies tokens from the configured identity provider; the embedded demo issues and
 * verifies its own (key in the data directory). loadConfig refuses production without a key, so the
 * demo issuer can never be switched on by a missing variable.
 */
function authProviders(config: PlatformConfig) {
  if (config.auth) {
    const auth = config.auth;
    return [
      { provide: DEMO_ISSUER_TOKEN, useValue: null },
      {
        provide: TOKEN_VERIFIER,
        useFactory: (clock: Clock) => new TokenVerifier({ issuer: auth.issuer, audience: auth.audience, jwksUrl: auth.jwksUrl, publicKeyPem: auth.publicKeyPem, clock }),
        inject: [CLOCK],
      },
    ];
  }
  return [
    { provide: DEMO_ISSUER_TOKEN, useFactory: () => DemoIssuer.open(config.dataDir) },
    {
      provide: TOKEN_VERIFIER,
      useFactory: (issuer: DemoIssuer, clock: Clock) => new TokenVerifier({ issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, publicJwk: issuer.publicJwk, clock }),
      inject: [DEMO_ISSUER_TOKEN, CLOCK],
    },
  ];
}
