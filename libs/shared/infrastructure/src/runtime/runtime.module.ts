import { Module, type DynamicModule } from '@nestjs/common';
import { CHECKPOINT_STORE, CLOCK, EVENT_BUS, EVENT_STORE, LOGGER, PROCESS_REGISTRY, PROJECTION_CATCH_UP, ProcessRegistry, READ_STORE } from '@pls/event-sourcing';
import { ReactionTracker } from './reaction-tracker';
import { PlatformRuntime, RUNTIME_ADAPTERS, RUNTIME_OPTIONS, type RuntimeAdapters, type RuntimeOptions } from './platform-runtime';

export interface RuntimeModuleOptions extends RuntimeOptions {
  /** Opens the adapters for this mode (embedded: SQLite + in-process bus + memory read store). */
  readonly adapters: () => Promise<RuntimeAdapters>;
}

/**
 * Binds the ports to one mode's adapters for every context module in the process, and runs the
 * relay, projector and reactors. The same context modules run unchanged in either mode.
 */
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    const { adapters, ...runtimeOptions } = options;
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: RUNTIME_ADAPTERS, useFactory: adapters },
        { provide: RUNTIME_OPTIONS, useValue: runtimeOptions },
        { provide: PROCESS_REGISTRY, useValue: new ProcessRegistry() },
        ReactionTracker,
        { provide: EVENT_STORE, useFactory: (a: RuntimeAdapters, reactions: ReactionTracker) => reactions.track(a.store), inject: [RUNTIME_ADAPTERS, ReactionTracker] },
        { provide: EVENT_BUS, useFactory: (a: RuntimeAdapters) => a.bus, inject: [RUNTIME_ADAPTERS] },
        { provide: READ_STORE, useFactory: (a: RuntimeAdapters) => a.readStore, inject: [RUNTIME_ADAPTERS] },
        { provide: CHECKPOINT_STORE, useFactory: (a: RuntimeAdapters) => a.relayCheckpoints, inject: [RUNTIME_ADAPTERS] },
        { provide: CLOCK, useFactory: (a: RuntimeAdapters) => a.clock, inject: [RUNTIME_ADAPTERS] },
        { provide: LOGGER, useFactory: (a: RuntimeAdapters) => a.logger, inject: [RUNTIME_ADAPTERS] },
        PlatformRuntime,
        // In one process the projector is here and "caught up" is the whole loop; a distributed service
        // waits only for its own writes to reach the projector in another process.
        runtimeOptions.projectedBy
          ? { provide: PROJECTION_CATCH_UP, useFactory: (runtime: PlatformRuntime) => ({ whenCaughtUp: () => runtime.whenProjected(), whenHandled: () => runtime.whenProjected() }), inject: [PlatformRuntime] }
          : { provide: PROJECTION_CATCH_UP, useExisting: PlatformRuntime },
      ],
      exports: [RUNTIME_ADAPTERS, PROCESS_REGISTRY, EVENT_STORE, EVENT_BUS, READ_STORE, CHECKPOINT_STORE, CLOCK, LOGGER, PlatformRuntime, PROJECTION_CATCH_UP],
    };
  }
}
