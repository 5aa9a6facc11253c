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
