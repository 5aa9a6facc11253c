export * from './directory-api.module';
