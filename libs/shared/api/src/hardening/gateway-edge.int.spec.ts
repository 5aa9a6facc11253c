import 'reflect-metadata';
import { All, Controller, Global, Module, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Caller } from '@pls/shared-kernel';
import { TOKEN_VERIFIER } from '../auth/auth.guard';
import { GatewayEdgeModule } from './gateway-edge';

const verified: string[] = [];
const caller = (userId: string): Caller => ({ userId, name: userId, orgId: 'org', roles: ['clerk'], regionCode: '510000000000', lines: [] });

@Global()
@Module({
  providers: [{
    provide: TOKEN_VERIFIER,
    useValue: {
      verify: async (header: string | undefined) => {
        verified.push(header ?? '');
        if (header?.startsWith('Bearer user-')) return caller(header.slice('Bearer '.length));
        throw new Error('invalid token');
      },
    },
  }],
  exports: [TOKEN_VERIFIER],
})
class FakeVerifierModule {}

@Controller()
class StandInController {
  @All('graphql')
  graphql(@Req() request: { caller?: Caller }): { caller: string | null } {
    return { caller: request.caller?.userId ?? null };
  }

  @All('other')
  other(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  imports: [FakeVerifierModule, GatewayEdgeModule.forRoot({ perIp: { burst: 8, perSecond: 1 }, perUser: { burst: 2, perSecond: 1 } })],
  controllers: [StandInController],
})
class EdgeModule {}

describe('the gateway edge hooks on /graphql', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(EdgeModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, authorization?: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });
  const reasonOf = async (response: Response) => ((await response.json()) as { errors?: { extensions?: { code?: string; reason?: string } }[] }).errors?.[0]?.extensions;

  it('refuses $-keys in POSTed variables with BAD_USER_INPUT (FORBIDDEN_KEY), and leaves other routes alone', async () => {
    const refused = await post('/graphql', { query: '{ a }', variables: { filter: { $where: '1' } } });
    expect(refused.status).toBe(400);
    expect(await reasonOf(refused)).toEqual({ code: 'BAD_USER_INPUT', reason: 'FORBIDDEN_KEY' });
    expect((await post('/other', { variables: { filter: { $where: '1' } } })).status).toBe(200);
  });

  it('screens GET variables from the query string too', async () => {
    const refused = await fetch(`${base}/graphql?query=${encodeURIComponent('{ a }')}&variables=${encodeURIComponent(JSON.stringify({ name: 'a\u202eb' }))}`);
    expect(refused.status).toBe(400);
    expect(await reasonOf(refused)).toEqual({ code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTERS' });
  });

  it('verifies a bearer token once, hands the caller on, and refuses a user beyond their burst with 429 and Retry-After', async () => {
    verified.length = 0;
    const first = await post('/graphql', { query: '{ a }' }, 'Bearer user-chen');
    expect(await first.json()).toEqual({ caller: 'user-chen' });
    expect(verified).toEqual(['Bearer user-chen']);
    expect((await post('/graphql', { query: '{ a }' }, 'Bearer user-chen')).status).toBe(200);
    const refused = await post('/graphql', { query: '{ a }' }, 'Bearer user-chen');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await reasonOf(refused)).toMatchObject({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED' });
    // An invalid token is left to the guard: only the address's bucket applies to it.
    const anonymous = await post('/graphql', { query: '{ a }' }, 'Bearer forged');
    expect(await anonymous.json()).toEqual({ caller: null });
  });

  it('does not count requests to other routes against the address', async () => {
    for (let i = 0; i < 12; i++) expect((await post('/other', {})).status).toBe(200);
  });
});
