export * from './directory-vocabulary.contract';
export * from './directory-lookup.contract';
export * from './directory-events.contract';
