import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, GraphQLModule, Mutation, Query, Resolver } from '@nestjs/graphql';
import { createHttpAdapter, graphqlContext } from '@pls/platform-host';
import { DEFAULT_QUERY_LIMITS, formatGraphQLError, queryLimitRule } from '@pls/shared-api';

/**
 * The two ceilings the full-flow benchmark compares the platform with, each run in its own process
 * (`node reference-servers.js bare|nest`) so that it has the server's core to itself, as the
 * platform has. Prints `listening on <port>` once it accepts connections.
 */
export const TRIVIAL_MUTATION = 'mutation { ping(input: "x") }';

/** `@apollo/server` on Node's own HTTP server: no framework at all. */
async function startBareApollo(): Promise<number> {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String } type Mutation { ping(input: String!): String }',
    resolvers: { Query: { hello: () => 'hello' }, Mutation: { ping: (_: unknown, args: { input: string }) => args.input } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return Number(new URL(url).port);
}

@Resolver()
class TrivialResolver {
  @Query(() => String)
  hello(): string {
    return 'hello';
  }

  @Mutation(() => String)
  ping(@Args('input') input: string): string {
    return input;
  }
}

/**
 * The platform's gateway stack with nothing of the platform behind it: Nest on the platform's own
 * Fastify adapter (`createHttpAdapter`: the same JSON body limit and body-error answers) and the
 * same GraphQL module options (Apollo driver through `@as-integrations/fastify`, code-first
 * schema, query-limit validation rule, error formatter, context). No auth guard, no rate-limit
 * and input-screen hooks (they need the token verifier), no event store.
 */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: true,
      validationRules: [queryLimitRule(DEFAULT_QUERY_LIMITS)],
      formatError: (formatted, error) => formatGraphQLError(formatted, error, { exposeInternals: true }),
      context: graphqlContext,
    }),
  ],
  providers: [TrivialResolver],
})
class TrivialGatewayModule {}

async function startTrivialNest(): Promise<number> {
  const app = await NestFactory.create(TrivialGatewayModule, createHttpAdapter({ bodyLimit: '1mb' }), { logger: ['warn', 'error'], bodyParser: false, rawBody: false });
  await app.listen(0, '127.0.0.1');
  return Number(new URL(await app.getUrl()).port);
}

async function main(kind: string | undefined): Promise<void> {
  const port = kind === 'bare' ? await startBareApollo() : kind === 'nest' ? await startTrivialNest() : null;
  if (port === null) throw new Error(`usage: reference-servers.js bare|nest (got ${kind})`);
  process.stdout.write(`listening on ${port}\n`);
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
