export * from './graphql-errors';
export * from './system.resolver';
export * from './auth';
export * from './connection';
export * from './command-metadata';
export * from './enums';
export * from './error-filter';
