export * from './decider-specification';
export * from './memory-event-store';
export * from './event-store.conformance';
export * from './checkpoint-store.conformance';
export * from './event-bus.conformance';
export * from './read-store.conformance';
export * from './projection.conformance';
