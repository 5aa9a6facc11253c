import 'reflect-metadata';
import { Body, Controller, Get, Header, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { LOGGER, RecordingLogger } from '@pls/event-sourcing';
import { PlsErrorFilter } from '@pls/shared-api';
import { InvalidInput } from '@pls/shared-kernel';
import { bodyLimitBytes, createHttpAdapter } from './http-edge';
import { HealthController, MetricsController, READINESS_PROBES, type ReadinessProbe } from './observability/health.controller';
import { ProcessMetrics } from './observability/metrics';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

@Controller('page')
class HtmlPageController {
  @Get(':code')
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Param('code') code: string): string {
    if (code !== 'LZ-AMAQ-6KVA') throw new InvalidInput('CASE_CODE_MALFORMED', 'a case code is two letters, seven symbols and a check symbol');
    return `<p>${code}</p>`;
  }
}

const probes: ReadinessProbe[] = [];
const logger = new RecordingLogger();

@Module({
  controllers: [EchoController, HtmlPageController, HealthController, MetricsController],
  providers: [
    { provide: LOGGER, useValue: logger },
    { provide: APP_FILTER, useClass: PlsErrorFilter },
    { provide: READINESS_PROBES, useValue: probes },
    { provide: ProcessMetrics, useFactory: () => new ProcessMetrics('edge-test') },
  ],
})
class EdgeTestModule {}

describe('the HTTP edge on Fastify', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(EdgeTestModule, createHttpAdapter({ bodyLimit: '1kb' }), { logger: false, bodyParser: false, rawBody: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (body: string, contentType = 'application/json') => fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('parses a JSON body within the limit and keeps prototype keys for the input screen to name', async () => {
    const response = await post('{"a":1,"__proto__":{"admin":true}}');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual(JSON.parse('{"a":1,"__proto__":{"admin":true}}'));
  });

  it.each([
    ['a body that is not JSON', '{"query": "mutation {', 'application/json', 400, 'MALFORMED_BODY'],
    ['an empty JSON body', '', 'application/json', 400, 'MALFORMED_BODY'],
    ['a body over the limit', JSON.stringify({ pad: 'x'.repeat(1100) }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
    ['a form body', 'query=%7B%7D', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('answers %s as GraphQL-shaped JSON with its status and reason', async (_name, body, contentType, status, reason) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    const answer = (await response.json()) as { errors: { message: string; extensions: unknown }[] };
    expect(answer.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason });
    expect(answer.errors[0].message).not.toContain('mutation');
  });

  it('answers a refusal on an HTML route as JSON with its code, not as a fault', async () => {
    expect(await (await fetch(`${base}/page/LZ-AMAQ-6KVA`)).text()).toBe('<p>LZ-AMAQ-6KVA</p>');
    const refused = await fetch(`${base}/page/nonsense`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(await refused.json()).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CASE_CODE_MALFORMED' });
    expect(logger.entries).toEqual([]);
  });

  it('answers an unknown route with NOT_FOUND as JSON', async () => {
    const missing = await fetch(`${base}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers readiness 200 while every probe answers and 503 with the failing component when one does not', async () => {
    probes.splice(0, probes.length, { name: 'store', probe: async () => 'sqlite' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toContain('application/json');
    expect(await ready.json()).toEqual({ status: 'ready', components: [{ name: 'store', status: 'up', detail: 'sqlite' }] });

    probes.push({ name: 'bus', probe: async () => Promise.reject(new Error('broker gone')) });
    const notReady = await fetch(`${base}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', components: [{ name: 'store', status: 'up' }, { name: 'bus', status: 'down', detail: 'broker gone' }] });
  });

  it('answers liveness and Prometheus metrics in the exposition format', async () => {
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('# TYPE');
  });
});

describe('bodyLimitBytes', () => {
  it('reads the configured sizes 1024-based, as the body limit always counted them', () => {
    expect([bodyLimitBytes('512b'), bodyLimitBytes('512kb'), bodyLimitBytes('1mb'), bodyLimitBytes('2MB')]).toEqual([512, 524_288, 1_048_576, 2_097_152]);
  });
  it('refuses a size it cannot read', () => {
    expect(() => bodyLimitBytes('1gb')).toThrow(/1mb or 512kb/);
  });
});
