import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { AppendResult, EventStore, ReadAllOptions, RecordedEvent, StreamAppend } from '@pls/event-sourcing';

/** How many reactions' effects are remembered; a waiter reads its entry right after the reaction ran. */
const REMEMBERED_REACTIONS = 10_000;

/**
 * Records which events each reactor appended in response to which event, so that a mutation can
 * wait for exactly the consequences of its own events (read-your-writes including reactor effects)
 * instead of waiting for the whole process to fall quiet, which under many concurrent writers it
 * seldom does. Appends made while a reactor handles an event are attributed to that event through
 * async context, so concurrent requests' appends never count as its effects.
 */
@Injectable()
export class ReactionTracker {
  private readonly current = new AsyncLocalStorage<number[]>();
  /** Global position of a handled event → positions its reactors appended (only non-empty ones). */
  private readonly effects = new Map<number, number[]>();

  /** Runs a reactor's handling of `event`, attributing every append made meanwhile to it. */
  async react(event: RecordedEvent, handle: () => Promise<void>): Promise<void> {
    const appended: number[] = [];
    await this.current.run(appended, handle);
    if (appended.length === 0) return;
    const known = this.effects.get(event.globalPosition);
    this.effects.set(event.globalPosition, known ? [...known, ...appended] : appended);
    if (this.effects.size > REMEMBERED_REACTIONS) this.effects.delete(this.effects.keys().next().value as number);
  }

  /** Positions appended by reactors in response to these events (not transitively). */
  effectsOf(positions: readonly number[]): number[] {
    return positions.flatMap((position) => this.effects.get(position) ?? []);
  }

  /** The store as the contexts see it: every append inside a reaction is recorded as its effect. */
  track(store: EventStore): EventStore {
    const record = (result: AppendResult): AppendResult => {
      const appended = this.current.getStore();
      if (appended) appended.push(...result.events.map((event) => event.globalPosition));
      return result;
    };
    const appendToStreams = store.appendToStreams?.bind(store);
    const readAllForReplay = store.readAllForReplay?.bind(store);
    return {
      appendToStream: async (streamId, events, options) => record(await store.appendToStream(streamId, events, options)),
      ...(appendToStreams ? { appendToStreams: async (appends: readonly StreamAppend[]) => (await appendToStreams(appends)).map(record) } : {}),
      readStream: (streamId, options) => store.readStream(streamId, options),
      readAll: (options) => store.readAll(options),
      ...(readAllForReplay ? { readAllForReplay: (options?: ReadAllOptions) => readAllForReplay(options) } : {}),
      subscribeToAll: (options) => store.subscribeToAll(options),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
    };
  }
}
