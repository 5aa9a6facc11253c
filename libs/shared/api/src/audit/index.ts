export * from './personal-data-audit';
