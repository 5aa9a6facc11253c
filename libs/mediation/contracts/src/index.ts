export * from './mediation.contract';
