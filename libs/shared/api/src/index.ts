export * from './graphql-errors';
export * from './system.resolver';
export * from './auth';
