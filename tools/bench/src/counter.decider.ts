import { eventIdFor, qualifiedType, streamName, type Actor, type Command, type Decider, type DomainEvent, type EventToAppend } from '@pls/event-sourcing';

/**
 * The smallest decider that still behaves like a real one: the event carries a total computed
 * from the state, so a writer that decided on a stale state must lose the revision check and
 * retry. That is what makes the concurrent-writers figure honest about conflicts.
 */
export type CounterCommand = Command<'Increment', { readonly by: number }>;
export type CounterEvent = DomainEvent<'Incremented', { readonly by: number; readonly total: number }>;

export interface CounterState {
  readonly total: number;
  readonly increments: number;
}

export const COUNTER_CONTEXT = 'bench';

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0, increments: 0 },
  decide(command, state) {
    switch (command.type) {
      case 'Increment':
        return [{ type: 'Incremented', data: { by: command.data.by, total: state.total + command.data.by } }];
      default: {
        const unexpected: never = command.type;
        throw new TypeError(`unknown counter command ${String(unexpected)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Incremented':
        return { total: event.data.total, increments: state.increments + 1 };
      default: {
        const unexpected: never = event.type;
        throw new TypeError(`unknown counter event ${String(unexpected)}`);
      }
    }
  },
};

// Shaped like a clerk's command in production, so the stored metadata has a realistic size.
const ACTOR: Actor = { userId: 'bench-clerk-0001', orgId: 'org-110105-legal-aid-centre', roles: ['clerk', 'reviewer'] };
const EPOCH = Date.UTC(2025, 0, 1);

export function counterStream(index: number): string {
  return streamName(COUNTER_CONTEXT, 'counter', String(index).padStart(6, '0'));
}

/** Precomputed once per stream index: building stream names is not what the benchmark measures. */
export function counterStreams(count: number): string[] {
  return Array.from({ length: count }, (_, index) => counterStream(index));
}

export function incrementCommand(commandId: string, sequence: number): CounterCommand {
  return {
    type: 'Increment',
    data: { by: 1 },
    metadata: { commandId, now: new Date(EPOCH + sequence * 1000).toISOString(), actor: ACTOR, regionCode: '110105' },
  };
}

/**
 * The events `CommandHandler` would have written for `count` increments from `fromRevision`, built
 * directly: the fold benchmark needs long streams, and producing them one command at a time would
 * spend minutes on setup.
 */
export function incrementEvents(streamId: string, fromRevision: number, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, offset) => {
    const revision = fromRevision + offset;
    const commandId = `${streamId}:increment:${revision}`;
    return {
      eventId: eventIdFor(commandId, 0),
      type: qualifiedType(COUNTER_CONTEXT, 'Incremented'),
      schemaVersion: 1,
      occurredAt: new Date(EPOCH + revision * 1000).toISOString(),
      data: { by: 1, total: revision + 1 },
      metadata: { commandId, correlationId: commandId, causationId: commandId, actor: ACTOR, regionCode: '110105' },
    };
  });
}
