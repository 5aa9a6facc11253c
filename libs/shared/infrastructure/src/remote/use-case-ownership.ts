import 'reflect-metadata';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { EVENT_STORE } from '@pls/event-sourcing';

// Nest's own metadata keys: constructor parameter types, and the tokens given with @Inject().
const PARAMTYPES = 'design:paramtypes';
const SELF_DECLARED_DEPS = 'self:paramtypes';

/**
 * A class runs where the event store is if it, or anything it is built from, injects EVENT_STORE:
 * in the distributed mode that is the owning service, and the gateway gets a proxy instead. Read
 * off the injection metadata, so a new use case is routed without anyone keeping a list.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any class constructor, whatever its parameters
export function needsEventStore(type: Function, seen: Set<unknown> = new Set()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  const declared: unknown[] = Reflect.getMetadata(PARAMTYPES, type) ?? [];
  const explicit: { index: number; param: unknown }[] = Reflect.getMetadata(SELF_DECLARED_DEPS, type) ?? [];
  const tokens = declared.map((declaredType, index) => explicit.find((entry) => entry.index === index)?.param ?? declaredType);
  for (const entry of explicit) if (entry.index >= declared.length) tokens.push(entry.param);
  return tokens.some((token) => {
    if (token === EVENT_STORE) return true;
    const resolved = isForwardRef(token) ? token.forwardRef() : token;
    return typeof resolved === 'function' && resolved !== Object && needsEventStore(resolved, seen);
  });
}

function isForwardRef(token: unknown): token is { forwardRef: () => unknown } {
  return !!token && typeof token === 'object' && typeof (token as { forwardRef?: unknown }).forwardRef === 'function';
}

/** The methods a proxy forwards: the class's own and inherited prototype methods, minus the constructor. */
export function useCaseMethods(type: Type): string[] {
  const names = new Set<string>();
  for (let prototype = type.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor' || name.startsWith('_')) continue;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Every class a module (and the modules it imports) exports that must run where the store is. */
export function exportedUseCases(module: DynamicModule): Type[] {
  const found = new Set<Type>();
  const visit = (candidate: DynamicModule): void => {
    for (const exported of candidate.exports ?? []) {
      if (typeof exported === 'function' && !isModuleClass(exported, candidate) && needsEventStore(exported)) found.add(exported as Type);
    }
    for (const imported of candidate.imports ?? []) if (isDynamicModule(imported)) visit(imported);
  };
  visit(module);
  return [...found];
}

/**
 * The gateway's copy of an owning context's module: every exported class that needs the store is
 * replaced by what `proxyFor` makes (a remote call to the owning service); reads stay local.
 */
export function withRemoteUseCases(module: DynamicModule, proxyFor: (type: Type) => Provider): DynamicModule {
  const remote = new Set(exportedUseCases(module));
  const rewrite = (candidate: DynamicModule): DynamicModule => ({
    ...candidate,
    providers: (candidate.providers ?? []).map((provider) => (typeof provider === 'function' && remote.has(provider as Type) ? proxyFor(provider as Type) : provider)),
    imports: (candidate.imports ?? []).map((imported) => (isDynamicModule(imported) ? rewrite(imported) : imported)),
  });
  return rewrite(module);
}

function isDynamicModule(value: unknown): value is DynamicModule {
  return !!value && typeof value === 'object' && 'module' in value;
}

function isModuleClass(exported: unknown, module: DynamicModule): boolean {
  return exported === module.module || (module.imports ?? []).some((imported) => imported === exported || (isDynamicModule(imported) && imported.module === exported));
}
