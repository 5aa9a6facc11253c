export * from './mongo-read-store.adapter';
export * from './mongo-checkpoint-store.adapter';
