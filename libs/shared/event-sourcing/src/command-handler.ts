import { ConcurrencyConflict, InvalidInput } from '@pls/shared-kernel';
import type { Command, Decider, DomainEvent } from './decider';
import { eventIdFor, qualifiedType, shortType, type EventToAppend, type RecordedEvent } from './envelope';
import type { AppendResult, EventStore, ExpectedRevision, StreamAppend } from './ports/event-store.port';
import { UpcasterRegistry } from './upcasters';

export interface CommandResult<E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  /** Revision of the stream's last event after the command (-1: the stream still does not exist). */
  readonly revision: number;
  /** Shared with the handler's cached state when the events were just appended: read-only, like states. */
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
  /**
   * How many streams keep their folded state between commands, least recently used out first.
   * Default 10,000; 0 turns the cache off. Memory is about this many states plus one command id
   * per event of each cached stream.
   */
  readonly cachedStreams?: number;
}

export interface HandleOptions {
  /**
   * Other streams' events that must land in the same commit as the command's, or not at all (a
   * reservation the command depends on). Needs a store with `appendToStreams`. A conflict on one of
   * these streams is the caller's to resolve: it is thrown at once, not retried here.
   */
  readonly alongside?: readonly StreamAppend[];
  /**
   * The caller expects a stream nobody has written yet (its id is fresh): decide on the initial state
   * and append with `no_stream`, sparing the read. If the stream exists after all (a retry), the
   * store refuses and the command takes the full path, which finds its first result.
   */
  readonly expectNewStream?: boolean;
}

/** Default bound of the folded-state cache, in streams. */
export const DEFAULT_CACHED_STREAMS = 10_000;

/** A stream as the handler last knew it. Replaced, never changed, except for `commandIds` (below). */
interface KnownStream<S> {
  /** The fold of events 0…revision, upcast exactly as a read would give them. */
  readonly state: S;
  /** -1: the stream did not exist. */
  readonly revision: number;
  /**
   * Every command id among events 0…revision. A command whose id is here takes the full read,
   * which finds its first result. The set is shared with the entry that succeeds this one, so an
   * older entry may list ids it has not seen: harmless, since that only costs such a command a read.
   * A missing id would not be harmless (the command would be decided again), hence never a subset.
   */
  readonly commandIds: Set<string>;
}

/**
 * load → fold → decide → append with the expected revision. A conflict means someone else wrote
 * first: re-read and decide again (bounded). A command id seen before returns the events it
 * produced then, so a client or reactor retrying after a timeout never acts twice.
 *
 * Cached state. Reading and folding the whole stream for every command is most of a command's
 * CPU, so the handler keeps each recently used stream's folded state, revision and command ids
 * (bounded LRU), and decides the next command on it. The cache is only ever a guess at the
 * stream's head; what makes it safe is the expected revision the append carries: if anyone else
 * wrote to the stream (another process, another handler), the store refuses the append, the entry
 * is dropped and the command takes the full path (read, fold, look for its command id, decide,
 * append) as if there had been no cache. For the same reason only an accepted append is trusted
 * on cached state: a refusal or an empty decision proves nothing about the stream's head, so the
 * full path decides again and that answer is the one returned.
 *
 * States are immutable values. A cached state is handed to `decide` again and again and is the
 * base the next `evolve` starts from: a decider that changes the state it was given (or an object
 * inside it, which may be event data it kept) would corrupt every later decision on that stream
 * without any event saying so. `decide` and `evolve` must return new values, never mutate their
 * inputs; the same holds for the events a command returns, which the cached state may share.
 */
