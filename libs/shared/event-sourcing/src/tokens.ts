/**
 * Injection tokens for the ports. Plain symbols keep this library free of any framework: Nest
 * modules bind adapters to them (`{ provide: EVENT_STORE, useValue: store }`) and application code
 * asks for them with `@Inject(EVENT_STORE)`.
 */
export const EVENT_STORE = Symbol.for('pls.EventStore');
export const EVENT_BUS = Symbol.for('pls.EventBus');
export const READ_STORE = Symbol.for('pls.ReadStore');
export const CHECKPOINT_STORE = Symbol.for('pls.CheckpointStore');
export const CLOCK = Symbol.for('pls.Clock');
export const LOGGER = Symbol.for('pls.Logger');

/**
 * Read-your-writes for the API: a mutation awaits this before answering, so the caller's next query
 * sees its own change. In one process it waits for the projector; never used inside a decider.
 */
export interface ProjectionCatchUp {
  whenCaughtUp(): Promise<number>;
  /**
   * Read-your-writes for one command: waits until the events at these global positions, and what
   * reactors appended in response, are projected. Where absent, `whenCaughtUp` is the fallback.
   */
  whenHandled?(positions: readonly number[]): Promise<number>;
}
export const PROJECTION_CATCH_UP = Symbol.for('pls.ProjectionCatchUp');

/** Read-your-writes for a command's own events where the runtime can track them, else for everything. */
export function whenOwnEventsHandled(catchUp: ProjectionCatchUp, events: readonly { readonly globalPosition: number }[]): Promise<number> {
  return catchUp.whenHandled ? catchUp.whenHandled(events.map((event) => event.globalPosition)) : catchUp.whenCaughtUp();
}
