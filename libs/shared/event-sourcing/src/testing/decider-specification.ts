import { isPlsError } from '@pls/shared-kernel';
import type { Command, Decider, DomainEvent } from '../decider';

/**
 * Given / when / then over a pure decider, so specs read as the business says them:
 *
 *   spec.given([ApplicationReceived]).when(GrantApplication).then([ApplicationGranted])
 *   spec.given([]).when(GrantApplication).thenRefuses('APPLICATION_NOT_FOUND')
 */
export function DeciderSpecification<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = (): { events: readonly E[]; state: S } => {
            let state = decider.initialState;
            for (const event of history) state = decider.evolve(state, event);
            const events = decider.decide(command, state);
            for (const event of events) state = decider.evolve(state, event);
            return { events, state };
          };
          return {
            then(expected: readonly E[] | ((events: readonly E[], state: S) => void)): void {
              const { events, state } = run();
              if (typeof expected === 'function') expected(events, state);
              else expect(events).toEqual(expected);
            },
            thenNothingHappens(): void {
              expect(run().events).toEqual([]);
            },
            thenRefuses(code: string, messagePattern?: RegExp): void {
              let refusal: unknown;
              try {
                run();
              } catch (error) {
                refusal = error;
              }
              if (refusal === undefined) throw new Error(`expected a refusal with code ${code}, but the command was accepted`);
              if (!isPlsError(refusal)) throw refusal;
              expect(refusal.code).toBe(code);
              if (messagePattern) expect(refusal.message).toMatch(messagePattern);
            },
          };
        },
      };
    },
  };
}
