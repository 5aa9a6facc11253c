import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import {
  CommandHandler,
  eventIdFor,
  qualifiedType,
  type Command,
  type CommandHandlerOptions,
  type CommandResult,
  type DomainEvent,
  type EventToAppend,
  type RecordedEvent,
} from '@pls/event-sourcing';

/**
 * PROTOTYPE — not product code. `CommandHandler.handle` with the folded state of recently used
 * streams kept in memory, to measure what re-reading the stream costs a sequential writer.
 *
 * The handler as it is reads and folds the whole stream for every command. Here a stream seen
 * before is decided on its cached state and appended with the cached revision as the expected
 * revision. That check is what makes the cache safe: if anything else wrote to the stream (another
 * process, another handler), the append is refused, the entry is dropped and the command takes the
 * handler's usual path (read, fold, check for an earlier command id, decide, append). The command
 * ids already in a stream are cached with its state, so a re-sent command still returns the first
 * result instead of being decided again on newer state. Any failed append drops the entry.
 */
export class CachedCommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly inner: CommandHandler<C, E, S>;
  private readonly cache = new Map<string, CachedStream<S>>();
  private readonly capacity: number;
  private readonly maxRetries: number;
  readonly stats = { hits: 0, misses: 0, staleEntries: 0 };

  constructor(private readonly options: CommandHandlerOptions<C, E, S> & { readonly capacity?: number }) {
    this.inner = new CommandHandler(options);
    this.capacity = options.capacity ?? 10_000;
    this.maxRetries = options.maxRetries ?? 3;
  }

  async handle(streamId: string, command: C): Promise<CommandResult<E>> {
    const { commandId } = command.metadata;
    if (typeof commandId !== 'string' || commandId.length === 0) {
      throw new InvalidInput('MISSING_COMMAND_ID', 'every command needs a metadata.commandId');
    }
    const cached = this.cache.get(streamId);
    if (cached && !cached.commandIds.has(commandId)) {
      this.stats.hits++;
      try {
        return await this.decideAndAppend(streamId, command, cached);
      } catch (error) {
        this.cache.delete(streamId);
        if (!(error instanceof ConcurrencyConflict)) throw error;
        this.stats.staleEntries++;
      }
    }
    this.stats.misses++;
    for (let attempt = 0; ; attempt++) {
      const { state, revision, history } = await this.inner.load(streamId);
      const entry: CachedStream<S> = { state, revision, commandIds: new Set(history.map((event) => event.metadata.commandId)) };
      this.remember(streamId, entry);
      if (entry.commandIds.has(commandId)) {
        const earlier = history.filter((event) => event.metadata.commandId === commandId);
        return { streamId, revision: earlier[earlier.length - 1].streamRevision, events: earlier as RecordedEvent<E['data']>[], idempotentReplay: true };
      }
      try {
        return await this.decideAndAppend(streamId, command, entry);
      } catch (error) {
        this.cache.delete(streamId);
        if (error instanceof ConcurrencyConflict && attempt < this.maxRetries) continue;
        throw error;
      }
    }
  }

  private async decideAndAppend(streamId: string, command: C, entry: CachedStream<S>): Promise<CommandResult<E>> {
    const decided = this.options.decider.decide(command, entry.state);
    if (decided.length === 0) return { streamId, revision: entry.revision, events: [], idempotentReplay: false };
    const result = await this.options.store.appendToStream(
      streamId,
      decided.map((event, index) => this.toAppend(command, event, index)),
      { expectedRevision: entry.revision === -1 ? 'no_stream' : entry.revision },
    );
    let state = entry.state;
    for (const event of decided) state = this.options.decider.evolve(state, event);
    entry.state = state;
    entry.revision = result.nextExpectedRevision;
    entry.commandIds.add(command.metadata.commandId);
    this.remember(streamId, entry);
    return { streamId, revision: result.nextExpectedRevision, events: result.events as RecordedEvent<E['data']>[], idempotentReplay: result.idempotentReplay };
  }

  /** Least recently used out first: a Map iterates in insertion order, so re-inserting marks use. */
  private remember(streamId: string, entry: CachedStream<S>): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, entry);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** As CommandHandler's (private there). */
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
}

interface CachedStream<S> {
  state: S;
  revision: number;
  readonly commandIds: Set<string>;
}