export class CommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly upcasters: UpcasterRegistry;
  private readonly maxRetries: number;
  private readonly cachedStreams: number;
  /** A Map iterates in insertion order: deleting and re-inserting a stream marks it most recently used. */
  private readonly known = new Map<string, KnownStream<S>>();

  constructor(private readonly options: CommandHandlerOptions<C, E, S>) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0) {
      throw new InvalidInput('BAD_RETRY_COUNT', `maxRetries must be a non-negative integer, got ${options.maxRetries}`);
    }
    this.cachedStreams = options.cachedStreams ?? DEFAULT_CACHED_STREAMS;
    if (!Number.isInteger(this.cachedStreams) || this.cachedStreams < 0) {
      throw new InvalidInput('BAD_CACHE_SIZE', `cachedStreams must be a non-negative integer, got ${options.cachedStreams}`);
    }
  }

  /** Fold the stream into state (for queries that need the aggregate, and for tests). Always reads the store. */
  async load(streamId: string): Promise<{ state: S; revision: number; history: RecordedEvent[] }> {
    const history = (await this.options.store.readStream(streamId)).map((event) => this.upcasters.upcast(event));
    let state = this.options.decider.initialState;
    for (const event of history) state = this.options.decider.evolve(state, this.toDomain(event));
    return { state, revision: history.length === 0 ? -1 : history[history.length - 1].streamRevision, history };
  }

  /** How many streams the cache holds now (for tests and diagnostics). */
  get cachedStreamCount(): number {
    return this.known.size;
  }

  async handle(streamId: string, command: C, options: HandleOptions = {}): Promise<CommandResult<E>> {
    const { commandId } = command.metadata;
    const alongside = options.alongside ?? [];
    if (alongside.length > 0 && !this.options.store.appendToStreams) {
      throw new InvalidInput('MULTI_STREAM_APPEND_UNSUPPORTED', 'this event store cannot append to several streams in one commit');
    }
    const onAlongsideStream = (error: unknown) => error instanceof ConcurrencyConflict && alongside.some((append) => append.streamId === error.details?.['streamId']);
    if (typeof commandId !== 'string' || commandId.length === 0) {
      throw new InvalidInput('MISSING_COMMAND_ID', 'every command needs a metadata.commandId');
    }
    const cached = this.known.get(streamId) ?? (options.expectNewStream ? { state: this.options.decider.initialState, revision: -1, commandIds: new Set<string>() } : undefined);
    // A stale entry costs one refused append, not one of the retries: it is not a race lost.
    if (cached && !cached.commandIds.has(commandId)) {
      const result = await this.handleOnCachedState(streamId, command, cached, alongside, onAlongsideStream);
      if (result) return result;
    }
    for (let attempt = 0; ; attempt++) {
      const { state, revision, history } = await this.load(streamId);
      const current: KnownStream<S> = { state, revision, commandIds: new Set(history.map((event) => event.metadata.commandId)) };
      this.remember(streamId, current);
      const earlier = history.filter((event) => event.metadata.commandId === commandId);
      if (earlier.length > 0) {
        return { streamId, revision: earlier[earlier.length - 1].streamRevision, events: earlier as RecordedEvent<E['data']>[], idempotentReplay: true };
      }
      const decided = this.options.decider.decide(command, state);
      if (decided.length === 0) return { streamId, revision, events: [], idempotentReplay: false };
      try {
        return await this.append(streamId, command, decided, current, alongside);
      } catch (error) {
        if (error instanceof ConcurrencyConflict && !onAlongsideStream(error) && attempt < this.maxRetries) continue;
        throw error;
      }
    }
  }

  /** The answer on cached state, or null when only the full path can give it (see the class comment). */
  private async handleOnCachedState(
    streamId: string,
    command: C,
    cached: KnownStream<S>,
    alongside: readonly StreamAppend[],
    onAlongsideStream: (error: unknown) => boolean,
  ): Promise<CommandResult<E> | null> {
    let decided: readonly E[];
    try {
      decided = this.options.decider.decide(command, cached.state);
    } catch {
      // Maybe refused only because the cached state is behind: the full path decides again.
      return null;
    }
    if (decided.length === 0) return null;
    try {
      return await this.append(streamId, command, decided, cached, alongside);
    } catch (error) {
      if (error instanceof ConcurrencyConflict && !onAlongsideStream(error)) return null;
      throw error;
    }
  }

  /** Append what was decided on `basis` with its revision as the expected one, and remember the stream after it. */
  private async append(streamId: string, command: C, decided: readonly E[], basis: KnownStream<S>, alongside: readonly StreamAppend[]): Promise<CommandResult<E>> {
    const expectedRevision: ExpectedRevision = basis.revision === -1 ? 'no_stream' : basis.revision;
    const events = decided.map((event, index) => this.toAppend(command, event, index));
    const { store } = this.options;
    let result: AppendResult;
    try {
      result =
        alongside.length > 0 && store.appendToStreams
          ? (await store.appendToStreams([{ streamId, events, expectedRevision }, ...alongside]))[0]
          : await store.appendToStream(streamId, events, { expectedRevision });
    } catch (error) {
      // Refused, or failed in a way that leaves it unknown whether it landed: the entry is no longer a safe guess.
      this.forget(streamId, basis);
      throw error;
    }
    const recorded = result.events as RecordedEvent<E['data']>[];
    if (result.idempotentReplay) {
      // The store already had these events (the same command through another handler): the
      // stream's head is not known from here.
      this.forget(streamId, basis);
    } else {
      this.rememberAfterAppend(streamId, basis, command.metadata.commandId, result);
    }
    return { streamId, revision: result.nextExpectedRevision, events: recorded, idempotentReplay: result.idempotentReplay };
  }

  /**
   * Folded from the events as recorded and upcast, exactly as the next full read would fold them.
   * The append has landed whatever happens here: if the fold throws (an `evolve` bug, a schema
   * version the upcasters do not know), the command still succeeds and the next command's full
   * read reports the problem, as it would without the cache.
   */
  private rememberAfterAppend(streamId: string, basis: KnownStream<S>, commandId: string, result: AppendResult): void {
    let state = basis.state;
    try {
      for (const event of result.events) state = this.options.decider.evolve(state, this.toDomain(this.upcasters.upcast(event)));
    } catch {
      this.forget(streamId, basis);
      return;
    }
    this.remember(streamId, { state, revision: result.nextExpectedRevision, commandIds: basis.commandIds.add(commandId) });
  }

  private remember(streamId: string, entry: KnownStream<S>): void {
    if (this.cachedStreams === 0) return;
    const existing = this.known.get(streamId);
    // Concurrent commands on one stream can finish out of order: never go back to an older revision.
    if (existing && existing.revision > entry.revision) return;
    this.known.delete(streamId);
    this.known.set(streamId, entry);
    if (this.known.size > this.cachedStreams) this.known.delete(this.known.keys().next().value as string);
  }

  /** Drop the entry a failed append was based on, unless a newer one has replaced it meanwhile. */
  private forget(streamId: string, basis: KnownStream<S>): void {
    if (this.known.get(streamId) === basis) this.known.delete(streamId);
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
