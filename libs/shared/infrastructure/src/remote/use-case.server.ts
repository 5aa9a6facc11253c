import { timingSafeEqual } from 'node:crypto';
import { Controller, Inject, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LOGGER, type Logger } from '@pls/event-sourcing';
import { decodeWire, encodeWire, toWireError, USE_CASE_PATTERN, type UseCaseCall, type UseCaseReply, type WireError } from './wire';
import { STATUS_PATTERN, type ServiceStatus, type StatusRequest } from './remote-use-case.client';
import { useCaseMethods } from './use-case-ownership';

export interface UseCaseServerOptions {
  readonly service: string;
  /** The classes this service answers for: the exported use cases of the contexts it owns. */
  readonly useCases: readonly Type[];
  readonly token: string;
  readonly status: (request: StatusRequest) => Promise<Omit<ServiceStatus, 'service'>>;
  readonly onCall?: (useCase: string, method: string, outcome: 'ok' | 'refused' | 'failed', seconds: number) => void;
}

export const USE_CASE_SERVER_OPTIONS = Symbol.for('pls.UseCaseServerOptions');

/**
 * The owning service's side of the command transport: only the listed classes and their public
 * methods are callable, every call must carry the internal token, and every outcome — including a
 * refusal — is an answer, so the gateway can tell "refused" from "service down".
 */
@Controller()
export class UseCaseServer {
  private readonly routes: Map<string, { type: Type; methods: Set<string> }>;

  constructor(
    @Inject(USE_CASE_SERVER_OPTIONS) private readonly options: UseCaseServerOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly moduleRef: ModuleRef,
  ) {
    this.routes = new Map(options.useCases.map((type) => [type.name, { type, methods: new Set(useCaseMethods(type)) }]));
  }

  @MessagePattern(USE_CASE_PATTERN)
  async handle(@Payload() call: UseCaseCall): Promise<UseCaseReply> {
    const started = process.hrtime.bigint();
    if (!this.authorised(call?.token)) return refusal({ category: 'UNAUTHENTICATED', code: 'INTERNAL_TOKEN_INVALID', message: 'the caller is not the gateway' });
    const route = this.routes.get(call.useCase);
    if (!route || !route.methods.has(call.method)) {
      return refusal({ category: 'NOT_FOUND', code: 'USE_CASE_NOT_FOUND', message: `the ${this.options.service} service has no ${call.useCase}.${call.method}` });
    }
    const instance = this.moduleRef.get(route.type, { strict: false }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    let outcome: 'ok' | 'refused' | 'failed' = 'ok';
    try {
      const args = decodeWire<unknown[]>(call.args);
      const method = instance[call.method];
      if (typeof method !== 'function') throw new Error(`${call.useCase}.${call.method} is not a method`);
      const result = await method.apply(instance, args);
      return { ok: true, result: encodeWire(result) };
    } catch (error) {
      const wire = toWireError(error);
      outcome = wire.category === 'INTERNAL' ? 'failed' : 'refused';
      if (outcome === 'failed') this.logger.error('use case failed', { useCase: call.useCase, method: call.method, correlationId: call.correlationId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return refusal(wire);
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.onCall?.(call.useCase, call.method, outcome, seconds);
      this.logger.debug('use case called', { useCase: call.useCase, method: call.method, correlationId: call.correlationId, outcome, ms: Math.round(seconds * 1000) });
    }
  }

  @MessagePattern(STATUS_PATTERN)
  async status(@Payload() request: StatusRequest & { token?: string }): Promise<ServiceStatus> {
    if (!this.authorised(request?.token)) throw new Error('the caller is not the gateway');
    return { service: this.options.service, ...(await this.options.status({ projected: request.projected === true, settle: request.settle === true })) };
  }

  private authorised(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.options.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function refusal(error: WireError): UseCaseReply {
  return { ok: false, error };
}
