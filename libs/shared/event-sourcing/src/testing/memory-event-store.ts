import type { EventToAppend, RecordedEvent } from '../envelope';
import {
  assertValidAppend,
  assertValidReadAll,
  assertValidReadStream,
  eventIdConflict,
  EVENT_STORE_ERRORS,
  matchesFilter,
  NO_STREAM_REVISION,
  revisionSatisfies,
  serializeEventPayload,
  wrongExpectedRevision,
} from '../event-store.validation';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeToAllOptions, Subscription } from '../ports/event-store.port';
import { InvalidInput } from '@pls/shared-kernel';

/**
 * An EventStore held in memory, for unit tests of command handlers, reactors and projections. It
 * passes the same conformance suite as the real adapters (see its int spec), so a test written
 * against it means the same thing on SQLite or KurrentDB.
 */
export class MemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    assertValidAppend(streamId, events, options.expectedRevision);
    const payloads = events.map((event) => ({ data: serializeEventPayload(event.data, event.eventId, 'data'), metadata: serializeEventPayload(event.metadata, event.eventId, 'metadata') }));
    const stream = this.streams.get(streamId) ?? [];
    const known = events.filter((event) => this.byId.has(event.eventId));
    if (known.length > 0) {
      const replay = events.map((event) => this.byId.get(event.eventId));
      const exact = known.length === events.length && replay.every((recorded, index) => recorded?.streamId === streamId && (index === 0 || recorded.streamRevision === replay[index - 1]!.streamRevision + 1));
      if (!exact) throw eventIdConflict(streamId, known.map((event) => event.eventId));
      const recorded = replay as RecordedEvent[];
      return { nextExpectedRevision: recorded[recorded.length - 1].streamRevision, lastPosition: recorded[recorded.length - 1].globalPosition, events: recorded, idempotentReplay: true };
    }
    const actual = stream.length === 0 ? NO_STREAM_REVISION : stream.length - 1;
    if (!revisionSatisfies(options.expectedRevision, actual)) throw wrongExpectedRevision(streamId, options.expectedRevision, actual);
    const recorded = events.map((event, index): RecordedEvent => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      occurredAt: event.occurredAt,
      data: JSON.parse(payloads[index].data),
      metadata: JSON.parse(payloads[index].metadata),
      streamId,
      streamRevision: stream.length + index,
      globalPosition: this.all.length + index + 1,
    }));
    for (const event of recorded) {
      stream.push(event);
      this.all.push(event);
      this.byId.set(event.eventId, event);
    }
    this.streams.set(streamId, stream);
    for (const listener of this.listeners) listener();
    return { nextExpectedRevision: stream.length - 1, lastPosition: this.all.length, events: recorded.map(copy), idempotentReplay: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadStream(streamId, options);
    const from = options.fromRevision ?? 0;
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    const result: RecordedEvent[] = [];
    for (let index = options.after ?? 0; index < this.all.length; index++) {
      if (options.maxCount !== undefined && result.length >= options.maxCount) break;
      if (matchesFilter(this.all[index], options.filter)) result.push(copy(this.all[index]));
    }
    return result;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    assertValidReadAll(options);
    if (typeof options.onEvents !== 'function') throw new InvalidInput(EVENT_STORE_ERRORS.subscriptionStopped, 'a subscription needs an onEvents handler');
    const batchSize = options.maxCount ?? 500;
    let position = options.after ?? 0;
    // Index into `all` up to which everything was delivered or filtered out.
    let scanned = position;
    let failure: unknown = null;
    let stopped = false;
    let running: Promise<void> | null = null;
    let waiters: { target: number; resolve: (position: number) => void; reject: (error: unknown) => void }[] = [];
    const settle = (): void => {
      const ready = waiters.filter((waiter) => scanned >= waiter.target);
      waiters = waiters.filter((waiter) => scanned < waiter.target);
      for (const waiter of ready) waiter.resolve(position);
    };
    const pump = async (): Promise<void> => {
      while (!stopped && scanned < this.all.length) {
        const batch: RecordedEvent[] = [];
        let index = scanned;
        while (index < this.all.length && batch.length < batchSize) {
          if (matchesFilter(this.all[index], options.filter)) batch.push(copy(this.all[index]));
          index++;
        }
        if (batch.length > 0) {
          await options.onEvents(batch);
          position = batch[batch.length - 1].globalPosition;
        }
        scanned = index;
        settle();
      }
      if (!stopped) options.onCaughtUp?.(position);
    };
    let pumping = false;
    const wake = (): void => {
      // `pumping` is set before pump() runs: a handler that appends re-enters wake() synchronously.
      if (stopped || pumping) return;
      pumping = true;
      running = pump()
        .catch((error: unknown) => {
          failure = error;
          stopped = true;
          this.listeners.delete(wake);
          for (const waiter of waiters) waiter.reject(error);
          waiters = [];
          options.onError?.(error);
        })
        .finally(() => {
          running = null;
          pumping = false;
          // A whenCaughtUp() asked after the last batch but before this point (from onCaughtUp) waits here.
          settle();
          if (!stopped && scanned < this.all.length) wake();
        });
    };
    this.listeners.add(wake);
    queueMicrotask(wake);
    return {
      get position() {
        return position;
      },
      whenCaughtUp: () => {
        if (failure) return Promise.reject(failure);
        if (stopped) return Promise.reject(new InvalidInput(EVENT_STORE_ERRORS.subscriptionStopped, 'the subscription has stopped'));
        const target = this.all.length;
        if (scanned >= target && !pumping) return Promise.resolve(position);
        return new Promise<number>((resolve, reject) => {
          waiters.push({ target, resolve, reject });
          wake();
        });
      },
      stop: async () => {
        stopped = true;
        this.listeners.delete(wake);
        await running;
        for (const waiter of waiters) waiter.reject(new InvalidInput(EVENT_STORE_ERRORS.subscriptionStopped, 'the subscription was stopped'));
        waiters = [];
      },
    };
  }

  async headPosition(): Promise<number> {
    return this.all.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput(EVENT_STORE_ERRORS.storeClosed, 'the event store is closed');
  }
}

function copy(event: RecordedEvent): RecordedEvent {
  return structuredClone(event);
}
