export * from './query-limits';
export * from './rate-limit';
export * from './gateway-edge';
export * from './input-screen';
