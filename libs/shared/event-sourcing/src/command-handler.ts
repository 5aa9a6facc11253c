import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import type { Command, Decider, DomainEvent } from './decider';
import { eventIdFor, qualifiedType, shortType, type EventToAppend, type RecordedEvent } from './envelope';
import type { EventStore, ExpectedRevision } from './ports/event-store.port';
import { UpcasterRegistry } from './upcasters';

export interface CommandResult<E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  /** Revision of the stream's last event after the command (-1: the stream still does not exist). */
  readonly revision: number;
  readonly events: readonly RecordedEvent<E['data']>[];
  /** The command id had already been handled: these are the events it produced the first time. */
  readonly idempotentReplay: boolean;
}

export interface CommandHandlerOptions<C extends Command, E extends DomainEvent, S> {
  /** Context name used to qualify event types: `legal-aid` → `legal-aid.ApplicationGranted`. */
  readonly context: string;
  readonly decider: Decider<C, E, S>;
  readonly store: EventStore;
  readonly upcasters?: UpcasterRegistry;
  /** Schema version written for each event type (default 1). */
  readonly schemaVersionOf?: (type: E['type']) => number;
  /** Re-runs of load → decide → append after a revision conflict. Default 3. */
  readonly maxRetries?: number;
}

/**
 * load → fold → decide → append with the expected revision. A conflict means someone else wrote
 * first: re-read and decide again (bounded). A command id seen before returns the events it
 * produced then, so a client or reactor retrying after a timeout never acts twice.
 */
export class CommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly upcasters: UpcasterRegistry;
  private readonly maxRetries: number;

  constructor(private readonly options: CommandHandlerOptions<C, E, S>) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0) {
      throw new InvalidInput('BAD_RETRY_COUNT', `maxRetries must be a non-negative integer, got ${options.maxRetries}`);
    }
  }

  /** Fold the stream into state (for queries that need the aggregate, and for tests). */
  async load(streamId: string): Promise<{ state: S; revision: number; history: RecordedEvent[] }> {
    const history = (await this.options.store.readStream(streamId)).map((event) => this.upcasters.upcast(event));
    let state = this.options.decider.initialState;
    for (const event of history) state = this.options.decider.evolve(state, this.toDomain(event));
    return { state, revision: history.length === 0 ? -1 : history[history.length - 1].streamRevision, history };
  }

  async handle(streamId: string, command: C): Promise<CommandResult<E>> {
    const { commandId } = command.metadata;
    if (typeof commandId !== 'string' || commandId.length === 0) {
      throw new InvalidInput('MISSING_COMMAND_ID', 'every command needs a metadata.commandId');
    }
    for (let attempt = 0; ; attempt++) {
      const { state, revision, history } = await this.load(streamId);
      const earlier = history.filter((event) => event.metadata.commandId === commandId);
      if (earlier.length > 0) {
        return { streamId, revision: earlier[earlier.length - 1].streamRevision, events: earlier as RecordedEvent<E['data']>[], idempotentReplay: true };
      }
      const decided = this.options.decider.decide(command, state);
      if (decided.length === 0) return { streamId, revision, events: [], idempotentReplay: false };
      const expectedRevision: ExpectedRevision = revision === -1 ? 'no_stream' : revision;
      try {
        const result = await this.options.store.appendToStream(streamId, decided.map((event, index) => this.toAppend(command, event, index)), { expectedRevision });
        return { streamId, revision: result.nextExpectedRevision, events: result.events as RecordedEvent<E['data']>[], idempotentReplay: result.idempotentReplay };
      } catch (error) {
        if (error instanceof ConcurrencyConflict && attempt < this.maxRetries) continue;
        throw error;
      }
    }
  }

  private toAppend(command: C, event: E, index: number): EventToAppend {
    const { metadata } = command;
    return {
      eventId: eventIdFor(metadata.commandId, index),
      type: qualifiedType(this.options.context, event.type),
      schemaVersion: this.options.schemaVersionOf?.(event.type) ?? 1,
      occurredAt: metadata.now,
      data: event.data,
      metadata: {
        commandId: metadata.commandId,
        correlationId: metadata.correlationId ?? metadata.commandId,
        causationId: metadata.causationId ?? metadata.commandId,
        actor: metadata.actor,
        ...(metadata.regionCode === undefined ? {} : { regionCode: metadata.regionCode }),
        ...(metadata.caseCode === undefined ? {} : { caseCode: metadata.caseCode }),
      },
    };
  }

  private toDomain(event: RecordedEvent): E {
    return { type: shortType(event.type), data: event.data } as E;
  }
}
