import { DEMO_LOGINS, type DemoLogin } from '@pls/directory-domain';
import type { Caller } from '@pls/shared-api';
import type { GraphQLResponse, TestPlatform } from './test-platform';

/** The demo login of a username; throws for an unknown one. */
export function demoLogin(username: string): DemoLogin {
  const found = DEMO_LOGINS.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`no demo login ${username}`);
  return found;
}

/** The caller a demo username signs in as. */
export function callerOf(username: string): Caller {
  const user = demoLogin(username);
  return { userId: user.userId, name: user.name, orgId: user.orgId, roles: [...user.roles], regionCode: user.regionCode, lines: [...user.lines] };
}

/**
 * GraphQL calls against a test platform as demo users: one token per user (signed by the embedded
 * demo issuer, cached for the life of the session), plain calls and refusal checks. The platform is
 * read through a function, so a session can be declared before `beforeAll` starts the platform.
 */
export class GraphQLSession {
  private readonly tokens: Record<string, string> = {};

  constructor(
    private readonly platform: () => TestPlatform,
    private readonly options: { readonly ttlSeconds: number },
  ) {}

  // Arrow properties, so a spec may destructure them: `const { call, expectRefusal } = new GraphQLSession(...)`.

  /** The cached bearer token of a demo user. */
  readonly token = async (username: string): Promise<string> =>
    (this.tokens[username] ??= await this.platform().tokenFor(callerOf(username), { ttlSeconds: this.options.ttlSeconds }));

  /** Calls as a demo user, or without a token for `null`. */
  readonly call = async <T = Record<string, unknown>>(username: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> =>
    this.platform().graphql<T>(query, variables, username ? await this.token(username) : undefined);

  /** Calls and expects no error. */
  readonly ok = async <T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await this.call<T>(username, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data as T;
  };

  /** Asserts the call was refused with the code (and reason) and that the event store did not move. */
  readonly expectRefusal = async (username: string | null, query: string, variables: Record<string, unknown>, code: string, reason?: string): Promise<void> => {
    const platform = this.platform();
    const before = await platform.eventCount();
    const response = await this.call(username, query, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    if (reason) expect(response.errors?.[0]?.extensions?.reason).toBe(reason);
    await platform.whenCaughtUp();
    expect(await platform.eventCount()).toBe(before);
  };
}
