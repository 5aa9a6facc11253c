import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { DirectoryApiModule } from '@pls/directory-api';
import { CLOCK } from '@pls/event-sourcing';
import { IntakeApiModule } from '@pls/intake-api';
import { LegalAidApiModule } from '@pls/legal-aid-api';
import { MediationApiModule } from '@pls/mediation-api';
import {
  AuthGuard,
  DEMO_AUDIENCE,
  DEMO_ISSUER,
  DEMO_ISSUER_TOKEN,
  DemoIssuer,
  formatGraphQLError,
  GatewayEdgeModule,
  PlsErrorFilter,
  queryLimitRule,
  SystemResolver,
  TOKEN_VERIFIER,
  TokenVerifier,
} from '@pls/shared-api';
import type { Clock } from '@pls/shared-kernel';
import { PersonalDataResolver } from './personal-data.resolver';
import type { PlatformConfig } from './platform-config';

export const PLATFORM_VERSION = '0.1.0';

/** The contexts that run today, each as its own service in the distributed mode. */
export type ContextName = 'directory' | 'intake' | 'legal-aid' | 'mediation';

/** Every topic the projector follows: one per publishing context, and the personal-data audit trail. */
export const PROJECTED_TOPICS = ['intake', 'directory', 'legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction', 'audit'].map((context) => `pls.${context}`);

/**
 * One context's API module (and through it its application module), configured the same way in
 * every process that runs it: the embedded platform, its owning service, the projector, the gateway.
 */
export function contextModule(name: ContextName, config: PlatformConfig, options: { readonly seedDemo: boolean }): DynamicModule {
  switch (name) {
    case 'directory':
      return DirectoryApiModule.forRoot({ seedDemo: options.seedDemo, provinces: config.provinces });
    case 'intake':
      return IntakeApiModule.forRoot({
        caseCodePrefix: config.caseCodePrefix,
        publicBaseUrl: config.publicBaseUrl,
        phoneGuessLimit: config.phoneGuessLimit,
        deadlines: {
          acceptance: { amount: config.frontDeskDeadlines.acceptance, unit: 'workingDay' },
          feedback: { amount: config.frontDeskDeadlines.feedback, unit: 'workingDay' },
          rectification: { amount: config.frontDeskDeadlines.rectification, unit: 'workingDay' },
        },
      });
    case 'legal-aid':
      return LegalAidApiModule.forRoot();
    case 'mediation':
      return MediationApiModule.forRoot();
    default: {
      const unknown: never = name;
      throw new Error(`no context ${String(unknown)}`);
    }
  }
}

export const CONTEXT_NAMES: readonly ContextName[] = ['directory', 'intake', 'legal-aid', 'mediation'];

/** Token issuing and verification, visible to every context module. */
@Module({})
class PlatformAuthModule {}

/**
 * Production verifies tokens from the configured identity provider; outside production the demo
 * issuer signs and verifies its own (key in the data directory). loadConfig refuses production
 * without a key, so the demo issuer can never be switched on by a missing variable.
 */
export function authModule(config: PlatformConfig, options: { readonly verifiesTokens: boolean } = { verifiesTokens: true }): DynamicModule {
  const auth = config.auth;
  // Services and the projector are reached only through the gateway, which verified the caller:
  // they hold no key (and never race the gateway to create the demo key in a shared directory).
  const providers: Provider[] = !options.verifiesTokens
    ? [
        { provide: DEMO_ISSUER_TOKEN, useValue: null },
        { provide: TOKEN_VERIFIER, useValue: null },
      ]
    : auth
    ? [
        { provide: DEMO_ISSUER_TOKEN, useValue: null },
        {
          provide: TOKEN_VERIFIER,
          useFactory: (clock: Clock) => new TokenVerifier({ issuer: auth.issuer, audience: auth.audience, jwksUrl: auth.jwksUrl, publicKeyPem: auth.publicKeyPem, clock }),
          inject: [CLOCK],
        },
      ]
    : [
        { provide: DEMO_ISSUER_TOKEN, useFactory: () => DemoIssuer.open(config.dataDir) },
        {
          provide: TOKEN_VERIFIER,
          useFactory: (issuer: DemoIssuer, clock: Clock) => new TokenVerifier({ issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, publicJwk: issuer.publicJwk, clock }),
          inject: [DEMO_ISSUER_TOKEN, CLOCK],
        },
      ];
  return { module: PlatformAuthModule, global: true, providers, exports: [DEMO_ISSUER_TOKEN, TOKEN_VERIFIER] };
}

/**
 * Apollo's Fastify integration calls the context function with the Fastify request (Express gave
 * `{ req }`): resolvers, the guard and the loaders keep reading `context.req`, the request the edge
 * already put the verified caller on.
 */
export const graphqlContext = (request: object): { req: object } => ({ req: request });

/** The GraphQL edge: limits, rate limits, Apollo with safe errors. The same in both modes. */
export function graphqlModules(config: PlatformConfig): DynamicModule[] {
  return [
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
      context: graphqlContext,
    }),
  ];
}

/** The platform-wide resolvers; deny by default (every resolver declares who may call it); PlsErrors as GraphQL errors. */
export const GATEWAY_PROVIDERS: Provider[] = [
  SystemResolver,
  PersonalDataResolver,
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_FILTER, useClass: PlsErrorFilter },
];
