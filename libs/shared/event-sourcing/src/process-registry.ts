import type { RecordedEvent } from './envelope';
import type { Projection } from './projection';
import type { ReadDocument } from './ports/read-store.port';

/**
 * A reactor (or process manager) turns another context's integration events into this context's
 * own commands. It must be idempotent: derive command ids from `event.eventId` so a redelivered
 * event finds its command already handled.
 */
export interface Reactor {
  /** Also its consumer group: every reactor sees every message of its topics. */
  readonly name: string;
  readonly topics: readonly string[];
  handle(event: RecordedEvent): Promise<void>;
}

/**
 * Contexts register their projections and reactors here while their modules initialise; the
 * runtime (embedded or distributed) starts them once everything is registered. Keeping the list
 * framework-free lets the same contexts run in one process or in many.
 */
export class ProcessRegistry {
  private readonly projectionList: Projection<ReadDocument>[] = [];
  private readonly reactorList: Reactor[] = [];
  private readonly startupTaskList: { name: string; run: () => Promise<void> }[] = [];

  registerProjection<D extends ReadDocument>(projection: Projection<D>): void {
    if (this.projectionList.some((existing) => existing.name === projection.name)) {
      throw new Error(`projection ${projection.name} is registered twice`);
    }
    this.projectionList.push(projection as unknown as Projection<ReadDocument>);
  }

  registerReactor(reactor: Reactor): void {
    if (this.reactorList.some((existing) => existing.name === reactor.name)) throw new Error(`reactor ${reactor.name} is registered twice`);
    this.reactorList.push(reactor);
  }

  /**
   * Work to do once the relay, projector and reactors are running (the demo seed): the runtime
   * runs these in order and waits until their events are projected before serving.
   */
  registerStartupTask(name: string, run: () => Promise<void>): void {
    this.startupTaskList.push({ name, run });
  }

  get startupTasks(): readonly { name: string; run: () => Promise<void> }[] {
    return this.startupTaskList;
  }

  get projections(): readonly Projection<ReadDocument>[] {
    return this.projectionList;
  }

  get reactors(): readonly Reactor[] {
    return this.reactorList;
  }
}

export const PROCESS_REGISTRY = Symbol.for('pls.ProcessRegistry');
