import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import type { AppendStreamState, EventData, Filter, Position, ReadPosition, AllStreamRecordedEvent } from '@kurrent/kurrentdb-client';
import type { KurrentDbClientPort } from './kurrentdb-event-store.adapter';

/**
 * An in-process stand-in for a KurrentDB node, behind the client's own method shapes, for the
 * adapter's logic (append decision, paging, filters, the subscription loop) where no server can
 * run. It follows the server's documented contract as the adapter relies on it: per-stream
 * revisions from 0 checked against the stream state, `$all` in log order with byte-offset
 * positions that are neither dense nor small, an inclusive start for forward `$all` reads, one
 * server-side filter (stream names or event types, prefixes or a regex), system events in `$all`,
 * a live subscription that confirms and then pushes matching events, and the client's error
 * classes. Every call yields to the event loop first, so concurrent callers interleave as over a
 * network. It proves the adapter against that contract, not KurrentDB itself: the container suite
 * in ../containers does that.
 */
export class SimulatedKurrentDb {
  private readonly log: AllStreamRecordedEvent[] = [];
  private readonly lastRevision = new Map<string, bigint>();
  private readonly live = new Set<LiveSubscription>();
  private offset = 8_192n;
  private appends = 0;

  constructor() {
    this.systemEvent('$epoch-information');
    this.systemEvent('$statsCollected');
  }

  /** A client over this node; several clients (a reopened store) share the node's data. */
  client(): KurrentDbClientPort {
    const client = {
      appendToStream: (streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) =>
        this.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? 'any'),
      readStream: (streamName: string, options: { fromRevision?: bigint | 'start' | 'end'; maxCount?: number | bigint } = {}) => this.readStream(streamName, options),
      readAll: (options: { fromPosition?: ReadPosition; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint; filter?: Filter } = {}) => this.readAll(options),
      subscribeToAll: (options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => this.subscribe(options),
      dispose: async () => undefined,
    };
    return client as unknown as KurrentDbClientPort;
  }

  private async append(streamName: string, events: readonly EventData[], state: AppendStreamState): Promise<{ success: true; nextExpectedRevision: bigint; position: Position }> {
    await nextTurn();
    const current = this.lastRevision.get(streamName);
    const satisfied = state === 'any' || (state === 'no_stream' ? current === undefined : state === 'stream_exists' ? current !== undefined : current === state);
    if (!satisfied) throw new WrongExpectedVersionError(undefined, { streamName, expected: state, current: current ?? 'no_stream' });
    const before = this.log.length;
    let revision = current ?? -1n;
    for (const event of events) {
      revision += 1n;
      this.record(streamName, revision, event.id, event.type, JSON.parse(JSON.stringify(event.data)), JSON.parse(JSON.stringify(event.metadata)));
    }
    this.lastRevision.set(streamName, revision);
    // The node writes its own events among ours, as statistics and scavenges do.
    if (++this.appends % 7 === 0) this.systemEvent('$statsCollected');
    const written = this.log.slice(before);
    for (const subscription of this.live) subscription.offer(written);
    return { success: true, nextExpectedRevision: revision, position: written[events.length - 1].position };
  }

  private async *readStream(streamName: string, options: { fromRevision?: bigint | 'start' | 'end'; maxCount?: number | bigint }): AsyncGenerator<{ event: AllStreamRecordedEvent }> {
    await nextTurn();
    if (!this.lastRevision.has(streamName)) throw new StreamNotFoundError(undefined, streamName);
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : 0n;
    let left = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const event of this.log.filter((recorded) => recorded.streamId === streamName && recorded.revision >= from)) {
      if (left-- <= 0) return;
      yield { event };
    }
  }

  private async *readAll(options: { fromPosition?: ReadPosition; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint; filter?: Filter }): AsyncGenerator<{ event: AllStreamRecordedEvent }> {
    await nextTurn();
    let left = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition ?? 'start';
    const ordered = options.direction === 'backwards' ? [...this.log].reverse() : this.log;
    for (const event of ordered) {
      if (options.direction === 'backwards') {
        if (from !== 'end' && from !== 'start' && event.position.prepare > from.prepare) continue;
      } else if (from !== 'start' && (from === 'end' || event.position.prepare < from.prepare)) {
        continue;
      }
      if (!passes(event, options.filter)) continue;
      if (left-- <= 0) return;
      yield { event };
    }
  }

  private subscribe(options: { fromPosition?: ReadPosition; filter?: Filter }): LiveSubscription {
    if (options.fromPosition !== 'end') throw new Error('the simulation only serves live subscriptions from the end, which is all the adapter asks for');
    const subscription = new LiveSubscription(options.filter, (closed) => this.live.delete(closed));
    this.live.add(subscription);
    setImmediate(() => subscription.emit('confirmation'));
    return subscription;
  }

  private record(streamId: string, revision: bigint, id: string, type: string, data: unknown, metadata: unknown): void {
    const position = { commit: this.offset, prepare: this.offset };
    this.offset += BigInt(120 + Buffer.byteLength(JSON.stringify(data ?? null)) + Buffer.byteLength(JSON.stringify(metadata ?? null)));
    this.log.push({ streamId, id, revision, type, isJson: true, created: new Date(), data, metadata, position } as AllStreamRecordedEvent);
  }

  private systemEvent(type: string): void {
    const streamId = `$stats-127.0.0.1:2113`;
    const revision = (this.lastRevision.get(streamId) ?? -1n) + 1n;
    this.lastRevision.set(streamId, revision);
    this.record(streamId, revision, randomUUID(), type, { proc: { cpu: 1 } }, {});
  }
}

class LiveSubscription extends EventEmitter {
  constructor(
    private readonly filter: Filter | undefined,
    private readonly close: (subscription: LiveSubscription) => void,
  ) {
    super();
  }

  offer(events: readonly AllStreamRecordedEvent[]): void {
    for (const event of events) if (passes(event, this.filter)) setImmediate(() => this.emit('data', { event }));
  }

  async unsubscribe(): Promise<void> {
    this.close(this);
  }
}

function passes(event: AllStreamRecordedEvent, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  return 'prefixes' in filter ? filter.prefixes.some((prefix) => subject.startsWith(prefix)) : new RegExp(filter.regex).test(subject);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
