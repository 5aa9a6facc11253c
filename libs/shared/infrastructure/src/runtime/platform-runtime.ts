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
import { ReactionTracker } from './reaction-tracker';

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
  /** Which registered reactors this process runs: all (embedded), none, or those a service owns. */
  readonly reactors?: boolean | ((reactorName: string) => boolean);
  /**
   * Distributed services: the projector runs in another process, so "caught up" also means that its
   * consumer group has handled what this service's relay published (read-your-writes).
   */
  readonly projectedBy?: { readonly groupId: string; readonly topics: readonly string[] };
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
    private readonly reactions: ReactionTracker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { store, bus, readStore, relayCheckpoints, logger } = this.adapters;
    const started = Date.now();
    if (this.options.projector) {
      this.runner = new ProjectionRunner({ readStore, projections: this.registry.projections, logger });
      await this.runner.open();
      await this.runner.follow(bus, this.options.projector.groupId, this.options.projector.topics);
    }
    const runsReactor = typeof this.options.reactors === 'function' ? this.options.reactors : () => this.options.reactors !== false;
    if (this.options.reactors !== false) {
      for (const reactor of this.registry.reactors.filter((candidate) => runsReactor(candidate.name))) {
        this.reactorConsumers.push(await bus.subscribe({ groupId: reactor.name, topics: reactor.topics, handler: (message) => this.reactions.react(message.value as never, () => reactor.handle(message.value as never)) }));
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
      if (this.options.projectedBy) {
        const { bus } = this.adapters;
        if (!bus.whenGroupCaughtUp) throw new Error('projectedBy needs a bus that can observe another process\'s consumer group');
        await bus.whenGroupCaughtUp(this.options.projectedBy.groupId, this.options.projectedBy.topics);
      }
      const after = await this.adapters.store.headPosition();
      if (after === before) return after;
    }
  }

  /**
   * Read-your-writes for one command in this process: resolves once the events at `positions` and,
   * transitively, whatever the reactors appended in response to them are projected. Each pass waits
   * for the relay, the projector and the reactors to handle what is in the store now, so a caller
   * waits for the consequences of its own events (and whatever is queued ahead of them), never for
   * the process to fall quiet.
   */
  async whenHandled(positions: readonly number[]): Promise<number> {
    if (this.options.projectedBy) return this.whenProjected();
    let pending = positions;
    let position = 0;
    while (pending.length > 0) {
      position = (await this.relay?.whenCaughtUp()) ?? 0;
      await this.runner?.whenCaughtUp();
      for (const consumer of this.reactorConsumers) await consumer.whenCaughtUp();
      pending = this.reactions.effectsOf(pending);
    }
    return position;
  }

  /**
   * Read-your-writes in a distributed service: everything in this service's store when called has
   * been published and handled by the projector's group. One pass, unlike `whenCaughtUp`, so a busy
   * service never keeps a caller waiting on other callers' writes.
   */
  async whenProjected(): Promise<number> {
    const position = (await this.relay?.whenCaughtUp()) ?? 0;
    if (this.options.projectedBy && this.adapters.bus.whenGroupCaughtUp) {
      await this.adapters.bus.whenGroupCaughtUp(this.options.projectedBy.groupId, this.options.projectedBy.topics);
    } else {
      await this.runner?.whenCaughtUp();
    }
    return position;
  }

  /** Position of the last event the relay has published (0 without a relay). */
  get relayedPosition(): number {
    return this.relay?.position ?? 0;
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
