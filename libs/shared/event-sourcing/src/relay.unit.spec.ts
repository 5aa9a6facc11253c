import type { EventToAppend } from './envelope';
import { eventIdFor } from './envelope';
import type { Consumer, ConsumerOptions, EventBus, OutgoingMessage } from './ports/event-bus.port';
import { EVENT_HEADERS, Relay } from './relay';
import { MemoryEventStore } from './testing/memory-event-store';
import type { CheckpointStore } from './ports/checkpoint-store.port';

/** Records what reaches the bus; can be told to fail its next publishes, like a broker going away. */
class RecordingBus implements EventBus {
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  failNext = 0;
  private waiters: { count: number; resolve: () => void }[] = [];
  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('broker unavailable');
    }
    for (const message of messages) this.published.push({ topic, message });
    this.waiters = this.waiters.filter((waiter) => (this.published.length >= waiter.count ? (waiter.resolve(), false) : true));
  }
  received(count: number): Promise<void> {
    return this.published.length >= count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
  async subscribe(_options: ConsumerOptions): Promise<Consumer> {
    throw new Error('not used by the relay');
  }
  async close(): Promise<void> {
    this.waiters = [];
  }
}

class Checkpoints implements CheckpointStore {
  readonly positions = new Map<string, number>();
  async load(name: string): Promise<number> {
    return this.positions.get(name) ?? 0;
  }
  async store(name: string, position: number): Promise<void> {
    this.positions.set(name, Math.max(position, this.positions.get(name) ?? 0));
  }
  async reset(name: string): Promise<void> {
    this.positions.delete(name);
  }
}

const actor = { userId: 'u', orgId: 'o', roles: [] };
function event(type: string, commandId: string): EventToAppend {
  return { eventId: eventIdFor(commandId, 0), type, schemaVersion: 1, occurredAt: '2026-03-02T00:00:00.000Z', data: { commandId }, metadata: { commandId, correlationId: `corr-${commandId}`, causationId: commandId, actor } };
}

describe('Relay', () => {
  it('publishes each event to its context topic, keyed by stream id, with tracing headers, then stores the checkpoint', async () => {
    const store = new MemoryEventStore();
    const bus = new RecordingBus();
    const checkpoints = new Checkpoints();
    await store.appendToStream('intake.matter-m1', [event('intake.MatterRegistered', 'c1')], { expectedRevision: 'no_stream' });
    await store.appendToStream('legal-aid.application-a1', [event('legal-aid.ApplicationReceived', 'c2')], { expectedRevision: 'no_stream' });
    const relay = new Relay({ name: 'platform', store, bus, checkpoints, filter: {} });
    await relay.start();
    await relay.whenCaughtUp();
    expect(bus.published.map(({ topic, message }) => [topic, message.key])).toEqual([
      ['pls.intake', 'intake.matter-m1'],
      ['pls.legal-aid', 'legal-aid.application-a1'],
    ]);
    expect(bus.published[0].message.headers).toMatchObject({ [EVENT_HEADERS.eventType]: 'intake.MatterRegistered', [EVENT_HEADERS.correlationId]: 'corr-c1' });
    expect(checkpoints.positions.get('platform')).toBe(2);
    await relay.stop();
  });

  it('relays only the streams its filter owns', async () => {
    const store = new MemoryEventStore();
    const bus = new RecordingBus();
    await store.appendToStream('intake.matter-m1', [event('intake.MatterRegistered', 'c1')], { expectedRevision: 'no_stream' });
    await store.appendToStream('legal-aid.application-a1', [event('legal-aid.ApplicationReceived', 'c2')], { expectedRevision: 'no_stream' });
    const relay = new Relay({ name: 'legal-aid', store, bus, checkpoints: new Checkpoints(), filter: { streamPrefixes: ['legal-aid.'] } });
    await relay.start();
    await relay.whenCaughtUp();
    expect(bus.published.map(({ message }) => message.key)).toEqual(['legal-aid.application-a1']);
    await relay.stop();
  });

  it('given a restart, then it resumes after its checkpoint and does not republish what was acknowledged', async () => {
    const store = new MemoryEventStore();
    const bus = new RecordingBus();
    const checkpoints = new Checkpoints();
    await store.appendToStream('intake.matter-m1', [event('intake.MatterRegistered', 'c1')], { expectedRevision: 'no_stream' });
    const first = new Relay({ name: 'platform', store, bus, checkpoints, filter: {} });
    await first.start();
    await first.whenCaughtUp();
    await first.stop();
    await store.appendToStream('intake.matter-m2', [event('intake.MatterRegistered', 'c2')], { expectedRevision: 'no_stream' });
    const second = new Relay({ name: 'platform', store, bus, checkpoints, filter: {} });
    await second.start();
    await second.whenCaughtUp();
    expect(bus.published.map(({ message }) => message.key)).toEqual(['intake.matter-m1', 'intake.matter-m2']);
    await second.stop();
  });

  it('given the bus fails, then the checkpoint does not move and the relay resumes and publishes once the bus is back', async () => {
    const store = new MemoryEventStore();
    const bus = new RecordingBus();
    const checkpoints = new Checkpoints();
    bus.failNext = 2;
    await store.appendToStream('intake.matter-m1', [event('intake.MatterRegistered', 'c1')], { expectedRevision: 'no_stream' });
    const relay = new Relay({ name: 'platform', store, bus, checkpoints, filter: {}, restartDelayMs: 1 });
    await relay.start();
    await bus.received(1);
    expect(bus.published.map(({ message }) => message.key)).toEqual(['intake.matter-m1']);
    await relay.whenCaughtUp();
    expect(checkpoints.positions.get('platform')).toBe(1);
    await relay.stop();
  });
});
