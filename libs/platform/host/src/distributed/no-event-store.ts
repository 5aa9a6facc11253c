import type { AppendResult, EventStore, RecordedEvent, Subscription } from '@pls/event-sourcing';

/**
 * The event store of a process that owns no streams (the gateway, the projector). Writing or
 * reading events here is a wiring mistake, and says so; the head is whatever `head` reports —
 * nothing for the projector, the services' heads summed for the gateway's health view.
 */
export class NoEventStore implements EventStore {
  constructor(
    private readonly processName: string,
    private readonly head: () => Promise<number> = async () => 0,
  ) {}

  appendToStream(): Promise<AppendResult> {
    return Promise.reject(this.misuse('append'));
  }

  readStream(): Promise<RecordedEvent[]> {
    return Promise.reject(this.misuse('read a stream'));
  }

  readAll(): Promise<RecordedEvent[]> {
    return Promise.reject(this.misuse('read $all'));
  }

  subscribeToAll(): Subscription {
    throw this.misuse('subscribe to $all');
  }

  headPosition(): Promise<number> {
    return this.head();
  }

  async close(): Promise<void> {
    // Nothing was opened.
  }

  private misuse(what: string): Error {
    return new Error(`the ${this.processName} owns no event streams and cannot ${what}: commands belong in the owning service`);
  }
}
