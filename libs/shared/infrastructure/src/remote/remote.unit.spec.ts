import 'reflect-metadata';
import { Inject, Injectable, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EVENT_STORE, READ_STORE, silentLogger } from '@pls/event-sourcing';
import { ConcurrencyConflict, DomainRuleViolation, Forbidden, InvalidInput, NotFound, Unauthenticated } from '@pls/shared-kernel';
import { exportedUseCases, needsEventStore, useCaseMethods, withRemoteUseCases } from './use-case-ownership';
import { UseCaseServer } from './use-case.server';
import { decodeWire, encodeWire, fromWireError, ServiceUnavailable, toWireError, type UseCaseCall } from './wire';

@Injectable()
class Commands {
  constructor(@Inject(EVENT_STORE) readonly store: unknown) {}
}

@Injectable()
class RegisterThing {
  constructor(readonly commands: Commands) {}
  async execute(input: { name: string }): Promise<{ name: string }> {
    return input;
  }
  async undo(): Promise<boolean> {
    return true;
  }
  _internal(): boolean {
    return false;
  }
}

@Injectable()
class ThingQueries {
  constructor(@Inject(READ_STORE) readonly readStore: unknown) {}
  async list(): Promise<string[]> {
    return [];
  }
}

@Module({})
class ThingApplicationModule {}
@Module({})
class ThingApiModule {}

const application: DynamicModule = { module: ThingApplicationModule, providers: [Commands, RegisterThing, ThingQueries], exports: [RegisterThing, ThingQueries] };
const api: DynamicModule = { module: ThingApiModule, imports: [application], providers: [] };

describe('which classes run in the owning service', () => {
  it('given a use case built from a class that injects the event store, then it needs the store', () => {
    expect(needsEventStore(RegisterThing)).toBe(true);
  });

  it('given a query that reads only the read store, then it stays in the gateway', () => {
    expect(needsEventStore(ThingQueries)).toBe(false);
  });

  it('given an API module, then its application module\'s exported use cases are found, and no query', () => {
    expect(exportedUseCases(api)).toEqual([RegisterThing]);
  });

  it('given a use case, then its public methods are forwarded and the underscored ones are not', () => {
    expect(useCaseMethods(RegisterThing).sort()).toEqual(['execute', 'undo']);
  });

  it('given the gateway\'s copy of a module, then the use case is replaced by the proxy and the rest is untouched', () => {
    const proxies: Type[] = [];
    const rewired = withRemoteUseCases(api, (type): Provider => {
      proxies.push(type);
      return { provide: type, useValue: 'proxy' };
    });
    const rewiredApplication = rewired.imports![0] as DynamicModule;
    expect(proxies).toEqual([RegisterThing]);
    expect(rewiredApplication.providers).toEqual([Commands, { provide: RegisterThing, useValue: 'proxy' }, ThingQueries]);
    expect(application.providers).toEqual([Commands, RegisterThing, ThingQueries]);
  });
});

describe('the command wire', () => {
  it('given dates, bytes and undefined, when encoded and decoded, then they come back as they were', () => {
    const value = { at: new Date('2026-03-02T01:00:00.000Z'), png: Buffer.from([1, 2, 3]), nested: [{ when: new Date('2026-01-01T00:00:00.000Z') }], none: null };
    const decoded = decodeWire<typeof value>(encodeWire(value));
    expect(decoded.at).toEqual(value.at);
    expect(Buffer.from(decoded.png)).toEqual(value.png);
    expect(decoded.nested[0]!.when).toBeInstanceOf(Date);
    expect(decoded.none).toBeNull();
    expect(decodeWire(encodeWire(undefined))).toBeUndefined();
  });

  it('given a client string that looks like a tag, then it stays a string (only whole single-key objects are tags)', () => {
    expect(decodeWire(encodeWire({ note: '$pls:date' }))).toEqual({ note: '$pls:date' });
  });

  it.each([
    [new DomainRuleViolation('ORG_DOES_NOT_SERVE_LINE', 'no'), DomainRuleViolation],
    [new InvalidInput('MALFORMED', 'bad', { field: 'x' }), InvalidInput],
    [new NotFound('MATTER_NOT_FOUND', 'none'), NotFound],
    [new ConcurrencyConflict('WRONG_EXPECTED_REVISION', 'raced'), ConcurrencyConflict],
    [new Forbidden('MATTER_OUTSIDE_SCOPE', 'not yours'), Forbidden],
    [new Unauthenticated('TOKEN_EXPIRED', 'expired'), Unauthenticated],
    [new ServiceUnavailable('SERVICE_TIMEOUT', 'slow'), ServiceUnavailable],
  ])('given a service refusing with %s, then the gateway rethrows the same class, code, message and details', (error, type) => {
    const back = fromWireError(JSON.parse(JSON.stringify(toWireError(error))));
    expect(back).toBeInstanceOf(type);
    expect({ code: back.code, message: back.message, details: back.details, category: back.category }).toEqual({ code: error.code, message: error.message, details: error.details, category: error.category });
  });

  it('given an unexpected failure in a service, then only a generic internal error crosses the wire', () => {
    const wire = toWireError(new Error('SQLITE_CORRUPT at /data/intake-events.sqlite'));
    expect(wire).toEqual({ category: 'INTERNAL', code: 'INTERNAL', message: 'the service failed to handle the command' });
  });
});

describe('the service side of the command transport', () => {
  const instance = new RegisterThing(new Commands(null));
  const outcomes: string[] = [];
  const server = new UseCaseServer(
    { service: 'things', useCases: [RegisterThing], token: 'internal-secret', status: async () => ({ headPosition: 7, relayedPosition: 7 }), onCall: (useCase, method, outcome) => outcomes.push(`${useCase}.${method}:${outcome}`) },
    silentLogger,
    { get: () => instance } as unknown as ModuleRef,
  );
  const call = (overrides: Partial<UseCaseCall> = {}): UseCaseCall => ({ useCase: 'RegisterThing', method: 'execute', args: encodeWire([{ name: '罗大勇' }]), correlationId: 'c-1', token: 'internal-secret', ...overrides });

  it('given the gateway\'s token, when it calls a use case, then the result comes back encoded', async () => {
    const reply = await server.handle(call());
    expect(reply).toEqual({ ok: true, result: encodeWire({ name: '罗大勇' }) });
    expect(outcomes).toContain('RegisterThing.execute:ok');
  });

  it.each([
    ['a wrong token', { token: 'guess' }, 'INTERNAL_TOKEN_INVALID'],
    ['no token', { token: undefined as unknown as string }, 'INTERNAL_TOKEN_INVALID'],
    ['a class the service does not serve', { useCase: 'Commands' }, 'USE_CASE_NOT_FOUND'],
    ['a private method', { method: '_internal' }, 'USE_CASE_NOT_FOUND'],
    ['the constructor', { method: 'constructor' }, 'USE_CASE_NOT_FOUND'],
  ])('given %s, then the call is refused without running anything', async (_, overrides, code) => {
    const reply = await server.handle(call(overrides));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe(code);
  });

  it('given a use case that refuses, then the refusal is an answer, not a transport failure', async () => {
    jest.spyOn(instance, 'execute').mockRejectedValueOnce(new DomainRuleViolation('NAME_TAKEN', 'taken'));
    const reply = await server.handle(call());
    expect(reply).toEqual({ ok: false, error: { category: 'RULE_VIOLATION', code: 'NAME_TAKEN', message: 'taken' } });
    expect(outcomes).toContain('RegisterThing.execute:refused');
  });
});
