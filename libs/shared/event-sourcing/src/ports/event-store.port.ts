import type { EventToAppend, RecordedEvent } from '../envelope';

/**
 * What the writer believes the stream's last revision is. `no_stream`: the stream must not exist;
 * a number: its last event has that revision; `any`: no check (only for idempotent system writes).
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended (or, on an idempotent re-append, already present) event. */
  readonly lastPosition: number;
  readonly events: readonly RecordedEvent[];
  /** True when every event id was already in the stream: nothing new was written. */
  readonly idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

/**
 * Which events of `$all` a reader wants. An absent or empty prefix list does not constrain; prefixes
 * within a list are OR'd; stream and type lists are AND'd.
 */
export interface AllFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypePrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: return events with a global position greater than this (a checkpoint). Default 0. */
  readonly after?: number;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

/** For a subscription, `maxCount` is the largest batch handed to `onEvents`, not a total. */
export interface SubscribeToAllOptions extends ReadAllOptions {
  /**
   * Called with the next events in global order (one or more), awaiting each call before the next.
   * Batches let a relay publish many events per round trip. A throw stops the subscription.
   */
  readonly onEvents: (events: readonly RecordedEvent[]) => Promise<void> | void;
  /** Called each time the subscriber has processed everything that existed when it last looked. */
  readonly onCaughtUp?: (position: number) => void;
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Position of the last event handed to onEvents (or the starting checkpoint). */
  readonly position: number;
  /**
   * Resolves, with `position` (the last delivered event, not the head), once every event appended
   * before this call has been handled. Rejects with the handler's error after a failure, or with
   * SUBSCRIPTION_STOPPED after `stop()`.
   */
  whenCaughtUp(): Promise<number>;
  /** Resolves after the in-flight `onEvents` returns: awaiting it from inside `onEvents` deadlocks. */
  stop(): Promise<void>;
}

/**
 * The source of truth. An acknowledged append is durable; appends to one stream are ordered and
 * guarded by expected revision; `$all` is a total order every reader sees the same way.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Optional capability: several streams in one commit, all or none, each part guarded by its own
   * expected revision; results in the order of the parts. An adapter that cannot make it atomic
   * leaves it out, and callers append stream by stream instead.
   */
  appendToStreams?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional capability: the same page of `$all` as `readAll`, for a reader that only reads each
   * event's fields while it folds the page — a projection rebuild. An adapter may hand out lighter
   * objects here: `metadata` is then a getter on their prototype, parsed on first access, so a
   * spread or `structuredClone` of such an event leaves the metadata out (`JSON.stringify` keeps it).
   * Copy an event field by field to keep it. Rebuilds read through it where it is offered.
   */
  readAllForReplay?(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /** Catch-up from `after`, then live: one ordered feed with no gap between the two phases. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Global position of the last event in the store (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
