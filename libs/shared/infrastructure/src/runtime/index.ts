export * from './platform-runtime';
export * from './runtime.module';
export * from './json-logger';
export * from './reaction-tracker';
