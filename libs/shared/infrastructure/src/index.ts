export * from './sqlite';
export * from './in-process-bus';
export * from './memory-read-store';
export * from './embedded/memory-checkpoint-store.adapter';
export * from './runtime';
export * from './kurrentdb';
export * from './kafka';
export * from './mongo';
