export * from './wire';
export * from './use-case-ownership';
export * from './remote-use-case.client';
export * from './use-case.server';
