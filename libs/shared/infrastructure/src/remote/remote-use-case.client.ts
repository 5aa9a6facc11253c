import { randomUUID } from 'node:crypto';
import type { Provider, Type } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { Logger } from '@pls/event-sourcing';
import { decodeWire, encodeWire, fromWireError, ServiceUnavailable, USE_CASE_PATTERN, type UseCaseCall, type UseCaseReply } from './wire';
import { useCaseMethods } from './use-case-ownership';

export interface ServiceAddress {
  readonly host: string;
  readonly port: number;
}

export const STATUS_PATTERN = 'pls.status';

/** What a service reports about itself over the command transport. */
export interface ServiceStatus {
  readonly service: string;
  readonly headPosition: number;
  readonly relayedPosition: number;
  /** With `projected` or `settle`: the position the wait covered. */
  readonly settledAt?: number;
}

/**
 * `projected`: the service's writes so far are in the read models (read-your-writes).
 * `settle`: that, and its reactors have handled everything published to them (tests, start-up).
 */
export interface StatusRequest {
  readonly projected?: boolean;
  readonly settle?: boolean;
}

/**
 * The gateway's side of the command transport (ARCHITECTURE.md §5, `CommandSender`): one TCP
 * client per owning service, a deadline on every call, and the service's typed refusals rethrown
 * as the same error classes. TCP because the gateway and services sit in one cluster network and
 * need request/response with no broker in the path; the bus stays for events only.
 */
export class CommandSender {
  private readonly clients = new Map<string, ClientProxy>();
  private readonly callsEnded = new Map<string, number>();

  constructor(
    private readonly services: Readonly<Record<string, ServiceAddress>>,
    private readonly options: { readonly token: string; readonly timeoutMs: number; readonly logger: Logger },
  ) {}

  async call(service: string, useCase: string, method: string, args: readonly unknown[]): Promise<unknown> {
    const payload: UseCaseCall = { useCase, method, args: encodeWire(args), correlationId: correlationOf(args) ?? randomUUID(), token: this.options.token };
    let reply: UseCaseReply;
    try {
      reply = await this.send<UseCaseReply>(service, USE_CASE_PATTERN, payload, `${useCase}.${method}`);
    } finally {
      // Counted however it ended: a call that timed out may still have appended.
      this.callsEnded.set(service, this.useCaseCallsEnded(service) + 1);
    }
    if (!reply.ok) throw fromWireError(reply.error);
    return decodeWire(reply.result);
  }

  /**
   * Use-case calls to `service` that have ended (answered, refused or timed out) since this sender
   * started: a read-your-writes wait that began after the count was read covers all of them.
   */
  useCaseCallsEnded(service: string): number {
    return this.callsEnded.get(service) ?? 0;
  }

  status(service: string, request: StatusRequest = {}): Promise<ServiceStatus> {
    return this.send<ServiceStatus>(service, STATUS_PATTERN, { ...request, token: this.options.token }, 'status');
  }

  get serviceNames(): string[] {
    return Object.keys(this.services);
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) await client.close();
    this.clients.clear();
  }

  private async send<T>(service: string, pattern: string, payload: unknown, what: string): Promise<T> {
    const client = this.client(service);
    try {
      return await firstValueFrom(client.send<T>(pattern, payload).pipe(timeout(this.options.timeoutMs)));
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new ServiceUnavailable('SERVICE_TIMEOUT', `the ${service} service did not answer ${what} within ${this.options.timeoutMs} ms; the command may still complete — retry with the same commandId`);
      }
      // A broken connection is dropped so the next call dials again (the service may have restarted).
      this.clients.delete(service);
      await client.close();
      this.options.logger.warn('service call failed', { service, call: what, error: error instanceof Error ? error.message : String(error) });
      throw new ServiceUnavailable('SERVICE_UNAVAILABLE', `the ${service} service is not reachable; retry with the same commandId`);
    }
  }

  private client(service: string): ClientProxy {
    const existing = this.clients.get(service);
    if (existing) return existing;
    const address = this.services[service];
    if (!address) throw new Error(`no address configured for the ${service} service`);
    const client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: address.host, port: address.port } });
    this.clients.set(service, client);
    return client;
  }
}

/** The command id a resolver derived, if the call carries one: it becomes the correlation id in the service's logs. */
function correlationOf(args: readonly unknown[]): string | null {
  for (const arg of args) {
    if (arg && typeof arg === 'object' && typeof (arg as { commandId?: unknown }).commandId === 'string') return (arg as { commandId: string }).commandId;
  }
  return null;
}

export const COMMAND_SENDER = Symbol.for('pls.CommandSender');

/** A provider standing in for `type` in the gateway: each method is a call to the owning service. */
export function remoteUseCaseProvider(service: string, type: Type): Provider {
  return {
    provide: type,
    useFactory: (sender: CommandSender) => {
      const proxy: Record<string, (...args: unknown[]) => Promise<unknown>> = Object.create(type.prototype);
      for (const method of useCaseMethods(type)) {
        Object.defineProperty(proxy, method, { value: (...args: unknown[]) => sender.call(service, type.name, method, args), enumerable: false });
      }
      return proxy;
    },
    inject: [COMMAND_SENDER],
  };
}
