import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  PROCESS_REGISTRY,
  ProjectionRunner,
  Relay,
  type AllFilter,
  type CheckpointStore,
  type Consumer,
  type EventBus,
  type EventStore,
  type Logger,
  type ProcessRegistry,
  type ReadStore,
} from '@pls/event-sourcing';
import type { Clock } from '@pls/shared-kernel';

export interface RuntimeAdapters {
  readonly store: EventStore;
  readonly bus: EventBus;
  readonly readStore: ReadStore;
  /** Where the relay keeps its position: volatile with a volatile bus, durable with Kafka. */
  readonly relayCheckpoints: CheckpointStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RuntimeOptions {
  /** Which processes this runtime runs: the embedded platform runs all three in one process. */
  readonly relay?: { readonly name: string; readonly filter: AllFilter };
  readonly projector?: { readonly groupId: string; readonly topics: readonly string[] };
  readonly reactors?: boolean;
}

export const RUNTIME_ADAPTERS = Symbol.for('pls.RuntimeAdapters');
export const RUNTIME_OPTIONS = Symbol.for('pls.RuntimeOptions');

/**
 * Starts the moving parts once every context module has registered its projections and reactors,
 * and stops them in reverse order on shutdown so that nothing acknowledged is lost: the relay
 * stops first, consumers finish their message, then the stores flush and close.
 */
@Injectable()
export class PlatformRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: Relay | null = null;
  private runner: ProjectionRunner | null = null;
  private readonly reactorConsumers: Consumer[] = [];
  private closed = false;

  constructor(
    @Inject(RUNTIME_ADAPTERS) private readonly adapters: RuntimeAdapters,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeOptions,
    @Inject(PROCESS_REGISTRY) private readonly registry: ProcessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { store, bus, readStore, relayCheckpoints, logger } = this.adapters;
    const started = Date.now();
    if (this.options.projector) {
      this.runner = new ProjectionRunner({ readStore, projections: this.registry.projections, logger });
      await this.runner.open();
      await this.runner.follow(bus, this.options.projector.groupId, this.options.projector.topics);
    }
    if (this.options.reactors !== false) {
      for (const reactor of this.registry.reactors) {
        this.reactorConsumers.push(await bus.subscribe({ groupId: reactor.name, topics: reactor.topics, handler: (message) => reactor.handle(message.value as never) }));
      }
    }
    if (this.options.relay) {
      this.relay = new Relay({ name: this.options.relay.name, store, bus, checkpoints: relayCheckpoints, filter: this.options.relay.filter, logger });
      await this.relay.start();
    }
    let position = await this.whenCaughtUp();
    for (const task of this.registry.startupTasks) {
      const taskStarted = Date.now();
      await task.run();
      position = await this.whenCaughtUp();
      logger.info('startup task done', { task: task.name, ms: Date.now() - taskStarted, position });
    }
    logger.info('runtime caught up', { position, ms: Date.now() - started, projections: this.registry.projections.length, reactors: this.registry.reactors.length });
  }

  /**
   * Resolves when every event in the store at the time of the call has been relayed and handled by
   * the projections and reactors of this process. Tests and read-your-writes queries wait on it.
   */
  async whenCaughtUp(): Promise<number> {
    // Reactors append new events while they run: repeat until a whole round added nothing.
    for (;;) {
      const before = await this.adapters.store.headPosition();
      await this.relay?.whenCaughtUp();
      await this.runner?.whenCaughtUp();
      for (const consumer of this.reactorConsumers) await consumer.whenCaughtUp();
      const after = await this.adapters.store.headPosition();
      if (after === before) return after;
    }
  }

  get projections(): ProjectionRunner {
    if (!this.runner) throw new Error('this process runs no projector');
    return this.runner;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { store, bus, readStore, logger } = this.adapters;
    await this.relay?.stop();
    for (const consumer of this.reactorConsumers) await consumer.stop();
    await this.runner?.stop();
    await bus.close();
    await readStore.close();
    await store.close();
    logger.info('runtime stopped cleanly');
  }
}
