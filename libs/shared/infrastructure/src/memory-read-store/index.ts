export * from './memory-read-store.adapter';
export type { QueryStats } from './query-planner';
