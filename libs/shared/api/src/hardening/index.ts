export * from './query-limits';
export * from './rate-limit';
export * from './rate-limit.middleware';
export * from './input-screen';
