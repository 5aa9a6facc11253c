import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DemoSignIn } from '@pls/directory-application';
import { type Caller, DEMO_ISSUER_TOKEN, type DemoIssuer, Public } from '@pls/shared-api';
import { Forbidden } from '@pls/shared-kernel';
import { LIMITS, requiredText } from '../edge/edge-input';
import { DemoSession } from '../graphql/staff.types';
import { meNode } from './me.resolver';

export const DEMO_TOKEN_TTL_SECONDS = 8 * 3600;

@Resolver()
export class DemoSignInResolver {
  constructor(
    @Inject(DEMO_ISSUER_TOKEN) private readonly issuer: DemoIssuer | null,
    private readonly signIn: DemoSignIn,
  ) {}

  /**
   * Embedded demo mode only: production configuration has no demo issuer, so this is refused
   * (DEMO_SIGN_IN_DISABLED) and tokens come from the identity provider. Tokens are issued on the
   * wall clock, which the verifier checks them against, not on the platform clock (which a test
   * or a demo may have set to another day).
   */
  @Public()
  @Mutation(() => DemoSession, { description: 'Demo mode: a token for a demo user (username as printed at start, or a user id). Refused with DEMO_SIGN_IN_DISABLED in production.' })
  async demoSignIn(@Args('username') username: string): Promise<DemoSession> {
    if (this.issuer === null) throw new Forbidden('DEMO_SIGN_IN_DISABLED', 'demo sign-in exists only in embedded demo mode; sign in through your identity provider');
    const claims = await this.signIn.claimsFor(requiredText(username, 'username', LIMITS.username));
    const caller: Caller = { ...claims, roles: [...claims.roles], lines: [...claims.lines] };
    const now = new Date();
    const token = await this.issuer.issue(caller, { now, ttlSeconds: DEMO_TOKEN_TTL_SECONDS });
    // The token's exp is in whole seconds; say exactly that.
    const expiresAt = new Date((Math.floor(now.getTime() / 1000) + DEMO_TOKEN_TTL_SECONDS) * 1000).toISOString();
    return { token, expiresAt, caller: meNode(caller) };
  }
}
