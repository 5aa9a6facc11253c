import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Public } from '@pls/shared-api';
import { ProcessMetrics } from './metrics';

export interface ReadinessProbe {
  readonly name: string;
  probe(): Promise<string>;
}

export const READINESS_PROBES = Symbol.for('pls.ReadinessProbes');

interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: unknown): void;
}

/**
 * Liveness (the process answers), readiness (every dependency answered its probe) and Prometheus
 * metrics, on every process of the distributed mode. Readiness failing takes a replica out of
 * the load balancer without restarting it; liveness failing restarts it.
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_PROBES) private readonly probes: readonly ReadinessProbe[]) {}

  @Public()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res() response: HttpResponse): Promise<void> {
    const components = await Promise.all(
      this.probes.map(async ({ name, probe }) => {
        try {
          return { name, status: 'up', detail: await withDeadline(probe(), 3000) };
        } catch (error) {
          return { name, status: 'down', detail: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = components.every((component) => component.status === 'up');
    response.status(ready ? 200 : 503).type('application/json').send({ status: ready ? 'ready' : 'not ready', components });
  }
}

@Controller()
export class MetricsController {
  constructor(private readonly metrics: ProcessMetrics) {}

  @Public()
  @Get('metrics')
  async metricsText(@Res() response: HttpResponse): Promise<void> {
    response.status(200).type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })]).finally(() => clearTimeout(timer));
}
